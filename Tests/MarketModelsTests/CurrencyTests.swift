import Foundation
import Testing
@testable import MarketModels

@Suite("Currency")
struct CurrencyTests {
    @Test("the required codes are known with ISO 4217 digits")
    func requiredCodes() throws {
        let expected: [String: Int] = [
            "USD": 2, "EUR": 2, "GBP": 2, "JPY": 0, "CHF": 2, "CAD": 2, "AUD": 2, "NZD": 2, "SEK": 2,
            "NOK": 2, "DKK": 2, "PLN": 2, "CZK": 2, "HUF": 2, "INR": 2, "CNY": 2, "KRW": 0, "BRL": 2,
            "MXN": 2, "ZAR": 2, "SGD": 2, "HKD": 2, "KWD": 3, "BHD": 3, "TND": 3, "ISK": 0,
        ]
        for (code, digits) in expected {
            let currency = try #require(Currency(code: code), "\(code) should be known")
            #expect(currency.minorUnitDigits == digits, "\(code)")
            #expect(currency.code == code)
        }
        #expect(Currency.usd.minorUnitDigits == 2 && Currency.jpy.minorUnitDigits == 0)
        #expect(Currency(code: "KWD")?.minorUnitsPerMajorUnit == 1000)
    }

    @Test("unknown, lowercase and odd codes are refused", arguments: ["XYZ", "usd", "Usd", "US", "USDD", "", " USD", "ＵＳＤ"])
    func unknown(code: String) {
        #expect(Currency(code: code) == nil)
    }

    @Test("JSON is the bare code; unknown codes fail to decode")
    func json() throws {
        #expect(try jsonString(Currency.eur) == "\"EUR\"")
        #expect(try decodeJSON(Currency.self, "\"JPY\"") == .jpy)
        #expect(throws: DecodingError.self) { try decodeJSON(Currency.self, "\"ABC\"") }
        #expect(throws: DecodingError.self) { try decodeJSON(Currency.self, "{\"code\":\"USD\"}") }
    }

    @Test("allKnown is sorted and has no duplicates")
    func allKnown() {
        let codes = Currency.allKnown.map(\.code)
        #expect(codes == codes.sorted())
        #expect(Set(codes).count == codes.count)
        #expect(codes.allSatisfy { $0.count == 3 && $0.allSatisfy { $0.isASCII && $0.isUppercase } })
    }
}
