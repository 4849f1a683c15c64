import MarketClient
import MarketModels
import TerminalKit

/// The product editor: the product's fields as a form, its variants as a sub-list, and the
/// dialog for one variant. It keeps what was typed exactly as typed until a save succeeds,
/// and turns it into a create or a PATCH of only what changed.
struct ProductEditorModel {
    enum Focus: Equatable { case fields, variants }

    enum Field {
        static let title = "title"
        static let description = "description"
        static let price = "price"
        static let stock = "inventoryCount"
        static let category = "category"
        static let tags = "tags"
        static let status = "status"
    }

    let shop: ShopDTO
    /// nil while creating.
    let productID: ProductID?
    var form: FormState
    /// The texts the form started with: only fields that differ are sent in a PATCH (a
    /// one-line field cannot hold a multi-line description, so an untouched one must not
    /// be written back flattened).
    let initialValues: [String: String]
    var variants: [VariantDraft]
    let initialVariants: [VariantDraft]
    var variantTable = TableState(columns: VariantDraft.columns)
    var focus: Focus = .fields
    var variantDialog: VariantDialog?
    /// A message about the variants as a whole (a SKU already used elsewhere in the shop).
    var variantsMessage: String?
    /// A message about the whole form, under the heading.
    var message: String?
    var isSaving = false

    var currency: Currency { shop.currency }
    var isNew: Bool { productID == nil }

    init(shop: ShopDTO, product: ProductDTO?) {
        self.shop = shop
        productID = product?.id
        let fields: [FormField] = [
            .text(Field.title, label: "Title", placeholder: "Stoneware mug", maxLength: 200),
            .text(Field.description, label: "Description", placeholder: "What it is, what it is made of", maxLength: 5000),
            .text(Field.price, label: "Price (\(shop.currency.code))", placeholder: PriceText.format(1250 * shop.currency.minorUnitsPerMajorUnit / 100, currency: shop.currency), maxLength: 20),
            .text(Field.stock, label: "Stock", placeholder: "0", maxLength: 10),
            .text(Field.category, label: "Category", placeholder: "kitchen/mugs", maxLength: 130),
            .text(Field.tags, label: "Tags", placeholder: "mug, stoneware, blue", maxLength: 700),
            .text(Field.status, label: "Status", placeholder: "draft, active or archived (←/→)", maxLength: 10),
        ]
        // New products go on sale at once unless the vendor says otherwise, as on the server.
        var values: [String: String] = [Field.status: ProductStatus.active.rawValue]
        var drafts: [VariantDraft] = []
        if let product {
            values = [
                Field.title: product.title,
                Field.description: product.description,
                Field.price: PriceText.format(product.price.amount, currency: product.price.currency),
                Field.stock: String(product.inventoryCount),
                Field.category: product.category ?? "",
                Field.tags: TagsText.format(product.tags),
                Field.status: product.status.rawValue,
            ]
            drafts = product.variants.map { VariantDraft($0, productPrice: product.price) }
        }
        form = FormState(fields: fields, values: values)
        // What the inputs hold after their own clean-up (line breaks become spaces), so an
        // untouched field compares equal.
        initialValues = form.values
        variants = drafts
        initialVariants = drafts
        variantTable.setRowCount(drafts.count)
    }

    var isDirty: Bool {
        form.values != initialValues || variants.count != initialVariants.count
            || zip(variants, initialVariants).contains { !$0.sameContent(as: $1) }
    }

    private var variantsChanged: Bool {
        variants.count != initialVariants.count || zip(variants, initialVariants).contains { !$0.sameContent(as: $1) }
    }

    var selectedVariant: Int? {
        guard let index = variantTable.selected, variants.indices.contains(index) else { return nil }
        return index
    }

    // MARK: Status field

