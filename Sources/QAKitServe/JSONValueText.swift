import QAKit

/// Writes a `JSONValue` back as compact JSON text: members in their order, numbers as their
/// source text (so `7.50` stays `7.50`), strings escaped by the library's `JSONText`.
enum JSONValueText {
    static func encode(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): flag ? "true" : "false"
        case .number(let text): text
        case .string(let text): JSONText.string(text)
        case .array(let items): "[" + items.map(encode).joined(separator: ",") + "]"
        case .object(let members): "{" + members.map { JSONText.string($0.key) + ":" + encode($0.value) }.joined(separator: ",") + "}"
        }
    }
}
