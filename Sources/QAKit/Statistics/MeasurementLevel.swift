/// How the values of a rating relate to one another, which decides how far apart two values are
/// when agreement is measured.
///
/// The names and distance functions follow Krippendorff, K. (2011), *Computing Krippendorff's
/// Alpha-Reliability*, Annenberg School for Communication Departmental Papers 43, §§ D–E.
/// Scorecards map `yes_no` and `choice` to `nominal`, `scale` to `ordinal` and `points` to
/// `interval`; `ratio` is here for completeness.
public enum MeasurementLevel: String, Sendable, Hashable, CaseIterable {
    /// Categories without order: two values either match (distance 0) or do not (distance 1).
    case nominal
    /// Ranked categories: the distance between two values grows with how many pairable values
    /// lie between them, so rarely used levels count for little.
    case ordinal
    /// Numbers with meaningful differences: the distance is `(c − k)²`.
    case interval
    /// Non-negative numbers with a meaningful zero: the distance is `((c − k) / (c + k))²`.
    case ratio
}