    /// ←/→ on the status field step through the statuses, so nobody has to spell them.
    mutating func stepStatus(by step: Int) {
        let all = ProductStatus.allCases
        let current = ProductStatus(rawValue: (form.value(of: Field.status) ?? "").trimmingCharacters(in: .whitespaces).lowercased())
        let index = current.flatMap { all.firstIndex(of: $0) } ?? 0
        form.setValue(all[(index + step + all.count) % all.count].rawValue, for: Field.status)
        form.setError(nil, for: Field.status)
    }

    // MARK: Variants

    mutating func commitVariant(_ draft: VariantDraft, at index: Int?) {
        if let index, variants.indices.contains(index) {
            variants[index] = draft
            variantTable.rows.select(index)
        } else {
            variants.append(draft)
            variantTable.setRowCount(variants.count)
            variantTable.rows.select(variants.count - 1)
        }
        variantTable.setRowCount(variants.count)
        variantsMessage = nil
    }

    mutating func removeVariant(at index: Int) {
        guard variants.indices.contains(index) else { return }
        variants.remove(at: index)
        variantTable.setRowCount(variants.count)
        variantsMessage = nil
        if variants.isEmpty { focus = .fields }
    }

    // MARK: Checking and building the request

    enum Request {
        case create(CreateProductRequest)
        case update(ProductID, UpdateProductRequest)
        case unchanged
    }

    /// What the form says, read: the full create request (with placeholders where a
    /// value could not be read) and the problems, keyed by wire field name.
    struct Reading {
        var request: CreateProductRequest
        var problems: [String: String]
        var price: Money
        var stock: Int?
        var status: ProductStatus?
        var category: String
        var tags: [String]
        var variants: [VariantInput]
    }

    /// Reads every field and runs every check the server would (the shared
    /// `CatalogRules`), plus the reading of prices and numbers.
    func read() -> Reading {
        var problems: [String: String] = [:]
        func note(_ field: String, _ message: String) { if problems[field] == nil { problems[field] = message } }
        let values = form.values

        var price = Money.zero(currency)
        switch PriceText.parse(values[Field.price] ?? "", currency: currency) {
        case .success(let amount): price = Money(amount: amount, currency: currency)
        case .failure(let problem): note(Field.price, problem.message)
        }
        var stock: Int?
        if variants.isEmpty {
            switch CountText.parse(values[Field.stock] ?? "", emptyMeans: 0) {
            case .success(let count): stock = count
            case .failure(let problem): note(Field.stock, problem.message)
            }
        }
        let status = ProductStatus(rawValue: (values[Field.status] ?? "").trimmingCharacters(in: .whitespaces).lowercased())
        if status == nil { note(Field.status, "Choose draft, active or archived (←/→ steps through them).") }
        var inputs: [VariantInput] = []
        for (index, draft) in variants.enumerated() {
            switch draft.input(currency: currency) {
            case .success(let input): inputs.append(input)
            case .failure(let more):
                for (field, message) in more.messages { note("variants[\(index)].\(field)", message) }
                inputs.append(VariantInput(sku: draft.sku, inventoryCount: 0))
            }
        }
        let category = (values[Field.category] ?? "").trimmingCharacters(in: .whitespaces)
        let tags = TagsText.parse(values[Field.tags] ?? "")
        let request = CreateProductRequest(
            title: (values[Field.title] ?? "").trimmingCharacters(in: .whitespaces), description: values[Field.description] ?? "",
            price: price, inventoryCount: stock, category: category.isEmpty ? nil : category, tags: tags.isEmpty ? nil : tags,
            status: status ?? .draft, variants: inputs.isEmpty ? nil : inputs)
        for detail in request.validate() {
            if let field = detail.field { note(field, detail.message) }
        }
        return Reading(request: request, problems: problems, price: price, stock: stock, status: status, category: category, tags: tags, variants: inputs)
    }

    /// After the vendor leaves a field: that field's message only. An empty field is not
    /// wrong yet (the vendor may not have reached it); saving checks everything.
    mutating func revalidate(_ field: String?) {
        guard let field else { return }
        guard !(form.value(of: field) ?? "").trimmingCharacters(in: .whitespaces).isEmpty else {
            form.setError(nil, for: field)
            return
        }
        let message = read().problems.sorted { $0.key < $1.key }.first { Self.place($0.key) == .field(field) }?.value
        form.setError(message, for: field)
    }

