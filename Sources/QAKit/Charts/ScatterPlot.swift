/// Points of two figures per item with Pearson's r and n in the title: QA score against CSAT per agent.
public struct ScatterPlot: Chart {
    /// One item: its name, x (a score, 0…100) and y (a share, 0…1).
    public struct Point: Sendable, Hashable {
        public var label: String
        public var x: Rational
        public var y: Rational
        public init(label: String, x: Rational, y: Rational) {
            self.label = label
            self.x = x
            self.y = y
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var points: [Point]

    public init(title: String, xTitle: String, yTitle: String, points: [Point]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.points = points
    }

    /// The score axis: from 10 below the lowest score, rounded down to a multiple of 10 (not
    /// below 0), to the largest score rounded up to a multiple of 10 (scores cluster; an axis to
    /// 100 would squeeze them).
    public var xDomain: ClosedRange<Double> {
        let scores = points.map(\.x.doubleValue)
        let lowest = max(0, ((scores.min() ?? 0) / 10).rounded(.down) * 10 - 10)
        return lowest...max(lowest + 10, ((scores.max() ?? 100) / 10).rounded(.up) * 10)
    }

    /// The CSAT axis: from 0.1 below the lowest share, rounded down to a tenth (not below 0), to 1.
    public var yDomain: ClosedRange<Double> {
        let lowest = ((points.map(\.y.doubleValue).min() ?? 0) * 10).rounded(.down) / 10 - 0.1
        return max(0, lowest)...1
    }

    public func svg(id: String) -> String {
        let area = PlotArea(width: 720, height: 360)
        var canvas = SVGCanvas(width: area.width, height: area.height)
        let y = LinearScale(domain: yDomain, start: area.plotBottom, end: area.plotTop)
        let x = LinearScale(domain: xDomain, start: area.plotLeft, end: area.plotRight)
        area.drawAxes(on: &canvas, y: y, ticks: y.ticks(step: LinearScale.niceStep(width: yDomain.upperBound - yDomain.lowerBound, count: 5)), tickText: { ChartNumber.tick($0 * 100) + "%" },
                      xTitle: xTitle, yTitle: yTitle)
        for tick in x.ticks(step: LinearScale.niceStep(width: xDomain.upperBound - xDomain.lowerBound, count: 6)) {
            canvas.text(ChartNumber.tick(tick), x: x(tick), y: area.plotBottom + 16, anchor: "middle", class: "tick")
        }
        for point in points {
            canvas.circle(x: x(point.x.doubleValue), y: y(point.y.doubleValue), radius: 3.5, class: "point",
                          title: "\(point.label): \(ChartNumber.score(point.x)), \(ChartNumber.percent(point.y))")
        }
        return canvas.svg(id: id, title: title)
    }

    public var table: DataTable {
        DataTable(caption: title, columns: [DataTable.Column("Agent"), DataTable.Column(xTitle, numeric: true), DataTable.Column(yTitle, numeric: true)],
                  rows: points.map { [$0.label, ChartNumber.score($0.x), ChartNumber.percent($0.y)] })
    }
}
