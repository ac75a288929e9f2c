/// Order statistics without a full sort: the k-th smallest of an array in expected linear time.
enum Selection {
    /// The `rank`-th smallest value (1-based) of `values`, which are reordered so that every
    /// value before index `rank − 1` is no larger than it and every value after no smaller.
    ///
    /// Quickselect with a median-of-three pivot, so sorted and reversed input stay linear; after
    /// a number of rounds that only adversarial input reaches, it sorts the part left instead.
    static func smallest(_ rank: Int, in values: inout [Int64]) -> Int64 {
        precondition(rank >= 1 && rank <= values.count, "rank out of range")
        let target = rank - 1
        var low = 0
        var high = values.count - 1
        var rounds = 0
        while high - low > 16 {
            rounds += 1
            if rounds > 64 {
                values[low...high].sort()
                return values[target]
            }
            let middle = low + (high - low) / 2
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            // Hoare partition: afterwards values[low...j] <= pivot <= values[j+1...high].
            var i = low - 1
            var j = high + 1
            while true {
                repeat { i += 1 } while values[i] < pivot
                repeat { j -= 1 } while values[j] > pivot
                if i >= j { break }
                values.swapAt(i, j)
            }
            if target <= j { high = j } else { low = j + 1 }
        }
        values[low...high].sort()
        return values[target]
    }
}
