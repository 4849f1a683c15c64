import Foundation
import Testing
@testable import MarketModels

@Suite("API errors")
struct APIErrorTests {
    @Test("the envelope has the contract's shape")
    func envelopeShape() throws {
        let envelope = ErrorEnvelope(error: APIErrorBody(
            code: "validation_failed",
            message: "Invalid input",
            details: [ErrorDetail(field: "email", code: "invalid_format", message: "Bad email")],
            requestId: "req_1"
        ))
        #expect(try sortedJSONString(envelope) == """
            {"error":{"code":"validation_failed","details":[{"code":"invalid_format","field":"email","message":"Bad email"}],\
            "message":"Invalid input","requestId":"req_1"}}
            """)
        #expect(try decodeJSON(ErrorEnvelope.self, try jsonString(envelope)) == envelope)
    }

    @Test("a body without details or requestId still decodes")
    func lenientDecoding() throws {
        let envelope = try decodeJSON(ErrorEnvelope.self, #"{"error":{"code":"not_found","message":"Nope"}}"#)
        #expect(envelope.error.details.isEmpty)
        #expect(envelope.error.requestId == nil)
        #expect(envelope.error.knownCode == .notFound)
    }

    @Test("unknown codes decode as strings")
    func unknownCode() throws {
        let envelope = try decodeJSON(ErrorEnvelope.self, #"{"error":{"code":"brand_new","message":"x","details":[]}}"#)
        #expect(envelope.error.code == "brand_new")
        #expect(envelope.error.knownCode == nil)
    }

    @Test("the typed initializer uses the code's sentence by default")
    func typedInit() {
        let body = APIErrorBody(code: .outOfStock, requestId: "r")
        #expect(body.code == "out_of_stock")
        #expect(body.message == APIErrorCode.outOfStock.userMessage)
        #expect(APIErrorBody(code: .conflict, message: "custom").message == "custom")
    }

    @Test("every code has a snake_case raw value, a sentence and a 4xx/5xx status")
    func everyCode() {
        #expect(APIErrorCode.allCases.count == 23)
        var sentences = Set<String>()
        for code in APIErrorCode.allCases {
            #expect(code.rawValue.allSatisfy { $0 == "_" || ($0.isASCII && $0.isLowercase) })
            let message = code.userMessage
            #expect(message.first?.isUppercase == true && message.hasSuffix("."), "\(code)")
            #expect(!message.contains("\n") && message.count < 120, "\(code)")
            sentences.insert(message)
            #expect((400...599).contains(code.httpStatus))
        }
        #expect(sentences.count == APIErrorCode.allCases.count, "each code explains itself differently")
    }

    @Test("statuses follow API.md")
    func statuses() {
        #expect(APIErrorCode.validationFailed.httpStatus == 400)
        #expect(APIErrorCode.invalidCredentials.httpStatus == 401)
        #expect(APIErrorCode.forbidden.httpStatus == 403)
        #expect(APIErrorCode.notFound.httpStatus == 404)
        #expect(APIErrorCode.outOfStock.httpStatus == 409)
        #expect(APIErrorCode.idempotencyConflict.httpStatus == 409)
        #expect(APIErrorCode.invalidTransition.httpStatus == 409)
        #expect(APIErrorCode.paymentDeclined.httpStatus == 402)
        #expect(APIErrorCode.cursorExpired.httpStatus == 410)
        #expect(APIErrorCode.payloadTooLarge.httpStatus == 413)
        #expect(APIErrorCode.rateLimited.httpStatus == 429)
    }

    @Test("codes round-trip through JSON as their raw values")
    func codeJSON() throws {
        #expect(try jsonString(APIErrorCode.userBanned) == "\"user_banned\"")
        #expect(try decodeJSON(APIErrorCode.self, "\"rate_limited\"") == .rateLimited)
    }
}
