/// Vocabulary for synthetic catalogs. Real shop words sit at the head of a Zipf
/// distribution (so "mug" or "cotton" are common, as in real catalogs) and pronounceable
/// made-up words form the long tail, so search figures measured on it mean something.
enum SyntheticWords {
    static let nouns = """
        mug cup bowl plate vase jar teapot kettle pan skillet knife spoon fork board tray basket candle lamp lantern \
        shirt tee hoodie sweater jacket coat scarf hat cap beanie sock glove boot sneaker sandal belt wallet bag tote \
        backpack pack tent stove bottle flask headlamp compass map rope hammock chair table desk shelf stool bench \
        notebook journal pen pencil marker ink paper envelope card sticker print poster frame mirror clock rug pillow \
        blanket throw towel apron soap lotion balm oil serum brush comb keyboard mouse cable charger adapter speaker \
        headphones stand dock hub case sleeve cover ring necklace bracelet earring pendant watch planter pot seed bulb \
        shovel trowel pruner hose glove kit set bundle box crate bin hook rack puzzle game toy blocks ball kite
        """.split(separator: " ").map(String.init)

    static let adjectives = """
        blue red green black white grey navy olive cream sand rust amber teal pink yellow orange purple brown gold silver \
        small large mini classic vintage modern rustic minimal handmade organic natural soft warm light heavy compact \
        waterproof portable foldable wireless mechanical ergonomic durable reusable recycled premium everyday travel \
        outdoor indoor kitchen garden office studio cozy bold bright matte glossy speckled striped plaid floral woven
        """.split(separator: " ").map(String.init)

    static let materials = """
        ceramic stoneware porcelain cotton linen wool leather canvas bamboo oak walnut maple steel brass copper glass \
        titanium aluminium cork felt denim silk hemp clay marble concrete rattan jute resin silicone nylon merino
        """.split(separator: " ").map(String.init)

    static let descriptive = """
        made with care for daily use and built to last in every season a perfect gift for friends who love good design \
        each piece is unique finished by hand in our small studio easy to clean dishwasher safe gentle wash only \
        designed for comfort and everyday carry pairs well with our other favourites ships in recycled packaging \
        sized for travel fits most bags lightweight strong and simple to use
        """.split(separator: " ").map(String.init)

    static let categories: [String] = [
        "kitchen/mugs", "kitchen/bowls", "kitchen/plates", "kitchen/cookware", "kitchen/knives", "kitchen/textiles",
        "home/vases", "home/lighting", "home/textiles", "home/decor/wall", "home/decor/candles", "home/furniture",
        "apparel/tops/tees", "apparel/tops/hoodies", "apparel/outerwear", "apparel/accessories/hats", "apparel/accessories/socks",
        "apparel/footwear", "accessories/bags", "accessories/wallets", "accessories/jewelry",
        "outdoor/camping/tents", "outdoor/camping/cooking", "outdoor/hiking", "outdoor/climbing",
        "office/notebooks", "office/pens", "office/desk", "office/paper",
        "electronics/keyboards", "electronics/cables", "electronics/audio", "electronics/chargers",
        "garden/plants", "garden/tools", "garden/planters", "beauty/skincare", "beauty/bath", "toys/games", "toys/puzzles",
    ]

    static let tags: [String] = adjectives + materials + [
        "gift", "sale", "new", "bestseller", "eco", "handmade", "limited", "bundle", "vegan", "fair trade",
        "dishwasher safe", "machine washable", "made in usa", "made in portugal", "small batch", "unisex",
    ]

    /// Made-up but pronounceable words for the long tail of descriptions.
    static func tail(count: Int) -> [String] {
        let onsets = ["b", "br", "c", "d", "dr", "f", "g", "gl", "k", "l", "m", "n", "p", "pl", "r", "s", "st", "t", "tr", "v", "z"]
        let vowels = ["a", "e", "i", "o", "u", "ai", "ea", "ou"]
        let codas = ["", "n", "r", "l", "s", "t", "m", "nd", "rk"]
        var words: [String] = []
        var index = 0
        while words.count < count {
            var i = index
            var word = ""
            for _ in 0..<(2 + index % 2) {
                word += onsets[i % onsets.count] + vowels[(i / onsets.count) % vowels.count]
                i = i / (onsets.count * vowels.count) + 7 * (word.count + 1)
            }
            word += codas[index % codas.count]
            words.append(word)
            index += 1
        }
        return words
    }
}

/// Draws ranks 0..<n with probability ∝ 1 / (rank + 1)^s, by binary search over the CDF.
struct ZipfSampler {
    private let cdf: [Double]

    init(count: Int, exponent: Double = 1.07) {
        var running = 0.0
        var cdf: [Double] = []
        cdf.reserveCapacity(count)
        for rank in 0..<count {
            running += 1.0 / pow(Double(rank + 1), exponent)
            cdf.append(running)
        }
        self.cdf = cdf.map { $0 / running }
    }

    func next(_ rng: inout SplitMix64) -> Int {
        let u = rng.unit()
        var low = 0, high = cdf.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cdf[mid] < u { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

/// A small, fast, seedable generator: the same seed makes the same catalog.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}

import Foundation
