import MarketClient
import MarketModels
import TerminalKit

/// The "new shop" form: name, description, currency and contact email, checked with the
/// server's own rules as the vendor leaves each field.
struct ShopFormModel {
    enum Field {
        static let name = "name"
        static let description = "description"
        static let currency = "currency"
        static let contactEmail = "contactEmail"
    }

    var form = FormState(fields: [
        .text(Field.name, label: "Name", placeholder: "Kiln & Co.", maxLength: 80),
        .text(Field.description, label: "Description", placeholder: "What the shop sells", maxLength: 2000),
        .text(Field.currency, label: "Currency", placeholder: "USD, EUR, GBP, JPY, …", maxLength: 3),
        .text(Field.contactEmail, label: "Contact email", placeholder: "optional: shop@example.com", maxLength: 254),
    ], values: [Field.currency: "USD"])
    var isSubmitting = false

    var isDirty: Bool {
        let values = form.values
        return values.contains { key, value in
            key == Field.currency ? value != "USD" : !value.trimmingCharacters(in: .whitespaces).isEmpty
        }
    }

    /// The request, or the messages (wire field → message) that stop it.
    func request() -> Result<CreateShopRequest, FieldProblems> {
        let values = form.values
        var problems: [String: String] = [:]
        let code = (values[Field.currency] ?? "").trimmingCharacters(in: .whitespaces).uppercased()
        let currency = Currency(code: code)
        if currency == nil {
            problems[Field.currency] = code.isEmpty ? "Choose a currency, such as USD." : "\(code) is not a currency MarketMate knows; try USD, EUR or GBP."
        }
        let email = (values[Field.contactEmail] ?? "").trimmingCharacters(in: .whitespaces)
        let request = CreateShopRequest(
            name: (values[Field.name] ?? "").trimmingCharacters(in: .whitespaces), description: values[Field.description] ?? "",
            currency: currency ?? .usd, contactEmail: email.isEmpty ? nil : email)
        for detail in request.validate() {
            if let field = detail.field, problems[field] == nil { problems[field] = detail.message }
        }
        return problems.isEmpty ? .success(request) : .failure(FieldProblems(problems))
    }

    /// Shows `problems` (wire field → message) beside the fields; returns the ones that
    /// are about no field of this form (a taken slug).
    @discardableResult
    mutating func show(_ problems: [String: String], only field: String? = nil) -> [String] {
        let ids = form.fields.map(\.id)
        for id in field.map({ [$0] }) ?? ids {
            // A field the vendor has not reached yet is not wrong yet.
            if field != nil, (form.value(of: id) ?? "").isEmpty { form.setError(nil, for: id); continue }
            form.setError(problems[id], for: id)
        }
        if field == nil, let first = ids.first(where: { problems[$0] != nil }) { form.focus(first) }
        return problems.filter { !ids.contains($0.key) }.map(\.value)
    }
}
