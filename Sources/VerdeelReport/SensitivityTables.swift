import VerdeelAnalysis
import VerdeelCore
import VerdeelTables

/// The sensitivity tables, each with the outputs' columns in front
/// (`measure,year,output_kind,region,region_name,metric` for a scenario's analysis: a
/// region's amount in whole euros or exact, or a fairness metric; the output alone for
/// SALib's files): `sobol` (`factor,s1,s1_conf,st,st_conf`), `s2` (`factor_1,factor_2,s2,s2_conf`, one row
/// per pair), `morris` (`factor,mu,mu_star,sigma,mu_star_conf`), `elasticities` and
/// `not_above_dummy`. A factor is a group's name when the problem has groups. Numbers as
/// Swift writes a double (`0.25`, `1.0`); an undefined value (sigma of a group) is empty.
public enum SensitivityTables {
    /// The columns that say which output a row is about, and each output's cells.
    public struct Outputs: Sendable {
        let columns: [Column]
        let cells: [[Cell]]

        /// A scenario's outputs: `measure,year,output_kind,region,region_name,metric`.
        public init(_ result: ScenarioSensitivity, regionNames: [String: String]) {
            columns = [.measure, .year, SensitivityTables.outputKind, .region, .regionName, SensitivityTables.metric]
            cells = result.outputs.map { output in
                let (kind, region, metric) = Self.split(output.name)
                return [.text(output.measure), .whole(output.year), .words(kind), .text(region), .text(regionNames[region] ?? ""), .text(metric)]
            }
        }

        /// An output's kind, region and metric from its name (`GM0014`, `exact:GM0014`,
        /// `fairness:gini`).
        static func split(_ name: String) -> (kind: Words, region: String, metric: String) {
            if name.hasPrefix(exactPrefix) { return (Words(dutch: "exact bedrag", english: "exact_amount"), String(name.dropFirst(exactPrefix.count)), "") }
            if name.hasPrefix(fairnessPrefix) { return (Words(dutch: "eerlijkheid", english: "fairness"), "", String(name.dropFirst(fairnessPrefix.count))) }
            return (Words(dutch: "bedrag", english: "amount"), name, "")
        }

        private static let exactPrefix = "exact:", fairnessPrefix = "fairness:"

        /// Outputs known by name only (`output`).
        public init(names: [String]) {
            columns = [SensitivityTables.output]
            cells = names.map { [.text($0)] }
        }
    }

    /// Every table of a scenario's analysis: sobol (and s2 with second-order indices) or
    /// morris, elasticities, and not_above_dummy with a dummy factor.
    public static func all(_ result: ScenarioSensitivity, _ elasticities: [Elasticity], secondOrder: Bool, regionNames: [String: String]) -> [ResultTable] {
        let outputs = Outputs(result, regionNames: regionNames)
        var tables = [ResultTable]()
        if let sobol = result.sobol {
            tables.append(Self.sobol(sobol, outputs: outputs, factors: result.factors))
            if secondOrder { tables.append(Self.secondOrder(sobol, outputs: outputs, factors: result.factors)) }
            tables.append(Self.aggregated(result.aggregated, factors: result.factors))
        }
        if let morris = result.morris { tables.append(Self.morris(morris, outputs: outputs, factors: result.factors)) }
        tables.append(Self.elasticities(elasticities, regionNames: regionNames))
        if let dummy = notAboveDummy(result, outputs: outputs) { tables.append(dummy) }
        return tables
    }

    static let output = Column("output", .text, dutch: "uitkomst", english: "output", "the output: a column of the outputs file")
    static let outputKind = Column(
        "output_kind", .text, dutch: "soort uitkomst", english: "output kind",
        "amount (a region's amount in whole euros), exact_amount (before rounding) or fairness (a fairness metric); in Dutch words in the Dutch style and workbook")
    static let metric = Column("metric", .text, dutch: "maat", english: "metric", "the fairness metric (empty for an amount)")
    static let factor = Column("factor", .text, dutch: "factor", english: "factor", "the input factor (or group)")

    private static func index(_ id: String, _ description: String) -> Column {
        .named(id, .decimal, description)
    }

    public static func sobol(_ sobol: [SobolIndices], outputs: Outputs, factors: [String]) -> ResultTable {
        let columns = outputs.columns + [Self.factor, Self.index("s1", "the first-order Sobol index"), Self.index("s1_conf", "its 95% confidence half-width (bootstrap)"),
                       Self.index("st", "the total-order Sobol index"), Self.index("st_conf", "its 95% confidence half-width (bootstrap)")]
        let rows = perFactor(sobol, outputs: outputs, factors: factors) { index, g in [index.s1[g], index.s1Confidence[g], index.st[g], index.stConfidence[g]] }
        return ResultTable(name: "sobol", title: .init(dutch: "Sobol-indices", english: "Sobol"), columns: columns, rows: rows)
    }

    /// `sobol_aggregated`: per measure and year, each factor's indices over the regions'
    /// amounts together, weighted by their variances (``SobolAggregate``).
    public static func aggregated(_ aggregates: [SobolAggregate], factors: [String]) -> ResultTable {
        aggregated(aggregates, factors: factors, leading: [.measure, .year]) { [.text($0.measure), .whole($0.year)] }
    }

    /// `sobol_aggregated` of a file's outputs: every column together.
    public static func aggregated(_ aggregate: SobolAggregate, factors: [String]) -> ResultTable {
        aggregated([aggregate], factors: factors, leading: []) { _ in [] }
    }

