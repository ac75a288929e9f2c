/// Maps data values linearly onto drawing coordinates: `domain` onto `start…end`.
///
/// `end` may be below `start` (a y axis, whose pixels grow downwards). A domain of zero width
/// maps every value to the middle of the range, so that one data point still has a place.
public struct LinearScale: Sendable, Hashable {
    /// The data values covered.
    public var domain: ClosedRange<Double>
    /// Where `domain.lowerBound` lands.
    public var start: Double
    /// Where `domain.upperBound` lands.
    public var end: Double

    /// A scale from `domain` onto `start…end`.
    public init(domain: ClosedRange<Double>, start: Double, end: Double) {
        self.domain = domain
        self.start = start
        self.end = end
    }

    /// The coordinate of `value`; values outside the domain land outside the range, in proportion.
    public func callAsFunction(_ value: Double) -> Double {
        let width = domain.upperBound - domain.lowerBound
        guard width > 0 else { return (start + end) / 2 }
        return start + (value - domain.lowerBound) / width * (end - start)
    }

    /// Evenly spaced values from the domain's lower bound to its upper bound, `step` apart
    /// (the last one may fall short of the upper bound).
    public func ticks(step: Double) -> [Double] {
        guard step > 0 else { return [domain.lowerBound] }
        var values: [Double] = []
        var index = 0.0
        while domain.lowerBound + index * step <= domain.upperBound + step * 1e-9 {
            values.append(domain.lowerBound + index * step)
            index += 1
        }
        return values
    }

    /// A tick step of 1, 2 or 5 × a power of ten that gives at most `count` intervals over `width`.
    public static func niceStep(width: Double, count: Int) -> Double {
        guard width > 0, count > 0 else { return 1 }
        let rough = width / Double(count)
        var power = 1.0
        while power * 10 <= rough { power *= 10 }
        while power > rough { power /= 10 }
        for factor in [1.0, 2.0, 5.0, 10.0] where power * factor >= rough { return power * factor }
        return power * 10
    }
}
