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

    /// Sorts sixteen lanes of sixteen values each in place, descending, with Batcher's
    /// network written out so that all values stay in registers (the loop over
    /// ``comparators(count:)`` goes through memory). Fewer regions pad with -infinity.
    static func sortSixteen(_ v: MutableBufferHandle<SIMD16<Float>>) {
        @inline(__always) func order(_ a: inout SIMD16<Float>, _ b: inout SIMD16<Float>) {
            let larger = a.replacing(with: b, where: a .< b)
            b = b.replacing(with: a, where: a .< b)
            a = larger
        }
        var (s0, s1, s2, s3, s4, s5, s6, s7) = (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7])
        var (s8, s9, s10, s11, s12, s13, s14, s15) = (v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15])
        order(&s0, &s1); order(&s2, &s3); order(&s4, &s5); order(&s6, &s7)
        order(&s8, &s9); order(&s10, &s11); order(&s12, &s13); order(&s14, &s15)
        order(&s0, &s2); order(&s1, &s3); order(&s4, &s6); order(&s5, &s7)
        order(&s8, &s10); order(&s9, &s11); order(&s12, &s14); order(&s13, &s15)
        order(&s1, &s2); order(&s5, &s6); order(&s9, &s10); order(&s13, &s14)
        order(&s0, &s4); order(&s1, &s5); order(&s2, &s6); order(&s3, &s7)
        order(&s8, &s12); order(&s9, &s13); order(&s10, &s14); order(&s11, &s15)
        order(&s2, &s4); order(&s3, &s5); order(&s10, &s12); order(&s11, &s13)
        order(&s1, &s2); order(&s3, &s4); order(&s5, &s6); order(&s9, &s10)
        order(&s11, &s12); order(&s13, &s14); order(&s0, &s8); order(&s1, &s9)
        order(&s2, &s10); order(&s3, &s11); order(&s4, &s12); order(&s5, &s13)
        order(&s6, &s14); order(&s7, &s15); order(&s4, &s8); order(&s5, &s9)
        order(&s6, &s10); order(&s7, &s11); order(&s2, &s4); order(&s3, &s5)
        order(&s6, &s8); order(&s7, &s9); order(&s10, &s12); order(&s11, &s13)
        order(&s1, &s2); order(&s3, &s4); order(&s5, &s6); order(&s7, &s8)
        order(&s9, &s10); order(&s11, &s12); order(&s13, &s14)
        (v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]) = (s0, s1, s2, s3, s4, s5, s6, s7)
        (v[8], v[9], v[10], v[11], v[12], v[13], v[14], v[15]) = (s8, s9, s10, s11, s12, s13, s14, s15)
    }
}
