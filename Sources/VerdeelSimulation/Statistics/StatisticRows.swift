import VerdeelTables

/// One variant's rows of a statistic's table, made when they are read: the rows of each of
/// its accumulators (measure after measure, year after year) in order, each kept the way its
/// accumulator chose. Most statistics give a few rows as cells; the kept draws give millions
/// and keep only their numbers (``TableAccumulator/producedRows()``), in memory or in a file
/// (``DrawSpill``), so that a format makes each row as it writes it.
public struct StatisticRows: Sendable {
    /// Makes the rows of a range (row numbers from 0) in order, handing each to a sink.
    public typealias RangeMaker = @Sendable (Range<Int>, ([Cell]) -> Void) -> Void

    struct Segment: Sendable {
        let count: Int
        let rows: RangeMaker
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
        self.init(count: count) { range, body in
            for index in range { body(row(index)) }
        }
    }

    /// `count` rows made a range at a time by `rows` when they are read (e.g. read from a
    /// file at once).
    public init(count: Int, rows: @escaping RangeMaker) {
        if count > 0 { segments = [Segment(count: count, rows: rows)] }
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
            if !own.isEmpty { segment.rows((own.lowerBound - first)..<(own.upperBound - first), body) }
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
