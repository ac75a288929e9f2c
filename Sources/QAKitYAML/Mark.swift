/// A position in a text file, 1-based, as editors and compilers show it.
///
/// Columns count Unicode scalars, not bytes, so that `é` advances the column by one.
public struct Mark: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The line, starting at 1.
    public var line: Int
    /// The column, starting at 1, in Unicode scalars.
    public var column: Int

    /// Creates a mark from 1-based line and column numbers.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// The start of a file.
    public static let start = Mark(line: 1, column: 1)

    public static func < (lhs: Mark, rhs: Mark) -> Bool {
        (lhs.line, lhs.column) < (rhs.line, rhs.column)
    }

    /// `line:column`, the form diagnostics print.
    public var description: String { "\(line):\(column)" }

    /// The mark of the byte at `offset` in `bytes`, counting Unicode scalars for columns.
    ///
    /// Used where only a byte offset is known (libyaml's reader errors, our own UTF-8 check).
    /// A line ends at LF, CR LF or a lone CR, as in YAML.
    public static func of(offset: Int, in bytes: some Collection<UInt8>) -> Mark {
        var line = 1
        var column = 1
        var previous: UInt8 = 0
        for (index, byte) in bytes.enumerated() {
            if index >= offset { break }
            if byte == 0x0A {
                if previous != 0x0D { line += 1 }
                column = 1
            } else if byte == 0x0D {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            previous = byte
        }
        return Mark(line: line, column: column)
    }
}
