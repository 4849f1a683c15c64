import MarketClient
import MarketModels
import TerminalKit

/// One checkout, opened from the cart: the steps in order, what was chosen on each, the
/// quote, and the attempt that places the order.
///
///     address → shipping → payment → review → confirm → (authenticate) → done
///
/// Back walks the same way (from the address it closes the checkout). A declined card comes
/// back to the payment step; short stock closes the checkout and shows the lines in the cart.
struct CheckoutModel {
    enum Step: Int, CaseIterable, Comparable {
        case address, shipping, payment, review, confirm
        /// The payment needs the buyer's authentication (`requires_action`).
        case authenticate
        case done

        static func < (a: Step, b: Step) -> Bool { a.rawValue < b.rawValue }

        var title: String {
            switch self {
            case .address: "Address"
            case .shipping: "Shipping"
            case .payment: "Payment"
            case .review: "Review"
            case .confirm: "Confirm"
            case .authenticate: "Authenticate"
            case .done: "Done"
            }
        }
    }

    /// The address form's fields, by their names in `ShippingAddress` (the server's field
    /// errors say `shippingAddress.<name>`).
    enum Field {
        static let name = "name", line1 = "line1", line2 = "line2", city = "city"
        static let region = "region", postalCode = "postalCode", country = "country"
        static let all = [name, line1, line2, city, region, postalCode, country]
    }

    /// What an attempt's key is bound to: the request and the cart it buys. Either changing
    /// makes a new attempt.
    struct Fingerprint: Equatable {
        var request: CheckoutRequest
        var lines: [Line]

        struct Line: Equatable {
            var id: CartItemID
            var quantity: Int
        }
    }

    var step: Step = .address
    var address: FormState
    var couponCode: String?

    var quote: CheckoutQuoteDTO?
    /// The shipping option the quote is for.
    var quotedOption: String?
    var quoteError: String?
    var isQuoting = false
    /// Bumped by every quote request: only the newest answer is taken.
    var quoteGeneration = 0

    var shippingOption = ShippingOptionCode.standard
    var shippingList = ListState()
    var paymentList = ListState(count: PaymentMethodRules.testMethods.count)
    var paymentMethod: String?
    /// Why the payment step is showing again ("declined").
    var paymentError: String?

    var attempt = IdempotentAttempt<Fingerprint>()
    var isPlacing = false
    /// Why placing did not finish; kept on the confirm step until the next try.
    var placingError: String?
    var result: CheckoutResultDTO?
    var confirmAttempt = IdempotentAttempt<PaymentID>()
    var isConfirming = false
    var confirmError: String?

    init(address: ShippingAddress?, buyerName: String, couponCode: String?) {
        let fields: [FormField] = [
            .text(Field.name, label: "Name", placeholder: "Who receives it", maxLength: 100),
            .text(Field.line1, label: "Address", placeholder: "12 Harbour Road", maxLength: 200),
            .text(Field.line2, label: "Address line 2", placeholder: "optional: flat, floor", maxLength: 200),
            .text(Field.city, label: "City", placeholder: "Springfield", maxLength: 100),
            .text(Field.region, label: "Region", placeholder: "optional: state code such as CA", maxLength: 3),
            .text(Field.postalCode, label: "Postal code", placeholder: "94110", maxLength: 20),
            .text(Field.country, label: "Country", placeholder: "two letters: US, DE, FR", maxLength: 2),
        ]
        let values: [String: String] = address.map { address in
            [Field.name: address.name, Field.line1: address.line1, Field.line2: address.line2 ?? "", Field.city: address.city,
             Field.region: address.region ?? "", Field.postalCode: address.postalCode, Field.country: address.country]
        } ?? [Field.name: buyerName, Field.country: "US"]
        self.address = FormState(fields: fields, values: values)
        self.couponCode = couponCode
    }

    /// Typing goes to the address form (on every other step letters are commands).
    var isTextEntry: Bool { step == .address }

    var isBusy: Bool { isQuoting || isPlacing || isConfirming }

    /// The address as typed, or the problems (form field → message) that stop it, checked
    /// with the server's own rules.
    func shippingAddress() -> Result<ShippingAddress, FieldProblems> {
        let values = address.values
        func text(_ id: String) -> String { (values[id] ?? "").trimmingCharacters(in: .whitespaces) }
        func optional(_ id: String) -> String? { text(id).isEmpty ? nil : text(id) }
        let result = ShippingAddress(
            name: text(Field.name), line1: text(Field.line1), line2: optional(Field.line2), city: text(Field.city),
            region: optional(Field.region)?.uppercased(), postalCode: text(Field.postalCode), country: text(Field.country).uppercased())
        let problems = Self.formProblems(result.validate())
        return problems.isEmpty ? .success(result) : .failure(FieldProblems(problems))
    }

    /// Field errors about the address (`shippingAddress.city`) keyed by form field (`city`).
    static func formProblems(_ details: [ErrorDetail]) -> [String: String] {
        var problems: [String: String] = [:]
        for detail in details {
            guard let field = detail.field?.replacingOccurrences(of: "shippingAddress.", with: ""), Field.all.contains(field),
                  problems[field] == nil
            else { continue }
            problems[field] = detail.message
        }
        return problems
    }

    /// Shows `problems` under the fields and focuses the first one.
    mutating func show(_ problems: [String: String]) {
        for id in Field.all { address.setError(problems[id], for: id) }
        if let first = Field.all.first(where: { problems[$0] != nil }) { address.focus(first) }
    }

    /// The shipping options to choose from: the quote's, once it has come.
    var shippingOptions: [ShippingOptionDTO] { quote?.shippingOptions ?? [] }

    var selectedPaymentMethod: (id: String, label: String)? {
        let methods = PaymentMethodRules.testMethods
        guard let id = paymentMethod else { return nil }
        return methods.first { $0.id == id }
    }

    /// The request to place, once every step has its answer.
    func request() -> CheckoutRequest? {
        guard case .success(let address) = shippingAddress(), let paymentMethod else { return nil }
        return CheckoutRequest(shippingAddress: address, shippingOption: shippingOption, couponCode: couponCode, paymentMethod: paymentMethod)
    }

    func quoteRequest() -> CheckoutQuoteRequest {
        let address = try? shippingAddress().get()
        return CheckoutQuoteRequest(shippingAddress: address, shippingOption: shippingOption, couponCode: couponCode)
    }

    /// The quote, when it is for the option chosen now.
    var currentQuote: CheckoutQuoteDTO? { quotedOption == shippingOption ? quote : nil }
}

public enum CheckoutAction: Sendable {
    /// Typing in the address form (every key while it has the focus).
    case edit(InputEvent)
    /// Movement keys in the option lists.
    case key(KeyPress)
    case mouse(MouseEvent, body: Rect)
    /// Enter: on to the next step, place the order, confirm the payment.
    case next
    case back
    case requote
    case quoted(generation: Int, option: String, Result<CheckoutQuoteDTO, any Error>)
    case placed(key: String, Result<CheckoutResultDTO, any Error>)
    case confirmed(key: String, Result<CheckoutResultDTO, any Error>)
}
