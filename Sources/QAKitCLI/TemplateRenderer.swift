import ArgumentParser
import Foundation
import Mustache
import QAKit

/// A user's Mustache template (`qakit coach --template FILE`), rendered over each agent's JSON
/// structure exactly as `coach --format json` writes it (null members are left out, so that
/// `{{#trend}}…{{/trend}}` skips a missing trend; whole numbers render without a decimal point).
struct TemplateRenderer {
    let template: MustacheTemplate
    /// The extension of per-agent files: `notes.html.mustache` gives `html`; otherwise `txt`.
    let fileExtension: String

    init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            Terminal.printError("qakit: error: cannot read template '\(path)'")
            throw ExitCode(2)
        }
        do {
            template = try MustacheTemplate(string: String(decoding: data, as: UTF8.self))
        } catch {
            Terminal.printError("\(path): error: not a valid Mustache template: \(error)")
            throw ExitCode(2)
        }
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let stem = name.hasSuffix(".mustache") ? String(name.dropLast(".mustache".count)) : name
        if let dot = stem.lastIndex(of: "."), stem.index(after: dot) != stem.endIndex, dot != stem.startIndex {
            fileExtension = String(stem[stem.index(after: dot)...])
        } else {
            fileExtension = "txt"
        }
    }

    func render(_ value: StructuredValue) -> String {
        template.render(Self.context(value) ?? [String: Any]())
    }

    /// The Mustache context for a value: dictionaries and arrays, `nil` for JSON null.
    static func context(_ value: StructuredValue) -> Any? {
        switch value {
        case .null: return nil
        case .bool(let flag): return flag
        case .number(let number):
            if number == number.rounded(), abs(number) < 1e15 { return Int(number) }
            return number
        case .string(let text): return text
        case .array(let items): return items.compactMap(context)
        case .object(let members):
            var dictionary: [String: Any] = [:]
            for member in members { if let value = context(member.value) { dictionary[member.key] = value } }
            return dictionary
        }
    }
}
