/// Writes JSON as UTF-8 bytes in the layout of `JSONText.object` and `JSONText.array`
/// (`{"a": 1, "b": [2, 3]}`), for output written per audit, where building and joining a string
/// per member costs more than the scoring.
struct JSONBytes {
    var bytes: [UInt8] = []
    /// Bit `depth` is set once the container open at that depth has its first item.
    private var hasItems: UInt64 = 0
    private var depth = 0

    mutating func beginObject() { open(UInt8(ascii: "{")) }
    mutating func endObject() { close(UInt8(ascii: "}")) }
    mutating func beginArray() { open(UInt8(ascii: "[")) }
    mutating func endArray() { close(UInt8(ascii: "]")) }

    /// `"name": `, after a `, ` when the object has members already.
    mutating func key(_ name: StaticString) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":"), UInt8(ascii: " ")])
        markValuePending()
    }

    /// A string value (escaped as `JSONText.string`), or `null`.
    /// A key that is not a literal (a scorecard's field id), escaped as a JSON string.
    mutating func key(text name: String) {
        separate()
        JSONText.appendString(name, to: &bytes)
        bytes.append(contentsOf: [UInt8(ascii: ":"), UInt8(ascii: " ")])
        markValuePending()
    }

    mutating func string(_ text: String?) {
        separateValue()
        if let text { JSONText.appendString(text, to: &bytes) } else { raw("null") }
    }

    /// A value already encoded as JSON.
    mutating func encoded(_ json: String) {
        separateValue()
        bytes += json.utf8
    }

    mutating func bool(_ value: Bool?) {
        separateValue()
        raw(value.map { $0 ? "true" : "false" } ?? "null")
    }

    private var valuePending = false

    /// Empties the buffer, keeping its capacity.
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func markValuePending() { valuePending = true }

    /// Before a value: nothing after a key, else `, ` between array items.
    private mutating func separateValue() {
        if valuePending {
            valuePending = false
        } else {
            separate()
        }
    }

    /// `, ` before every item of a container but its first; values at the top level (one
    /// object per line) get nothing.
    private mutating func separate() {
        guard depth > 0 else { return }
        let bit: UInt64 = 1 << UInt64(depth)
        if hasItems & bit != 0 {
            bytes.append(contentsOf: [UInt8(ascii: ","), UInt8(ascii: " ")])
        } else {
            hasItems |= bit
        }
    }

    private mutating func open(_ bracket: UInt8) {
        separateValue()
        bytes.append(bracket)
        depth += 1
        hasItems &= ~(1 << UInt64(depth))
    }

    private mutating func close(_ bracket: UInt8) {
        bytes.append(bracket)
        depth -= 1
    }

    private mutating func raw(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }
}
