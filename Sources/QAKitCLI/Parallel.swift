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
