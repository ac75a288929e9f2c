/// The days a coaching run covers, both ends inclusive (`docs/coaching.md`).
public struct CoachingPeriod: Sendable, Hashable {
    /// `--from`, or the earliest audit date in the run.
    public var from: CalendarDate
    /// `--to`, or the latest audit date in the run; goals fall due counted from here.
    public var to: CalendarDate

    /// A period from `from` to `to`, both inclusive.
    public init(from: CalendarDate, to: CalendarDate) {
        self.from = from
        self.to = to
    }
}
