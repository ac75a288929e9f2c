/// An exact figure as a JSON number, unrounded.
///
/// A fraction whose denominator has no prime factor but 2 and 5 has a finite decimal expansion,
/// and is written in full (`12.5`, `0.0625`, `42`). Any other (a third, a minute of 20 seconds)
/// has none, and is written as the nearest `Double`, in the shortest form that reads back as
/// that double (`0.3333333333333333`). docs/kpis.md explains why.
public enum RationalJSON {
    /// The number, or `null`.
    public static func number(_ value: Rational?) -> String {
        guard let value else { return "null" }
        guard let places = finiteDecimalPlaces(value.denominator) else { return JSONText.number(value.doubleValue) }
        return value.decimalString(maximumPlaces: places)
    }

    /// The decimals needed to write `1 / denominator` exactly, or `nil` when it has a factor
    /// other than 2 and 5.
    static func finiteDecimalPlaces(_ denominator: Int128) -> Int? {
        var rest = denominator
        var twos = 0
        var fives = 0
        while rest % 2 == 0 {
            rest /= 2
            twos += 1
        }
        while rest % 5 == 0 {
            rest /= 5
            fives += 1
        }
        return rest == 1 ? max(twos, fives) : nil
    }
}
