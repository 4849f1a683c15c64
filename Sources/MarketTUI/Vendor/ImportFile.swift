import Foundation

/// The CSV file a vendor names: `~` expanded, then checked to be a readable, non-empty
/// regular file before anything is sent, so a typo gets a sentence about the path rather
/// than a failed upload.
enum ImportFile {
    struct Problem: Error, Hashable {
        let message: String
    }

    static func resolve(_ typed: String) -> Result<URL, Problem> {
        let trimmed = typed.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return .failure(Problem(message: "Type the path of a CSV file, such as ~/products.csv.")) }
        let path = (trimmed as NSString).expandingTildeInPath
        var isDirectory: ObjCBool = false
        let files = FileManager.default
        guard files.fileExists(atPath: path, isDirectory: &isDirectory) else {
            return .failure(Problem(message: "There is no file at \(trimmed)."))
        }
        if isDirectory.boolValue { return .failure(Problem(message: "\(trimmed) is a folder; name a CSV file in it.")) }
        guard files.isReadableFile(atPath: path) else {
            return .failure(Problem(message: "You may not read \(trimmed); check its permissions."))
        }
        if let size = (try? files.attributesOfItem(atPath: path))?[.size] as? NSNumber, size.int64Value == 0 {
            return .failure(Problem(message: "\(trimmed) is empty."))
        }
        return .success(URL(fileURLWithPath: path))
    }
}
