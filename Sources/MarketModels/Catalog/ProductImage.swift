import Foundation

public enum ProductImageState: String, Codable, Hashable, Sendable {
    /// Stored; thumbnails are being made in the background.
    case processing
    case ready
    /// The thumbnail job gave up (the file decoded as its type but libvips could not read it).
    case failed
}

/// A tiny picture of the image, one colour per cell, for terminals: a client draws two
/// cells per character with the upper-half block (`▀`, foreground = upper, background = lower).
public struct ImagePreviewDTO: Codable, Hashable, Sendable {
    public var width: Int
    public var height: Int
    /// `width * height` colours, row by row, each six lowercase hex digits (`rrggbb`), no separators.
    public var pixels: String

    public init(width: Int, height: Int, pixels: String) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    public typealias RGB = (r: UInt8, g: UInt8, b: UInt8)

    /// The colour at a cell, or nil outside the grid, in a grid whose text is too short, or
    /// where the cell's six digits are not hex. Reads only that cell's digits.
    public func color(x: Int, y: Int) -> RGB? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let start = (y * width + x) * 6
        let utf8 = pixels.utf8
        guard start + 6 <= utf8.count else { return nil }
        return Self.rgb(utf8.dropFirst(start).prefix(6))
    }

    /// Every cell's colour row by row, in one pass (nil where a cell's digits are not hex),
    /// or nil altogether when the text does not hold exactly `width * height` cells.
    public func colors() -> [RGB?]? {
        let digits = Array(pixels.utf8)
        guard width >= 0, height >= 0, digits.count == width * height * 6 else { return nil }
        return stride(from: 0, to: digits.count, by: 6).map { Self.rgb(digits[$0..<$0 + 6]) }
    }

    /// Six hex digits as a colour.
    private static func rgb(_ digits: some Collection<UInt8>) -> RGB? {
        guard digits.count == 6 else { return nil }
        var value: UInt32 = 0
        for digit in digits {
            guard let nibble = hexValue(digit) else { return nil }
            value = value << 4 | UInt32(nibble)
        }
        return (UInt8(value >> 16), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
    }

    private static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }
}

/// An image of a product. `thumbnails` maps a size name (`small`, `medium`, `large`) to
/// its URL once made; `url` is the original.
public struct ProductImageDTO: Codable, Hashable, Sendable {
    public var id: ImageID
    public var url: String
    public var thumbnails: [String: String]
    public var state: ProductImageState
    public var contentType: String
    public var width: Int?
    public var height: Int?
    public var bytes: Int
    public var preview: ImagePreviewDTO?
    public var createdAt: Date

    public init(id: ImageID, url: String, thumbnails: [String: String], state: ProductImageState, contentType: String,
                width: Int? = nil, height: Int? = nil, bytes: Int, preview: ImagePreviewDTO? = nil, createdAt: Date) {
        self.id = id
        self.url = url
        self.thumbnails = thumbnails
        self.state = state
        self.contentType = contentType
        self.width = width
        self.height = height
        self.bytes = bytes
        self.preview = preview
        self.createdAt = createdAt
    }
}
