import Testing
@testable import QAKit

@Suite struct ChartTests {
    @Test func linearScaleMapsTheDomainOntoTheRange() {
        let y = LinearScale(domain: 0...100, start: 250, end: 50)
        #expect(y(0) == 250)
        #expect(y(100) == 50)
        #expect(y(25) == 200)
        #expect(y(150) == -50)
        #expect(LinearScale(domain: 5...5, start: 0, end: 10)(5) == 5)
        #expect(y.ticks(step: 25) == [0, 25, 50, 75, 100])
    }

    @Test(arguments: [(100.0, 5, 20.0), (7.0, 5, 2.0), (0.9, 5, 0.2), (3.6, 5, 1.0)])
    func niceSteps(width: Double, count: Int, step: Double) {
        #expect(LinearScale.niceStep(width: width, count: count) == step)
    }

    @Test func numbersAreFormattedInOnePlace() {
        #expect(ChartNumber.coordinate(12.25) == "12.3")
        #expect(ChartNumber.coordinate(40) == "40")
        #expect(ChartNumber.score(Rational(275, 4)) == "68.8")
        #expect(ChartNumber.scoreChange(Rational(-125, 4)) == "-31.3")
        #expect(ChartNumber.scoreChange(Rational(1, 100)) == "0.0")
        #expect(ChartNumber.percent(Rational(3, 4)) == "75.0%")
        #expect(ChartNumber.percentChange(Rational(-1, 4)) == "-25.0 pp")
        #expect(ChartNumber.statistic(8.0 / 9.0) == "0.889")
        #expect(ChartNumber.score(nil) == "—")
    }

    @Test func histogramHasItsTitleAndItsTable() {
        let chart = Histogram(title: "Scores <all>", xTitle: "Score", yTitle: "Audits",
                              bins: [Histogram.Bin(label: "0–10", count: 2), Histogram.Bin(label: "10–20", count: 0)])
        let svg = chart.svg(id: "h")
        #expect(svg.contains("<title id=\"h-title\">Scores &lt;all&gt;</title>"))
        #expect(svg.contains("aria-labelledby=\"h-title\""))
        #expect(svg.contains(">Score</text>") && svg.contains(">Audits</text>"))
        // Two columns, the first 2 high on an axis that ends at 2; the empty one has no height.
        #expect(svg.contains("<title>0–10: 2</title>") && svg.contains("height=\"0\""))
        #expect(chart.table.rows == [["0–10", "2"], ["10–20", "0"]])
        #expect(chart.table.html.contains("<th scope=\"row\">0–10</th><td class=\"n\">2</td>"))
    }

    @Test func lineChartPlotsThePassMarkAndEveryPoint() {
        let chart = LineChart(title: "Teams", xTitle: "Month", yTitle: "Mean score", categories: ["2026-08", "2026-09"],
                              series: [LineChart.Series(name: "Blue", values: [Rational(100), Rational(50)])],
                              references: [LineChart.Reference(label: "pass mark 70", value: Rational(70))])
        // Domain from 40 (10 below the lowest, 50, rounded down) to 100.
        #expect(chart.yDomain == 40...100)
        let svg = chart.svg(id: "l")
        #expect(svg.contains("<title id=\"l-title\">Teams</title>"))
        #expect(svg.contains("pass mark 70"))
        #expect(svg.contains("<title>Blue, 2026-09: 50.0</title>"))
        #expect(svg.contains("<polyline"))
        #expect(chart.table.rows == [["Blue", "100.0", "50.0"]])
    }

    @Test func heatmapBarScatterAndSparklineCarryTheirFigures() {
        let heatmap = Heatmap(title: "Credit", rowTitle: "Criterion", columnTitle: "Team", rows: ["c1"], columns: ["Blue", "Red"],
                              values: [[Rational(2, 3), nil]])
        #expect(heatmap.table.rows == [["c1", "67%", "—"]])
        #expect(heatmap.svg(id: "m").contains("<title>c1, Blue: 67%</title>"))
        let bars = BarChart(title: "Cost", xTitle: "Points lost per audit", yTitle: "Criterion", bars: [BarChart.Bar(label: "c2", value: Rational(15))])
        #expect(bars.table.rows == [["c2", "15.0"]])
        #expect(bars.svg(id: "b").contains("<title id=\"b-title\">Cost</title>"))
        let scatter = ScatterPlot(title: "QA and CSAT", xTitle: "Mean QA score", yTitle: "CSAT",
                                  points: [ScatterPlot.Point(label: "Ana", x: Rational(175, 2), y: Rational(9, 10))])
        #expect(scatter.table.rows == [["Ana", "87.5", "90.0%"]])
        #expect(scatter.svg(id: "s").contains("<title>Ana: 87.5, 90.0%</title>"))
        let spark = Sparkline(title: "Ana", categories: ["2026-08", "2026-09"], values: [Rational(100), nil])
        #expect(spark.svg(id: "p").contains("<title id=\"p-title\">Ana: 2026-08 100.0, 2026-09 —</title>"))
    }
}
