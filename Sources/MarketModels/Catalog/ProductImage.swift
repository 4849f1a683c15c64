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

    /// The colour at a cell as (r, g, b), or nil outside the grid or in a malformed grid.
    public func color(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8)? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        let utf8 = Array(pixels.utf8)
        let start = (y * width + x) * 6
        guard start + 6 <= utf8.count else { return nil }
        func byte(_ i: Int) -> UInt8? {
            guard let hi = Self.hexValue(utf8[start + i]), let lo = Self.hexValue(utf8[start + i + 1]) else { return nil }
            return hi << 4 | lo
        }
        guard let r = byte(0), let g = byte(2), let b = byte(4) else { return nil }
        return (r, g, b)
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
