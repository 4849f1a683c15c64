import Foundation

extension JSONEncoder {
    /// For JSON kept in a column (variant options, notification data, import results):
    /// sorted keys, so equal values store equal text.
    static var sortedKeys: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
