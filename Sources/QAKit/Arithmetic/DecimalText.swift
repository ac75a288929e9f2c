/// Floating-point statistics written for people: a fixed number of decimals, rounded half away
/// from zero like scores, and never `-0.00`.
///
/// Only reports use this; the figures themselves stay unrounded (JSON prints them in full).
public enum DecimalText {
    /// `value` with exactly `places` decimals: `0.743`, `-4.50`, `12.00`; `n/a` when `nil` or not finite.
    public static func fixed(_ value: Double?, places: Int) -> String {
        guard let value, value.isFinite else { return "n/a" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        guard abs(scaled) < 9.0e15 else { return "\(value)" }
        let magnitude = Int64(abs(scaled))
        let sign = scaled < 0 && magnitude != 0 ? "-" : ""
        let whole = magnitude / Int64(scale)
        guard places > 0 else { return "\(sign)\(whole)" }
        let fraction = String(magnitude % Int64(scale))
        return "\(sign)\(whole).\(String(repeating: "0", count: places - fraction.count))\(fraction)"
    }

    /// Like `fixed`, without trailing zeros: `7.5`, `10`, `0.25`.
    public static func trimmed(_ value: Double?, places: Int) -> String {
        var text = fixed(value, places: places)
        guard text.contains("."), text != "n/a" else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// A share in 0…1 as a percentage with `places` decimals: `62.5%`; `n/a` when `nil`.
    public static func percent(_ share: Double?, places: Int = 1) -> String {
        guard let share else { return "n/a" }
        return fixed(share * 100, places: places) + "%"
    }

    /// A signed figure: `+5.00`, `-3.25`, `0.00`.
    public static func signed(_ value: Double?, places: Int) -> String {
        let text = fixed(value, places: places)
        guard text != "n/a", !text.hasPrefix("-"), text != fixed(0, places: places) else { return text }
        return "+" + text
    }
}
