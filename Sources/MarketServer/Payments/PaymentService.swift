import FluentKit
import Foundation
import MarketModels

/// The buyer's side of a payment after checkout: the further confirmation step a card
/// that needs authentication asks for (`POST /payments/:id/confirm`), and reading it.
struct PaymentService: Sendable {
    let context: CommerceContext
    let settlement: PaymentSettlement

    static let notFound = AppError(.notFound, .notFound, "No such payment.")

    private func owned(_ rawID: String, principal: Principal) async throws -> PaymentModel {
        guard PaymentID(rawValue: rawID) != nil, let payment = try await PaymentModel.find(rawID, on: context.database()),
              payment.userID == principal.userID.rawValue || principal.role == .admin else { throw Self.notFound }
        return payment
    }

    func confirm(_ rawID: String, principal: Principal) async throws -> CheckoutResultDTO {
        let payment = try await owned(rawID, principal: principal)
        switch payment.statusValue {
        case .requiresAction:
            let outcome: PaymentOutcome
            do {
                outcome = try await context.provider.confirm(intentID: payment.intentID ?? "", idempotencyKey: "confirm-\(payment.id!)")
            } catch .unavailable(let message) {
                throw AppError(.serviceUnavailable, .serviceUnavailable, "The payment provider cannot be reached; try again shortly. (\(message))")
            } catch {
                outcome = PaymentOutcome(intentID: payment.intentID ?? "", status: .declined, declineCode: "authentication_failed", message: nil)
            }
            try await settlement.apply(outcome, paymentID: payment.id!)
        case .succeeded, .processing:
            break  // already done (a retried confirm) or still with the provider
        case .failed, .cancelled:
            throw AppError(.conflict, .invalidTransition, "This payment was \(payment.status) and cannot be confirmed; check out again.")
        }
        let result = try await OrderAssembler.checkoutResult(checkoutID: payment.checkoutID, on: context.database())
        if result.payment.status == .failed { throw PaymentSettlement.declined(payment) }
        return result
    }

    func find(_ rawID: String, principal: Principal) async throws -> PaymentDTO {
        try await owned(rawID, principal: principal).dto
    }
}
