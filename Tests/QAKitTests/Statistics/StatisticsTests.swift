import Testing

/// Groups the statistics suites, so that `swift test --filter Statistics` runs exactly them.
@Suite("Statistics")
enum StatisticsTests {}
