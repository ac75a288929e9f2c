/// Counts per bin as adjoining columns: the score distribution.
public struct Histogram: Chart {
    /// One column: its label (`0–10`, `100+`) and how many fall in it.
    public struct Bin: Sendable, Hashable {
        public var label: String
        public var count: Int
        public init(label: String, count: Int) {
            self.label = label
            self.count = count
        }
    }

    public var title: String
    public var xTitle: String
    public var yTitle: String
    public var bins: [Bin]

    public init(title: String, xTitle: String, yTitle: String, bins: [Bin]) {
        self.title = title
        self.xTitle = xTitle
        self.yTitle = yTitle
        self.bins = bins
    }

    /// The count axis: 0 up to the largest count, rounded up to a whole tick step.
    public var yScaleDomain: ClosedRange<Double> {
        let largest = Double(max(1, bins.map(\.count).max() ?? 1))
        let step = LinearScale.niceStep(width: largest, count: 5)
        return 0...((largest / step).rounded(.up) * step)
    }

    public func svg(id: String) -> String {
        let area = PlotArea(width: 720, height: 300)
        var canvas = SVGCanvas(width: area.width, height: area.height)
        let domain = yScaleDomain
        let y = LinearScale(domain: domain, start: area.plotBottom, end: area.plotTop)
        area.drawAxes(on: &canvas, y: y, ticks: y.ticks(step: LinearScale.niceStep(width: domain.upperBound, count: 5)),
                      tickText: ChartNumber.tick, xTitle: xTitle, yTitle: yTitle)
        let x = LinearScale(domain: 0...Double(max(1, bins.count)), start: area.plotLeft, end: area.plotRight)
        let slot = x(1) - x(0)
        for (index, bin) in bins.enumerated() {
            let left = x(Double(index))
            let top = y(Double(bin.count))
            canvas.rect(x: left + 1, y: top, width: slot - 2, height: area.plotBottom - top, class: "bar",
                        title: "\(bin.label): \(ChartNumber.count(bin.count))")
            if bin.count > 0 {
                canvas.text(ChartNumber.count(bin.count), x: left + slot / 2, y: top - 4, anchor: "middle", class: "value")
            }
            canvas.text(bin.label, x: left + slot / 2, y: area.plotBottom + 16, anchor: "middle", class: "tick")
        }
        return canvas.svg(id: id, title: title)
    }

    public var table: DataTable {
        DataTable(caption: title, columns: [DataTable.Column(xTitle), DataTable.Column(yTitle, numeric: true)],
                  rows: bins.map { [$0.label, ChartNumber.count($0.count)] })
    }
}
