import Foundation

/// A self-contained HTML rendering of the OpenAPI document: operations grouped by tag,
/// with request and response schemas. Inline styles only; the CSP forbids everything else.
enum APIReferencePage {
    static let html: String = render(OpenAPIDocument.build())

    static func render(_ doc: JSONValue) -> String {
        var sections: [String: [String]] = [:]
        var tagOrder: [String] = []
        for path in doc["paths"]?.keys ?? [] {
            guard let item = doc["paths"]?[path] else { continue }
            for method in item.keys {
                guard let op = item[method] else { continue }
                let tag = op["tags"].flatMap { if case .array(let t) = $0, case .string(let s)? = t.first { s } else { nil } } ?? "other"
                if sections[tag] == nil { tagOrder.append(tag) }
                sections[tag, default: []].append(renderOperation(method: method, path: path, op: op))
            }
        }
        let body = tagOrder.map { tag in
            "<section><h2 id=\"\(escape(tag))\">\(escape(tag))</h2>\n\(sections[tag]!.joined(separator: "\n"))</section>"
        }.joined(separator: "\n")
        let schemas = (doc["components"]?["schemas"]?.keys ?? []).map { name in
            "<details id=\"schema-\(escape(name))\"><summary><code>\(escape(name))</code></summary><pre>\(escape(pretty(doc["components"]?["schemas"]?[name] ?? .null)))</pre></details>"
        }.joined(separator: "\n")
        let toc = tagOrder.map { "<a href=\"#\(escape($0))\">\(escape($0))</a>" }.joined(separator: " · ")
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>MarketMate API reference</title>
            <style>
            body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
            code,pre{font-family:ui-monospace,monospace;font-size:13px}pre{background:#f5f5f7;padding:.75rem;overflow:auto;border-radius:6px}
            .op{border:1px solid #ddd;border-radius:6px;margin:.75rem 0;padding:.5rem .75rem}
            .m{display:inline-block;min-width:4.5em;font-weight:700;text-transform:uppercase}
            .get{color:#0a7}.post{color:#06c}.patch,.put{color:#a60}.delete{color:#c00}.lock{color:#888;font-size:12px}
            </style></head><body>
            <h1>MarketMate API reference</h1>
            <p>\(escape(doc["info"]?["description"].flatMap { if case .string(let s) = $0 { s } else { nil } } ?? ""))</p>
            <p>Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a>. \(toc)</p>
            \(body)
            <section><h2 id="schemas">Schemas</h2>\(schemas)</section>
            </body></html>
            """
    }

    private static func renderOperation(method: String, path: String, op: JSONValue) -> String {
        func text(_ v: JSONValue?) -> String { if case .string(let s)? = v { s } else { "" } }
        let secured = op["security"] != nil ? " <span class=\"lock\">requires bearer token</span>" : ""
        var lines = ["<div class=\"op\"><span class=\"m \(method)\">\(method)</span> <code>\(escape(path))</code>\(secured)",
                     "<div>\(escape(text(op["summary"])))</div>"]
        if let description = op["description"] { lines.append("<p>\(escape(text(description)))</p>") }
        if let request = op["requestBody"]?["content"]?["application/json"]?["schema"]?["$ref"] {
            let name = text(request).split(separator: "/").last.map(String.init) ?? ""
            lines.append("<div>Body: <a href=\"#schema-\(escape(name))\"><code>\(escape(name))</code></a></div>")
        }
        let statuses = (op["responses"]?.keys ?? []).map { "<code>\(escape($0))</code>" }.joined(separator: " ")
        lines.append("<div>Responses: \(statuses)</div></div>")
        return lines.joined(separator: "\n")
    }

    private static func pretty(_ value: JSONValue) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(value)) ?? Data(), as: UTF8.self)
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
