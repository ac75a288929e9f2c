/// Writes a sample as CSV (RFC 4180, LF line ends): the chosen interactions' own columns, then
/// `sample_seed` and `stratum`, then a worksheet's answer columns when asked for.
public enum SampleCSVWriter {
    /// The columns the sample writes, and which no input column may replace.
    static let sampleColumns = ["sample_seed", "stratum"]

    /// The input columns of `interactions`, in order of first appearance as the rows are
    /// written (for one CSV input: its header), without `sample_seed` and `stratum` (a sample of
    /// a sample gets new ones).
    public static func inputColumns(of interactions: [SampledInteraction]) -> [String] {
        var seen: Set<String> = []
        var columns: [String] = []
        var lastLayout: [String]?
        for interaction in interactions where interaction.columns != lastLayout {
            lastLayout = interaction.columns
            for name in interaction.columns where !sampleColumns.contains(name) && seen.insert(name).inserted {
                columns.append(name)
            }
        }
        return columns
    }

    /// Writes the header and one row per interaction, in the order given; `style` is `--excel`'s
    /// choice (docs/output-files.md).
    public static func write(_ interactions: [SampledInteraction], seed: UInt64, worksheet: SampleWorksheet?, style: CSVStyle = .plain,
                             to sink: TextSink) throws {
        let columns = inputColumns(of: interactions)
        let extra = worksheet?.columns(after: columns) ?? []
        try sink.write(style.preamble + CSVText.row(columns + sampleColumns + extra.map(\.name), style: style))
        let seedText = String(seed)
        var positions: [[String]: [Int?]] = [:]
        for interaction in interactions {
            let layout = positions[interaction.columns] ?? columns.map { interaction.columns.firstIndex(of: $0) }
            positions[interaction.columns] = layout
            var cells = layout.map { $0.map { interaction.values[$0] } ?? "" }
            cells.append(seedText)
            cells.append(interaction.stratum)
            cells += extra.map(\.value)
            try sink.write(CSVText.row(cells, style: style))
        }
    }
}
