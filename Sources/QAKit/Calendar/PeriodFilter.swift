/// The `--from`/`--to` bounds the user gave; either may be open.
public struct PeriodFilter: Sendable, Hashable {
    /// `--from`: the first day taken; `nil` for no lower bound.
    public var from: CalendarDate?
    /// `--to`: the last day taken; `nil` for no upper bound.
    public var to: CalendarDate?

    /// Bounds; either may be open.
    public init(from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.from = from
        self.to = to
    }

    /// Whether an audit dated `date` falls inside the bounds.
    public func contains(_ date: CalendarDate) -> Bool {
        if let from, date < from { return false }
        if let to, to < date { return false }
        return true
    }
}
