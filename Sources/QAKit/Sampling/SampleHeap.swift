/// The `capacity` interactions with the smallest keys seen so far in one group: a max-heap, so the
/// largest kept key is at the root and a newcomer is compared with it in O(1) and inserted in
/// O(log capacity). Memory is bounded by the capacity, not by the group's size.
struct SampleHeap {
    let capacity: Int
    private(set) var elements: [SampledInteraction] = []
    /// The root's key, kept apart so that the check on every record touches no element.
    private var largestKey: SampleKey?

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Whether an interaction with `key` would be kept; check before building one.
    func admits(_ key: SampleKey) -> Bool {
        elements.count < capacity || largestKey.map { key < $0 } == true
    }

    /// Keeps `element` if it is among the smallest `capacity`, dropping the largest when full.
    mutating func insert(_ element: SampledInteraction) {
        guard admits(element.key) else { return }
        if elements.count < capacity {
            elements.append(element)
            siftUp(from: elements.count - 1)
        } else {
            elements[0] = element
            siftDown(from: 0)
        }
        largestKey = elements[0].key
    }

    private mutating func siftUp(from index: Int) {
        var child = index
        while child > 0 {
            let parent = (child - 1) / 2
            guard elements[parent].key < elements[child].key else { return }
            elements.swapAt(parent, child)
            child = parent
        }
    }

    private mutating func siftDown(from index: Int) {
        var parent = index
        while true {
            var largest = parent
            let left = 2 * parent + 1
            let right = left + 1
            if left < elements.count && elements[largest].key < elements[left].key { largest = left }
            if right < elements.count && elements[largest].key < elements[right].key { largest = right }
            guard largest != parent else { return }
            elements.swapAt(parent, largest)
            parent = largest
        }
    }
}
