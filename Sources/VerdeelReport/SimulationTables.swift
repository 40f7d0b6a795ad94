import VerdeelModel
import VerdeelSimulation
import VerdeelTables

/// The tables of a variants / Monte Carlo run: `variants` (one row per variant: its id and
/// one column per varied parameter), `summary` (per variant, measure, year and region:
/// mean, sd, P5/P50/P95 and the probability of getting less than the baseline), when some
/// variants were infeasible `infeasible` with the reason for each, and each plugged-in
/// statistic's table. Numbers in full precision (shortest exact form), variant ids from 1.
/// The large tables come in chunks of 64 variants.
public struct SimulationTables {
    let result: SimulationResult
    /// The varied parameters' names for people (the variants table's headings).
    let words: ParameterWords

    public init(_ result: SimulationResult, words: ParameterWords = ParameterWords(measureTitles: [:])) {
        self.result = result
        self.words = words
    }

    /// Variants per chunk of the per-variant tables.
    static let chunkVariants = 64

    public static let variant = Column("variant", .ordinal, dutch: "variant", english: "variant", "the variant, from 1 (variants.csv says what it varies)")

    /// Every table, in the order the output folder lists them.
    public func all() -> [ResultTable] {
        [variants(), summary()] + (infeasible().map { [$0] } ?? []) + result.tables.map(Self.table)
    }

    /// A column id per parameter id without dots (`jongerenwerk.weight.need` becomes
    /// `jongerenwerk_weight_need`), made unique by a number should two ids meet.
    static func columnIDs(_ parameters: [String]) -> [String] {
        var taken = Set<String>()
        return parameters.map { parameter in
            let plain = parameter.replacingOccurrences(of: ".", with: "_")
            var id = plain, number = 2
            while !taken.insert(id).inserted {
                id = "\(plain)_\(number)"
                number += 1
            }
            return id
        }
    }

    public func variants() -> ResultTable {
        let plan = result.plan
        let ids = Self.columnIDs(plan.parameters.map(\.description))
        let columns = [Self.variant] + zip(plan.parameters, ids).map { parameter, id in
            Column(
                id, Self.kind(parameter, in: plan), dutch: words.dutch(parameter.description), english: words.english(parameter.description),
                "the value of \(parameter.description) in the variant")
        }
        let rows = result.variants.map { variant in
            [.whole(variant + 1)] + zip(plan.parameters, result.design.values(ofVariant: variant)).map { Self.value($1, of: $0, in: plan) }
        }
        return ResultTable(name: "variants", title: .init(dutch: "Varianten", english: "Variants"), columns: columns, rows: rows)
    }

    public func summary() -> ResultTable {
        let columns = [
            Self.variant, .measure, .year, .region, .regionName,
            Column("mean", .euro, dutch: "gemiddelde", english: "mean", "the region's mean amount over the draws, euros"),
            Column("sd", .euro, dutch: "standaardafwijking", english: "sd", "its standard deviation over the draws (n - 1)"),
            Column("p05", .euro, dutch: "P5", english: "p05", "its 5th percentile over the draws (type 7)"),
            Column("p50", .euro, dutch: "P50", english: "p50", "its median over the draws"),
            Column("p95", .euro, dutch: "P95", english: "p95", "its 95th percentile over the draws"),
            Column("p_below_baseline", .fraction, dutch: "kans lager dan basis", english: "p below baseline", "the share of draws in which it gets less than in the baseline"),
        ]
        let result = self.result
        let slots = result.slots.map { [Cell.text($0.measure), .whole($0.year), .text($0.region), .text($0.regionName)] }
        return ResultTable(name: "summary", title: .init(dutch: "Monte Carlo", english: "Monte Carlo"), columns: columns, chunks: Self.chunks(result.variants)) {
            (chunk: Int, sink: ResultTable.RowSink) in
            var row = [Cell]()
            row.reserveCapacity(columns.count)
            for variant in Self.variants(chunk, of: result.variants) where result.infeasible[variant] == nil {
                let id = Cell.whole(variant + 1)
                for (index, fields) in slots.enumerated() {
                    let s = result.summary(variant: variant, slot: index)
                    row.removeAll(keepingCapacity: true)
                    row.append(id)
                    row.append(contentsOf: fields)
                    row.append(.number(s.mean))
                    row.append(.number(s.standardDeviation))
                    row.append(.number(s.p05))
                    row.append(.number(s.p50))
                    row.append(.number(s.p95))
                    row.append(.number(s.probabilityBelowBaseline))
                    sink(row)
                }
            }
        }
    }

