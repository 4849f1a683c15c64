import Foundation
import Testing
@testable import MarketModels

@Suite("User and auth DTOs")
struct AuthDTOTests {
    let user = UserDTO(
        id: UserID.generate(at: Date(timeIntervalSince1970: 1_790_000_000)),
        email: "alice@example.com", name: "Alice", role: .vendor, verified: true, locale: "en-GB",
        createdAt: Date(timeIntervalSince1970: 1_790_000_000.123),
        updatedAt: Date(timeIntervalSince1970: 1_790_000_100)
    )

    @Test("UserDTO uses the contract's camelCase fields and round-trips")
    func userJSON() throws {
        let text = try jsonString(user)
        let object = try jsonObject(text)
        #expect(Set(object.keys) == ["id", "email", "name", "role", "verified", "locale", "createdAt", "updatedAt"])
        #expect(object["role"] as? String == "vendor")
        #expect(object["createdAt"] as? String == "2026-09-21T14:13:20.123Z")
        #expect(try decodeJSON(UserDTO.self, text) == user)
    }

    @Test("AuthResponse round-trips; register decodes without a role")
    func authJSON() throws {
        let response = AuthResponse(user: user, accessToken: "a.b.c", refreshToken: "r", expiresIn: 900)
        #expect(try decodeJSON(AuthResponse.self, try jsonString(response)) == response)
        let register = try decodeJSON(RegisterRequest.self, #"{"email":"a@b.co","password":"p","name":"n"}"#)
        #expect(register.role == nil)
        #expect(try decodeJSON(RegisterRequest.self, #"{"email":"a@b.co","password":"p","name":"n","role":"vendor"}"#).role == .vendor)
        #expect(throws: DecodingError.self) {
            try decodeJSON(RegisterRequest.self, #"{"email":"a@b.co","password":"p","name":"n","role":"owner"}"#)
        }
    }

    @Test("small request bodies have the documented field names")
    func requestFields() throws {
        #expect(try sortedJSONString(RefreshRequest(refreshToken: "t")) == #"{"refreshToken":"t"}"#)
        #expect(try sortedJSONString(LogoutRequest(refreshToken: "t")) == #"{"refreshToken":"t"}"#)
        #expect(try sortedJSONString(ForgotPasswordRequest(email: "a@b.co")) == #"{"email":"a@b.co"}"#)
        #expect(try sortedJSONString(ResetPasswordRequest(token: "t", password: "p")) == #"{"password":"p","token":"t"}"#)
        #expect(try sortedJSONString(VerifyEmailRequest(token: "t")) == #"{"token":"t"}"#)
        #expect(try sortedJSONString(LoginRequest(email: "a@b.co", password: "p")) == #"{"email":"a@b.co","password":"p"}"#)
        #expect(try sortedJSONString(UpdateUserRequest(name: "N")) == #"{"name":"N"}"#)
    }

    @Test("secrets never show up in descriptions or dumps")
    func redaction() {
        let secret = "hunter2-very-secret"
        let values: [Any] = [
            RegisterRequest(email: "a@b.co", password: secret, name: "A"),
            LoginRequest(email: "a@b.co", password: secret),
            RefreshRequest(refreshToken: secret),
            LogoutRequest(refreshToken: secret),
            ResetPasswordRequest(token: secret, password: secret),
            VerifyEmailRequest(token: secret),
            AuthResponse(user: user, accessToken: secret, refreshToken: secret, expiresIn: 900),
        ]
        for value in values {
            var dumped = ""
            dump(value, to: &dumped)
            for text in [String(describing: value), String(reflecting: value), "\(value)", dumped] {
                #expect(!text.contains(secret), "\(type(of: value)) leaked: \(text)")
                #expect(text.contains("<redacted>"))
            }
        }
    }

    @Test("register validation reports every bad field")
    func registerValidation() {
        #expect(RegisterRequest(email: "alice@example.com", password: "correct horse", name: "Alice").validate().isEmpty)
        let details = RegisterRequest(email: "nope", password: "short", name: " ", role: .admin).validate()
        #expect(details.map(\.field) == ["email", "password", "name", "role"])
        #expect(details.last?.code == "not_allowed")
    }

    @Test("login validation only checks presence")
    func loginValidation() {
        #expect(LoginRequest(email: "a@b.co", password: "x").validate().isEmpty)
        #expect(LoginRequest(email: "  ", password: "").validate().map(\.code) == ["required", "required"])
    }

    @Test("update and reset validation")
    func otherValidation() {
        #expect(UpdateUserRequest().validate().isEmpty)
        #expect(UpdateUserRequest(name: "Bob", locale: "en-US").validate().isEmpty)
        #expect(UpdateUserRequest(locale: "english!").validate().map(\.field) == ["locale"])
        #expect(ResetPasswordRequest(token: "", password: "1234567").validate().map(\.field) == ["token", "password"])
    }

    @Test("ListPage writes nextCursor as null on the last page")
    func listPage() throws {
        let last = ListPage(items: [1, 2], nextCursor: nil)
        #expect(try sortedJSONString(last) == #"{"items":[1,2],"nextCursor":null}"#)
        let more = ListPage(items: ["a"], nextCursor: "abc")
        #expect(try sortedJSONString(more) == #"{"items":["a"],"nextCursor":"abc"}"#)
        #expect(try decodeJSON(ListPage<Int>.self, #"{"items":[]}"#) == ListPage(items: [], nextCursor: nil))
        #expect(try decodeJSON(ListPage<String>.self, try jsonString(more)) == more)
    }

    @Test("pagination limits default to 20 and stay within 1...100")
    func limits() {
        #expect(Pagination.limit(nil) == 20)
        #expect(Pagination.limit(0) == 1)
        #expect(Pagination.limit(50) == 50)
        #expect(Pagination.limit(1000) == 100)
    }

    @Test("roles encode as lowercase strings; only buyer and vendor self-register")
    func roles() throws {
        #expect(try jsonString([Role.buyer, .vendor, .admin]) == #"["buyer","vendor","admin"]"#)
        #expect(Role.selfRegistrable == [.buyer, .vendor])
    }
}