    private static func aggregated(_ aggregates: [SobolAggregate], factors: [String], leading: [Column], place: (SobolAggregate) -> [Cell]) -> ResultTable {
        let columns = leading + [
            Column("outputs", .count, dutch: "uitkomsten", english: "outputs", "the outputs aggregated (those that vary): a measure's and year's regions' amounts, or a file's columns"),
            Self.factor, Self.index("s1", "the first-order index of the outputs together: sum of variance x S1 over the sum of the variances"),
            Self.index("s1_conf", "its 95% confidence half-width (the outputs' bootstrap resamples)"),
            Self.index("st", "the total-order index of the outputs together"), Self.index("st_conf", "its 95% confidence half-width"),
        ]
        let rows = aggregates.flatMap { aggregate in
            factors.enumerated().map { g, factor -> [Cell] in
                place(aggregate) + [.whole(aggregate.outputs), .text(factor)]
                    + [aggregate.s1[g], aggregate.s1Confidence[g], aggregate.st[g], aggregate.stConfidence[g]].map(Self.number)
            }
        }
        return ResultTable(name: "sobol_aggregated", title: .init(dutch: "Sobol samen", english: "Sobol aggregated"), columns: columns, rows: rows)
    }

    public static func secondOrder(_ sobol: [SobolIndices], outputs: Outputs, factors: [String]) -> ResultTable {
        let columns = outputs.columns + [Column("factor_1", .text, dutch: "factor 1", english: "factor 1", "the pair's first factor"),
                       Column("factor_2", .text, dutch: "factor 2", english: "factor 2", "the pair's second factor"),
                       Self.index("s2", "the second-order Sobol index of the pair"), Self.index("s2_conf", "its 95% confidence half-width (bootstrap)")]
        var rows = [[Cell]]()
        for (o, index) in sobol.enumerated() {
            guard let s2 = index.s2, let confidence = index.s2Confidence else { continue }
            for j in factors.indices {
                for k in (j + 1)..<max(j + 1, factors.count) {
                    rows.append(outputs.cells[o] + [.text(factors[j]), .text(factors[k]), Self.number(s2[j][k]), Self.number(confidence[j][k])])
                }
            }
        }
        return ResultTable(name: "s2", title: .init(dutch: "Sobol tweede orde", english: "S2"), columns: columns, rows: rows)
    }

    public static func morris(_ morris: [MorrisIndices], outputs: Outputs, factors: [String]) -> ResultTable {
        let columns = outputs.columns + [Self.factor, Self.index("mu", "the mean elementary effect"), Self.index("mu_star", "the mean absolute elementary effect"),
                       Self.index("sigma", "the elementary effects' standard deviation (empty for a group)"), Self.index("mu_star_conf", "mu_star's 95% confidence half-width (bootstrap)")]
        let rows = perFactor(morris, outputs: outputs, factors: factors) { index, g in [index.mu[g], index.muStar[g], index.sigma[g], index.muStarConfidence[g]] }
        return ResultTable(name: "morris", title: .init(dutch: "Morris", english: "Morris"), columns: columns, rows: rows)
    }

    /// One row per output and factor: the output's cells, the factor, and its `values`.
    private static func perFactor<Indices>(
        _ indices: [Indices], outputs: Outputs, factors: [String], values: (Indices, Int) -> [Double]
    ) -> [[Cell]] {
        indices.enumerated().flatMap { o, index in
            factors.enumerated().map { g, factor in outputs.cells[o] + [.text(factor)] + values(index, g).map(Self.number) }
        }
    }

    /// `elasticities`: per region's amount, the derivative in euros per unit of the
    /// parameter, the method `analytic` or `difference`; the elasticity is empty where the
    /// amount is 0.
    public static func elasticities(_ rows: [Elasticity], regionNames: [String: String]) -> ResultTable {
        let columns = [
            .measure, .year, .region, .regionName, Column("parameter", .text, dutch: "parameter", english: "parameter", "the parameter (weight, base, budget or top-slice)"),
            Column("elasticity", .decimal, dutch: "elasticiteit", english: "elasticity", "the relative change of the amount per relative change of the parameter"),
            Column("derivative", .decimal, dutch: "afgeleide", english: "derivative", "the change of the amount per unit of the parameter, euros"),
            Column("method", .text, dutch: "methode", english: "method", "analytic, or difference (a finite difference); analytisch or differentie in the Dutch style and workbook"),
        ]
        let cells = rows.map { row -> [Cell] in
            [.text(row.measure), .whole(row.year), .text(row.region), .text(regionNames[row.region] ?? ""), .text(row.parameter), row.elasticity.map(number) ?? .empty, number(row.derivative),
             .words(row.analytic ? Words(dutch: "analytisch", english: "analytic") : Words(dutch: "differentie", english: "difference"))]
        }
        return ResultTable(name: "elasticities", title: .init(dutch: "Elasticiteiten", english: "Elasticities"), columns: columns, rows: cells)
    }

    /// `not_above_dummy`: every output and factor whose total index (Sobol) or mu* (Morris)
    /// cannot be told from the dummy factor's: its interval reaches the upper end of the
    /// dummy's; nil without a dummy factor.
    static func notAboveDummy(_ result: ScenarioSensitivity, outputs: Outputs) -> ResultTable? {
        guard result.dummy != nil else { return nil }
        var rows = [[Cell]]()
        for o in result.outputs.indices {
            for (g, factor) in result.factors.enumerated() where result.indistinguishableFromDummy(output: o, factor: g) {
                rows.append(outputs.cells[o] + [.text(factor)])
            }
        }
        return ResultTable(name: "not_above_dummy", title: .init(dutch: "Niet boven dummy", english: "Not above dummy"), columns: outputs.columns + [factor], rows: rows)
    }

    static func number(_ value: Double) -> Cell {
        value.isFinite ? .number(value, "\(value)") : .empty
    }
}
