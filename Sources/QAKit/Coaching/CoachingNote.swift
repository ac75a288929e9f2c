/// A coaching note on one focus area: what the rubric asks, how the agent does against the team,
/// the evidence, the rubric's tip and resources, and what the top level looks like.
public struct CoachingNote: Sendable {
    /// The focus area's criterion.
    public var criterion: Criterion
    /// The rubric's `guidance`.
    public var guidance: String?
    /// How the agent does against the team, with the counts behind each figure.
    public var performance: String
    /// What it cost: points per audit, and critical failures when there were any.
    public var cost: String
    /// `levels[max]` of a scale, or the best option's label of a choice.
    public var topLevel: String?
    /// The rubric's `coaching.tip`.
    public var tip: String?
    /// The rubric's `coaching.resources`.
    public var resources: [String]
    /// The most recent audits that lost points on it, newest first, at most five.
    public var evidence: [Evidence]
    /// The answer of each piece of evidence as a reader understands it (`no`, `2 of 5`, a label).
    public var evidenceAnswers: [String]

    /// The note as plain paragraphs, as JSON's `text` carries it.
    public var text: String {
        var paragraphs: [String] = []
        if let guidance { paragraphs.append("What the rubric asks: \(guidance)") }
        paragraphs.append(performance + " " + cost)
        if let topLevel { paragraphs.append("What the top level looks like: \(topLevel)") }
        if let tip { paragraphs.append("Tip: \(tip)") }
        if !resources.isEmpty { paragraphs.append("Resources: \(resources.joined(separator: "; ")).") }
        return paragraphs.joined(separator: "\n\n")
    }
}
