/// One reviewer's scoring of one interaction, validated against its scorecard.
public struct Audit: Sendable {
    /// Unique across all inputs of a run.
    public var id: String
    /// The ticket, call or chat reviewed; calibration audits share it.
    public var interactionID: String
    public var agent: String
    public var reviewer: String
    public var date: CalendarDate
    /// Index of the audit's scorecard in the run's scorecard list.
    public var scorecardIndex: Int
    /// Calibration audits are kept out of agent scores and coaching.
    public var isCalibration: Bool
    /// Every other field (`team`, `channel`, …), usable by `when`, `applies_to` and `--by`.
    public var fields: [String: String] {
        get { metadata.dictionary }
        set { metadata = AuditFields(newValue) }
    }
    /// `fields` as stored: names shared by every record of a layout, one value per name.
    var metadata: AuditFields
    /// One entry per criterion, in scorecard order (`Scorecard.criteria`); `nil` when unanswered.
    public var answers: [Answer?]
    /// Reviewer comments per criterion, in scorecard order; `nil` when none.
    public var comments: [String?]
    /// The reviewer's overall comment.
    public var comment: String?
    /// Where the record starts: file as given and 1-based line.
    public var file: String
    public var line: Int

    public init(
        id: String, interactionID: String, agent: String, reviewer: String, date: CalendarDate,
        scorecardIndex: Int = 0, isCalibration: Bool = false, fields: [String: String] = [:],
        answers: [Answer?], comments: [String?]? = nil, comment: String? = nil, file: String = "<memory>", line: Int = 1
    ) {
        self.init(id: id, interactionID: interactionID, agent: agent, reviewer: reviewer, date: date, scorecardIndex: scorecardIndex,
                  isCalibration: isCalibration, metadata: AuditFields(fields), answers: answers, comments: comments, comment: comment,
                  file: file, line: line)
    }

    init(
        id: String, interactionID: String, agent: String, reviewer: String, date: CalendarDate,
        scorecardIndex: Int, isCalibration: Bool, metadata: AuditFields,
        answers: [Answer?], comments: [String?]?, comment: String?, file: String, line: Int
    ) {
        self.id = id
        self.interactionID = interactionID
        self.agent = agent
        self.reviewer = reviewer
        self.date = date
        self.scorecardIndex = scorecardIndex
        self.isCalibration = isCalibration
        self.metadata = metadata
        self.answers = answers
        self.comments = comments ?? Array(repeating: nil, count: answers.count)
        self.comment = comment
        self.file = file
        self.line = line
    }

    /// The value of a field by name, including the standard ones, for `when`, `applies_to` and `--by`.
    public func value(of field: String) -> String? {
        switch field {
        case "audit_id": id
        case "interaction_id": interactionID
        case "agent": agent
        case "reviewer": reviewer
        case "date": date.description
        case "month": date.monthKey
        default: metadata.value(named: field)
        }
    }
}

/// The metadata fields of one audit: names (shared by every record of a file) and, per name,
/// the value or `nil` when the cell was empty. With the few metadata columns of an audit file, a
/// look-up scans the names; this saves a dictionary per record.
struct AuditFields: Sendable {
    let names: [String]
    var values: [String?]

    init(names: [String], values: [String?]) {
        self.names = names
        self.values = values
    }

    init(_ dictionary: [String: String]) {
        names = Array(dictionary.keys)
        values = names.map { dictionary[$0] }
    }

    /// The first non-empty value under `name`.
    func value(named name: String) -> String? {
        for index in names.indices where names[index] == name {
            if let value = values[index] { return value }
        }
        return nil
    }

    var dictionary: [String: String] {
        var result: [String: String] = [:]
        for index in names.indices {
            if let value = values[index], result[names[index]] == nil { result[names[index]] = value }
        }
        return result
    }
}

/// A normalised answer to one criterion.
public enum Answer: Sendable, Hashable {
    case yes, no, notApplicable
    case scale(Int)
    /// The index of the chosen option.
    case choice(Int)
    /// Exact points, at most two decimals.
    case points(Rational)
    /// An exact decimal (`number` criteria and fields).
    case number(Rational)
    case date(CalendarDate)
    /// Free text, trimmed.
    case text(String)
    /// The chosen options of a `multi_select`, as indices in option order (`select` uses `choice`).
    case options([Int])
}
