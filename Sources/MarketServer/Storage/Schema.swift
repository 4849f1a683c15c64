import FluentKit

/// Every migration in order. Numbered, append-only: a released migration never changes.
enum Schema {
    static let all: [any Migration] = [
        M001CreateChangeLog(),
        M002CreateUsers(),
        M003CreateAuthTokens(),
        M004CreateCatalog(),
        M005CreateJobs(),
        M006CreateJobSchedules(),
        M007CreateImportsAndNotifications(),
        M008CreateProductImages(),
        M009JobsDueIndex(),
        M010CreateCommerce(),
        M011CreateAPIKeys(),
        M012CreateFeatureFlags(),
    ]

    static var migrationCount: Int { all.count }

    static func register(on migrations: Migrations) {
        for migration in all { migrations.add(migration) }
    }
}
