import MarketModels
import TerminalKit

/// One variant as the vendor is writing it: the texts as typed (so nothing is lost when a
/// save fails) and the messages about them, from the local checks or from the server's
/// `variants[i].field` details. Messages travel with the draft, not with its position, so
/// removing the variant above one does not move its messages onto another.
struct VariantDraft: Equatable {
    var sku = ""
    var options = ""
    var price = ""
    var stock = ""
    /// Field id (`VariantDraft.Field`) → message.
    var errors: [String: String] = [:]

    enum Field {
        static let sku = "sku"
        static let options = "options"
        static let price = "price"
        static let stock = "inventoryCount"
    }

    init(sku: String = "", options: String = "", price: String = "", stock: String = "") {
        self.sku = sku
        self.options = options
        self.price = price
        self.stock = stock
    }

    init(_ variant: VariantDTO, productPrice: Money) {
        sku = variant.sku
        options = OptionsText.format(variant.options)
        // A variant priced like its product was most likely written without a price.
        price = variant.price == productPrice ? "" : PriceText.format(variant.price.amount, currency: variant.price.currency)
        stock = String(variant.inventoryCount)
    }

    /// Same texts (messages aside): what "has the vendor changed anything" compares.
    func sameContent(as other: VariantDraft) -> Bool {
        (sku, options, price, stock) == (other.sku, other.options, other.price, other.stock)
    }

    /// The wire value, or the messages that stop it (keyed by field id).
    func input(currency: Currency) -> Result<VariantInput, FieldProblems> {
        var problems: [String: String] = [:]
        var options: [String: String] = [:]
        switch OptionsText.parse(self.options) {
        case .success(let parsed): options = parsed
        case .failure(let problem): problems[Field.options] = problem.message
        }
        var price: Money?
        if !self.price.trimmingCharacters(in: .whitespaces).isEmpty {
            switch PriceText.parse(self.price, currency: currency) {
            case .success(let amount): price = Money(amount: amount, currency: currency)
            case .failure(let problem): problems[Field.price] = problem.message
            }
        }
        var stock = 0
        switch CountText.parse(self.stock, emptyMeans: 0) {
        case .success(let count): stock = count
        case .failure(let problem): problems[Field.stock] = problem.message
        }
        guard problems.isEmpty else { return .failure(FieldProblems(problems)) }
        return .success(VariantInput(sku: sku.trimmingCharacters(in: .whitespaces), options: options, price: price, inventoryCount: stock))
    }

    /// The first message, for the line under the variants table.
    var firstError: String? {
        [Field.sku, Field.options, Field.price, Field.stock].lazy.compactMap { errors[$0] }.first
    }

    /// The cells of the variants table.
    func cells(currency: Currency) -> [String] {
        let priceCell: String
        if price.trimmingCharacters(in: .whitespaces).isEmpty {
            priceCell = "—"
        } else if case .success(let amount) = PriceText.parse(price, currency: currency) {
            priceCell = Money(amount: amount, currency: currency).formatted
        } else {
            priceCell = price
        }
        return [(errors.isEmpty ? "" : "! ") + sku, options, priceCell, stock.isEmpty ? "0" : stock]
    }

    static let columns = [
        TableColumn("SKU", width: .fixed(18)),
        TableColumn("Options", width: .fill(min: 8)),
        TableColumn("Price", width: .fixed(14), alignment: .right),
        TableColumn("Stock", width: .fixed(7), alignment: .right),
    ]
}

/// Messages by field id, from a local check.
struct FieldProblems: Error, Equatable {
    var messages: [String: String]
    init(_ messages: [String: String]) { self.messages = messages }
}

/// The small form that adds or changes one variant, drawn over the editor.
struct VariantDialog {
    /// Which draft it edits; nil adds a new one.
    var index: Int?
    var form: FormState

    init(index: Int?, draft: VariantDraft, currency: Currency) {
        self.index = index
        form = FormState(fields: [
            .text(VariantDraft.Field.sku, label: "SKU", placeholder: "MUG-BLUE-L", maxLength: 64),
            .text(VariantDraft.Field.options, label: "Options", placeholder: "size=M, colour=blue", maxLength: 400),
            .text(VariantDraft.Field.price, label: "Price (\(currency.code))", placeholder: "empty: the product's price", maxLength: 20),
            .text(VariantDraft.Field.stock, label: "Stock", placeholder: "0", maxLength: 10),
        ], values: [
            VariantDraft.Field.sku: draft.sku, VariantDraft.Field.options: draft.options,
            VariantDraft.Field.price: draft.price, VariantDraft.Field.stock: draft.stock,
        ])
        for (field, message) in draft.errors { form.setError(message, for: field) }
        if let first = form.fields.first(where: { draft.errors[$0.id] != nil }) { form.focus(first.id) }
    }

    var draft: VariantDraft {
        VariantDraft(
            sku: form.value(of: VariantDraft.Field.sku) ?? "", options: form.value(of: VariantDraft.Field.options) ?? "",
            price: form.value(of: VariantDraft.Field.price) ?? "", stock: form.value(of: VariantDraft.Field.stock) ?? "")
    }

    /// Checks the variant as a save would (the shared SKU rule included) and shows the
    /// messages; the draft when it passes.
    mutating func validated(currency: Currency) -> VariantDraft? {
        let draft = self.draft
        var problems: [String: String] = [:]
        if !CatalogRules.isValidSKU(draft.sku.trimmingCharacters(in: .whitespaces)) {
            problems[VariantDraft.Field.sku] = "SKUs are 1 to 64 letters, digits, dots, hyphens or underscores."
        }
        if case .failure(let more) = draft.input(currency: currency) { problems.merge(more.messages) { first, _ in first } }
        for field in form.fields { form.setError(problems[field.id], for: field.id) }
        if let first = form.fields.first(where: { problems[$0.id] != nil }) {
            form.focus(first.id)
            return nil
        }
        return draft
    }
}
