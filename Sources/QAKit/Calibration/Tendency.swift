/// Which way a reviewer's scores lean against the reference.
public enum Tendency: String, Sendable, Hashable {
    /// Mean deviation above half the tolerance: scores higher than the reference.
    case lenient
    /// Mean deviation below minus half the tolerance: scores lower than the reference.
    case strict
    /// Within half the tolerance either way.
    case aligned
}
