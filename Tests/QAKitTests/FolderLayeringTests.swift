import Foundation
import Testing

/// The folders of `Sources/QAKit` refer to each other in one direction only (README, "Repository
/// layout"): if a file in folder A names a type declared in folder B, no file in B names a type
/// declared in A. The scan is textual: every top-level `struct`, `enum`, `class`, `protocol`,
/// `actor` or `typealias` belongs to its folder; comments and string literals are removed before
/// the names a file uses are collected.
@Suite("Folders of the QAKit library refer one way")
struct FolderLayeringTests {
    static let library = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/QAKit")

    /// Folder → its files' text, with comments and string literals removed.
    static func folders() throws -> [String: [String: String]] {
        let manager = FileManager.default
        var result: [String: [String: String]] = [:]
        for folder in try manager.contentsOfDirectory(atPath: library.path).sorted() {
            let url = library.appendingPathComponent(folder)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            for file in try manager.contentsOfDirectory(atPath: url.path) where file.hasSuffix(".swift") {
                let text = try String(contentsOf: url.appendingPathComponent(file), encoding: .utf8)
                result[folder, default: [:]][file] = stripped(text)
            }
        }
        return result
    }

    /// `text` without `//` comments, `/* */` comments and the contents of string literals.
    static func stripped(_ text: String) -> String {
        var out = ""
        var chars = Array(text)[...]
        while let c = chars.first {
            if c == "/", chars.dropFirst().first == "/" {
                while let d = chars.first, d != "\n" { chars = chars.dropFirst() }
            } else if c == "/", chars.dropFirst().first == "*" {
                chars = chars.dropFirst(2)
                while !chars.isEmpty, !(chars.first == "*" && chars.dropFirst().first == "/") { chars = chars.dropFirst() }
                chars = chars.dropFirst(2)
            } else if c == "\"" {
                out.append("\"\"")
                chars = chars.dropFirst()
                while let d = chars.first, d != "\"", d != "\n" {
                    chars = chars.dropFirst(d == "\\" ? 2 : 1)
                }
                chars = chars.dropFirst()
            } else {
                out.append(c)
                chars = chars.dropFirst()
            }
        }
        return out
    }

    static let modifiers: Set<Substring> = ["public", "internal", "fileprivate", "package", "final", "indirect"]
    static let keywords: Set<Substring> = ["struct", "enum", "class", "protocol", "actor", "typealias"]

    /// The types a file declares at top level (a line with no indentation).
    static func declaredTypes(_ text: String) -> [String] {
        var names: [String] = []
        for line in text.split(separator: "\n") where line.first.map({ !$0.isWhitespace }) == true {
            var words = line.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" && $0 != "@" })[...]
            while let first = words.first, modifiers.contains(first) || first.hasPrefix("@") { words = words.dropFirst() }
            if let keyword = words.first, keywords.contains(keyword), let name = words.dropFirst().first,
               name.first?.isUppercase == true {
                names.append(String(name))
            }
        }
        return names
    }

    /// The identifiers a file uses that start with a capital letter.
    static func typeNames(_ text: String) -> Set<String> {
        Set(text.split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "_" })
            .filter { $0.first?.isUppercase == true }.map(String.init))
    }

    /// (from folder, to folder) → the type names and files that make the reference.
    static func references() throws -> [String: [String: Set<String>]] {
        let folders = try folders()
        var owner: [String: String] = [:]
        for (folder, files) in folders {
            for text in files.values {
                for name in declaredTypes(text) where owner[name] == nil { owner[name] = folder }
            }
        }
        var uses: [String: [String: Set<String>]] = [:]
        for (folder, files) in folders {
            for (file, text) in files {
                for name in typeNames(text) {
                    if let other = owner[name], other != folder {
                        uses[folder, default: [:]][other, default: []].insert("\(name) in \(file)")
                    }
                }
            }
        }
        return uses
    }

    @Test("the scan sees the references that are there")
    func scanSeesReferences() throws {
        let uses = try Self.references()
        // ScoringRun applies disputes; disputes know nothing of scoring.
        #expect(uses["Scoring"]?["Disputes"]?.contains("DisputeBook in ScoringRun.swift") == true)
        // The import profiles read audits with the audit decoder.
        #expect(uses["Import"]?["Audits"]?.isEmpty == false)
        #expect(Self.stripped("let a = \"Foo\" // Bar\n/* Baz */ Qux") == "let a = \"\" \n Qux")
        #expect(Self.declaredTypes("public final class A {\n    struct B {}\n}\n@frozen enum C: Int {}\nextension D {}") == ["A", "C"])
    }

    @Test("no two folders refer to each other")
    func noTwoWayPairs() throws {
        let uses = try Self.references()
        var pairs: [String] = []
        for (from, targets) in uses {
            for (to, names) in targets where from < to {
                if let back = uses[to]?[from] {
                    pairs.append("\(from) -> \(to) (\(names.sorted().prefix(3).joined(separator: ", "))) and \(to) -> \(from) (\(back.sorted().prefix(3).joined(separator: ", ")))")
                }
            }
        }
        #expect(pairs.sorted() == [], "folders that refer to each other both ways")
    }
}
