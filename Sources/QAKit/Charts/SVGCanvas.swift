/// Builds one SVG picture: every coordinate written by `ChartNumber.coordinate`, every text escaped.
///
/// The picture is a `role="img"` element named by its `<title>` (and described by its `<desc>`),
/// so that a screen reader announces it and then reads the data table beside it.
public struct SVGCanvas: Sendable {
    public let width: Double
    public let height: Double
    private var body = ""

    /// An empty picture of `width` × `height` user units.
    public init(width: Double, height: Double) {
        self.width = width
        self.height = height
    }

    public mutating func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, class name: String) {
        body += "<line x1=\"\(c(x1))\" y1=\"\(c(y1))\" x2=\"\(c(x2))\" y2=\"\(c(y2))\" class=\"\(name)\"/>\n"
    }

    /// A rectangle; `title` becomes a tooltip and is read out with the shape.
    public mutating func rect(x: Double, y: Double, width: Double, height: Double, class name: String, fill: String? = nil, title: String? = nil) {
        let style = fill.map { " fill=\"\($0)\"" } ?? ""
        body += "<rect x=\"\(c(x))\" y=\"\(c(y))\" width=\"\(c(max(0, width)))\" height=\"\(c(max(0, height)))\" class=\"\(name)\"\(style)"
        body += title.map { "><title>\(HTMLText.escape($0))</title></rect>\n" } ?? "/>\n"
    }

    public mutating func circle(x: Double, y: Double, radius: Double, class name: String, title: String? = nil) {
        body += "<circle cx=\"\(c(x))\" cy=\"\(c(y))\" r=\"\(c(radius))\" class=\"\(name)\""
        body += title.map { "><title>\(HTMLText.escape($0))</title></circle>\n" } ?? "/>\n"
    }

    /// An open line through `points`.
    public mutating func polyline(_ points: [(x: Double, y: Double)], class name: String) {
        let list = points.map { "\(c($0.x)),\(c($0.y))" }.joined(separator: " ")
        body += "<polyline points=\"\(list)\" class=\"\(name)\"/>\n"
    }

    /// Text anchored at `start`, `middle` or `end`; `rotated` turns it a quarter anticlockwise about (x, y).
    public mutating func text(_ content: String, x: Double, y: Double, anchor: String = "start", class name: String = "label", rotated: Bool = false) {
        let rotation = rotated ? " transform=\"rotate(-90 \(c(x)) \(c(y)))\"" : ""
        body += "<text x=\"\(c(x))\" y=\"\(c(y))\" text-anchor=\"\(anchor)\" class=\"\(name)\"\(rotation)>\(HTMLText.escape(content))</text>\n"
    }

    /// The finished `<svg>` element, named `title` (its `<title>` carries `id`).
    public func svg(id: String, title: String, description: String? = nil, class name: String = "chart") -> String {
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"\(name)\" viewBox=\"0 0 \(c(width)) \(c(height))\" "
        out += "width=\"\(c(width))\" height=\"\(c(height))\" role=\"img\" aria-labelledby=\"\(id)-title\""
        out += description == nil ? ">\n" : " aria-describedby=\"\(id)-desc\">\n"
        out += "<title id=\"\(id)-title\">\(HTMLText.escape(title))</title>\n"
        if let description { out += "<desc id=\"\(id)-desc\">\(HTMLText.escape(description))</desc>\n" }
        return out + body + "</svg>"
    }

    private func c(_ value: Double) -> String { ChartNumber.coordinate(value) }
}

/// A chart the report draws: a picture with a title, and the table of the figures it shows.
public protocol Chart: Sendable {
    /// The `<title>` of the picture and the heading of its table.
    var title: String { get }
    /// The picture; `id` must be unique in the document (it names the `<title>`).
    func svg(id: String) -> String
    /// The figures the picture shows, formatted as in the picture.
    var table: DataTable { get }
}

/// Where the plotting area sits inside a chart, and how its axes are drawn.
struct PlotArea {
    var left = 56.0
    var top = 28.0
    var right = 16.0
    var bottom = 48.0
    var width: Double
    var height: Double

    var plotLeft: Double { left }
    var plotRight: Double { width - right }
    var plotTop: Double { top }
    var plotBottom: Double { height - bottom }

    /// The y axis with gridlines at `ticks`, and both axis titles.
    func drawAxes(on canvas: inout SVGCanvas, y scale: LinearScale, ticks: [Double], tickText: (Double) -> String,
                  xTitle: String, yTitle: String) {
        for tick in ticks {
            let y = scale(tick)
            canvas.line(plotLeft, y, plotRight, y, class: "grid")
            canvas.text(tickText(tick), x: plotLeft - 6, y: y + 4, anchor: "end", class: "tick")
        }
        canvas.line(plotLeft, plotBottom, plotRight, plotBottom, class: "axis")
        canvas.line(plotLeft, plotTop, plotLeft, plotBottom, class: "axis")
        canvas.text(xTitle, x: (plotLeft + plotRight) / 2, y: height - 8, anchor: "middle", class: "axis-title")
        canvas.text(yTitle, x: 14, y: (plotTop + plotBottom) / 2, anchor: "middle", class: "axis-title", rotated: true)
    }
}

/// The colours of series, in order (distinguishable for common colour-vision deficiencies).
enum ChartPalette {
    static let series = ["#3d6fd1", "#d9822b", "#2e9e6a", "#b3261e", "#7b57c2", "#8a6d00", "#0f8b9e", "#c2477f"]

    static func color(_ index: Int) -> String { series[index % series.count] }

    /// A heatmap fill for a share in 0…1: light red through light yellow to green.
    static func heat(_ share: Double) -> String {
        let t = min(1, max(0, share))
        let (r, g, b): (Double, Double, Double) = t < 0.5
            ? (230, 120 + 230 * t, 110 + 60 * t)
            : (230 - 330 * (t - 0.5), 235 - 40 * (t - 0.5), 140 - 40 * (t - 0.5))
        func hex(_ value: Double) -> String {
            let byte = Int(min(255, max(0, value.rounded())))
            let digits = Array("0123456789abcdef")
            return String([digits[byte / 16], digits[byte % 16]])
        }
        return "#" + hex(r) + hex(g) + hex(b)
    }
}
