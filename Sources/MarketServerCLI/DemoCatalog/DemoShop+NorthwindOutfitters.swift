extension DemoShop {
    /// Outdoor gear; the second shop owned by the default demo vendor.
    static let northwindOutfitters = DemoShop(
        name: "Northwind Outfitters",
        slug: "northwind-outfitters",
        description: "Field-tested camping and hiking gear, picked by a crew that spends most weekends above the tree line. If we would not carry it ourselves, we do not sell it.",
        currency: "USD",
        contactEmail: "crew@northwind-outfitters.example",
        ownerEmail: "vendor@demo.marketmate.test",
        products: [
            DemoProduct(
                title: "Ridgeline 2-Person Tent",
                description: "A freestanding three-season tent that pitches in under five minutes. Two doors, two vestibules, and a trail weight of 3 lb 9 oz.",
                price: 38900, category: "outdoor/camping/tents", tags: ["tent", "backpacking", "2 person", "three season"], stock: 19, status: "active",
                variants: [
                    DemoVariant(sku: "NW-RIDGE2-SAGE", options: ["colour": "sage"], price: nil, stock: 11),
                    DemoVariant(sku: "NW-RIDGE2-RUST", options: ["colour": "rust"], price: nil, stock: 8),
                ]
            ),
            DemoProduct(
                title: "Basecamp 4-Person Tent",
                description: "Room to stand up, two big doors and a full-coverage fly for car camping in real weather. Packs down to the size of a duffel.",
                price: 59900, category: "outdoor/camping/tents", tags: ["tent", "car camping", "4 person", "family"], stock: 6, status: "active", variants: []
            ),
            DemoProduct(
                title: "Ultralight Trekking Pole Tarp (2023)",
                description: "Last season's silnylon tarp, replaced by the 2024 version with stronger tie-outs.",
                price: 14900, category: "outdoor/camping/tents", tags: ["tarp", "ultralight", "shelter"], stock: 2, status: "archived", variants: []
            ),
            DemoProduct(
                title: "Solo Bivy Shelter",
                description: "A waterproof, breathable bivy with a small hoop over your face so the fabric stays off your nose. For minimalists and alpine starts.",
                price: 17900, category: "outdoor/camping/tents", tags: ["bivy", "shelter", "solo", "alpine"], stock: 11, status: "active", variants: []
            ),
            DemoProduct(
                title: "Tent Footprint, 2P",
                description: "Protects the floor of the Ridgeline 2 from rocks and roots.",
                price: 4500, category: "outdoor/camping/tents", tags: ["footprint", "tent accessory"], stock: 27, status: "active", variants: []
            ),
            DemoProduct(
                title: "Down Sleeping Bag, 20°F",
                description: "850-fill responsibly sourced down in a mummy cut with a draft collar. Compresses to the size of a loaf of bread.",
                price: 32900, category: "outdoor/camping/sleep", tags: ["sleeping bag", "down", "backpacking"], stock: 17, status: "active",
                variants: [
                    DemoVariant(sku: "NW-DOWN20-REG", options: ["length": "regular"], price: nil, stock: 10),
                    DemoVariant(sku: "NW-DOWN20-LONG", options: ["length": "long"], price: 34900, stock: 7),
                ]
            ),
            DemoProduct(
                title: "Synthetic Sleeping Bag, 35°F",
                description: "Stays warm when damp and shrugs off being stuffed in a car trunk all summer.",
                price: 12900, category: "outdoor/camping/sleep", tags: ["sleeping bag", "synthetic", "summer"], stock: 23, status: "active", variants: []
            ),
            DemoProduct(
                title: "Self-Inflating Sleeping Pad",
                description: "Open the valve, wait a few minutes, top it off with a breath or two. R-value 4.2.",
                price: 8900, category: "outdoor/camping/sleep", tags: ["sleeping pad", "insulated", "camping"], stock: 31, status: "active", variants: []
            ),
            DemoProduct(
                title: "Closed-Cell Foam Pad",
                description: "Cheap, indestructible and doubles as a sit pad at lunch.",
                price: 3900, category: "outdoor/camping/sleep", tags: ["sleeping pad", "foam", "budget"], stock: 40, status: "active", variants: []
            ),
            DemoProduct(
                title: "Inflatable Camp Pillow",
                description: "Weighs less than a granola bar and packs to the size of a fist. The brushed cover keeps it from sliding around at night.",
                price: 2900, category: "outdoor/camping/sleep", tags: ["pillow", "camping", "ultralight"], stock: 58, status: "active", variants: []
            ),
            DemoProduct(
                title: "Trailhead 28 L Daypack",
                description: "A padded daypack with a hydration sleeve, hip belt pockets and a stretchy front pocket for a wet layer.",
                price: 11900, category: "outdoor/hiking/packs", tags: ["daypack", "backpack", "hiking"], stock: 33, status: "active",
                variants: [
                    DemoVariant(sku: "NW-TH28-SLATE", options: ["colour": "slate"], price: nil, stock: 14),
                    DemoVariant(sku: "NW-TH28-MOSS", options: ["colour": "moss"], price: nil, stock: 12),
                    DemoVariant(sku: "NW-TH28-EMBER", options: ["colour": "ember"], price: nil, stock: 7),
                ]
            ),
            DemoProduct(
                title: "Switchback 55 L Backpack",
                description: "Our multi-day pack, with an adjustable torso, a floating lid and a frame that carries 40 lb comfortably. Backed by a lifetime repair promise.",
                price: 28900, category: "outdoor/hiking/packs", tags: ["backpack", "backpacking", "multi-day", "55 l"], stock: 14, status: "active",
                variants: [
                    DemoVariant(sku: "NW-SB55-SM", options: ["torso": "S/M"], price: nil, stock: 6),
                    DemoVariant(sku: "NW-SB55-ML", options: ["torso": "M/L"], price: nil, stock: 8),
                ]
            ),
            DemoProduct(
                title: "Hip Pack",
                description: "Big enough for a phone, snacks and a map. The strap doubles as a sling.",
                price: 4500, category: "outdoor/hiking/packs", tags: ["hip pack", "fanny pack", "hiking"], stock: 36, status: "active", variants: []
            ),
            DemoProduct(
                title: "Packable Rain Poncho",
                description: "Covers you and your pack, then stuffs back into its own pocket.",
                price: 3500, category: "outdoor/hiking/rain", tags: ["rain", "poncho", "packable"], stock: 44, status: "active", variants: []
            ),
            DemoProduct(
                title: "Rechargeable Headlamp 400",
                description: "400 lumens, a red night mode that will not wreck your night vision, and USB-C charging. Runs about 6 hours on medium.",
                price: 5400, category: "outdoor/lighting", tags: ["headlamp", "rechargeable", "usb-c"], stock: 62, status: "active", variants: []
            ),
            DemoProduct(
                title: "Mini Keychain Flashlight",
                description: "A 100-lumen backup light that lives on your keys.",
                price: 900, category: "outdoor/lighting", tags: ["flashlight", "keychain", "backup"], stock: 120, status: "active", variants: []
            ),
            DemoProduct(
                title: "Collapsible Lantern",
                description: "Squashes flat for the pack and pops up into a warm, glare-free lantern for the picnic table.",
                price: 3200, category: "outdoor/lighting", tags: ["lantern", "camping", "collapsible"], stock: 29, status: "active", variants: []
            ),
            DemoProduct(
                title: "Canister Stove",
                description: "Boils a liter of water in about three and a half minutes and folds down small enough to nest inside a mug. Piezo igniter included.",
                price: 6400, category: "outdoor/camping/cooking", tags: ["stove", "cooking", "backpacking"], stock: 26, status: "active", variants: []
            ),
            DemoProduct(
                title: "Isobutane Fuel Canister, 230 g",
                description: "Fits all standard threaded canister stoves. Ships by ground only.",
                price: 800, category: "outdoor/camping/cooking", tags: ["fuel", "stove", "isobutane"], stock: 180, status: "active", variants: []
            ),
            DemoProduct(
                title: "Two-Pot Cook Set",
                description: "Hard-anodized aluminium pots (1.2 L and 0.8 L) with a lid that works as a strainer.",
                price: 5800, category: "outdoor/camping/cooking", tags: ["cookware", "pot", "camping"], stock: 21, status: "active", variants: []
            ),
            DemoProduct(
                title: "Titanium Spork",
                description: "The one utensil you need. Sold out again; more are on the way.",
                price: 1200, category: "outdoor/camping/cooking", tags: ["spork", "titanium", "ultralight"], stock: 0, status: "active", variants: []
            ),
            DemoProduct(
                title: "Enamel Camp Mug",
                description: "The classic speckled enamel mug, 12 oz, with a rolled steel rim. Goes straight on the coals.",
                price: 1600, category: "outdoor/camping/cooking", tags: ["mug", "enamel", "camping"], stock: 85, status: "active",
                variants: [
                    DemoVariant(sku: "NW-ENMUG-BLU", options: ["colour": "blue speckle"], price: nil, stock: 38),
                    DemoVariant(sku: "NW-ENMUG-GRN", options: ["colour": "green speckle"], price: nil, stock: 30),
                    DemoVariant(sku: "NW-ENMUG-WHT", options: ["colour": "white"], price: nil, stock: 17),
                ]
            ),
            DemoProduct(
                title: "Insulated Camp Mug",
                description: "Double-wall stainless steel with a press-on lid. Coffee stays hot through the whole sunrise.",
                price: 2600, category: "outdoor/camping/cooking", tags: ["mug", "insulated", "coffee"], stock: 47, status: "active", variants: []
            ),
            DemoProduct(
                title: "Squeeze Water Filter",
                description: "Screws onto most bottles and filters up to 100,000 gallons. Backflush it with the included syringe.",
                price: 4200, category: "outdoor/hiking/water", tags: ["water filter", "hiking", "backpacking"], stock: 53, status: "active", variants: []
            ),
            DemoProduct(
                title: "Water Purification Tablets, 30 Pack",
                description: "A lightweight backup for your filter. Treats one liter per tablet in 30 minutes.",
                price: 950, category: "outdoor/hiking/water", tags: ["water", "purification", "emergency"], stock: 140, status: "active", variants: []
            ),
            DemoProduct(
                title: "Collapsible Water Carrier, 10 L",
                description: "Fill it once at the stream and stop walking back and forth all evening.",
                price: 2200, category: "outdoor/camping/water", tags: ["water carrier", "collapsible", "camp kitchen"], stock: 34, status: "active", variants: []
            ),
            DemoProduct(
                title: "Carbon Trekking Poles, Pair",
                description: "Three-section carbon poles with cork grips and flick locks. 1 lb 1 oz for the pair.",
                price: 9800, category: "outdoor/hiking", tags: ["trekking poles", "carbon", "hiking"], stock: 18, status: "active", variants: []
            ),
            DemoProduct(
                title: "Merino Hiking Socks",
                description: "Cushioned merino wool crew socks that stay warm when wet and do not stink after three days on the trail.",
                price: 2200, category: "outdoor/hiking/apparel", tags: ["socks", "merino", "hiking"], stock: 96, status: "active",
                variants: [
                    DemoVariant(sku: "NW-MSOCK-S", options: ["size": "S"], price: nil, stock: 18),
                    DemoVariant(sku: "NW-MSOCK-M", options: ["size": "M"], price: nil, stock: 34),
                    DemoVariant(sku: "NW-MSOCK-L", options: ["size": "L"], price: nil, stock: 30),
                    DemoVariant(sku: "NW-MSOCK-XL", options: ["size": "XL"], price: nil, stock: 14),
                ]
            ),
            DemoProduct(
                title: "Day Hike First Aid Kit",
                description: "Blister care, bandages, tape, pain relief and a printed field guide in a bright red pouch.",
                price: 3400, category: "outdoor/safety", tags: ["first aid", "safety", "hiking"], stock: 41, status: "active", variants: []
            ),
            DemoProduct(
                title: "Emergency Bivvy Blanket",
                description: "Reflects up to 90% of body heat. Weighs 3.8 oz and belongs in every pack.",
                price: 1500, category: "outdoor/safety", tags: ["emergency", "blanket", "safety"], stock: 77, status: "active", variants: []
            ),
            DemoProduct(
                title: "Paracord, 50 ft",
                description: "550 paracord for guylines, bear hangs and shoelace emergencies.",
                price: 700, category: "outdoor/camping", tags: ["paracord", "rope", "camping"], stock: 150, status: "active", variants: []
            ),
            DemoProduct(
                title: "Fire Starter Kit",
                description: "Ferro rod, striker and a tin of waxed tinder. Lights in the rain.",
                price: 1400, category: "outdoor/camping", tags: ["fire starter", "ferro rod", "survival"], stock: 64, status: "active", variants: []
            ),
            DemoProduct(
                title: "Camp Hammock with Straps",
                description: "Parachute nylon, tree-friendly straps and carabiners included. Hangs in two minutes.",
                price: 6900, category: "outdoor/camping", tags: ["hammock", "camping", "relaxing"], stock: 25, status: "active", variants: []
            ),
            DemoProduct(
                title: "Folding Camp Chair",
                description: "A low-slung chair with a cup holder and a side pocket for your book.",
                price: 7900, category: "outdoor/camping/furniture", tags: ["chair", "camp furniture", "folding"], stock: 20, status: "active", variants: []
            ),
            DemoProduct(
                title: "Bear Canister",
                description: "Approved for use in most national parks that require hard-sided food storage. Holds about five days of food for one person.",
                price: 9400, category: "outdoor/camping/food-storage", tags: ["bear canister", "food storage", "backcountry"], stock: 12, status: "active", variants: []
            ),
            DemoProduct(
                title: "Microfiber Camp Towel",
                description: "Dries fast, packs small and comes with a snap loop for hanging off your pack.",
                price: 1900, category: "outdoor/camping", tags: ["towel", "microfiber", "quick dry"], stock: 68, status: "active", variants: []
            ),
        ]
    )
}
