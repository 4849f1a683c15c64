extension DemoShop {
    /// Clothing; most products come in size × colour variants with their own stock.
    static let threadTheory = DemoShop(
        name: "Thread Theory",
        slug: "thread-theory",
        description: "Small-batch everyday clothing in organic cotton, linen and wool, cut and sewn in the USA. Fewer things, made well, mended often.",
        currency: "USD",
        contactEmail: "studio@threadtheory.example",
        ownerEmail: "jordan@demo.marketmate.test",
        products: [
            DemoProduct(
                title: "Everyday Crew Tee",
                description: "Our do-everything tee in midweight organic cotton, garment washed so it is soft from day one. Cut a little longer in the body so it stays tucked.",
                price: 2800, category: "apparel/tops/tees", tags: ["tee", "t-shirt", "organic cotton", "basics"], stock: 160, status: "active",
                variants: [
                    DemoVariant(sku: "TT-TEE-BLK-S", options: ["size": "S", "colour": "black"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-TEE-BLK-M", options: ["size": "M", "colour": "black"], price: nil, stock: 19),
                    DemoVariant(sku: "TT-TEE-BLK-L", options: ["size": "L", "colour": "black"], price: nil, stock: 15),
                    DemoVariant(sku: "TT-TEE-BLK-XL", options: ["size": "XL", "colour": "black"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-TEE-WHT-S", options: ["size": "S", "colour": "white"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-TEE-WHT-M", options: ["size": "M", "colour": "white"], price: nil, stock: 20),
                    DemoVariant(sku: "TT-TEE-WHT-L", options: ["size": "L", "colour": "white"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-TEE-WHT-XL", options: ["size": "XL", "colour": "white"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-TEE-HGR-S", options: ["size": "S", "colour": "heather grey"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-TEE-HGR-M", options: ["size": "M", "colour": "heather grey"], price: nil, stock: 16),
                    DemoVariant(sku: "TT-TEE-HGR-L", options: ["size": "L", "colour": "heather grey"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-TEE-HGR-XL", options: ["size": "XL", "colour": "heather grey"], price: nil, stock: 11),
                ]
            ),
            DemoProduct(
                title: "Heavyweight Pocket Tee",
                description: "A boxy 7 oz tee with a chest pocket, knit in Los Angeles. It gets better every wash.",
                price: 3600, category: "apparel/tops/tees", tags: ["tee", "heavyweight", "pocket tee"], stock: 61, status: "active",
                variants: [
                    DemoVariant(sku: "TT-PKT-BNE-S", options: ["size": "S", "colour": "bone"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-PKT-BNE-M", options: ["size": "M", "colour": "bone"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-PKT-BNE-L", options: ["size": "L", "colour": "bone"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-PKT-BNE-XL", options: ["size": "XL", "colour": "bone"], price: nil, stock: 4),
                    DemoVariant(sku: "TT-PKT-FOR-S", options: ["size": "S", "colour": "forest"], price: nil, stock: 4),
                    DemoVariant(sku: "TT-PKT-FOR-M", options: ["size": "M", "colour": "forest"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-PKT-FOR-L", options: ["size": "L", "colour": "forest"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-PKT-FOR-XL", options: ["size": "XL", "colour": "forest"], price: nil, stock: 7),
                ]
            ),
            DemoProduct(
                title: "Organic Ringer Tee",
                description: "A throwback ringer with contrast collar and cuffs.",
                price: 3200, category: "apparel/tops/tees", tags: ["tee", "ringer", "retro", "organic cotton"], stock: 70, status: "active",
                variants: [
                    DemoVariant(sku: "TT-RING-WRD-S", options: ["size": "S", "colour": "white with red"], price: nil, stock: 0),
                    DemoVariant(sku: "TT-RING-WRD-M", options: ["size": "M", "colour": "white with red"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-RING-WRD-L", options: ["size": "L", "colour": "white with red"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-RING-WRD-XL", options: ["size": "XL", "colour": "white with red"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-RING-WNV-S", options: ["size": "S", "colour": "white with navy"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-RING-WNV-M", options: ["size": "M", "colour": "white with navy"], price: nil, stock: 14),
                    DemoVariant(sku: "TT-RING-WNV-L", options: ["size": "L", "colour": "white with navy"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-RING-WNV-XL", options: ["size": "XL", "colour": "white with navy"], price: nil, stock: 9),
                ]
            ),
            DemoProduct(
                title: "Waffle Knit Henley",
                description: "Long sleeves, a three-button placket and a thermal waffle texture for cool mornings.",
                price: 4800, category: "apparel/tops/long-sleeve", tags: ["henley", "waffle knit", "long sleeve"], stock: 73, status: "active",
                variants: [
                    DemoVariant(sku: "TT-HENLEY-OAT-S", options: ["size": "S", "colour": "oatmeal"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-HENLEY-OAT-M", options: ["size": "M", "colour": "oatmeal"], price: nil, stock: 14),
                    DemoVariant(sku: "TT-HENLEY-OAT-L", options: ["size": "L", "colour": "oatmeal"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-HENLEY-OAT-XL", options: ["size": "XL", "colour": "oatmeal"], price: nil, stock: 2),
                    DemoVariant(sku: "TT-HENLEY-NVY-S", options: ["size": "S", "colour": "navy"], price: nil, stock: 7),
                    DemoVariant(sku: "TT-HENLEY-NVY-M", options: ["size": "M", "colour": "navy"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-HENLEY-NVY-L", options: ["size": "L", "colour": "navy"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-HENLEY-NVY-XL", options: ["size": "XL", "colour": "navy"], price: nil, stock: 8),
                ]
            ),
            DemoProduct(
                title: "Striped Breton Top",
                description: "The classic marinière in heavy cotton jersey, with a boat neck and three-quarter sleeves. Inspired by the sailors' shirts of Brittany.",
                price: 5400, category: "apparel/tops/long-sleeve", tags: ["breton", "stripes", "marinière"], stock: 65, status: "active",
                variants: [
                    DemoVariant(sku: "TT-BRETON-NVS-S", options: ["size": "S", "colour": "navy stripe"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-BRETON-NVS-M", options: ["size": "M", "colour": "navy stripe"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-BRETON-NVS-L", options: ["size": "L", "colour": "navy stripe"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-BRETON-NVS-XL", options: ["size": "XL", "colour": "navy stripe"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-BRETON-RDS-S", options: ["size": "S", "colour": "red stripe"], price: nil, stock: 3),
                    DemoVariant(sku: "TT-BRETON-RDS-M", options: ["size": "M", "colour": "red stripe"], price: nil, stock: 14),
                    DemoVariant(sku: "TT-BRETON-RDS-L", options: ["size": "L", "colour": "red stripe"], price: nil, stock: 7),
                    DemoVariant(sku: "TT-BRETON-RDS-XL", options: ["size": "XL", "colour": "red stripe"], price: nil, stock: 7),
                ]
            ),
            DemoProduct(
                title: "Linen Camp Shirt",
                description: "Breezy washed linen with a camp collar and a straight hem meant to be worn untucked. Our most-loved summer shirt.",
                price: 7800, category: "apparel/tops/shirts", tags: ["shirt", "linen", "summer", "camp collar"], stock: 102, status: "active",
                variants: [
                    DemoVariant(sku: "TT-CAMP-SND-S", options: ["size": "S", "colour": "sand"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-CAMP-SND-M", options: ["size": "M", "colour": "sand"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-CAMP-SND-L", options: ["size": "L", "colour": "sand"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-CAMP-SND-XL", options: ["size": "XL", "colour": "sand"], price: 8200, stock: 8),
                    DemoVariant(sku: "TT-CAMP-OLV-S", options: ["size": "S", "colour": "olive"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-CAMP-OLV-M", options: ["size": "M", "colour": "olive"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-CAMP-OLV-L", options: ["size": "L", "colour": "olive"], price: nil, stock: 7),
                    DemoVariant(sku: "TT-CAMP-OLV-XL", options: ["size": "XL", "colour": "olive"], price: 8200, stock: 3),
                    DemoVariant(sku: "TT-CAMP-SKY-S", options: ["size": "S", "colour": "sky"], price: nil, stock: 5),
                    DemoVariant(sku: "TT-CAMP-SKY-M", options: ["size": "M", "colour": "sky"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-CAMP-SKY-L", options: ["size": "L", "colour": "sky"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-CAMP-SKY-XL", options: ["size": "XL", "colour": "sky"], price: 8200, stock: 7),
                ]
            ),
            DemoProduct(
                title: "Flannel Overshirt",
                description: "Brushed cotton flannel, heavy enough to wear as a light jacket in October.",
                price: 8900, category: "apparel/tops/shirts", tags: ["flannel", "overshirt", "autumn"], stock: 64, status: "active",
                variants: [
                    DemoVariant(sku: "TT-FLAN-BUF-S", options: ["size": "S", "colour": "buffalo check"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-FLAN-BUF-M", options: ["size": "M", "colour": "buffalo check"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-FLAN-BUF-L", options: ["size": "L", "colour": "buffalo check"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-FLAN-BUF-XL", options: ["size": "XL", "colour": "buffalo check"], price: nil, stock: 2),
                    DemoVariant(sku: "TT-FLAN-GRC-S", options: ["size": "S", "colour": "green check"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-FLAN-GRC-M", options: ["size": "M", "colour": "green check"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-FLAN-GRC-L", options: ["size": "L", "colour": "green check"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-FLAN-GRC-XL", options: ["size": "XL", "colour": "green check"], price: nil, stock: 7),
                ]
            ),
            DemoProduct(
                title: "Classic Pullover Hoodie",
                description: "A 400 gsm loopback cotton hoodie with a double-layer hood and a kangaroo pocket that fits a paperback. Made to last a decade.",
                price: 7200, category: "apparel/tops/hoodies", tags: ["hoodie", "pullover", "loopback", "bestseller"], stock: 121, status: "active",
                variants: [
                    DemoVariant(sku: "TT-HOOD-CHR-S", options: ["size": "S", "colour": "charcoal"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-HOOD-CHR-M", options: ["size": "M", "colour": "charcoal"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-HOOD-CHR-L", options: ["size": "L", "colour": "charcoal"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-HOOD-CHR-XL", options: ["size": "XL", "colour": "charcoal"], price: 7600, stock: 4),
                    DemoVariant(sku: "TT-HOOD-NVY-S", options: ["size": "S", "colour": "navy"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-HOOD-NVY-M", options: ["size": "M", "colour": "navy"], price: nil, stock: 15),
                    DemoVariant(sku: "TT-HOOD-NVY-L", options: ["size": "L", "colour": "navy"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-HOOD-NVY-XL", options: ["size": "XL", "colour": "navy"], price: 7600, stock: 10),
                    DemoVariant(sku: "TT-HOOD-FOR-S", options: ["size": "S", "colour": "forest"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-HOOD-FOR-M", options: ["size": "M", "colour": "forest"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-HOOD-FOR-L", options: ["size": "L", "colour": "forest"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-HOOD-FOR-XL", options: ["size": "XL", "colour": "forest"], price: 7600, stock: 6),
                ]
            ),
            DemoProduct(
                title: "Zip Hoodie",
                description: "The same heavyweight fleece as our pullover, with a two-way metal zip.",
                price: 7900, category: "apparel/tops/hoodies", tags: ["hoodie", "zip", "fleece"], stock: 75, status: "active",
                variants: [
                    DemoVariant(sku: "TT-ZIP-BLK-S", options: ["size": "S", "colour": "black"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-ZIP-BLK-M", options: ["size": "M", "colour": "black"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-ZIP-BLK-L", options: ["size": "L", "colour": "black"], price: nil, stock: 14),
                    DemoVariant(sku: "TT-ZIP-BLK-XL", options: ["size": "XL", "colour": "black"], price: 8300, stock: 9),
                    DemoVariant(sku: "TT-ZIP-HGR-S", options: ["size": "S", "colour": "heather grey"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-ZIP-HGR-M", options: ["size": "M", "colour": "heather grey"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-ZIP-HGR-L", options: ["size": "L", "colour": "heather grey"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-ZIP-HGR-XL", options: ["size": "XL", "colour": "heather grey"], price: 8300, stock: 6),
                ]
            ),
            DemoProduct(
                title: "Crewneck Sweatshirt",
                description: "A relaxed crewneck with ribbed side panels and a little V stitch at the neck.",
                price: 6200, category: "apparel/tops/sweatshirts", tags: ["sweatshirt", "crewneck", "fleece"], stock: 66, status: "active",
                variants: [
                    DemoVariant(sku: "TT-CREW-OAT-S", options: ["size": "S", "colour": "oatmeal"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-CREW-OAT-M", options: ["size": "M", "colour": "oatmeal"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-CREW-OAT-L", options: ["size": "L", "colour": "oatmeal"], price: nil, stock: 14),
                    DemoVariant(sku: "TT-CREW-OAT-XL", options: ["size": "XL", "colour": "oatmeal"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-CREW-DBL-S", options: ["size": "S", "colour": "dusty blue"], price: nil, stock: 5),
                    DemoVariant(sku: "TT-CREW-DBL-M", options: ["size": "M", "colour": "dusty blue"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-CREW-DBL-L", options: ["size": "L", "colour": "dusty blue"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-CREW-DBL-XL", options: ["size": "XL", "colour": "dusty blue"], price: nil, stock: 2),
                ]
            ),
            DemoProduct(
                title: "Fleece Quarter-Zip",
                description: "Recycled polyester fleece with a stand-up collar.",
                price: 8500, category: "apparel/tops/sweatshirts", tags: ["fleece", "quarter zip", "recycled"], stock: 71, status: "active",
                variants: [
                    DemoVariant(sku: "TT-QZIP-STN-S", options: ["size": "S", "colour": "stone"], price: nil, stock: 3),
                    DemoVariant(sku: "TT-QZIP-STN-M", options: ["size": "M", "colour": "stone"], price: nil, stock: 15),
                    DemoVariant(sku: "TT-QZIP-STN-L", options: ["size": "L", "colour": "stone"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-QZIP-STN-XL", options: ["size": "XL", "colour": "stone"], price: nil, stock: 3),
                    DemoVariant(sku: "TT-QZIP-BLK-S", options: ["size": "S", "colour": "black"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-QZIP-BLK-M", options: ["size": "M", "colour": "black"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-QZIP-BLK-L", options: ["size": "L", "colour": "black"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-QZIP-BLK-XL", options: ["size": "XL", "colour": "black"], price: nil, stock: 3),
                ]
            ),
            DemoProduct(
                title: "Merino Crew Sweater",
                description: "Fine-gauge merino that is warm without bulk and never itchy. Hand wash cold, dry flat.",
                price: 12800, category: "apparel/tops/knitwear", tags: ["sweater", "merino", "knitwear"], stock: 52, status: "active",
                variants: [
                    DemoVariant(sku: "TT-MERINO-CHR-S", options: ["size": "S", "colour": "charcoal"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-MERINO-CHR-M", options: ["size": "M", "colour": "charcoal"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-MERINO-CHR-L", options: ["size": "L", "colour": "charcoal"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-MERINO-CHR-XL", options: ["size": "XL", "colour": "charcoal"], price: nil, stock: 4),
                    DemoVariant(sku: "TT-MERINO-CML-S", options: ["size": "S", "colour": "camel"], price: nil, stock: 4),
                    DemoVariant(sku: "TT-MERINO-CML-M", options: ["size": "M", "colour": "camel"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-MERINO-CML-L", options: ["size": "L", "colour": "camel"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-MERINO-CML-XL", options: ["size": "XL", "colour": "camel"], price: nil, stock: 3),
                ]
            ),
            DemoProduct(
                title: "Chore Coat",
                description: "A French work jacket in 12 oz cotton canvas with three patch pockets and corozo buttons. Breaks in like your favourite jeans.",
                price: 16500, category: "apparel/outerwear", tags: ["jacket", "chore coat", "canvas", "workwear"], stock: 49, status: "active",
                variants: [
                    DemoVariant(sku: "TT-CHORE-IND-S", options: ["size": "S", "colour": "indigo"], price: nil, stock: 7),
                    DemoVariant(sku: "TT-CHORE-IND-M", options: ["size": "M", "colour": "indigo"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-CHORE-IND-L", options: ["size": "L", "colour": "indigo"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-CHORE-IND-XL", options: ["size": "XL", "colour": "indigo"], price: 17500, stock: 6),
                    DemoVariant(sku: "TT-CHORE-OCH-S", options: ["size": "S", "colour": "ochre"], price: nil, stock: 7),
                    DemoVariant(sku: "TT-CHORE-OCH-M", options: ["size": "M", "colour": "ochre"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-CHORE-OCH-L", options: ["size": "L", "colour": "ochre"], price: nil, stock: 5),
                    DemoVariant(sku: "TT-CHORE-OCH-XL", options: ["size": "XL", "colour": "ochre"], price: 17500, stock: 0),
                ]
            ),
            DemoProduct(
                title: "Waxed Cotton Field Jacket",
                description: "British waxed cotton, a corduroy collar, a plaid lining and pockets everywhere. Rewax it once a year and pass it down.",
                price: 28500, category: "apparel/outerwear", tags: ["jacket", "waxed cotton", "outerwear", "heritage"], stock: 38, status: "active",
                variants: [
                    DemoVariant(sku: "TT-WAX-OLV-S", options: ["size": "S", "colour": "olive"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-WAX-OLV-M", options: ["size": "M", "colour": "olive"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-WAX-OLV-L", options: ["size": "L", "colour": "olive"], price: nil, stock: 6),
                    DemoVariant(sku: "TT-WAX-OLV-XL", options: ["size": "XL", "colour": "olive"], price: 29500, stock: 4),
                    DemoVariant(sku: "TT-WAX-TAN-S", options: ["size": "S", "colour": "tan"], price: nil, stock: 0),
                    DemoVariant(sku: "TT-WAX-TAN-M", options: ["size": "M", "colour": "tan"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-WAX-TAN-L", options: ["size": "L", "colour": "tan"], price: nil, stock: 4),
                    DemoVariant(sku: "TT-WAX-TAN-XL", options: ["size": "XL", "colour": "tan"], price: 29500, stock: 0),
                ]
            ),
            DemoProduct(
                title: "Relaxed Chinos",
                description: "Mid-rise, relaxed through the thigh with a slight taper. Sizes run true.",
                price: 6800, category: "apparel/bottoms", tags: ["chinos", "trousers", "cotton twill"], stock: 73, status: "active",
                variants: [
                    DemoVariant(sku: "TT-CHINO-KHK-S", options: ["size": "S", "colour": "khaki"], price: nil, stock: 7),
                    DemoVariant(sku: "TT-CHINO-KHK-M", options: ["size": "M", "colour": "khaki"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-CHINO-KHK-L", options: ["size": "L", "colour": "khaki"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-CHINO-KHK-XL", options: ["size": "XL", "colour": "khaki"], price: nil, stock: 4),
                    DemoVariant(sku: "TT-CHINO-NVY-S", options: ["size": "S", "colour": "navy"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-CHINO-NVY-M", options: ["size": "M", "colour": "navy"], price: nil, stock: 14),
                    DemoVariant(sku: "TT-CHINO-NVY-L", options: ["size": "L", "colour": "navy"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-CHINO-NVY-XL", options: ["size": "XL", "colour": "navy"], price: nil, stock: 5),
                ]
            ),
            DemoProduct(
                title: "Fleece Joggers",
                description: "Tapered joggers with a drawcord waist, zip pockets and cuffed ankles.",
                price: 5800, category: "apparel/bottoms", tags: ["joggers", "fleece", "loungewear"], stock: 64, status: "active",
                variants: [
                    DemoVariant(sku: "TT-JOG-HGR-S", options: ["size": "S", "colour": "heather grey"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-JOG-HGR-M", options: ["size": "M", "colour": "heather grey"], price: nil, stock: 15),
                    DemoVariant(sku: "TT-JOG-HGR-L", options: ["size": "L", "colour": "heather grey"], price: nil, stock: 7),
                    DemoVariant(sku: "TT-JOG-HGR-XL", options: ["size": "XL", "colour": "heather grey"], price: nil, stock: 5),
                    DemoVariant(sku: "TT-JOG-BLK-S", options: ["size": "S", "colour": "black"], price: nil, stock: 3),
                    DemoVariant(sku: "TT-JOG-BLK-M", options: ["size": "M", "colour": "black"], price: nil, stock: 9),
                    DemoVariant(sku: "TT-JOG-BLK-L", options: ["size": "L", "colour": "black"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-JOG-BLK-XL", options: ["size": "XL", "colour": "black"], price: nil, stock: 4),
                ]
            ),
            DemoProduct(
                title: "Kids' Everyday Tee",
                description: "The Everyday Crew Tee, shrunk down for smaller people who are hard on their clothes.",
                price: 1800, category: "apparel/kids", tags: ["kids", "tee", "organic cotton"], stock: 67, status: "active",
                variants: [
                    DemoVariant(sku: "TT-KTEE-MUS-2T", options: ["size": "2T", "colour": "mustard"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-KTEE-MUS-4T", options: ["size": "4T", "colour": "mustard"], price: nil, stock: 10),
                    DemoVariant(sku: "TT-KTEE-MUS-6", options: ["size": "6", "colour": "mustard"], price: nil, stock: 8),
                    DemoVariant(sku: "TT-KTEE-MUS-8", options: ["size": "8", "colour": "mustard"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-KTEE-SKY-2T", options: ["size": "2T", "colour": "sky"], price: nil, stock: 11),
                    DemoVariant(sku: "TT-KTEE-SKY-4T", options: ["size": "4T", "colour": "sky"], price: nil, stock: 5),
                    DemoVariant(sku: "TT-KTEE-SKY-6", options: ["size": "6", "colour": "sky"], price: nil, stock: 5),
                    DemoVariant(sku: "TT-KTEE-SKY-8", options: ["size": "8", "colour": "sky"], price: nil, stock: 6),
                ]
            ),
            DemoProduct(
                title: "Cotton Boxer Briefs, 2 Pack",
                description: "Soft stretch cotton with a covered waistband that does not roll.",
                price: 3400, category: "apparel/underwear", tags: ["underwear", "boxer briefs", "2 pack"], stock: 45, status: "active",
                variants: [
                    DemoVariant(sku: "TT-BOXER-BLK-S", options: ["size": "S", "colour": "black"], price: nil, stock: 13),
                    DemoVariant(sku: "TT-BOXER-BLK-M", options: ["size": "M", "colour": "black"], price: nil, stock: 16),
                    DemoVariant(sku: "TT-BOXER-BLK-L", options: ["size": "L", "colour": "black"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-BOXER-BLK-XL", options: ["size": "XL", "colour": "black"], price: nil, stock: 4),
                ]
            ),
            DemoProduct(
                title: "Crew Socks, 3 Pack",
                description: "Combed cotton crew socks with a reinforced heel and toe. Three colours per pack.",
                price: 1800, category: "apparel/accessories/socks", tags: ["socks", "crew socks", "3 pack"], stock: 82, status: "active",
                variants: [
                    DemoVariant(sku: "TT-SOCK3-EAR-SM", options: ["size": "S/M", "colour": "earth tones"], price: nil, stock: 21),
                    DemoVariant(sku: "TT-SOCK3-EAR-LXL", options: ["size": "L/XL", "colour": "earth tones"], price: nil, stock: 17),
                    DemoVariant(sku: "TT-SOCK3-BRT-SM", options: ["size": "S/M", "colour": "brights"], price: nil, stock: 23),
                    DemoVariant(sku: "TT-SOCK3-BRT-LXL", options: ["size": "L/XL", "colour": "brights"], price: nil, stock: 21),
                ]
            ),
            DemoProduct(
                title: "Wool Hiking Socks",
                description: "Cushioned wool-blend socks with arch support, made in a family mill in North Carolina.",
                price: 2400, category: "apparel/accessories/socks", tags: ["socks", "wool", "hiking"], stock: 57, status: "active",
                variants: [
                    DemoVariant(sku: "TT-WSOCK-SM", options: ["size": "S/M"], price: nil, stock: 26),
                    DemoVariant(sku: "TT-WSOCK-LXL", options: ["size": "L/XL"], price: nil, stock: 31),
                ]
            ),
            DemoProduct(
                title: "No-Show Socks, 5 Pack",
                description: "Invisible in loafers and sneakers, with a silicone grip so they stay on your heel.",
                price: 1600, category: "apparel/accessories/socks", tags: ["socks", "no-show", "5 pack"], stock: 63, status: "active",
                variants: [
                    DemoVariant(sku: "TT-NSOCK-SM", options: ["size": "S/M"], price: nil, stock: 34),
                    DemoVariant(sku: "TT-NSOCK-LXL", options: ["size": "L/XL"], price: nil, stock: 29),
                ]
            ),
            DemoProduct(
                title: "Six-Panel Cap",
                description: "An unstructured cotton twill cap with a brass buckle strap. One size fits most.",
                price: 3200, category: "apparel/accessories/hats", tags: ["cap", "hat", "six panel"], stock: 64, status: "active",
                variants: [
                    DemoVariant(sku: "TT-CAP6-NVY", options: ["colour": "navy"], price: nil, stock: 22),
                    DemoVariant(sku: "TT-CAP6-KHK", options: ["colour": "khaki"], price: nil, stock: 17),
                    DemoVariant(sku: "TT-CAP6-BLK", options: ["colour": "black"], price: nil, stock: 25),
                ]
            ),
            DemoProduct(
                title: "Corduroy Dad Cap",
                description: "Wide-wale corduroy, a low crown and a curved brim.",
                price: 3400, category: "apparel/accessories/hats", tags: ["cap", "corduroy", "dad hat"], stock: 23, status: "active",
                variants: [
                    DemoVariant(sku: "TT-CORD-RST", options: ["colour": "rust"], price: nil, stock: 14),
                    DemoVariant(sku: "TT-CORD-CRM", options: ["colour": "cream"], price: nil, stock: 9),
                ]
            ),
            DemoProduct(
                title: "Fisherman Rib Beanie",
                description: "A chunky lambswool beanie with a deep cuff. The winter batch sold out; we are knitting more.",
                price: 2800, category: "apparel/accessories/hats", tags: ["beanie", "wool", "winter"], stock: 0, status: "active",
                variants: [
                    DemoVariant(sku: "TT-BEAN-CRM", options: ["colour": "cream"], price: nil, stock: 0),
                    DemoVariant(sku: "TT-BEAN-CHR", options: ["colour": "charcoal"], price: nil, stock: 0),
                    DemoVariant(sku: "TT-BEAN-RST", options: ["colour": "rust"], price: nil, stock: 0),
                ]
            ),
            DemoProduct(
                title: "Holiday Knit Beanie",
                description: "Last winter's limited snowflake jacquard beanie.",
                price: 2600, category: "apparel/accessories/hats", tags: ["beanie", "holiday", "limited edition"], stock: 4, status: "archived", variants: []
            ),
            DemoProduct(
                title: "Linen Tote Bag",
                description: "A roomy tote in washed linen with long handles and an inside pocket for keys.",
                price: 2400, category: "apparel/accessories/bags", tags: ["tote", "linen", "bag"], stock: 46, status: "active", variants: []
            ),
            DemoProduct(
                title: "Canvas Web Belt",
                description: "Cotton webbing with a solid brass roller buckle. Cut it to length if you need to.",
                price: 2900, category: "apparel/accessories/belts", tags: ["belt", "canvas", "brass"], stock: 50, status: "active",
                variants: [
                    DemoVariant(sku: "TT-BELT-OLV", options: ["colour": "olive"], price: nil, stock: 18),
                    DemoVariant(sku: "TT-BELT-NVY", options: ["colour": "navy"], price: nil, stock: 12),
                    DemoVariant(sku: "TT-BELT-BLK", options: ["colour": "black"], price: nil, stock: 20),
                ]
            ),
            DemoProduct(
                title: "Paisley Bandana",
                description: "Printed cotton, 22 inches square.",
                price: 900, category: "apparel/accessories", tags: ["bandana", "paisley", "cotton"], stock: 79, status: "active",
                variants: [
                    DemoVariant(sku: "TT-BAND-RED", options: ["colour": "red"], price: nil, stock: 41),
                    DemoVariant(sku: "TT-BAND-IND", options: ["colour": "indigo"], price: nil, stock: 38),
                ]
            ),
            DemoProduct(
                title: "Iron-On Patch, Mountain",
                description: "An embroidered patch for covering holes or just for fun.",
                price: 600, category: "apparel/accessories/patches", tags: ["patch", "iron-on", "embroidered"], stock: 112, status: "active", variants: []
            ),
            DemoProduct(
                title: "Clothing Repair Kit",
                description: "Needles, thread in six colours, spare buttons and a darning mushroom in a small tin, because the most sustainable shirt is the one you already own.",
                price: 1500, category: "apparel/accessories", tags: ["repair kit", "sewing", "mending", "gift"], stock: 57, status: "active", variants: []
            ),
            DemoProduct(
                title: "Gift Wrapping",
                description: "We wrap your order in recycled paper with a handwritten card. Add one per item you want wrapped.",
                price: 500, category: "apparel/gifts", tags: ["gift wrap", "gift"], stock: 200, status: "active", variants: []
            ),
        ]
    )
}
