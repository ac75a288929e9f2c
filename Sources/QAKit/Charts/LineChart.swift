/// Lines over categories on x (periods, in order), values on y; reference lines such as the pass mark.
public struct LineChart: Chart {
    /// One line; `values` align with `categories`, `nil` where the series has no value (a gap).
    public struct Series: Sendable, Hashable {
        public var name: String
        public var values: [Rational?]
        public init(name: String, values: [Rational?]) {
            self.name = name
            self.values = values
        }
    }

    /// A horizontal line across the plot, such as `pass mark 80`.
    public struct Reference: Sendable, Hashable {
        public var label: String
        public var value: Rational
        public init(label: String, value: Rational) {
            self.label = label
            self.value = value
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var categories: [String]
    public var series: [Series]
    public var references: [Reference]
    /// The y domain: from 10 below the lowest value or reference, rounded down to a multiple of
    /// 10 (not below 0), to 100, widened to take larger values. Means sit in a narrow band, which
    /// an axis from 0 would flatten.
    public var yDomain: ClosedRange<Double> {
        let all = series.flatMap { $0.values.compactMap { $0?.doubleValue } } + references.map(\.value.doubleValue)
        let lowest = max(0, ((all.min() ?? 0) / 10).rounded(.down) * 10 - 10)
        return lowest...max(100, ((all.max() ?? 100) / 10).rounded(.up) * 10)
    }

    public init(title: String, xTitle: String, yTitle: String, categories: [String], series: [Series], references: [Reference] = []) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.categories = categories
        self.series = series
        self.references = references
    }

    static let width = 720.0
    static let legendRow = 18.0

    /// The x coordinate of the category at `index`: categories evenly spaced, centred in their slots.
    func xScale(_ area: PlotArea) -> LinearScale {
        LinearScale(domain: -0.5...(Double(max(1, categories.count)) - 0.5), start: area.plotLeft, end: area.plotRight)
    }

    public func svg(id: String) -> String {
        let legendRows = (series.count + 3) / 4
        var area = PlotArea(width: Self.width, height: 300 + Double(legendRows) * Self.legendRow)
        area.bottom = 48 + Double(legendRows) * Self.legendRow
        var canvas = SVGCanvas(width: area.width, height: area.height)
        let y = LinearScale(domain: yDomain, start: area.plotBottom, end: area.plotTop)
        let x = xScale(area)
        area.drawAxes(on: &canvas, y: y, ticks: y.ticks(step: LinearScale.niceStep(width: yDomain.upperBound - yDomain.lowerBound, count: 6)), tickText: ChartNumber.tick, xTitle: xTitle, yTitle: yTitle)
        let labelEvery = max(1, (categories.count + 11) / 12)
        for (index, category) in categories.enumerated() where index % labelEvery == 0 {
            canvas.text(category, x: x(Double(index)), y: area.plotBottom + 16, anchor: "middle", class: "tick")
        }
        // Labels alternate above and below their lines, so that two close pass marks stay readable.
        for (index, reference) in references.enumerated() {
            let position = y(reference.value.doubleValue)
            canvas.line(area.plotLeft, position, area.plotRight, position, class: "reference")
            canvas.text(reference.label, x: area.plotRight - 4, y: index % 2 == 0 ? position + 13 : position - 5, anchor: "end", class: "reference-label")
        }
        for (number, line) in series.enumerated() {
            let color = ChartPalette.color(number)
            var run: [(x: Double, y: Double)] = []
            func flush() {
                if run.count > 1 { canvas.polyline(run, class: "series s\(number % ChartPalette.series.count)") }
                run = []
            }
            for (index, value) in line.values.enumerated() {
                guard let value else { flush(); continue }
                let point = (x: x(Double(index)), y: y(value.doubleValue))
                run.append(point)
                canvas.circle(x: point.x, y: point.y, radius: 3, class: "dot s\(number % ChartPalette.series.count)",
                              title: "\(line.name), \(categories[index]): \(ChartNumber.score(value))")
            }
            flush()
            let legendX = area.plotLeft + Double(number % 4) * 165
            let legendY = area.plotBottom + 36 + Double(number / 4) * Self.legendRow
            canvas.rect(x: legendX, y: legendY - 9, width: 12, height: 10, class: "swatch", fill: color)
            canvas.text(line.name, x: legendX + 17, y: legendY, class: "legend")
        }
        return canvas.svg(id: id, title: title)
    }

    public var table: DataTable {
        DataTable(caption: title, columns: [DataTable.Column("Series")] + categories.map { DataTable.Column($0, numeric: true) },
                  rows: series.map { [$0.name] + $0.values.map(ChartNumber.score) })
    }
}
