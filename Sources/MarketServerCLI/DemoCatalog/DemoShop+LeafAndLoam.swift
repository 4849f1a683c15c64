extension DemoShop {
    /// Plants, garden tools and planters; pot sizes as variants on some plants.
    static let leafAndLoam = DemoShop(
        name: "Leaf & Loam",
        slug: "leaf-and-loam",
        description: "A plant shop and potting bench in Portland, Oregon. We grow most of our houseplants in our own greenhouse and pack them in paper, never plastic peanuts.",
        currency: "USD",
        contactEmail: "grow@leafandloam.example",
        ownerEmail: "hana@demo.marketmate.test",
        products: [
            DemoProduct(
                title: "Monstera Deliciosa",
                description: "The swiss cheese plant: fast growing, forgiving and happiest in bright, indirect light. Ships in a plain nursery pot.",
                price: 4500, category: "garden/plants/houseplants", tags: ["monstera", "houseplant", "easy care"], stock: 44, status: "active",
                variants: [
                    DemoVariant(sku: "LL-MONST-14", options: ["pot": "14 cm"], price: nil, stock: 23),
                    DemoVariant(sku: "LL-MONST-20", options: ["pot": "20 cm"], price: 7900, stock: 15),
                    DemoVariant(sku: "LL-MONST-27", options: ["pot": "27 cm"], price: 13900, stock: 6),
                ]
            ),
            DemoProduct(
                title: "Variegated Monstera Thai Constellation",
                description: "Cream-speckled leaves, each one a little different. Rooted, established plants with at least three leaves; we release a few at a time as they are ready.",
                price: 26000, category: "garden/plants/houseplants", tags: ["monstera", "variegated", "rare plant"], stock: 0, status: "active", variants: []
            ),
            DemoProduct(
                title: "Snake Plant",
                description: "Tolerates low light and forgetful watering. Also goes by sansevieria or mother-in-law's tongue.",
                price: 2800, category: "garden/plants/houseplants", tags: ["snake plant", "sansevieria", "low light"], stock: 63, status: "active",
                variants: [
                    DemoVariant(sku: "LL-SNAKE-12", options: ["pot": "12 cm"], price: nil, stock: 30),
                    DemoVariant(sku: "LL-SNAKE-17", options: ["pot": "17 cm"], price: 4400, stock: 21),
                    DemoVariant(sku: "LL-SNAKE-24", options: ["pot": "24 cm"], price: 6900, stock: 12),
                ]
            ),
            DemoProduct(
                title: "Marble Queen Pothos",
                description: "Trailing vines splashed with white. Let it climb a moss pole or tumble off a bookshelf.",
                price: 2200, category: "garden/plants/houseplants", tags: ["pothos", "trailing", "easy care"], stock: 48, status: "active", variants: []
            ),
            DemoProduct(
                title: "ZZ Plant",
                description: "Glossy, nearly indestructible and fine in an office with no windows.",
                price: 3600, category: "garden/plants/houseplants", tags: ["zz plant", "low light", "office"], stock: 37, status: "active",
                variants: [
                    DemoVariant(sku: "LL-ZZ-14", options: ["pot": "14 cm"], price: nil, stock: 22),
                    DemoVariant(sku: "LL-ZZ-21", options: ["pot": "21 cm"], price: 5800, stock: 15),
                ]
            ),
            DemoProduct(
                title: "Fiddle Leaf Fig, 120 cm",
                description: "A tall, well-branched fiddle leaf fig. It wants bright light and to be left in one spot; please do not move it around the house.",
                price: 14900, category: "garden/plants/houseplants", tags: ["fiddle leaf fig", "tall plant", "statement"], stock: 7, status: "active", variants: []
            ),
            DemoProduct(
                title: "Potted Olive Tree, 5 ft",
                description: "A multi-stem olive tree about five feet tall, potted in a terracotta pot. Loves a sunny patio and can come inside for winter. Delivery within 50 miles only.",
                price: 32000, category: "garden/plants/trees", tags: ["olive tree", "tree", "patio", "mediterranean"], stock: 4, status: "active", variants: []
            ),
            DemoProduct(
                title: "Calathea Medallion",
                description: "Painted leaves that fold up at night. Likes humidity and filtered water.",
                price: 3200, category: "garden/plants/houseplants", tags: ["calathea", "prayer plant", "pet safe"], stock: 26, status: "active", variants: []
            ),
            DemoProduct(
                title: "Chinese Money Plant",
                description: "Round, coin-shaped leaves on a compact plant. Pilea peperomioides sends up babies you can pot up and pass along to friends.",
                price: 1800, category: "garden/plants/houseplants", tags: ["pilea", "money plant", "pet safe"], stock: 55, status: "active", variants: []
            ),
            DemoProduct(
                title: "String of Pearls, Hanging Basket",
                description: "A cascading succulent in a 15 cm hanging basket.",
                price: 2600, category: "garden/plants/succulents", tags: ["string of pearls", "succulent", "hanging"], stock: 21, status: "active", variants: []
            ),
            DemoProduct(
                title: "Boston Fern",
                description: "Lush and feathery. Perfect for a steamy bathroom.",
                price: 2400, category: "garden/plants/houseplants", tags: ["fern", "humidity", "pet safe"], stock: 30, status: "active", variants: []
            ),
            DemoProduct(
                title: "Succulent Trio",
                description: "Three small succulents in 6 cm pots, chosen by us from whatever looks best in the greenhouse that week.",
                price: 2100, category: "garden/plants/succulents", tags: ["succulents", "set", "gift"], stock: 72, status: "active", variants: []
            ),
            DemoProduct(
                title: "Hidcote Lavender",
                description: "A compact English lavender with deep purple flowers. Plant it by a path so you brush past it.",
                price: 1200, category: "garden/plants/outdoor", tags: ["lavender", "perennial", "pollinator"], stock: 90, status: "active",
                variants: [
                    DemoVariant(sku: "LL-LAV-9", options: ["pot": "9 cm"], price: nil, stock: 58),
                    DemoVariant(sku: "LL-LAV-2L", options: ["pot": "2 L"], price: 2400, stock: 32),
                ]
            ),
            DemoProduct(
                title: "Culinary Rosemary",
                description: "An upright rosemary for the kitchen windowsill or the herb bed.",
                price: 900, category: "garden/plants/herbs", tags: ["rosemary", "herb", "culinary"], stock: 66, status: "active", variants: []
            ),
            DemoProduct(
                title: "Kitchen Herb Seed Collection",
                description: "Basil, parsley, chives, coriander and dill, in five paper packets with sowing notes from our grower.",
                price: 1400, category: "garden/seeds", tags: ["seeds", "herbs", "kitchen garden"], stock: 120, status: "active", variants: []
            ),
            DemoProduct(
                title: "Heirloom Tomato Seeds, Cherokee Purple",
                description: "Dusky, rich-tasting beefsteak tomatoes. About 30 seeds per packet.",
                price: 400, category: "garden/seeds", tags: ["seeds", "tomato", "heirloom"], stock: 250, status: "active", variants: []
            ),
            DemoProduct(
                title: "Wildflower Seed Bombs, 6 Pack",
                description: "Clay and compost balls packed with native wildflower seeds. Toss them somewhere bare and wait for rain.",
                price: 1200, category: "garden/seeds", tags: ["seed bombs", "wildflowers", "pollinator", "gift"], stock: 84, status: "active", variants: []
            ),
            DemoProduct(
                title: "Bonsai Starter Kit",
                description: "A juniper pre-bonsai, a training pot, wire, shears and an illustrated guide. Waiting on our first batch of junipers to harden off.",
                price: 4800, category: "garden/plants/bonsai", tags: ["bonsai", "kit", "juniper"], stock: 10, status: "draft", variants: []
            ),
            DemoProduct(
                title: "Hori-Hori Garden Knife",
                description: "The Japanese soil knife: dig, cut, weed and measure planting depth with one stainless blade. Comes with a leather sheath.",
                price: 3800, category: "garden/tools", tags: ["hori-hori", "knife", "weeding"], stock: 28, status: "active", variants: []
            ),
            DemoProduct(
                title: "Bypass Pruners",
                description: "Forged steel blades that cut clean on stems up to 2 cm.",
                price: 4200, category: "garden/tools", tags: ["pruners", "secateurs", "pruning"], stock: 33, status: "active", variants: []
            ),
            DemoProduct(
                title: "Ash-Handled Hand Trowel",
                description: "A stainless trowel with an oiled ash handle.",
                price: 2400, category: "garden/tools", tags: ["trowel", "hand tool", "planting"], stock: 41, status: "active", variants: []
            ),
            DemoProduct(
                title: "Copper Watering Can, 1 L",
                description: "A long, slender spout for reaching under leaves without splashing. It will develop a soft patina over time.",
                price: 6800, category: "garden/tools/watering", tags: ["watering can", "copper", "indoor"], stock: 15, status: "active", variants: []
            ),
            DemoProduct(
                title: "Glass Plant Mister",
                description: "A fine mist for ferns, calatheas and anything else that loves humidity.",
                price: 1900, category: "garden/tools/watering", tags: ["mister", "humidity", "glass"], stock: 46, status: "active", variants: []
            ),
            DemoProduct(
                title: "Leather Gardening Gloves",
                description: "Supple goatskin with a cotton cuff. Thorn resistant, so roses are fair game.",
                price: 2900, category: "garden/tools", tags: ["gloves", "leather", "roses"], stock: 39, status: "active",
                variants: [
                    DemoVariant(sku: "LL-GLOVE-S", options: ["size": "S"], price: nil, stock: 11),
                    DemoVariant(sku: "LL-GLOVE-M", options: ["size": "M"], price: nil, stock: 17),
                    DemoVariant(sku: "LL-GLOVE-L", options: ["size": "L"], price: nil, stock: 11),
                ]
            ),
            DemoProduct(
                title: "Soil Moisture Meter",
                description: "Push it into the pot and stop guessing. No batteries needed.",
                price: 1200, category: "garden/tools", tags: ["moisture meter", "watering", "beginner"], stock: 77, status: "active", variants: []
            ),
            DemoProduct(
                title: "Terracotta Pot with Saucer",
                description: "Classic unglazed terracotta that breathes, so roots never sit in soggy soil.",
                price: 800, category: "home/planters", tags: ["terracotta", "pot", "planter"], stock: 165, status: "active",
                variants: [
                    DemoVariant(sku: "LL-TERRA-10", options: ["pot": "10 cm"], price: nil, stock: 70),
                    DemoVariant(sku: "LL-TERRA-15", options: ["pot": "15 cm"], price: 1400, stock: 55),
                    DemoVariant(sku: "LL-TERRA-20", options: ["pot": "20 cm"], price: 2200, stock: 40),
                ]
            ),
            DemoProduct(
                title: "Glazed Stoneware Planter",
                description: "A speckled cream planter with a drainage hole and a matching saucer, made for us by a potter down the road.",
                price: 5600, category: "home/planters", tags: ["planter", "stoneware", "ceramic"], stock: 18, status: "active", variants: []
            ),
            DemoProduct(
                title: "Self-Watering Planter",
                description: "A hidden reservoir wicks water up to the roots for about two weeks. Perfect if you travel.",
                price: 3400, category: "home/planters", tags: ["planter", "self watering", "travel"], stock: 27, status: "active", variants: []
            ),
            DemoProduct(
                title: "Macramé Plant Hanger",
                description: "Hand-knotted cotton rope, about 90 cm long. Fits pots up to 18 cm across.",
                price: 2200, category: "home/planters", tags: ["macramé", "plant hanger", "handmade"], stock: 31, status: "active", variants: []
            ),
            DemoProduct(
                title: "Mid-Century Plant Stand",
                description: "Solid oak legs and a raised ring that lifts a planter off the floor and into the light.",
                price: 8900, category: "home/planters", tags: ["plant stand", "oak", "mid-century"], stock: 11, status: "active", variants: []
            ),
            DemoProduct(
                title: "Propagation Station",
                description: "Three glass test tubes in a walnut frame for rooting cuttings in water.",
                price: 3200, category: "home/decor", tags: ["propagation", "cuttings", "glass"], stock: 24, status: "active", variants: []
            ),
            DemoProduct(
                title: "Raised Cedar Garden Bed",
                description: "A 4 × 2 ft bed in untreated western red cedar, 11 inches deep. Slots together without tools in about ten minutes.",
                price: 24500, category: "garden/beds", tags: ["raised bed", "cedar", "vegetable garden"], stock: 9, status: "active", variants: []
            ),
            DemoProduct(
                title: "Aroid Potting Mix, 5 L",
                description: "A chunky mix of bark, coco coir, perlite and charcoal for monsteras, philodendrons and anthuriums.",
                price: 1600, category: "garden/soil", tags: ["potting mix", "aroid", "soil"], stock: 95, status: "active", variants: []
            ),
            DemoProduct(
                title: "Organic Liquid Plant Food",
                description: "A gentle seaweed-based feed. One capful per liter of water, every other watering from spring to fall.",
                price: 1400, category: "garden/soil", tags: ["fertilizer", "plant food", "organic"], stock: 108, status: "active", variants: []
            ),
            DemoProduct(
                title: "Linen Market Tote",
                description: "A sturdy linen tote with a flat bottom that will not tip over, with room for two potted plants on the ride home.",
                price: 2600, category: "accessories/bags", tags: ["tote", "linen", "bag", "market"], stock: 29, status: "active", variants: []
            ),
        ]
    )
}
