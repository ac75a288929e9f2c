/// What a calibration run compares against and which audits it reads (`qakit calibrate`).
public struct CalibrationOptions: Sendable, Hashable {
    /// The reviewer whose scores and answers are the reference where they scored an interaction;
    /// `nil` compares every reviewer with the leave-one-out consensus of the others.
    public var benchmark: String?
    /// Points of score by which reviewers may differ and still be aligned; `nil` takes each
    /// scorecard's `calibration.tolerance`.
    public var tolerance: Rational?
    /// Whether only `calibration: true` audits take part.
    public var isCalibrationOnly: Bool

    /// Leave-one-out references, the scorecard's tolerance and every audit, unless told otherwise.
    public init(benchmark: String? = nil, tolerance: Rational? = nil, isCalibrationOnly: Bool = false) {
        self.benchmark = benchmark
        self.tolerance = tolerance
        self.isCalibrationOnly = isCalibrationOnly
    }
}