    /// Checks everything and shows the messages beside the fields; the request to send
    /// (a create, or a PATCH of what changed), or nil when anything failed.
    mutating func validatedRequest() -> Request? {
        clearMessages()
        let reading = read()
        guard reading.problems.isEmpty else {
            _ = apply(reading.problems)
            return nil
        }
        let values = form.values
        let full = reading.request, price = reading.price, stock = reading.stock, status = reading.status
        let category = reading.category, tags = reading.tags, inputs = reading.variants
        guard let productID else { return .create(full) }

        var patch = UpdateProductRequest()
        func changed(_ field: String) -> Bool { values[field] != initialValues[field] }
        if changed(Field.title) { patch.title = full.title }
        if changed(Field.description) { patch.description = full.description }
        if changed(Field.price) { patch.price = price }
        if changed(Field.stock), variants.isEmpty { patch.inventoryCount = stock }
        // An emptied category is sent as "" (the server clears it); emptied tags as [].
        if changed(Field.category) { patch.category = category }
        if changed(Field.tags) { patch.tags = tags }
        if changed(Field.status) { patch.status = status }
        if variantsChanged { patch.variants = inputs }
        return patch == UpdateProductRequest() ? .unchanged : .update(productID, patch)
    }

    mutating func clearMessages() {
        for field in form.fields { form.setError(nil, for: field.id) }
        for index in variants.indices { variants[index].errors = [:] }
        variantsMessage = nil
        message = nil
    }

    /// Puts messages keyed by wire field name ("price.amount", "tags[2]",
    /// "variants[1].sku") beside what they are about. Returns the ones that fit nowhere.
    @discardableResult
    mutating func apply(_ errors: [String: String]) -> [String] {
        var unplaced: [String] = []
        for (wire, message) in errors.sorted(by: { $0.key < $1.key }) {
            switch Self.place(wire) {
            case .field(let id):
                if form.errors[id] == nil { form.setError(message, for: id) }
            case .variant(let index, let field) where variants.indices.contains(index):
                if variants[index].errors[field] == nil { variants[index].errors[field] = message }
            case .variant, .variants:
                if variantsMessage == nil { variantsMessage = message }
            case .nowhere:
                unplaced.append(message)
            }
        }
        // The cursor goes to the first thing to fix.
        if let first = form.fields.first(where: { form.errors[$0.id] != nil }) {
            form.focus(first.id)
            focus = .fields
        } else if let index = variants.firstIndex(where: { !$0.errors.isEmpty }) {
            variantTable.rows.select(index)
            focus = .variants
        } else if variantsMessage != nil, !variants.isEmpty {
            focus = .variants
        }
        return unplaced
    }

    enum Place: Equatable {
        case field(String)
        case variant(Int, String)
        case variants
        case nowhere
    }

    /// Where a wire field name's message goes.
    static func place(_ wire: String) -> Place {
        let head = wire.prefix { $0 != "." && $0 != "[" }
        switch head {
        case "title", "description", "category", "status": return .field(String(head))
        case "price": return .field(Field.price)
        case "inventoryCount": return .field(Field.stock)
        case "tags": return .field(Field.tags)
        case "variants":
            // variants[2].price.amount → variant 2, its price
            let rest = wire.dropFirst(head.count)
            guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]"), let index = Int(rest[rest.index(after: rest.startIndex)..<close]) else {
                return .variants
            }
            let field = rest[rest.index(after: close)...].drop { $0 == "." }.prefix { $0 != "." && $0 != "[" }
            switch field {
            case "sku", "options", "price": return .variant(index, String(field))
            case "inventoryCount": return .variant(index, VariantDraft.Field.stock)
            default: return .variant(index, VariantDraft.Field.sku)
            }
        default: return .nowhere
        }
    }
}
