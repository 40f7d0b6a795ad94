import VerdeelAnalysis
import VerdeelCore
import VerdeelSimulation
import VerdeelTables

/// The names people read next to the codes scripts read. The formats people open (the
/// Dutch CSV style, the workbook) show every table with a column of names right after each
/// column of codes it knows: `scenario_title` after `scenario` (its `title`, else its
/// name), `measure_name` after `measure` (its title; all measures together for `all`),
/// `metric_name` after `metric` (the fairness metric in words), and `factor_name`,
/// `factor_1_name`, `factor_2_name`, `parameter_name` after the sensitivity factors and
/// parameters (``ParameterWords``). The standard CSV and JSON, made for scripts, carry the
/// codes alone.
public struct PeopleNames: Sendable {
    let scenarioTitles: [String: String]
    let parameters: ParameterWords

    public init(scenarioTitles: [String: String] = [:], parameters: ParameterWords = ParameterWords(measureTitles: [:])) {
        self.scenarioTitles = scenarioTitles
        self.parameters = parameters
    }

    /// The names of runs' scenarios, measures and parameters (the first run naming a
    /// measure or region wins).
    public init(_ runs: [ScenarioRun]) {
        let measures = runs.flatMap { run in run.plan.measures.map { ($0.id, $0.title) } }
        let regions = runs.flatMap { $0.table.regionNames }
        self.init(
            scenarioTitles: Dictionary(runs.compactMap { run in run.plan.title.map { (run.plan.name, $0) } }) { first, _ in first },
            parameters: ParameterWords(measureTitles: Dictionary(measures) { first, _ in first }, regionNames: Dictionary(regions) { first, _ in first }))
    }

    /// A scenario's title, or its name where it has none.
    public func scenarioTitle(_ scenario: String) -> String { scenarioTitles[scenario] ?? scenario }

    /// The words for all measures together (`measure` `all`).
    public static let allMeasures = Words(dutch: "alle maatregelen", english: "all measures")

    /// The table with a column of names after each column of codes it knows.
    public func named(_ table: ResultTable) -> ResultTable {
        let joins = table.columns.enumerated().compactMap { index, column in join(column).map { (index, $0) } }
        guard !joins.isEmpty else { return table }
        var columns = [Column]()
        for (index, column) in table.columns.enumerated() {
            columns.append(column)
            if let join = joins.first(where: { $0.0 == index }) { columns.append(join.1.column) }
        }
        return ResultTable(name: table.name, title: table.title, columns: columns, chunks: table.chunkCount, streaming: { (chunk: Int, sink: ResultTable.RowSink) in
            var named = [Cell]()
            table.forEachRow(ofChunk: chunk) { row in
                named.removeAll(keepingCapacity: true)
                var next = 0
                for (index, cell) in row.enumerated() {
                    named.append(cell)
                    if next < joins.count, joins[next].0 == index {
                        named.append(joins[next].1.name(cell))
                        next += 1
                    }
                }
                sink(named)
            }
        }, failure: { table.rowsFailure })
    }

    /// A column of names and how a code becomes its name.
    private struct Join: Sendable {
        let column: Column
        let name: @Sendable (Cell) -> Cell
    }

    private func join(_ column: Column) -> Join? {
        let titles = scenarioTitles, parameters = parameters
        switch column.id {
        case "scenario":
            return Join(column: Self.scenarioTitle) { cell in text(cell).map { .text(titles[$0] ?? $0) } ?? .empty }
        case Column.measure.id:
            return Join(column: Self.measureName) { cell in
                text(cell).map { $0 == "all" ? .words(Self.allMeasures) : .text(parameters.measureTitles[$0] ?? $0) } ?? .empty
            }
        case "metric":
            return Join(column: Self.metricName) { cell in text(cell).map { FairnessMetric(code: $0).map { .words($0.words) } ?? .text($0) } ?? .empty }
        case "factor", "factor_1", "factor_2", "parameter":
            let named = Column(
                column.id + "_name", .text, dutch: column.dutch + " in woorden", english: column.english + " in words", "the \(column.english) as people say it (a weight, base, budget or measurement error)")
            return Join(column: named) { cell in text(cell).map { .words(Words(dutch: parameters.dutch($0), english: parameters.english($0))) } ?? .empty }
        default:
            return nil
        }
    }

    static let scenarioTitle = Column("scenario_title", .text, dutch: "titel scenario", english: "scenario title", "the scenario's title (its name where it has none)")
    static let measureName = Column("measure_name", .text, dutch: "naam maatregel", english: "measure name", "the measure's display name (all measures together for all)")
    static let metricName = Column("metric_name", .text, dutch: "naam maat", english: "metric name", "the fairness metric in words")
}

/// A cell's text; nil when empty.
private func text(_ cell: Cell) -> String? {
    let text = cell.csvText
    return text.isEmpty ? nil : text
}
