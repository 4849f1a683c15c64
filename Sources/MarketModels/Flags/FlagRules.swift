import Foundation

/// Validation of flag keys and definitions, shared by the server (authoritative, on
/// `PUT /admin/flags/:key` and when loading the flags file) and the admin screen.
/// Unlike the form validators it reports every problem: a definition is edited as a
/// whole, often as a file, and one round trip per mistake would be slow.
public enum FlagRules {
    public static let maximumKeyLength = 64
    public static let maximumRules = 100

    /// Keys are 1...64 of a-z, 0-9, ".", "_" and "-", starting with a letter or digit: they
    /// appear in URLs and are hashed into rollouts, so one spelling per flag.
    public static func key(_ key: String) -> [ErrorDetail] {
        if key.isEmpty { return [ErrorDetail(field: "key", code: .required, message: "Enter a flag key.")] }
        if key.utf8.count > maximumKeyLength {
            return [ErrorDetail(field: "key", code: .tooLong, message: "A flag key can be at most \(maximumKeyLength) characters long.")]
        }
        let bytes = Array(key.utf8)
        let allowed = bytes.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || Validation.isASCIIDigit(byte)
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
        }
        if !allowed || !(Validation.isASCIILetter(bytes[0]) || Validation.isASCIIDigit(bytes[0])) {
            return [ErrorDetail(field: "key", code: .invalidFormat, message: "Use lowercase letters, digits, dots, hyphens and underscores, such as new-catalog-layout.")]
        }
        return []
    }

    /// Every problem with a definition: values of the wrong type, percentages outside
    /// 0...100, unknown operators, constraint values the operator cannot use.
    public static func definition(_ definition: FlagDefinition) -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        let type = definition.type
        if !type.accepts(definition.default) {
            details.append(ErrorDetail(field: "default", code: .invalidFormat, message: "The default must be a \(type.rawValue) value."))
        }
        if definition.rules.count > maximumRules {
            details.append(ErrorDetail(field: "rules", code: .tooLong, message: "A flag can have at most \(maximumRules) rules."))
        }
        for (index, rule) in definition.rules.enumerated() {
            let field = "rules[\(index)]"
            if !type.accepts(rule.value) {
                details.append(ErrorDetail(field: "\(field).value", code: .invalidFormat, message: "The value must be a \(type.rawValue) value."))
            }
            if let percentage = rule.percentage, !(0...100).contains(percentage) {
                details.append(ErrorDetail(field: "\(field).percentage", code: .invalidFormat, message: "A percentage is between 0 and 100."))
            }
            for (position, constraint) in (rule.constraints ?? []).enumerated() {
                details += self.constraint(constraint, field: "\(field).constraints[\(position)]")
            }
        }
        return details
    }

    static func constraint(_ constraint: FlagConstraint, field: String) -> [ErrorDetail] {
        var details: [ErrorDetail] = []
        if constraint.attribute.isEmpty {
            details.append(ErrorDetail(field: "\(field).attribute", code: .required, message: "Name the attribute to compare."))
        }
        let op = constraint.operator
        guard op.isKnown else {
            let known = FlagOperator.allCases.map(\.rawValue).joined(separator: ", ")
            return details + [ErrorDetail(field: "\(field).operator", code: .invalidFormat, message: "Unknown operator \"\(op.rawValue)\"; use one of \(known).")]
        }
        if constraint.values.isEmpty {
            details.append(ErrorDetail(field: "\(field).values", code: .required, message: "Give at least one value to compare with."))
        }
        for (index, value) in constraint.values.enumerated() {
            let valueField = "\(field).values[\(index)]"
            if op.isNumeric, value.comparableNumber == nil {
                details.append(ErrorDetail(field: valueField, code: .invalidFormat, message: "\(op.rawValue) compares numbers."))
            } else if op.isSemver, value.comparableText.flatMap(SemanticVersion.init) == nil {
                details.append(ErrorDetail(field: valueField, code: .invalidFormat, message: "\(op.rawValue) compares versions such as 1.4.0."))
            } else if value.comparableText == nil {
                details.append(ErrorDetail(field: valueField, code: .invalidFormat, message: "Compare with strings, numbers or booleans."))
            }
        }
        return details
    }
}
