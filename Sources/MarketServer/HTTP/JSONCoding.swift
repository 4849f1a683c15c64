import Foundation
import Hummingbird
import MarketModels
import NIOCore

/// Decodes JSON bodies with the shared `MarketJSON` rules and turns every decoding
/// failure into a 400 that names the field, instead of Hummingbird's bare 400.
public struct JSONRequestDecoder: RequestDecoder {
    public init() {}

    public func decode<T: Decodable>(_ type: T.Type, from request: Request, context: some RequestContext) async throws -> T {
        if let contentType = request.headers[.contentType]?.lowercased(),
           !contentType.hasPrefix("application/json"), !contentType.contains("+json") {
            throw AppError(.unsupportedMediaType, .unsupportedMediaType, "The body must be JSON (Content-Type: application/json).")
        }
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: context.maxUploadSize)
        } catch {
            throw AppError(.contentTooLarge, .payloadTooLarge, "The request body is larger than \(context.maxUploadSize) bytes.")
        }
        if buffer.readableBytes == 0 {
            throw AppError(.badRequest, .malformedRequest, "The request body is empty; JSON was expected.")
        }
        let data = Data(buffer.readableBytesView)
        do {
            return try MarketJSON.makeDecoder().decode(T.self, from: data)
        } catch let error as DecodingError {
            // Foundation on Linux reports some value errors (12.5 for an integer) with no
            // coding path; if the text parses as JSON, the problem is a value, not the syntax.
            if case .dataCorrupted(let context) = error, context.codingPath.isEmpty,
               (try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])) != nil {
                throw AppError.validation(field: "body", code: "invalid_value", "A value has the wrong type or is out of range: \(context.debugDescription.prefix(120))")
            }
            throw Self.appError(for: error)
        }
    }

    static func appError(for error: DecodingError) -> AppError {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { key in key.intValue.map { "[\($0)]" } ?? key.stringValue }
                .joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .dataCorrupted(let context) where context.codingPath.isEmpty:
            return AppError(.badRequest, .malformedRequest, "The request body is not valid JSON.")
        case .dataCorrupted(let context):
            return .validation(field: path(context.codingPath), code: "invalid_value", "This value is not valid.")
        case .keyNotFound(let key, let context):
            return .validation(field: path(context.codingPath + [key]), code: "required", "This field is required.")
        case .valueNotFound(_, let context):
            return .validation(field: path(context.codingPath), code: "required", "This field must not be null.")
        case .typeMismatch(let type, let context):
            let field = path(context.codingPath)
            return .validation(field: field.isEmpty ? "body" : field, code: "invalid_type", "Expected \(Self.describe(type)).")
        @unknown default:
            return AppError(.badRequest, .malformedRequest, "The request body could not be read.")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        case is Int.Type, is Int64.Type, is Int32.Type, is UInt.Type: "an integer"
        case is Double.Type, is Float.Type: "a number"
        case is [Any].Type: "an array"
        default: "a JSON object"
        }
    }
}

/// Encodes responses with the shared `MarketJSON` rules.
public struct JSONResponseEncoder: ResponseEncoder {
    public init() {}

    public func encode(_ value: some Encodable, from request: Request, context: some RequestContext) throws -> Response {
        let data = try MarketJSON.makeEncoder().encode(value)
        var buffer = ByteBuffer()
        buffer.writeBytes(data)
        return Response(
            status: .ok,
            headers: [.contentType: "application/json; charset=utf-8", .contentLength: String(buffer.readableBytes)],
            body: .init(byteBuffer: buffer)
        )
    }
}

extension Response {
    /// A JSON response with a status other than 200.
    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) throws -> Response {
        let data = try MarketJSON.makeEncoder().encode(value)
        var fields: HTTPFields = [.contentType: "application/json; charset=utf-8", .contentLength: String(data.count)]
        fields.append(contentsOf: headers)
        return Response(status: status, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func noContent() -> Response { Response(status: .noContent) }
}
