/// The records of a whole JSON file read through a profile's `records` path (docs/imports.md,
/// "JSON and JSON Lines"): the array at the path, the top-level array, or a single object.
///
/// The path may pass through arrays (`conversations.reviews.ratings`): each element of an array
/// met on the way is followed by the rest of the path, and every element of the innermost arrays
/// is a record. The elements it was reached through are its enclosing records, innermost first;
/// a column path the record lacks is looked up in them outward (`resolve`).
struct JSONRecord {
    /// The record object (or whatever the array holds there; the reader rejects non-objects).
    var value: JSONValue
    /// The array elements the path passed through to reach it, innermost first.
    var enclosing: [JSONValue] = []

    /// The value at `path` in the record or, when the record lacks the path's first key, in the
    /// innermost enclosing record that has it (docs/imports.md).
    func resolve(_ path: [String]) -> JSONValue? {
        if let found = Self.resolve(path, in: value) { return found }
        guard let first = path.first, !Self.hasKey(first, value) else { return nil }
        for outer in enclosing where Self.hasKey(first, outer) {
            return Self.resolve(path, in: outer)
        }
        return nil
    }

    private static func hasKey(_ key: String, _ value: JSONValue) -> Bool {
        member(value, key) != nil
    }

    /// The value at `path` (object keys and array positions) in `value`, if there is one.
    static func resolve(_ path: [String], in value: JSONValue) -> JSONValue? {
        var found: JSONValue? = value
        for key in path { found = found.flatMap { member($0, key) } }
        return found
    }

    /// `value`'s member `key`, or element number `key` of an array.
    static func member(_ value: JSONValue, _ key: String) -> JSONValue? {
        switch value {
        case .object: value[key]
        case .array(let items): Int(key).flatMap { $0 >= 0 && $0 < items.count ? items[$0] : nil }
        default: nil
        }
    }

    /// The largest JSON file read whole.
    static let maximumBytes = 512 << 20

    /// The records of the whole JSON file `source`.
    ///
    /// - Throws: `InputError` (unreadable) for a file too large or not JSON, and for a records
    ///   path that leads nowhere or to something that is not an array of records.
    static func records(of source: ByteSource, file: String, profile: ImportProfile) throws(InputError) -> [JSONRecord] {
        var bytes = try AuditSources.readAll(source, file: file, limit: maximumBytes,
                                             tooLarge: "JSON file is larger than 512 MiB; export JSON Lines (one record per line) instead")
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let root: JSONValue
        do {
            root = try JSONParser().parse(bytes)
        } catch {
            throw InputError(file: file, line: error.line, column: error.column, message: error.message, isUnreadable: true)
        }
        return try records(in: root, file: file, path: profile.records ?? [])
    }

    /// The records at `path` in `root` (see the type's comment).
    static func records(in root: JSONValue, file: String, path: [String]) throws(InputError) -> [JSONRecord] {
        let written = path.joined(separator: ".")
        /// Where the walk is: each value with the place it was found at (`conversations.1.reviews`)
        /// and its enclosing records.
        var current: [(value: JSONValue, place: [String], enclosing: [JSONValue])] = [(root, [], [])]
        var walked: [String] = []
        for key in path {
            var next: [(value: JSONValue, place: [String], enclosing: [JSONValue])] = []
            var keys: [String] = []
            var sawArray = false
            for (value, place, enclosing) in current {
                if case .null = value, !enclosing.isEmpty { continue }  // `"reviews": null`: no records there
                if case .array(let items) = value, Int(key) == nil {
                    // An array on the way: each element is followed by the rest of the path.
                    sawArray = true
                    for (index, item) in items.enumerated() {
                        if case .object(let members) = item { keys.append(contentsOf: members.map(\.key)) }
                        if let found = member(item, key) {
                            next.append((found, place + [String(index), key], [item] + enclosing))
                        } else if case .object = item {
                            continue  // an element without the key holds no records
                        } else {
                            throw InputError(file: file, message: "records path '\(written)': '\((place + [String(index)]).joined(separator: "."))' is \(article(item)), not an object with '\(key)'",
                                             isUnreadable: true)
                        }
                    }
                } else if let found = member(value, key) {
                    next.append((found, place + [key], enclosing))
                } else {
                    if case .object(let members) = value { keys.append(contentsOf: members.map(\.key)) }
                    if current.count == 1 {
                        let place = place.isEmpty ? "the top level" : "'\(place.joined(separator: "."))'"
                        let known = keys.isEmpty ? "it is \(article(value))" : "it has \(keys.map { "'\($0)'" }.joined(separator: ", "))"
                        throw InputError(file: file, message: "records path '\(written)': \(place) has no '\(key)'\(Suggestion.hint(for: key, among: keys)); \(known)",
                                         isUnreadable: true)
                    }
                }
            }
            // Keys no element has are a mistake of the path; empty arrays just hold no records.
            if next.isEmpty && !current.allSatisfy({ item in
                switch item.value {
                case .array(let items): items.isEmpty
                case .null: !item.enclosing.isEmpty
                default: false
                }
            }) {
                var unique: [String] = []
                for key in keys where !unique.contains(key) { unique.append(key) }
                let known = unique.isEmpty ? "" : "; they have \(unique.prefix(12).map { "'\($0)'" }.joined(separator: ", "))"
                let place = walked.isEmpty ? "the top-level array" : "'\(walked.joined(separator: "."))'"
                let which = sawArray ? "no element of \(place)" : "none of the \(current.count) objects at \(place)"
                throw InputError(file: file, message: "records path '\(written)': \(which) has '\(key)'\(Suggestion.hint(for: key, among: unique))\(known)",
                                 isUnreadable: true)
            }
            walked.append(key)
            current = next
        }
        var records: [JSONRecord] = []
        for (value, place, enclosing) in current {
            switch value {
            case .array(let items): records += items.map { JSONRecord(value: $0, enclosing: enclosing) }
            case .object: records.append(JSONRecord(value: value, enclosing: enclosing))
            case .null where !enclosing.isEmpty: continue  // `"ratings": null`: no records there
            default:
                let holder = path.isEmpty ? "the file holds" : place == path ? "records path '\(written)' holds" : "records path '\(written)': '\(place.joined(separator: "."))' is"
                throw InputError(file: file, message: "\(holder) \(article(value)); expected an array of records or one record object",
                                 isUnreadable: true)
            }
        }
        return records
    }

    /// `an array`, `a string`…, for messages.
    static func article(_ value: JSONValue) -> String {
        value.typeName == "array" || value.typeName == "object" ? "an \(value.typeName)" : "a \(value.typeName)"
    }
}
