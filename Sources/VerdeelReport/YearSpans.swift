/// Years in runs of consecutive years, and a run's label, as the terminal tables write them.
enum YearSpans {
    /// The years, sorted, in runs of consecutive years whose neighbours are `same`.
    static func runs(_ years: [Int], same: (Int, Int) -> Bool = { _, _ in true }) -> [[Int]] {
        var spans = [[Int]]()
        for year in years.sorted() {
            if let last = spans.last?.last, last + 1 == year, same(last, year) { spans[spans.count - 1].append(year) } else { spans.append([year]) }
        }
        return spans
    }

    /// `2026`, or `2028-2032` for a run.
    static func label(_ span: [Int]) -> String {
        guard let first = span.first, let last = span.last else { return "" }
        return first == last ? "\(first)" : "\(first)-\(last)"
    }
}