    /// `nil` when every variant could be allocated.
    public func infeasible() -> ResultTable? {
        guard !result.infeasible.isEmpty else { return nil }
        let columns = [Self.variant, Column("reason", .text, dutch: "reden", english: "reason", "why the variant cannot be allocated")]
        let rows = result.infeasible.sorted { $0.key < $1.key }.map { [Cell.whole($0.key + 1), .text($0.value)] }
        return ResultTable(name: "infeasible", title: .init(dutch: "Onuitvoerbaar", english: "Infeasible"), columns: columns, rows: rows)
    }

    /// A plugged-in statistic's table: `variant` and the statistic's declared columns,
    /// variant after variant; infeasible variants have no rows.
    public static func table(_ statistic: StatisticTable) -> ResultTable {
        let pieces = rowChunks(statistic.variantRows.map(\.count))
        return ResultTable(
            name: statistic.header.name, title: statistic.header.title, columns: [variant] + statistic.header.columns, chunks: pieces.count,
            streaming: { chunk, sink in
                for (index, rows) in pieces[chunk] {
                    let number = Cell.whole(statistic.firstVariant + index + 1)
                    statistic.variantRows[index].forEach(in: rows) { sink([number] + $0) }
                }
            }, failure: statistic.failure)
    }

    /// Rows a chunk of a statistic's table holds at most (a variant with more is split), so
    /// that a format holds a bounded number of rows at once however many draws are kept.
    static let chunkRows = 65_536

    /// The chunks of a table whose variants have `counts` rows: each a list of (variant
    /// index, its rows in the chunk), at most ``chunkVariants`` variants and ``chunkRows`` rows.
    static func rowChunks(_ counts: [Int]) -> [[(variant: Int, rows: Range<Int>)]] {
        var chunks = [[(variant: Int, rows: Range<Int>)]](), current = [(variant: Int, rows: Range<Int>)](), held = 0
        func close() {
            if !current.isEmpty { chunks.append(current) }
            (current, held) = ([], 0)
        }
        for (index, count) in counts.enumerated() {
            var start = 0
            repeat {
                let end = min(count, start + chunkRows - held)
                current.append((index, start..<end))
                held += end - start
                start = end
                if held >= chunkRows || current.count >= chunkVariants { close() }
            } while start < count
        }
        close()
        return chunks
    }

    /// A parameter's value: a number, or for a criterion or vintage the definition it takes.
    static func value(_ value: Double, of parameter: VariantParameter, in plan: SimulationPlan) -> Cell {
        switch parameter {
        case .criterion(let name): return plan.alternatives[name].map { .text($0[Int(value)].text) } ?? .number(value)
        case .vintage(let table): return plan.vintages[table].map { .text($0[Int(value)]) } ?? .number(value)
        default: return .number(value)
        }
    }

    /// A weight is a fraction, a base or budget euros, a criterion's definition or a vintage text.
    private static func kind(_ parameter: VariantParameter, in plan: SimulationPlan) -> ColumnKind {
        switch parameter {
        case .weight: .fraction
        case .base, .budget: .euro
        case .criterion(let name): plan.alternatives[name] != nil ? .text : .ordinal
        case .vintage(let table): plan.vintages[table] != nil ? .text : .ordinal
        }
    }

    static func chunks(_ variants: Range<Int>) -> Int {
        (variants.count + chunkVariants - 1) / chunkVariants
    }

    static func variants(_ chunk: Int, of variants: Range<Int>) -> Range<Int> {
        let start = variants.lowerBound + chunk * chunkVariants
        return start..<min(variants.upperBound, start + chunkVariants)
    }
}
