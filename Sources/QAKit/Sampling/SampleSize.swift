/// How many interactions `qakit sample` takes from each group (an agent, or an agent and stratum).
public enum SampleSize: Sendable, Hashable {
    /// `--per-agent N`: N of each group (N ≥ 1); a smaller group is taken whole, with a warning.
    case perGroup(Int)
    /// `--rate R`: ⌈R·n⌉ of a group of n. Needs the group sizes first, so the inputs are read twice.
    case rate(SampleRate)
}
