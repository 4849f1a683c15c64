import Foundation
import JWTKit

/// The access token's payload: the contract's claims plus `tv`, the user's token version
/// at issue time, and `jti`. Time claims are checked by `TokenIssuer` against the app's
/// clock rather than here, so tests can move time.
struct AccessTokenClaims: JWTPayload, Equatable {
    var sub: SubjectClaim
    var role: String
    var iss: IssuerClaim
    var aud: AudienceClaim
    var iat: IssuedAtClaim
    var exp: ExpirationClaim
    var jti: IDClaim
    var tv: Int

    func verify(using algorithm: some JWTAlgorithm) async throws {}
}
