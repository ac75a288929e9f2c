import Dispatch
import QAKit

/// `transform` applied to every element on all cores; results in the elements' order.
func parallelMap<Element: Sendable, Result: Sendable>(_ elements: [Element], _ transform: @Sendable (Element) -> Result) -> [Result] {
    let results = UnsafeMutableBufferPointer<Result?>.allocate(capacity: elements.count)
    results.initialize(repeating: nil)
    defer {
        _ = results.deinitialize()
        results.deallocate()
    }
    let box = UnsafeSendable(results)
    DispatchQueue.concurrentPerform(iterations: elements.count) { index in
        box.value[index] = transform(elements[index])
    }
    return results.map { $0! }
}

/// Hands a buffer whose slots are written by distinct iterations to `concurrentPerform`.
private struct UnsafeSendable<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// `work` run on a thread of its own from the moment this is made, for a command to do beside
/// its main job (`report` reads its tickets while the audits are scored); `wait` returns its
/// result. `work` must only touch what it owns or what nothing else touches until `wait`.
final class BackgroundWork<Value>: @unchecked Sendable {
    private var value: Value?
    private let done = DispatchSemaphore(value: 0)

    init(_ work: @escaping () -> Value) {
        let box = UnsafeSendable(work)
        DispatchQueue.global().async {
            self.value = box.value()
            self.done.signal()
        }
    }

    /// Waits for `work` to end and gives its result.
    func wait() -> Value {
        done.wait()
        return value!
    }
}
