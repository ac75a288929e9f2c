/// What a sampling run found: the chosen interactions in output order, and every problem.
public struct SampleOutcome: Sendable {
    /// The sample, sorted by agent, then stratum values, then key (each text compared by its
    /// UTF-8 bytes, that is by Unicode code point), so the order never depends on the input's.
    public var interactions: [SampledInteraction] = []
    /// Groups taken whole because they were smaller than `--per-agent`, in output order.
    public var shortfalls: [SampleShortfall] = []
    /// Records skipped (an empty id or agent, an unreadable record, a bad date under
    /// `--from/--to`), in input order: the sample is still written, and the run exits 1.
    public var rejections: [Diagnostic] = []
    /// Problems that stop the run before anything is written (exit 2): an unreadable input, a
    /// missing column, a duplicate interaction id.
    public var fatalErrors: [Diagnostic] = []
    /// Records read, skipped ones included.
    public var readCount = 0
    /// Records eligible after the checks and the filters (`--where`, `--exclude`, the period).
    public var eligibleCount = 0
}
