extension DemoShop {
    /// Keyboards, cables and desk gadgets for people who live in a terminal; switch types as variants.
    static let byteBazaar = DemoShop(
        name: "Byte Bazaar",
        slug: "byte-bazaar",
        description: "Mechanical keyboards, good cables and small gadgets for people who spend their day in a terminal. Everything is tested on Linux and macOS before it goes on the shelf.",
        currency: "USD",
        contactEmail: "support@bytebazaar.example",
        ownerEmail: "priya@demo.marketmate.test",
        products: [
            DemoProduct(
                title: "Tenkey 87 Mechanical Keyboard",
                description: "A tenkeyless board with a steel plate, PBT keycaps and a detachable USB-C cable. Fully programmable with QMK and VIA.",
                price: 13900, category: "electronics/keyboards", tags: ["keyboard", "mechanical", "tenkeyless", "qmk"], stock: 54, status: "active",
                variants: [
                    DemoVariant(sku: "BB-TK87-BRN", options: ["switch": "tactile brown"], price: nil, stock: 21),
                    DemoVariant(sku: "BB-TK87-RED", options: ["switch": "linear red"], price: nil, stock: 18),
                    DemoVariant(sku: "BB-TK87-BLU", options: ["switch": "clicky blue"], price: nil, stock: 9),
                    DemoVariant(sku: "BB-TK87-BOX", options: ["switch": "box white"], price: 14900, stock: 6),
                ]
            ),
            DemoProduct(
                title: "Aluminium 65% Keyboard",
                description: "CNC-milled aluminium case, gasket mount, hot-swap sockets. It weighs almost 2 kg and does not move on the desk.",
                price: 22900, category: "electronics/keyboards", tags: ["keyboard", "mechanical", "65 percent", "hot-swap"], stock: 25, status: "active",
                variants: [
                    DemoVariant(sku: "BB-AL65-BRN-SLV", options: ["switch": "tactile brown", "case": "silver"], price: nil, stock: 7),
                    DemoVariant(sku: "BB-AL65-RED-SLV", options: ["switch": "linear red", "case": "silver"], price: nil, stock: 6),
                    DemoVariant(sku: "BB-AL65-BRN-BLK", options: ["switch": "tactile brown", "case": "black"], price: nil, stock: 5),
                    DemoVariant(sku: "BB-AL65-RED-BLK", options: ["switch": "linear red", "case": "black"], price: nil, stock: 4),
                    DemoVariant(sku: "BB-AL65-BARE-SLV", options: ["switch": "none (barebones)", "case": "silver"], price: 18900, stock: 3),
                ]
            ),
            DemoProduct(
                title: "Full-Size Office Mechanical Keyboard",
                description: "Quiet tactile switches, a number pad and a plain, no-RGB look that will not bother your coworkers.",
                price: 9900, category: "electronics/keyboards", tags: ["keyboard", "full size", "quiet", "office"], stock: 38, status: "active", variants: []
            ),
            DemoProduct(
                title: "Split Ergonomic Keyboard",
                description: "Two columnar-stagger halves with thumb clusters, tenting feet and wrist rests. Expect a week of retraining; your shoulders will thank you after that.",
                price: 32900, category: "electronics/keyboards", tags: ["keyboard", "split", "ergonomic", "columnar"], stock: 13, status: "active",
                variants: [
                    DemoVariant(sku: "BB-SPLIT-CHOC", options: ["switch": "low-profile linear"], price: nil, stock: 5),
                    DemoVariant(sku: "BB-SPLIT-BRN", options: ["switch": "tactile brown"], price: nil, stock: 4),
                    DemoVariant(sku: "BB-SPLIT-SLNT", options: ["switch": "silent linear"], price: 33900, stock: 4),
                ]
            ),
            DemoProduct(
                title: "Split Keyboard DIY Kit (Preorder)",
                description: "PCBs, case, controllers and diodes for building your own split board. Soldering required. Listing goes live when the group buy opens.",
                price: 15900, category: "electronics/keyboards/kits", tags: ["keyboard", "diy", "kit", "soldering"], stock: 40, status: "draft", variants: []
            ),
            DemoProduct(
                title: "Low-Profile Wireless Keyboard",
                description: "Bluetooth to three devices plus a 2.4 GHz dongle, in a 75% layout that is barely thicker than a laptop deck.",
                price: 11900, category: "electronics/keyboards", tags: ["keyboard", "wireless", "low profile", "bluetooth"], stock: 29, status: "active",
                variants: [
                    DemoVariant(sku: "BB-LP75-RED", options: ["switch": "linear red"], price: nil, stock: 16),
                    DemoVariant(sku: "BB-LP75-BRN", options: ["switch": "tactile brown"], price: nil, stock: 13),
                ]
            ),
            DemoProduct(
                title: "9-Key Macro Pad",
                description: "Nine hot-swap keys and a rotary knob. Map them to git commands, build shortcuts or your volume.",
                price: 4500, category: "electronics/keyboards", tags: ["macro pad", "qmk", "knob"], stock: 47, status: "active", variants: []
            ),
            DemoProduct(
                title: "PBT Keycap Set, Terminal Green",
                description: "Doubleshot PBT in phosphor green on black, cherry profile, 142 keys.",
                price: 6500, category: "electronics/keyboards/keycaps", tags: ["keycaps", "pbt", "green", "cherry profile"], stock: 31, status: "active", variants: []
            ),
            DemoProduct(
                title: "Retro Terminal Keycap Set",
                description: "Beige and brown keycaps modeled on 1980s terminal keyboards, with dye-sublimated legends. The first run sold out in a day; a second run is being manufactured.",
                price: 8900, category: "electronics/keyboards/keycaps", tags: ["keycaps", "retro", "beige"], stock: 0, status: "active", variants: []
            ),
            DemoProduct(
                title: "Artisan Escape Key",
                description: "A hand-cast resin escape key with a tiny mountain lake inside. Cherry MX stem.",
                price: 2400, category: "electronics/keyboards/keycaps", tags: ["keycap", "artisan", "resin"], stock: 15, status: "active", variants: []
            ),
            DemoProduct(
                title: "Switch Tester, 12 Switches",
                description: "Try linear, tactile and clicky switches side by side before you commit to a whole board.",
                price: 1500, category: "electronics/keyboards", tags: ["switches", "tester", "sampler"], stock: 88, status: "active", variants: []
            ),
            DemoProduct(
                title: "Keycap & Switch Puller",
                description: "Two tools in one steel handle.",
                price: 600, category: "electronics/keyboards", tags: ["tool", "keycap puller", "switch puller"], stock: 210, status: "active", variants: []
            ),
            DemoProduct(
                title: "Coiled USB-C Keyboard Cable",
                description: "A paracord-sleeved coiled cable with a detachable aviator connector. 1.5 m when stretched.",
                price: 3200, category: "electronics/cables", tags: ["cable", "usb-c", "coiled", "aviator"], stock: 73, status: "active",
                variants: [
                    DemoVariant(sku: "BB-COIL-BLK", options: ["colour": "black"], price: nil, stock: 30),
                    DemoVariant(sku: "BB-COIL-GRN", options: ["colour": "terminal green"], price: nil, stock: 22),
                    DemoVariant(sku: "BB-COIL-ORG", options: ["colour": "amber"], price: nil, stock: 21),
                ]
            ),
            DemoProduct(
                title: "USB-C to USB-C Cable, 2 m, 100 W",
                description: "E-marked for 100 W charging and 10 Gbps data. Braided jacket.",
                price: 1400, category: "electronics/cables", tags: ["cable", "usb-c", "charging"], stock: 160, status: "active", variants: []
            ),
            DemoProduct(
                title: "USB-A to USB-C Cable, 1 m",
                description: "For the older ports on your docking station.",
                price: 900, category: "electronics/cables", tags: ["cable", "usb-a", "usb-c"], stock: 190, status: "active", variants: []
            ),
            DemoProduct(
                title: "Short USB-C Cables, 3-Pack",
                description: "Three 20 cm cables for power banks, hubs and tidy desks.",
                price: 1200, category: "electronics/cables", tags: ["cable", "usb-c", "short"], stock: 95, status: "active", variants: []
            ),
            DemoProduct(
                title: "Braided HDMI 2.1 Cable, 2 m",
                description: "Certified for 4K at 120 Hz and 8K at 60 Hz.",
                price: 1900, category: "electronics/cables", tags: ["cable", "hdmi", "4k"], stock: 82, status: "active", variants: []
            ),
            DemoProduct(
                title: "USB Serial Console Cable (RJ45)",
                description: "The cable every network engineer eventually borrows and never returns. FTDI chipset, works without drivers on Linux.",
                price: 1800, category: "electronics/cables", tags: ["console cable", "serial", "rj45", "networking"], stock: 44, status: "active", variants: []
            ),
            DemoProduct(
                title: "Reusable Cable Ties, 50 Pack",
                description: "Hook-and-loop ties in five colours, so you can finally tell the cables apart.",
                price: 500, category: "electronics/cables", tags: ["cable management", "velcro", "ties"], stock: 240, status: "active", variants: []
            ),
            DemoProduct(
                title: "7-in-1 USB-C Hub",
                description: "HDMI, two USB-A, USB-C PD pass-through, gigabit Ethernet and an SD card reader in an aluminium shell.",
                price: 4900, category: "electronics/adapters", tags: ["hub", "usb-c", "dongle", "ethernet"], stock: 57, status: "active", variants: []
            ),
            DemoProduct(
                title: "USB-C to Ethernet Adapter",
                description: "Gigabit Ethernet for laptops that lost their port. Realtek chipset, plug and play.",
                price: 2400, category: "electronics/adapters", tags: ["adapter", "ethernet", "usb-c"], stock: 66, status: "active", variants: []
            ),
            DemoProduct(
                title: "Closed-Back Studio Headphones",
                description: "Flat, honest sound for mixing and long listening sessions, with velour pads that do not get sweaty. Includes a coiled and a straight cable.",
                price: 14900, category: "electronics/audio", tags: ["headphones", "studio", "closed back"], stock: 22, status: "active", variants: []
            ),
            DemoProduct(
                title: "USB Desktop Microphone",
                description: "A cardioid condenser mic with a mute button and a headphone jack for stand-ups and pairing sessions.",
                price: 8900, category: "electronics/audio", tags: ["microphone", "usb", "podcast"], stock: 27, status: "active", variants: []
            ),
            DemoProduct(
                title: "Wired Earbuds with Mic",
                description: "USB-C earbuds for calls. No battery to forget to charge.",
                price: 1900, category: "electronics/audio", tags: ["earbuds", "wired", "usb-c"], stock: 105, status: "active", variants: []
            ),
            DemoProduct(
                title: "Compact Desk Speakers",
                description: "A pair of powered bookshelf speakers that fit either side of a monitor, with Bluetooth and optical input.",
                price: 7900, category: "electronics/audio", tags: ["speakers", "desk", "bluetooth"], stock: 19, status: "active", variants: []
            ),
            DemoProduct(
                title: "USB DAC & Headphone Amp",
                description: "A pocket-sized DAC that drives power-hungry headphones and skips the noisy onboard audio.",
                price: 11900, category: "electronics/audio", tags: ["dac", "headphone amp", "hi-fi"], stock: 16, status: "active", variants: []
            ),
            DemoProduct(
                title: "Extended Desk Mat, Grid",
                description: "90 × 40 cm with a subtle grid print and stitched edges.",
                price: 2900, category: "desk/accessories", tags: ["desk mat", "mouse pad", "grid"], stock: 61, status: "active",
                variants: [
                    DemoVariant(sku: "BB-MAT-GRID-CHR", options: ["colour": "charcoal"], price: nil, stock: 34),
                    DemoVariant(sku: "BB-MAT-GRID-NVY", options: ["colour": "navy"], price: nil, stock: 27),
                ]
            ),
            DemoProduct(
                title: "Vim Cheat Sheet Desk Mat",
                description: "Every motion you keep forgetting, printed right under your keyboard. Also teaches you how to quit.",
                price: 3400, category: "desk/accessories", tags: ["desk mat", "vim", "cheat sheet"], stock: 48, status: "active", variants: []
            ),
            DemoProduct(
                title: "Walnut Wrist Rest",
                description: "Solid oiled walnut with cork feet, sized for tenkeyless boards.",
                price: 3900, category: "desk/accessories", tags: ["wrist rest", "walnut", "ergonomic"], stock: 23, status: "active", variants: []
            ),
            DemoProduct(
                title: "Vertical Laptop Stand",
                description: "Stands a closed laptop upright next to your monitor. Adjustable width.",
                price: 4500, category: "desk/accessories", tags: ["laptop stand", "desk", "aluminium"], stock: 35, status: "active", variants: []
            ),
            DemoProduct(
                title: "Monitor Light Bar",
                description: "Sits on top of your monitor and lights the desk, not the screen. Warm to cool white with a wireless dial.",
                price: 5900, category: "desk/lighting", tags: ["light bar", "monitor", "lamp"], stock: 30, status: "active", variants: []
            ),
            DemoProduct(
                title: "Terminal Prompt Mug",
                description: "A black 11 oz mug that reads $ sudo make coffee in phosphor green.",
                price: 1800, category: "merch/mugs", tags: ["mug", "terminal", "gift"], stock: 74, status: "active", variants: []
            ),
            DemoProduct(
                title: "Rubber Debugging Duck",
                description: "Explain your code to the duck, line by line. It has never once interrupted.",
                price: 800, category: "merch/desk-toys", tags: ["rubber duck", "debugging", "gift"], stock: 300, status: "active", variants: []
            ),
            DemoProduct(
                title: "Raspberry Pi 5 Starter Kit",
                description: "Board, active cooler, case, 27 W power supply and a 64 GB card with the OS preloaded. Ready for your home lab.",
                price: 12900, category: "electronics/single-board", tags: ["raspberry pi", "single board", "home lab", "kit"], stock: 18, status: "active", variants: []
            ),
            DemoProduct(
                title: "Pocket USB Logic Analyzer",
                description: "8 channels at 24 MHz, works with sigrok and PulseView. For when printf debugging is not enough.",
                price: 2200, category: "electronics/tools", tags: ["logic analyzer", "sigrok", "debugging"], stock: 39, status: "active", variants: []
            ),
            DemoProduct(
                title: "Hardware Security Key, USB-C + NFC",
                description: "FIDO2 and U2F for SSH keys, passkeys and your password manager. Buy two and keep one in a drawer.",
                price: 5500, category: "electronics/security", tags: ["security key", "fido2", "2fa", "ssh"], stock: 52, status: "active", variants: []
            ),
        ]
    )
}
