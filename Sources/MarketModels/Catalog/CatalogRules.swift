import Foundation

/// Validation of catalog input, shared by the server and the vendor screens. Each rule
/// returns at most one detail per field, like the account rules.
public enum CatalogRules {
    public static let maxPriceMinorUnits: Int64 = 1_000_000_000_000
    public static let maxInventory = 1_000_000_000
    public static let maxTags = 20
    public static let maxVariants = 100

    public static func shopName(_ raw: String) -> [ErrorDetail] {
        text(raw, field: "name", min: 2, max: 80)
    }

    public static func title(_ raw: String) -> [ErrorDetail] {
        text(raw, field: "title", min: 1, max: 200)
    }

    public static func description(_ raw: String, limit: Int) -> [ErrorDetail] {
        // A string never has more characters than UTF-8 bytes: most need no counting.
        if raw.utf8.count > limit && raw.count > limit {
            return [ErrorDetail(field: "description", code: .tooLong, message: "At most \(limit) characters.")]
        }
        if !raw.isPrintableASCII && raw.unicodeScalars.contains(where: { $0.isControlCharacter && $0 != "\n" && $0 != "\t" }) {
            return [ErrorDetail(field: "description", code: .invalidCharacters, message: "Control characters are not allowed.")]
        }
        return []
    }

    public static func price(_ money: Money, field: String) -> [ErrorDetail] {
        if money.amount < 0 { return [ErrorDetail(field: "\(field).amount", code: .invalidFormat, message: "A price cannot be negative.")] }
        if money.amount > maxPriceMinorUnits { return [ErrorDetail(field: "\(field).amount", code: .tooLong, message: "This price is too large.")] }
        return []
    }

    public static func inventory(_ count: Int, field: String) -> [ErrorDetail] {
        (0...maxInventory).contains(count) ? [] : [ErrorDetail(field: field, code: .invalidFormat, message: "Stock must be between 0 and \(maxInventory).")]
    }

    /// `kitchen/mugs`: lowercase segments of letters, digits and hyphens, at most 3 deep
    /// (the server keeps one column per level, so facets roll up without a join).
    public static func category(_ raw: String) -> [ErrorDetail] {
        let path = normalizedCategory(raw)
        let segments = path.split(separator: "/", omittingEmptySubsequences: false)
        let ok = !path.isEmpty && segments.count <= 3 && segments.allSatisfy { segment in
            if let ascii = segment.asciiLettersDigits(or: [UInt8(ascii: "-")]) { return (1...40).contains(segment.utf8.count) && ascii }
            return (1...40).contains(segment.count) && segment.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" }
        }
        return ok ? [] : [ErrorDetail(field: "category", code: .invalidFormat, message: "Use a path such as kitchen/mugs: up to 3 parts of letters, digits and hyphens.")]
    }

    public static func normalizedCategory(_ raw: String) -> String {
        raw.trimmingWhitespace(newlines: false).lowercased().trimmingSlashes
    }

