/// Horizontal bars, one per labelled value, longest first as given: the criteria that cost the most.
public struct BarChart: Chart {
    /// One bar.
    public struct Bar: Sendable, Hashable {
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
    public var bars: [Bar]

    public init(title: String, xTitle: String, yTitle: String, bars: [Bar]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.bars = bars
    }

    static let rowHeight = 26.0
    static let labelWidth = 250.0

    /// The value axis: 0 up to the largest value, rounded up to a whole tick step.
    public var xDomain: ClosedRange<Double> {
        let largest = max(0.1, bars.map(\.value.doubleValue).max() ?? 1)
        let step = LinearScale.niceStep(width: largest, count: 5)
        return 0...((largest / step).rounded(.up) * step)
    }

    public func svg(id: String) -> String {
        let plotLeft = Self.labelWidth
        let plotRight = 690.0
        let top = 26.0
        let plotBottom = top + Double(bars.count) * Self.rowHeight
        var canvas = SVGCanvas(width: 720, height: plotBottom + 52)
        let domain = xDomain
        let x = LinearScale(domain: domain, start: plotLeft, end: plotRight)
        for tick in x.ticks(step: LinearScale.niceStep(width: domain.upperBound, count: 5)) {
            canvas.line(x(tick), top, x(tick), plotBottom, class: "grid")
            canvas.text(ChartNumber.tick(tick), x: x(tick), y: plotBottom + 16, anchor: "middle", class: "tick")
        }
        for (index, bar) in bars.enumerated() {
            let rowTop = top + Double(index) * Self.rowHeight
            let end = x(bar.value.doubleValue)
            canvas.text(Self.shortened(bar.label), x: plotLeft - 8, y: rowTop + 17, anchor: "end", class: "tick")
            canvas.rect(x: plotLeft, y: rowTop + 5, width: end - plotLeft, height: Self.rowHeight - 10, class: "bar",
                        title: "\(bar.label): \(ChartNumber.score(bar.value))")
            canvas.text(ChartNumber.score(bar.value), x: end + 4, y: rowTop + 17, class: "value")
        }
        canvas.line(plotLeft, top, plotLeft, plotBottom, class: "axis")
        canvas.line(plotLeft, plotBottom, plotRight, plotBottom, class: "axis")
        canvas.text(xTitle, x: (plotLeft + plotRight) / 2, y: plotBottom + 40, anchor: "middle", class: "axis-title")
        canvas.text(yTitle, x: plotLeft - 8, y: 14, anchor: "end", class: "axis-title")
        return canvas.svg(id: id, title: title)
    }

    /// A label that fits the label column (about 40 characters), with an ellipsis when cut.
    static func shortened(_ label: String) -> String {
        label.count <= 40 ? label : String(label.prefix(39)) + "…"
    }

    public var table: DataTable {
        DataTable(caption: title, columns: [DataTable.Column(yTitle), DataTable.Column(xTitle, numeric: true)],
                  rows: bars.map { [$0.label, ChartNumber.score($0.value)] })
    }
}
