extension DemoShop {
    /// Handmade ceramics from a two-person studio; glaze colours as variants.
    static let kilnAndCo = DemoShop(
        name: "Kiln & Co.",
        slug: "kiln-and-co",
        description: "Wheel-thrown stoneware from a small studio in Asheville, North Carolina. Every piece is made, glazed and fired by hand, so no two are quite the same.",
        currency: "USD",
        contactEmail: "hello@kilnandco.example",
        ownerEmail: "vendor@demo.marketmate.test",
        products: [
            DemoProduct(
                title: "Ceramic Mug",
                description: "Our everyday 12 oz mug, thrown on the wheel and trimmed with a generous thumb rest. Dishwasher and microwave safe.",
                price: 3400, category: "kitchen/mugs", tags: ["mug", "stoneware", "coffee", "bestseller"], stock: 71, status: "active",
                variants: [
                    DemoVariant(sku: "KC-MUG-OAT", options: ["glaze": "oatmeal"], price: nil, stock: 24),
                    DemoVariant(sku: "KC-MUG-CEL", options: ["glaze": "celadon"], price: nil, stock: 18),
                    DemoVariant(sku: "KC-MUG-COB", options: ["glaze": "cobalt"], price: nil, stock: 17),
                    DemoVariant(sku: "KC-MUG-TEN", options: ["glaze": "tenmoku"], price: nil, stock: 12),
                ]
            ),
            DemoProduct(
                title: "Speckled Oat Mug",
                description: "Iron-speckled clay under a satin oat glaze. Holds about 10 oz.",
                price: 3200, category: "kitchen/mugs", tags: ["mug", "speckled", "stoneware"], stock: 26, status: "active", variants: []
            ),
            DemoProduct(
                title: "Tall Latte Mug",
                description: "A taller, narrower mug with room for 14 oz and plenty of milk foam. The glaze breaks to a toasty brown along the rim.",
                price: 3800, category: "kitchen/mugs", tags: ["mug", "latte", "tall", "coffee"], stock: 30, status: "active",
                variants: [
                    DemoVariant(sku: "KC-LATTE-SEA", options: ["glaze": "sea salt"], price: nil, stock: 19),
                    DemoVariant(sku: "KC-LATTE-CHA", options: ["glaze": "charcoal"], price: nil, stock: 11),
                ]
            ),
            DemoProduct(
                title: "Little Cortado Mug",
                description: "Small, sturdy, 5 oz. Just right for a cortado or a flat white.",
                price: 2400, category: "kitchen/mugs", tags: ["mug", "espresso", "small"], stock: 42, status: "active", variants: []
            ),
            DemoProduct(
                title: "Stacking Mugs, Set of 4",
                description: "Four straight-sided mugs that nest neatly on a shelf, each in a different glaze from our current palette.",
                price: 11800, category: "kitchen/mugs", tags: ["mug", "set", "gift"], stock: 9, status: "active", variants: []
            ),
            DemoProduct(
                title: "Handleless Tea Mug (Yunomi)",
                description: "A tall, handleless cup in the Japanese yunomi style, with deep throwing lines that are easy to grip. Lovely for green tea.",
                price: 2800, category: "kitchen/mugs", tags: ["mug", "tea", "yunomi"], stock: 33, status: "active", variants: []
            ),
            DemoProduct(
                title: "Tankard Beer Mug",
                description: "A heavy 18 oz tankard with a chunky pulled handle. Pop it in the freezer for 20 minutes before pouring.",
                price: 4200, category: "kitchen/mugs", tags: ["mug", "beer", "tankard"], stock: 14, status: "active", variants: []
            ),
            DemoProduct(
                title: "Seconds Mug",
                description: "Mugs that came out of the kiln with a small glaze skip, a wobbly foot or a stray speck. Perfectly usable, just not perfect. Glaze colour is a surprise.",
                price: 1600, category: "kitchen/mugs", tags: ["mug", "seconds", "sale"], stock: 48, status: "active", variants: []
            ),
            DemoProduct(
                title: "Diner Mug, Chunky Handle",
                description: "Inspired by the thick-walled mugs at the diner down the road. Keeps coffee warm through a long conversation.",
                price: 3000, category: "kitchen/mugs", tags: ["mug", "diner", "retro", "coffee"], stock: 37, status: "active",
                variants: [
                    DemoVariant(sku: "KC-DINER-BUT", options: ["glaze": "butter yellow"], price: nil, stock: 15),
                    DemoVariant(sku: "KC-DINER-MNT", options: ["glaze": "mint"], price: nil, stock: 13),
                    DemoVariant(sku: "KC-DINER-TOM", options: ["glaze": "tomato red"], price: nil, stock: 9),
                ]
            ),
            DemoProduct(
                title: "Espresso Cup & Saucer",
                description: "A 3 oz demitasse with a matching saucer.",
                price: 2600, category: "kitchen/cups", tags: ["espresso", "cup", "saucer"], stock: 22, status: "active", variants: []
            ),
            DemoProduct(
                title: "Pour-Over Coffee Dripper",
                description: "Fits standard #2 cone filters and sits steadily on most mugs. The inner ribs keep the filter from sticking so the brew flows evenly.",
                price: 4800, category: "kitchen/coffee", tags: ["coffee", "pour over", "dripper"], stock: 17, status: "active", variants: []
            ),
            DemoProduct(
                title: "Everyday Cereal Bowl",
                description: "The bowl we reach for at breakfast, lunch and late-night noodles. About 6 inches across and 20 oz.",
                price: 3000, category: "kitchen/bowls", tags: ["bowl", "stoneware", "breakfast"], stock: 56, status: "active",
                variants: [
                    DemoVariant(sku: "KC-BOWL-OAT", options: ["glaze": "oatmeal"], price: nil, stock: 22),
                    DemoVariant(sku: "KC-BOWL-CEL", options: ["glaze": "celadon"], price: nil, stock: 20),
                    DemoVariant(sku: "KC-BOWL-COB", options: ["glaze": "cobalt"], price: nil, stock: 14),
                ]
            ),
            DemoProduct(
                title: "Ramen Bowl",
                description: "Deep and wide with a flared lip, big enough for a full bowl of ramen and all the toppings.",
                price: 5400, category: "kitchen/bowls", tags: ["bowl", "ramen", "noodles"], stock: 19, status: "active", variants: []
            ),
            DemoProduct(
                title: "Nesting Prep Bowls, Set of 3",
                description: "Three little bowls for mise en place, dips or jewellery. They nest for storage.",
                price: 4400, category: "kitchen/bowls", tags: ["bowl", "set", "prep"], stock: 25, status: "active", variants: []
            ),
            DemoProduct(
                title: "Large Serving Bowl",
                description: "A statement bowl, roughly 12 inches wide, for salads and big family dinners. Each one takes nearly three weeks from wheel to finished piece.",
                price: 13500, category: "kitchen/bowls", tags: ["bowl", "serving", "statement piece"], stock: 5, status: "active", variants: []
            ),
            DemoProduct(
                title: "Berry Colander",
                description: "Rinse a pint of berries and serve them in the same bowl; the matching saucer catches the drips.",
                price: 4600, category: "kitchen/bowls", tags: ["colander", "berries", "bowl"], stock: 12, status: "active", variants: []
            ),
            DemoProduct(
                title: "Dipping Dishes, Set of 4",
                description: "Shallow 3-inch dishes for soy sauce, olive oil or salt.",
                price: 3600, category: "kitchen/small-dishes", tags: ["dish", "set", "small"], stock: 28, status: "active", variants: []
            ),
            DemoProduct(
                title: "Salt Cellar with Lid",
                description: "Keeps flaky salt dry and within reach of the stove. The lid has a small notch for a spoon.",
                price: 2200, category: "kitchen/small-dishes", tags: ["salt", "cellar", "kitchen"], stock: 31, status: "active", variants: []
            ),
            DemoProduct(
                title: "Dinner Plate",
                description: "A 10.5-inch plate with a slightly raised rim that keeps sauces where they belong.",
                price: 4000, category: "kitchen/plates", tags: ["plate", "dinnerware", "stoneware"], stock: 64, status: "active",
                variants: [
                    DemoVariant(sku: "KC-DPLATE-OAT", options: ["glaze": "oatmeal"], price: nil, stock: 28),
                    DemoVariant(sku: "KC-DPLATE-CEL", options: ["glaze": "celadon"], price: nil, stock: 21),
                    DemoVariant(sku: "KC-DPLATE-CHA", options: ["glaze": "charcoal"], price: nil, stock: 15),
                ]
            ),
            DemoProduct(
                title: "Side Plate",
                description: "Eight inches, for toast, cake or a little bit of everything.",
                price: 2800, category: "kitchen/plates", tags: ["plate", "dinnerware"], stock: 47, status: "active", variants: []
            ),
            DemoProduct(
                title: "Oval Serving Platter",
                description: "Long enough for a whole roast fish or a generous cheese board. Oven safe to 450°F.",
                price: 9600, category: "kitchen/plates", tags: ["platter", "serving", "oven safe"], stock: 8, status: "active", variants: []
            ),
            DemoProduct(
                title: "Dinnerware Set for Four",
                description: "Four dinner plates, four side plates, four cereal bowls and four Ceramic Mugs in one glaze of your choice. Made to order; please allow four weeks.",
                price: 34000, category: "kitchen/sets", tags: ["dinnerware", "set", "made to order", "gift"], stock: 4, status: "active", variants: []
            ),
            DemoProduct(
                title: "Butter Dish",
                description: "A covered dish sized for a standard stick of butter, with a knob shaped like a little pebble.",
                price: 5200, category: "kitchen/accessories", tags: ["butter dish", "kitchen"], stock: 16, status: "active", variants: []
            ),
            DemoProduct(
                title: "Spoon Rest",
                description: "Catches drips next to the stove.",
                price: 1800, category: "kitchen/accessories", tags: ["spoon rest", "kitchen", "small"], stock: 39, status: "active", variants: []
            ),
            DemoProduct(
                title: "Teapot, 800 ml",
                description: "Pours without dribbling (we tested a lot of spouts). Comes with a removable stainless steel infuser basket and serves three to four cups.",
                price: 16500, category: "kitchen/tea", tags: ["teapot", "tea", "stoneware"], stock: 6, status: "active", variants: []
            ),
            DemoProduct(
                title: "Tea Bowl Prototype, Ash Glaze",
                description: "An experiment with wood-ash glaze from our fall firing. Not for sale yet while we test how the glaze holds up.",
                price: 6400, category: "kitchen/tea", tags: ["tea bowl", "ash glaze", "experimental"], stock: 3, status: "draft", variants: []
            ),
            DemoProduct(
                title: "Bud Vase",
                description: "A tiny vase for a single stem from the garden.",
                price: 2600, category: "home/vases", tags: ["vase", "bud vase", "small"], stock: 44, status: "active", variants: []
            ),
            DemoProduct(
                title: "Bottle Vase, Tall",
                description: "A slender 11-inch bottle form with a narrow neck that holds branches upright on their own.",
                price: 8800, category: "home/vases", tags: ["vase", "tall", "bottle"], stock: 10, status: "active", variants: []
            ),
            DemoProduct(
                title: "Ribbed Cylinder Vase",
                description: "Straight sides with fine carved ribs that catch the glaze. Watertight and roughly 8 inches tall.",
                price: 7200, category: "home/vases", tags: ["vase", "ribbed", "carved"], stock: 18, status: "active",
                variants: [
                    DemoVariant(sku: "KC-RIBVASE-WHT", options: ["glaze": "chalk white"], price: nil, stock: 8),
                    DemoVariant(sku: "KC-RIBVASE-SAGE", options: ["glaze": "sage"], price: nil, stock: 6),
                    DemoVariant(sku: "KC-RIBVASE-COB", options: ["glaze": "cobalt"], price: 7800, stock: 4),
                ]
            ),
            DemoProduct(
                title: "Moon Jar, Large",
                description: "Thrown in two halves and joined at the belly, after the Korean tradition. Each jar is about 15 inches tall and takes months to make. The next batch comes out of the kiln in spring.",
                price: 42000, category: "home/vases", tags: ["moon jar", "vase", "statement piece"], stock: 0, status: "active", variants: []
            ),
            DemoProduct(
                title: "Ikebana Vase with Kenzan",
                description: "A low, wide vessel with a brass flower frog (kenzan) for arranging in the ikebana style.",
                price: 11000, category: "home/vases", tags: ["vase", "ikebana", "flowers"], stock: 7, status: "active", variants: []
            ),
            DemoProduct(
                title: "Hanging Planter",
                description: "A small glazed planter with a drainage hole and a jute hanger. Great for pothos or a trailing string of pearls.",
                price: 5800, category: "home/planters", tags: ["planter", "hanging", "plants"], stock: 15, status: "active", variants: []
            ),
            DemoProduct(
                title: "Incense Holder",
                description: "A flat river-stone shape with a single hole for stick incense.",
                price: 1400, category: "home/decor", tags: ["incense", "decor", "small"], stock: 52, status: "active", variants: []
            ),
            DemoProduct(
                title: "Ring Dish",
                description: "For rings, earrings and the house key you always lose. Glaze colours vary.",
                price: 1200, category: "home/decor", tags: ["ring dish", "jewellery", "gift"], stock: 60, status: "active", variants: []
            ),
            DemoProduct(
                title: "Linen Tote, Kiln & Co.",
                description: "A heavy natural linen tote, screen printed with our kiln logo. We use them to carry pots to the market every Saturday.",
                price: 2200, category: "accessories/bags", tags: ["tote", "linen", "bag"], stock: 35, status: "active", variants: []
            ),
            DemoProduct(
                title: "Wheel-Throwing Workshop, 2 Hours",
                description: "A hands-on beginner session at the studio: you throw two pieces, we glaze and fire them and let you know when they are ready to collect. Stock is seats in the next class.",
                price: 8500, category: "classes/workshops", tags: ["workshop", "class", "pottery", "experience"], stock: 8, status: "active", variants: []
            ),
        ]
    )
}
