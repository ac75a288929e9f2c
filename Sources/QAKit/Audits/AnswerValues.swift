extension Answer {
    /// The answer's normalised values, as conditions on answers compare them and `--by` groups by
    /// them (docs/scorecards.md, "Conditions on answers"): `yes`/`no`/`na`, the scale's integer,
    /// the option value, every selected value of a `multi_select` in option order, a number in
    /// its shortest decimal form (`7.5`), a date as `YYYY-MM-DD`, a text as written.
    public func values(for kind: Criterion.Kind) -> [String] {
        switch self {
        case .yes: return ["yes"]
        case .no: return ["no"]
        case .notApplicable: return ["na"]
        case .scale(let value): return [String(value)]
        case .choice(let index):
            guard let options = kind.options, options.indices.contains(index) else { return [] }
            return [options[index].value]
        case .points(let value): return [value.decimalString(maximumPlaces: 2)]
        case .number(let value): return [value.decimalString(maximumPlaces: Criterion.numberPlaces)]
        case .date(let date): return [date.description]
        case .text(let text): return [text]
        case .options(let indices):
            guard let options = kind.options else { return [] }
            return indices.filter(options.indices.contains).map { options[$0].value }
        }
    }
}
