/// The "did you mean" helper: the known name closest to a misspelt one.
public enum NearestName {
    /// The candidate with the smallest edit distance to `name`, if that distance is small
    /// enough to be a likely typo (at most a third of the name's length, and at least 1).
    public static func find<S: Sequence>(_ name: String, among candidates: S) -> String? where S.Element == String {
        let limit = max(1, name.count / 3)
        guard name.count <= 64 else { return nil }
        var best: (name: String, distance: Int)?
        for candidate in candidates.sorted() where abs(candidate.count - name.count) <= limit {
            let distance = editDistance(name.lowercased(), candidate.lowercased())
            if distance <= limit, distance < (best?.distance ?? Int.max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The optimal string alignment distance: insertions, deletions and substitutions of
    /// one character, and swaps of two neighbouring characters (`rnu` is 1 from `run`).
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let x = Array(a), y = Array(b)
        if x.isEmpty { return y.count }
        var beforePrevious = [Int](repeating: 0, count: y.count + 1)
        var previous = Array(0...y.count)
        for i in 1...x.count {
            var current = [i] + Array(repeating: 0, count: y.count)
            for j in stride(from: 1, through: y.count, by: 1) {
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1))
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] {
                    current[j] = Swift.min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous) = (previous, current)
        }
        return previous[y.count]
    }
}
