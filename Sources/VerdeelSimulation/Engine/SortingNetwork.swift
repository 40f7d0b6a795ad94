/// Batcher's odd-even merge sorting network for `count` values, as the comparator pairs
/// (lower, higher) to apply in order. Built for the next power of two and pruned: padding
/// slots above `count` hold -infinity, which no comparator (max to the lower slot) ever
/// moves, so comparators that touch them do nothing and are left out.
enum SortingNetwork {
    static func comparators(count: Int) -> [(Int, Int)] {
        var size = 1
        while size < count { size *= 2 }
        var result = [(Int, Int)]()
        var p = 1
        while p < size {
            var k = p
            while k >= 1 {
                var j = k % p
                while j + k < size {
                    for i in 0..<Swift.min(k, size - j - k) where (i + j) / (2 * p) == (i + j + k) / (2 * p) {
                        if i + j + k < count { result.append((i + j, i + j + k)) }
                    }
                    j += 2 * k
                }
                k /= 2
            }
            p *= 2
        }
        return result
    }
}
