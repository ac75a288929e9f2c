/// Criterion answers packed into one `Double` each, so that a calibration session of half a
/// million audits keeps its answers in one flat array instead of an array of enums per audit.
///
/// The number is the value that agreement statistics compare: 1 for yes and 0 for no, the
/// integer of a scale, the option's position (in scorecard order) for a choice, and the points
/// for points, never the credit. N/A is −∞, so that it equals itself when reference answers are
/// matched; an unanswered criterion is NaN, which nothing equals.
enum AnswerCode {
    static let unanswered = Double.nan
    static let notApplicable = -Double.infinity

    static func encode(_ answer: Answer?) -> Double {
        guard let answer else { return unanswered }
        switch answer {
        case .yes: return 1
        case .no: return 0
        case .notApplicable: return notApplicable
        case .scale(let value): return Double(value)
        case .choice(let index): return Double(index)
        case .points(let value), .number(let value): return value.doubleValue
        case .date(let date): return Double(date.daysSince1970)
        // Free text and several options have no single value to agree on (docs/calibration.md).
        case .text, .options: return unanswered
        }
    }

    /// Whether `code` holds an answer, N/A included.
    static func isAnswered(_ code: Double) -> Bool { !code.isNaN }

    /// The value an agreement statistic sees: `nil` for N/A and blank, which are missing there.
    static func rating(_ code: Double) -> Double? { code.isFinite ? code : nil }

    /// How a report shows an answer: `yes`, `no`, `n/a`, an integer, an option value or a number.
    static func text(_ code: Double, for kind: Criterion.Kind) -> String {
        if code.isNaN { return "(blank)" }
        if code == notApplicable { return "n/a" }
        switch kind {
        case .yesNo:
            return code == 1 ? "yes" : "no"
        case .scale:
            return String(Int(code))
        case .choice(let options), .select(let options):
            let index = Int(code)
            return options.indices.contains(index) ? options[index].value : String(index)
        case .points:
            return DecimalText.trimmed(code, places: 2)
        case .number:
            return DecimalText.trimmed(code, places: Criterion.numberPlaces)
        case .date:
            return CalendarDate(daysSince1970: Int(code)).description
        case .text, .multiSelect:
            return "(blank)"
        }
    }

    /// The answer domain that Gwet's AC1 counts categories over; `nil` for points, which have none.
    static func domain(of kind: Criterion.Kind) -> [Double]? {
        switch kind {
        case .yesNo: return [0, 1]
        case .scale(let minimum, let maximum, _): return (minimum...maximum).map(Double.init)
        case .choice(let options), .select(let options): return options.indices.map(Double.init)
        case .points, .number, .date, .text, .multiSelect: return nil
        }
    }
}