    public static func tags(_ raw: [String]) -> [ErrorDetail] {
        if raw.count > maxTags { return [ErrorDetail(field: "tags", code: .tooLong, message: "At most \(maxTags) tags.")] }
        for (index, tag) in raw.enumerated() {
            let normalized = normalizedTag(tag)
            let valid = normalized.asciiLettersDigits(or: [UInt8(ascii: "-"), UInt8(ascii: " ")]).map { $0 && normalized.utf8.count <= 32 }
                ?? (normalized.count <= 32 && normalized.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == " " })
            if normalized.isEmpty || !valid {
                return [ErrorDetail(field: "tags[\(index)]", code: .invalidFormat, message: "Tags are 1 to 32 letters, digits, spaces or hyphens.")]
            }
        }
        return []
    }

    public static func normalizedTag(_ raw: String) -> String {
        raw.trimmingWhitespace().lowercased().split(separator: " ", omittingEmptySubsequences: true).joined(separator: " ")
    }

    /// Deduplicated, normalised tags in the order given.
    public static func normalizedTags(_ raw: [String]) -> [String] {
        var seen = Set<String>()
        return raw.map(normalizedTag).filter { !$0.isEmpty && seen.insert($0).inserted }
    }

    public static func variants(_ variants: [VariantInput], currency: Currency) -> [ErrorDetail] {
        if variants.count > maxVariants { return [ErrorDetail(field: "variants", code: .tooLong, message: "At most \(maxVariants) variants.")] }
        var skus = Set<String>()
        var details: [ErrorDetail] = []
        for (index, variant) in variants.enumerated() {
            let field = "variants[\(index)]"
            if !isValidSKU(variant.sku) {
                details.append(ErrorDetail(field: "\(field).sku", code: .invalidFormat, message: "SKUs are 1 to 64 letters, digits, dots, hyphens or underscores."))
            } else if !skus.insert(variant.sku.uppercased()).inserted {
                details.append(ErrorDetail(field: "\(field).sku", code: .notAllowed, message: "This SKU appears twice."))
            }
            if variant.options.count > 10 || variant.options.contains(where: { $0.key.isEmpty || $0.key.count > 40 || $0.value.count > 40 }) {
                details.append(ErrorDetail(field: "\(field).options", code: .invalidFormat, message: "Up to 10 options, each name and value at most 40 characters."))
            } else if variant.options.contains(where: { Self.hasControlCharacters($0.key) || Self.hasControlCharacters($0.value) }) {
                details.append(ErrorDetail(field: "\(field).options", code: .invalidCharacters, message: "Control characters are not allowed in option names or values."))
            }
            if let price = variant.price {
                details += Self.price(price, field: "\(field).price")
                if price.currency != currency {
                    details.append(ErrorDetail(field: "\(field).price.currency", code: .notAllowed, message: "Variants are priced in the product's currency (\(currency.code))."))
                }
            }
            details += inventory(variant.inventoryCount, field: "\(field).inventoryCount")
        }
        return details
    }

    /// ASCII letters and digits (the ASCII part of `CharacterSet.alphanumerics`), `.`, `_`, `-`.
    public static func isValidSKU(_ sku: String) -> Bool {
        (1...64).contains(sku.utf8.count) && sku.asciiLettersDigits(or: [UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-")]) == true
    }

    /// `my-shop`: lowercase letters, digits and single hyphens, 3 to 60 long.
    public static func slug(_ raw: String) -> [ErrorDetail] {
        let ok = (3...60).contains(raw.count) && raw == slugify(raw)
        return ok ? [] : [ErrorDetail(field: "slug", code: .invalidFormat, message: "Use 3 to 60 lowercase letters, digits and hyphens.")]
    }

    /// `Crème Brûlée & Co.` → `creme-brulee-co`.
    public static func slugify(_ raw: String) -> String {
        let folded = raw.searchFolded
        var out = ""
        for scalar in folded.unicodeScalars {
            if scalar.isASCII, CharacterSet.alphanumerics.contains(scalar) {
                out.unicodeScalars.append(scalar)
            } else if !out.isEmpty, !out.hasSuffix("-") {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        return String(out.prefix(60))
    }

    private static func text(_ raw: String, field: String, min: Int, max: Int) -> [ErrorDetail] {
        let trimmed = raw.trimmingWhitespace()
        let ascii = trimmed.isPrintableASCII
        let count = ascii ? trimmed.utf8.count : trimmed.count
        if count < min {
            return [ErrorDetail(field: field, code: trimmed.isEmpty ? .required : .tooShort, message: "At least \(min) characters.")]
        }
        if count > max { return [ErrorDetail(field: field, code: .tooLong, message: "At most \(max) characters.")] }
        if !ascii && hasControlCharacters(trimmed) {
            return [ErrorDetail(field: field, code: .invalidCharacters, message: "Control characters are not allowed.")]
        }
        return []
    }

    /// Control characters, or the bidi embedding/override characters that make text
    /// display differently from what it is.
    static func hasControlCharacters(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.isControlCharacter || ("\u{202A}"..."\u{202E}").contains($0) }
    }
}

private extension String {
    /// Leading and trailing `/` removed (Foundation's `trimmingCharacters(in:)` bridges).
    var trimmingSlashes: String {
        guard hasPrefix("/") || hasSuffix("/") else { return self }
        return String(drop(while: { $0 == "/" }).reversed().drop(while: { $0 == "/" }).reversed())
    }
}
