/// One chosen interaction: its rank, its group and all of its input cells.
public struct SampledInteraction: Sendable {
    /// The interaction's rank under the seed (smaller is chosen first).
    public var key: SampleKey
    /// The trimmed `agent` cell.
    public var agent: String
    /// The trimmed strata values, in `--strata` order; empty without strata.
    public var strata: [String]
    /// The input's column names for `values` (a CSV header, or a JSON record's keys).
    public var columns: [String]
    /// The cells as read (JSON values as text), one per column.
    public var values: [String]
    /// The file the interaction was read from, for messages.
    public var file: String
    /// The line its record starts on.
    public var line: Int

    /// The `stratum` output column: the strata values joined with `/`, empty without strata.
    public var stratum: String { strata.joined(separator: "/") }

    /// The cell of `column`, or `nil` when this interaction's input has no such column.
    public func value(of column: String) -> String? {
        columns.firstIndex(of: column).map { values[$0] }
    }
}
