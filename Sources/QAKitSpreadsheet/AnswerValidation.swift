import QAKit

/// The data validation of one criterion's answer column: a dropdown of the valid answers, or a
/// range that the spreadsheet checks as the reviewer types (docs/spreadsheets.md).
///
/// Spreadsheets check what they can; `qakit score` checks everything again, so a validation only
/// has to keep honest mistakes out, never to be the last word.
enum AnswerValidation: Equatable {
    /// A dropdown of these answers, in this order.
    case list([String])
    /// A whole number from `minimum` to `maximum`.
    case wholeNumber(minimum: Int, maximum: Int)
    /// A number from 0 to `maximum`.
    case decimal(maximum: String)
    /// A number from 0 to `maximum`, or the word `na`: a formula, since a number range cannot
    /// also take a word (the dropdown of a scale is this for a scale too long to list).
    case decimalOrNA(minimum: String, maximum: String, wholeOnly: Bool)
    /// No check the spreadsheet can make: numbers, dates, free text and several options
    /// (`qakit score` checks them).
    case none

    /// The longest list a dropdown may spell out in its formula (Excel's limit is 255
    /// characters between the quotes).
    static let maximumListLength = 255

    /// The validation of `criterion`'s answers. A scale that allows N/A becomes the list of its
    /// whole numbers and `na`, so that N/A is in the dropdown; a scale too long for that list,
    /// and points that allow N/A, take a formula that accepts a number in range or `na`.
    init(_ criterion: Criterion) {
        let na = criterion.allowsNA ? ["na"] : []
        switch criterion.kind {
        case .yesNo:
            self = .list(["yes", "no"] + na)
        case .choice(let options), .select(let options):
            self = .list(options.map(\.value) + na)
        case .number, .date, .text, .multiSelect:
            self = .none
        case .scale(let minimum, let maximum, _):
            let values = (minimum...maximum).map(String.init) + na
            if !criterion.allowsNA {
                self = .wholeNumber(minimum: minimum, maximum: maximum)
            } else if Self.fitsInFormula(values) {
                self = .list(values)
            } else {
                self = .decimalOrNA(minimum: String(minimum), maximum: String(maximum), wholeOnly: true)
            }
        case .points(let maximum):
            let text = maximum.decimalString(maximumPlaces: 2)
            self = criterion.allowsNA ? .decimalOrNA(minimum: "0", maximum: text, wholeOnly: false) : .decimal(maximum: text)
        }
    }

    /// Whether `values` can be spelled out in the validation's formula: no value holds the
    /// separator `,` or a quote, and the list fits in Excel's 255 characters. Other lists are
    /// written on the hidden `lists` sheet and referenced from there.
    static func fitsInFormula(_ values: [String]) -> Bool {
        values.allSatisfy { !$0.contains(",") && !$0.contains("\"") } && values.joined(separator: ",").utf8.count <= maximumListLength
    }

    /// The words of the error box shown for an answer the validation refuses.
    var errorMessage: String {
        switch self {
        case .list(let values): "Choose one of: \(values.joined(separator: ", "))"
        case .wholeNumber(let minimum, let maximum): "A whole number from \(minimum) to \(maximum)"
        case .decimal(let maximum): "A number from 0 to \(maximum), at most two decimals"
        case .decimalOrNA(let minimum, let maximum, let wholeOnly):
            wholeOnly ? "A whole number from \(minimum) to \(maximum), or na" : "A number from \(minimum) to \(maximum), at most two decimals, or na"
        case .none: ""
        }
    }
}
