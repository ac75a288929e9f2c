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
    /// Its number in the document (`JSONDocument`), and those of `enclosing`.
    var node = 0
    var enclosingNodes: [Int] = []
    /// An element the path passed through whose array of records at the path's last key is
    /// missing, `null` or `[]` (a review without ratings): not a record, but reported
    /// (docs/imports.md, "JSON and JSON Lines").
    var holdsNoRecords = false
    /// Where the record starts in the file (1-based; the column in Unicode scalars).
    var line = 1
    var column = 1
    /// The document, for positions of values inside the record.
    var document: JSONDocument?

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
    ///   path that leads nowhere or to something that is not an array of records, at the line and
    ///   column of the value the path stops at.
    static func records(of source: ByteSource, file: String, profile: ImportProfile) throws(InputError) -> [JSONRecord] {
        var bytes = try AuditSources.readAll(source, file: file, limit: maximumBytes,
                                             tooLarge: "JSON file is larger than 512 MiB; export JSON Lines (one record per line) instead")
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { bytes.removeFirst(3) }
        let document: JSONDocument
        do {
            document = try JSONParser().parseDocument(bytes)
        } catch {
            throw InputError(file: file, line: error.line, column: error.column, message: error.message, isUnreadable: true)
        }
        return try records(in: document, file: file, path: profile.records ?? [])
    }

    /// The records at `path` in `document` (see the type's comment), each with its line and column.
    static func records(in document: JSONDocument, file: String, path: [String]) throws(InputError) -> [JSONRecord] {
        let written = path.joined(separator: ".")
        func located(_ node: Int, _ message: String) -> InputError {
            let (line, column) = document.position(ofNode: node)
            return InputError(file: file, line: line, column: column, message: message, isUnreadable: true)
        }
        /// Where the walk is: each value with its node, the place it was found at
        /// (`conversations.1.reviews`) and its enclosing records (with their nodes).
        typealias Step = (value: JSONValue, node: Int, place: [String], enclosing: [JSONValue], enclosingNodes: [Int])
        var current: [Step] = [(document.root, 0, [], [], [])]
        var walked: [String] = []
        /// The elements met on the way that hold no records where the path ends (a review without
        /// ratings), by node: each becomes a record of its own that the sources report.
        var empty: [Int: JSONRecord] = [:]
        for (depth, key) in path.enumerated() {
            let isLast = depth == path.count - 1
            var next: [Step] = []
            var keys: [String] = []
            var sawArray = false
            for (value, node, place, enclosing, enclosingNodes) in current {
                if case .null = value, !enclosing.isEmpty { continue }  // `"reviews": null`: no records there
                if case .array(let items) = value, Int(key) == nil {
                    // An array on the way: each element is followed by the rest of the path.
                    sawArray = true
                    var itemNode = node + 1
                    for (index, item) in items.enumerated() {
                        let thisNode = itemNode
                        itemNode += JSONDocument.size(item)
                        if case .object(let members) = item { keys.append(contentsOf: members.map(\.key)) }
                        if let (found, foundNode) = JSONDocument.child(key, of: item, node: thisNode) {
                            next.append((found, foundNode, place + [String(index), key], [item] + enclosing, [thisNode] + enclosingNodes))
                            if isLast, Self.holdsNoRecords(found) {
                                empty[thisNode] = JSONRecord(value: item, enclosing: enclosing, node: thisNode, enclosingNodes: enclosingNodes, holdsNoRecords: true)
                            }
                        } else if case .object = item {
                            // An element without the key holds no records.
                            if isLast { empty[thisNode] = JSONRecord(value: item, enclosing: enclosing, node: thisNode, enclosingNodes: enclosingNodes, holdsNoRecords: true) }
                            continue
                        } else {
                            throw located(thisNode, "records path '\(written)': '\((place + [String(index)]).joined(separator: "."))' is \(article(item)), not an object with '\(key)'")
                        }
                    }
                } else if let (found, foundNode) = JSONDocument.child(key, of: value, node: node) {
                    next.append((found, foundNode, place + [key], enclosing, enclosingNodes))
                } else {
                    if case .object(let members) = value { keys.append(contentsOf: members.map(\.key)) }
                    if current.count == 1 {
                        let placeName = place.isEmpty ? "the top level" : "'\(place.joined(separator: "."))'"
                        let known = keys.isEmpty ? "it is \(article(value))" : "it has \(keys.map { "'\($0)'" }.joined(separator: ", "))"
                        throw located(node, "records path '\(written)': \(placeName) has no '\(key)'\(Suggestion.hint(for: key, among: keys)); \(known)")
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
                // Located at the first of the values the key was looked for in.
                let first = current.first { item in
                    if case .array(let items) = item.value { return !items.isEmpty }
                    return true
                }
                var node = first?.node ?? 0
                if sawArray, case .array(let items)? = first?.value, !items.isEmpty { node += 1 }
                throw located(node, "records path '\(written)': \(which) has '\(key)'\(Suggestion.hint(for: key, among: unique))\(known)")
            }
            walked.append(key)
            current = next
        }
        var records: [JSONRecord] = []
        var emptyNodes = empty.keys.sorted()[...]
        func addEmpty(before node: Int) {
            while let first = emptyNodes.first, first < node {
                records.append(empty[first]!)
                emptyNodes.removeFirst()
            }
        }
        for (value, node, place, enclosing, enclosingNodes) in current {
            addEmpty(before: node)
            switch value {
            case .array(let items):
                var itemNode = node + 1
                for item in items {
                    records.append(JSONRecord(value: item, enclosing: enclosing, node: itemNode, enclosingNodes: enclosingNodes))
                    itemNode += JSONDocument.size(item)
                }
            case .object: records.append(JSONRecord(value: value, enclosing: enclosing, node: node, enclosingNodes: enclosingNodes))
            case .null where !enclosing.isEmpty: continue  // `"ratings": null`: no records there
            default:
                let holder = path.isEmpty ? "the file holds" : place == path ? "records path '\(written)' holds" : "records path '\(written)': '\(place.joined(separator: "."))' is"
                throw located(node, "\(holder) \(article(value)); expected an array of records or one record object")
            }
        }
        addEmpty(before: Int.max)
        // Lines and columns in file order, so that working them out stays linear.
        for index in records.indices {
            (records[index].line, records[index].column) = document.position(ofNode: records[index].node)
        }
        records = records.map { record in
            var record = record
            record.document = document
            return record
        }
        return records
    }

    /// Whether the value at the end of the path holds no records: `null` or `[]`.
    private static func holdsNoRecords(_ value: JSONValue) -> Bool {
        switch value {
        case .null: true
        case .array(let items): items.isEmpty
        default: false
        }
    }

    /// The line and column of the value at `path` in the record or the enclosing record
    /// `resolve(_:)` finds it in; the record's own when there is no such value.
    func position(of path: [String]) -> (line: Int, column: Int) {
        guard let document else { return (line, column) }
        func walk(_ value: JSONValue, _ node: Int) -> Int? {
            var found: (value: JSONValue, node: Int)? = (value, node)
            for key in path { found = found.flatMap { JSONDocument.child(key, of: $0.value, node: $0.node) } }
            return found?.node
        }
        if let node = walk(value, node) { return document.position(ofNode: node) }
        if let first = path.first, !Self.hasKey(first, value) {
            for (outer, outerNode) in zip(enclosing, enclosingNodes) where Self.hasKey(first, outer) {
                if let node = walk(outer, outerNode) { return document.position(ofNode: node) }
                break
            }
        }
        return (line, column)
    }

    /// The error for an element that `holdsNoRecords` (docs/imports.md, "JSON and JSON Lines"):
    /// at the element's line and column, named by the audit id at `auditPath` when it has one.
    func noRecordsProblem(file: String, recordsPath: [String], auditPath: [String]?) -> Diagnostic {
        let key = recordsPath.last ?? ""
        let how = switch Self.member(value, key) {
        case nil: "missing"
        case .null?: "null"
        default: "[]"
        }
        let id: String? = auditPath.flatMap { resolve($0) }.flatMap { found in
            switch found {
            case .string(let text), .number(let text): AnswerParser.trimmed(text).isEmpty ? nil : AnswerParser.trimmed(text)
            default: nil
            }
        }
        let subject = id.map { "audit '\($0)'" } ?? "record"
        return Diagnostic(.error, "\(subject) skipped: its '\(key)' is \(how) (records path '\(recordsPath.joined(separator: "."))'), so it has no answers to score",
                          file: file, line: line, column: column)
    }

    /// `an array`, `a string`…, for messages.
    static func article(_ value: JSONValue) -> String {
        value.typeName == "array" || value.typeName == "object" ? "an \(value.typeName)" : "a \(value.typeName)"
    }
}
