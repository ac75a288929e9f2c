/// Every number a chart, a report table or the report's Markdown shows goes through here, so that
/// one figure always reads the same (rounded half away from zero, never `-0`).
public enum ChartNumber {
    /// An SVG coordinate or length: at most one decimal (`12.5`, `40`).
    public static func coordinate(_ value: Double) -> String {
        DecimalText.trimmed(value, places: 1)
    }

    /// A score in points, 1 decimal: `82.4`; `—` when there is none.
    public static func score(_ value: Rational?) -> String {
        value?.formatted(places: 1) ?? dash
    }

    /// A score difference in points with its sign: `+2.5`, `-0.8`; `—` when there is none.
    public static func scoreChange(_ value: Rational?) -> String {
        guard let value else { return dash }
        let text = value.formatted(places: 1)
        return value.rounded(places: 1) > .zero ? "+" + text : text == "-0.0" ? "0.0" : text
    }

    /// A share in 0…1 as a percentage with 1 decimal: `62.5%`; `—` when there is none.
    public static func percent(_ value: Rational?) -> String {
        value.map { ($0 * .hundred).formatted(places: 1) + "%" } ?? dash
    }

    /// A change in a share, in percentage points with its sign: `+4.0 pp`.
    public static func percentChange(_ value: Rational?) -> String {
        value.map { scoreChange($0 * .hundred) + " pp" } ?? dash
    }

    /// A share in 0…1 as a whole percentage, for heatmap cells: `75%`.
    public static func wholePercent(_ value: Rational?) -> String {
        value.map { ($0 * .hundred).formatted(places: 0) + "%" } ?? dash
    }

    /// A count: `1250`.
    public static func count(_ value: Int) -> String { String(value) }

    /// A count difference with its sign: `+12`, `-3`, `0`.
    public static func countChange(_ value: Int?) -> String {
        guard let value else { return dash }
        return value > 0 ? "+\(value)" : String(value)
    }

    /// A statistic such as Krippendorff's alpha or Pearson's r, 3 decimals: `0.742`.
    public static func statistic(_ value: Double?) -> String {
        value.map { DecimalText.fixed($0, places: 3) } ?? dash
    }

    /// A change in a statistic with its sign: `+0.051`.
    public static func statisticChange(_ value: Double?) -> String {
        value.map { DecimalText.signed($0, places: 3) } ?? dash
    }

    /// Points on an axis: whole numbers plain, others with 1 decimal.
    public static func tick(_ value: Double) -> String {
        DecimalText.trimmed(value, places: 1)
    }

    /// What a missing figure shows.
    public static let dash = "—"
}
