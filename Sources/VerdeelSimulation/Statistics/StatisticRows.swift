import VerdeelTables

/// One variant's rows of a statistic's table, made when they are read: the rows of each of
/// its accumulators (measure after measure, year after year) in order, each kept the way its
/// accumulator chose. Most statistics give a few rows as cells; the kept draws give millions
/// and keep only their numbers (``TableAccumulator/producedRows()``), so that a run holds
/// them compactly and a format makes each row as it writes it.
public struct StatisticRows: Sendable {
    struct Segment: Sendable {
        let count: Int
        let row: @Sendable (Int) -> [Cell]
    }

    private var segments: [Segment] = []
    /// How many rows the variant has.
    public private(set) var count = 0

    public init() {}

    /// Rows made already.
    public init(_ rows: [[Cell]]) {
        self.init(count: rows.count) { rows[$0] }
    }

    /// `count` rows, row `i` made by `row(i)` when it is read.
    public init(count: Int, row: @escaping @Sendable (Int) -> [Cell]) {
        if count > 0 { segments = [Segment(count: count, row: row)] }
        self.count = count
    }

    /// These rows, then `other`'s.
    mutating func append(_ other: StatisticRows) {
        segments += other.segments
        count += other.count
    }

    /// Every row, in order, each made as it is given to `body`.
    public func forEach(_ body: ([Cell]) -> Void) {
        forEach(in: 0..<count, body)
    }

    /// The rows of `range` (row numbers from 0), in order, each made as it is given to `body`.
    public func forEach(in range: Range<Int>, _ body: ([Cell]) -> Void) {
        var first = 0
        for segment in segments {
            let own = range.clamped(to: first..<(first + segment.count))
            for index in own { body(segment.row(index - first)) }
            first += segment.count
        }
    }

    /// Every row, made.
    public var all: [[Cell]] {
        var rows = [[Cell]]()
        rows.reserveCapacity(count)
        forEach { rows.append($0) }
        return rows
    }
}
