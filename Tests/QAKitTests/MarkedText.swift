/// An inline fixture with its expected positions marked in the text itself.
///
/// Keycap markers (`0️⃣` … `9️⃣`) are removed from `text` and their positions kept: `1️⃣` marks
/// where a diagnostic is expected, `0️⃣` a position the message refers to (written `{0}` in the
/// expected message), others further diagnostics. Columns count Unicode scalars, as `Mark` does.
struct MarkedText {
    var text: String
    var markers: [Character: (line: Int, column: Int)] = [:]

    init(_ marked: String) {
        var text = ""
        var line = 1
        var column = 1
        for character in marked {
            if character.unicodeScalars.last == "\u{20E3}" {
                markers[character] = (line, column)
                continue
            }
            text.append(character)
            if character == "\n" {
                line += 1
                column = 1
            } else {
                column += character.unicodeScalars.count
            }
        }
        self.text = text
    }

    /// The expected diagnostic position.
    var expected: (line: Int, column: Int)? { markers["1️⃣"] }

    /// The positions of all markers, in marker order (`1️⃣`, `2️⃣`, …, without `0️⃣`).
    var positions: [[Int]] {
        markers.filter { $0.key != "0️⃣" }.sorted { String($0.key) < String($1.key) }.map { [$0.value.line, $0.value.column] }
    }

    /// `message` with `{0}` replaced by the `0️⃣` marker's `line:column`.
    func resolve(_ message: String) -> String {
        guard let reference = markers["0️⃣"] else { return message }
        return message.replacingAll("{0}", with: "\(reference.line):\(reference.column)")
    }
}

extension String {
    /// Every occurrence of `target` replaced, without Foundation.
    func replacingAll(_ target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
