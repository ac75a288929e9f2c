/// Strings kept as UTF-8 bytes in one buffer for the life of the owner, to hand out as spans.
final class ByteStrings {
    private let text: UnsafeMutableBufferPointer<UInt8>
    private let ranges: [Range<Int>]

    init(_ strings: [String]) {
        let bytes = strings.flatMap(\.utf8)
        text = .allocate(capacity: max(1, bytes.count))
        _ = text.initialize(from: bytes)
        var ranges: [Range<Int>] = []
        var position = 0
        for string in strings {
            ranges.append(position..<position + string.utf8.count)
            position += string.utf8.count
        }
        self.ranges = ranges
    }

    deinit {
        text.deallocate()
    }

    /// String `index`'s bytes, valid as long as this object lives.
    func span(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[ranges[index]])
    }
}
