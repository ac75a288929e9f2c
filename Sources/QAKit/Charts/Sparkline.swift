/// A word-sized line of one item's values over the periods, for a table cell. Its `<title>` reads
/// out every value, so the picture needs no table of its own beyond the row it sits in.
public struct Sparkline: Chart {
    public var title: String
    public var categories: [String]
    /// Aligned with `categories`; `nil` for a period without a value.
    public var values: [Rational?]
    /// The value axis; scores share 0…100 so that lines compare across rows.
    public var domain: ClosedRange<Double>

    public init(title: String, categories: [String], values: [Rational?], domain: ClosedRange<Double> = 0...100) {
        self.title = title
        self.categories = categories
        self.values = values
        self.domain = domain
    }

    static let width = 96.0
    static let height = 22.0

    public func svg(id: String) -> String {
        var canvas = SVGCanvas(width: Self.width, height: Self.height)
        let x = LinearScale(domain: 0...Double(max(1, categories.count - 1)), start: 3, end: Self.width - 3)
        let y = LinearScale(domain: domain, start: Self.height - 3, end: 3)
        let points = values.enumerated().compactMap { index, value in value.map { (x: x(Double(index)), y: y($0.doubleValue)) } }
        if points.count > 1 { canvas.polyline(points, class: "spark") }
        if let last = points.last { canvas.circle(x: last.x, y: last.y, radius: 2, class: "spark-end") }
        let spoken = zip(categories, values).map { "\($0) \(ChartNumber.score($1))" }.joined(separator: ", ")
        return canvas.svg(id: id, title: title + ": " + spoken, class: "sparkline")
    }

    public var table: DataTable {
        DataTable(caption: title, columns: categories.map { DataTable.Column($0, numeric: true) }, rows: [values.map(ChartNumber.score)])
    }
}
