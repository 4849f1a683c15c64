extension DemoShop {
    /// French stationery priced in euros. Titles keep their accents on purpose (Crème, Café, Étui,
    /// Papier Mâché) so accent-insensitive search has something to find: "creme" must match "Crème".
    static let papeterieCreme = DemoShop(
        name: "Papeterie Crème",
        slug: "papeterie-creme",
        description: "A little papeterie in Lyon's Croix-Rousse: notebooks sewn by hand, fountain pens, inks and letter paper in soft café-crème tones. We ship across Europe from the shop's back room.",
        currency: "EUR",
        contactEmail: "bonjour@papeterie-creme.example",
        ownerEmail: "camille@demo.marketmate.test",
        products: [
            DemoProduct(
                title: "Carnet Crème Brûlée, A5",
                description: "Our signature notebook: a caramel linen cover, 160 pages of ivory 90 g/m² paper and a thread-sewn binding that lies perfectly flat. Named after the dessert we ate while designing it.",
                price: 2400, category: "office/notebooks", tags: ["carnet", "notebook", "a5", "crème brûlée", "bestseller"], stock: 95, status: "active",
                variants: [
                    DemoVariant(sku: "PC-CB-A5-LINED", options: ["ruling": "lined"], price: nil, stock: 31),
                    DemoVariant(sku: "PC-CB-A5-DOT", options: ["ruling": "dot grid"], price: nil, stock: 42),
                    DemoVariant(sku: "PC-CB-A5-PLAIN", options: ["ruling": "plain"], price: nil, stock: 22),
                ]
            ),
            DemoProduct(
                title: "Carnet de Poche Café",
                description: "A pocket notebook in coffee-brown kraft, small enough for a jacket. 64 squared pages.",
                price: 850, category: "office/notebooks", tags: ["carnet", "pocket notebook", "café"], stock: 140, status: "active", variants: []
            ),
            DemoProduct(
                title: "Carnet de Voyage, édition 2026",
                description: "A travel journal with maps, pockets and watercolour pages. Still waiting on the final cover proof from the printer.",
                price: 3200, category: "office/notebooks", tags: ["carnet", "travel journal", "2026"], stock: 60, status: "draft", variants: []
            ),
            DemoProduct(
                title: "Cahier Séyès, 96 Pages",
                description: "The classic French school exercise book with Séyès ruling, the grid every French child learns to write on.",
                price: 490, category: "office/notebooks", tags: ["cahier", "seyes", "school"], stock: 220, status: "active", variants: []
            ),
            DemoProduct(
                title: "Carnet Crème, Couverture Papier Mâché",
                description: "Each cover is pressed by hand from recycled papier mâché, so the texture is different on every copy. Blank cream pages inside.",
                price: 2900, category: "office/notebooks", tags: ["carnet", "papier mâché", "handmade", "recycled"], stock: 18, status: "active", variants: []
            ),
            DemoProduct(
                title: "Journal Relié Cuir Café au Lait",
                description: "A refillable leather journal, vegetable tanned in the Dordogne, that darkens beautifully with use. Comes with one A5 insert.",
                price: 6800, category: "office/notebooks", tags: ["journal", "leather", "refillable"], stock: 14, status: "active", variants: []
            ),
            DemoProduct(
                title: "Agenda Semainier 2026",
                description: "A week-to-view planner with Monday starts, French public holidays and a ribbon marker.",
                price: 2800, category: "office/planners", tags: ["agenda", "planner", "2026"], stock: 75, status: "active", variants: []
            ),
            DemoProduct(
                title: "Bloc de Papier à Lettres Vergé",
                description: "Fifty sheets of laid writing paper in ivory. Fountain pen friendly, with no feathering or bleed.",
                price: 1400, category: "office/paper", tags: ["letter paper", "vergé", "writing"], stock: 58, status: "active", variants: []
            ),
            DemoProduct(
                title: "Enveloppes Crème, Lot de 25",
                description: "C6 envelopes in the same cream as our letter paper, with a gummed flap.",
                price: 900, category: "office/paper", tags: ["envelopes", "crème", "correspondence"], stock: 110, status: "active", variants: []
            ),
            DemoProduct(
                title: "Cartes Postales Paris Café, Lot de 8",
                description: "Eight illustrated postcards of Paris café terraces, from Montmartre to the Marais.",
                price: 1200, category: "office/cards", tags: ["postcards", "paris", "café", "illustration"], stock: 64, status: "active", variants: []
            ),
            DemoProduct(
                title: "Carte de Vœux Letterpress",
                description: "A single greeting card printed on a 1920s Heidelberg press, with a cream envelope. Blank inside.",
                price: 550, category: "office/cards", tags: ["greeting card", "letterpress", "vœux"], stock: 130, status: "active", variants: []
            ),
            DemoProduct(
                title: "Étui à Crayons en Lin",
                description: "A zipped linen pencil case, lined in cotton, that holds about fifteen pens.",
                price: 2400, category: "office/cases", tags: ["étui", "pencil case", "linen"], stock: 37, status: "active",
                variants: [
                    DemoVariant(sku: "PC-ETUI-LIN-NAT", options: ["colour": "natural"], price: nil, stock: 20),
                    DemoVariant(sku: "PC-ETUI-LIN-MOU", options: ["colour": "mustard"], price: nil, stock: 17),
                ]
            ),
            DemoProduct(
                title: "Étui Cuir pour Stylo Plume",
                description: "A slim leather sleeve for a single fountain pen. Keeps the clip from scratching your other pens.",
                price: 4500, category: "office/cases", tags: ["étui", "pen case", "leather"], stock: 21, status: "active", variants: []
            ),
            DemoProduct(
                title: "Boîte de Rangement Papier Mâché",
                description: "A lidded desk box moulded from papier mâché and painted cream by hand. For stamps, clips and all the little things.",
                price: 3600, category: "office/storage", tags: ["box", "papier mâché", "desk storage"], stock: 12, status: "active", variants: []
            ),
            DemoProduct(
                title: "Stylo Plume Café",
                description: "Our own fountain pen in a coffee-brown resin with a steel nib. The last batch sold out in a week; we expect more in March.",
                price: 7900, category: "office/pens", tags: ["stylo plume", "fountain pen", "café"], stock: 0, status: "active",
                variants: [
                    DemoVariant(sku: "PC-SP-CAFE-F", options: ["nib": "fine"], price: nil, stock: 0),
                    DemoVariant(sku: "PC-SP-CAFE-M", options: ["nib": "medium"], price: nil, stock: 0),
                ]
            ),
            DemoProduct(
                title: "Stylo Plume Laqué Bordeaux",
                description: "A fountain pen in deep Bordeaux lacquer over brass, with an 18-carat gold nib. Presented in a gift box with a converter and two cartridges.",
                price: 26000, category: "office/pens", tags: ["stylo plume", "fountain pen", "gold nib", "gift"], stock: 5, status: "active",
                variants: [
                    DemoVariant(sku: "PC-SP-BDX-F", options: ["nib": "fine"], price: nil, stock: 2),
                    DemoVariant(sku: "PC-SP-BDX-M", options: ["nib": "medium"], price: nil, stock: 2),
                    DemoVariant(sku: "PC-SP-BDX-B", options: ["nib": "broad"], price: nil, stock: 1),
                ]
            ),
            DemoProduct(
                title: "Stylo Bille en Laiton",
                description: "A solid brass ballpoint that takes standard refills.",
                price: 4200, category: "office/pens", tags: ["ballpoint", "brass", "pen"], stock: 26, status: "active", variants: []
            ),
            DemoProduct(
                title: "Porte-Mine 0,5 mm",
                description: "A mechanical pencil with a knurled metal grip and a retractable tip.",
                price: 1200, category: "office/pens", tags: ["mechanical pencil", "porte-mine", "drafting"], stock: 49, status: "active", variants: []
            ),
            DemoProduct(
                title: "Crayons Graphite HB, Boîte de 12",
                description: "Cedar pencils in a cream tin.",
                price: 750, category: "office/pencils", tags: ["pencils", "graphite", "hb"], stock: 88, status: "active", variants: []
            ),
            DemoProduct(
                title: "Crayons de Couleur Pastel, 24",
                description: "Twenty-four soft pastel colouring pencils, from pistache to framboise, in a rolled canvas wrap.",
                price: 1900, category: "office/pencils", tags: ["coloured pencils", "pastel", "art"], stock: 33, status: "active", variants: []
            ),
            DemoProduct(
                title: "Encre Crème de Marron, 50 ml",
                description: "A warm chestnut-brown fountain pen ink that shades from light to dark in a single stroke.",
                price: 1600, category: "office/ink", tags: ["ink", "fountain pen", "brown", "crème de marron"], stock: 41, status: "active", variants: []
            ),
            DemoProduct(
                title: "Encre Bleu Nuit, 50 ml",
                description: "Deep midnight blue, quick drying and easy to clean out of a pen.",
                price: 1500, category: "office/ink", tags: ["ink", "fountain pen", "blue"], stock: 52, status: "active", variants: []
            ),
            DemoProduct(
                title: "Cartouches d'Encre, Lot de 6",
                description: "Standard international short cartridges.",
                price: 400, category: "office/ink", tags: ["ink cartridges", "fountain pen"], stock: 260, status: "active",
                variants: [
                    DemoVariant(sku: "PC-CART-NOIR", options: ["colour": "black"], price: nil, stock: 110),
                    DemoVariant(sku: "PC-CART-BLEU", options: ["colour": "blue"], price: nil, stock: 95),
                    DemoVariant(sku: "PC-CART-MARRON", options: ["colour": "crème de marron"], price: 450, stock: 55),
                ]
            ),
            DemoProduct(
                title: "Gomme Blanche",
                description: "A soft white eraser that lifts graphite cleanly without tearing the paper.",
                price: 300, category: "office/desk", tags: ["eraser", "gomme"], stock: 300, status: "active", variants: []
            ),
            DemoProduct(
                title: "Taille-Crayon en Laiton",
                description: "A heavy brass sharpener with a replaceable blade; small enough for any étui.",
                price: 600, category: "office/desk", tags: ["sharpener", "brass"], stock: 97, status: "active", variants: []
            ),
            DemoProduct(
                title: "Règle en Laiton, 15 cm",
                description: "An engraved brass ruler that doubles as a bookmark.",
                price: 1400, category: "office/desk", tags: ["ruler", "brass", "règle"], stock: 44, status: "active", variants: []
            ),
            DemoProduct(
                title: "Trombones Dorés, Boîte de 100",
                description: "Gold paper clips in a tiny tin. Far too pretty for tax returns.",
                price: 500, category: "office/desk", tags: ["paper clips", "gold"], stock: 150, status: "active", variants: []
            ),
            DemoProduct(
                title: "Plumier en Noyer",
                description: "A walnut pen tray with three grooves, oiled by hand in our workshop.",
                price: 2900, category: "office/desk", tags: ["pen tray", "walnut", "plumier"], stock: 19, status: "active", variants: []
            ),
            DemoProduct(
                title: "Sous-Main en Cuir",
                description: "A full-grain leather desk blotter, 60 × 40 cm, with a suede underside that stays put. Each hide is a little different.",
                price: 9500, category: "office/desk", tags: ["desk pad", "leather", "sous-main"], stock: 7, status: "active", variants: []
            ),
            DemoProduct(
                title: "Tampon Encreur Merci",
                description: "A wooden rubber stamp reading « merci » in a looping script, with a cream ink pad.",
                price: 1800, category: "office/correspondence", tags: ["stamp", "merci", "rubber stamp"], stock: 36, status: "active", variants: []
            ),
            DemoProduct(
                title: "Kit Cire à Cacheter",
                description: "A brass seal with your initial, three sticks of wax (bordeaux, or and crème) and a little spoon. Choose the letter in the order notes.",
                price: 3400, category: "office/correspondence", tags: ["sealing wax", "cire", "seal", "gift"], stock: 24, status: "active", variants: []
            ),
            DemoProduct(
                title: "Washi Tape Pâtisserie, Lot de 3",
                description: "Macarons, éclairs and croissants on three rolls of Japanese washi tape.",
                price: 990, category: "office/crafts", tags: ["washi tape", "pâtisserie", "scrapbooking"], stock: 82, status: "active", variants: []
            ),
            DemoProduct(
                title: "Coffret Calligraphie",
                description: "An oblique holder, six nibs, a bottle of iron gall ink and a practice pad. A complete beginner's set for copperplate and spencerian scripts.",
                price: 5800, category: "office/pens", tags: ["calligraphy", "nibs", "gift set"], stock: 15, status: "active", variants: []
            ),
            DemoProduct(
                title: "Marque-Page en Laiton",
                description: "A brass bookmark etched with a tiny Lyon skyline.",
                price: 1100, category: "office/accessories", tags: ["bookmark", "brass", "lyon"], stock: 63, status: "active", variants: []
            ),
            DemoProduct(
                title: "Linen Tote Bag, Crème",
                description: "Heavy undyed linen in a soft crème, printed with our shop's little inkwell. Big enough for an A4 sketchbook and a baguette.",
                price: 1900, category: "accessories/bags", tags: ["tote", "linen", "bag", "crème"], stock: 40, status: "active", variants: []
            ),
            DemoProduct(
                title: "Coffret Cadeau Café Crème",
                description: "A gift box with a Carnet Crème Brûlée, a Carnet de Poche Café, a bottle of Crème de Marron ink and a brass ballpoint, wrapped in our cream paper and closed with a wax seal.",
                price: 12000, category: "office/gift-sets", tags: ["gift set", "coffret", "café crème", "gift"], stock: 9, status: "active", variants: []
            ),
        ]
    )
}
