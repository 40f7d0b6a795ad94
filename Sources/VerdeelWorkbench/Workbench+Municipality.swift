import Foundation
import VerdeelAnalysis
import VerdeelCore
import VerdeelReport
import VerdeelTables

extension Workbench {
    /// A municipality's page for `request` (which names its `region`): its amounts per
    /// measure and year in the changed scenario and the baseline, where it stands on every
    /// key's criteria against the other regions, and which provision moved its amounts (the
    /// Shapley attribution of `compare --explain`, ``ShapleyAttribution``).
    public func municipality(_ request: AllocationRequest) throws(WorkbenchError) -> MunicipalityAnswer {
        guard let code = request.region else {
            throw WorkbenchError(.badRequest, field: "region", "'region' is missing; send the municipality's code, e.g. GM0014")
        }
        let allocated = try allocate(AllocationRequest(scenario: request.scenario, changes: request.changes, baseline: request.baseline, tables: []))
        let regions = allocated.changed.table.regions
        guard let region = regions.first(where: { $0.code.caseInsensitiveCompare(code) == .orderedSame }) else {
            let nearest = NearestName.find(code, among: regions.map(\.code)).map { "; did you mean '\($0)'?" } ?? ""
            throw WorkbenchError(.notFound, field: "region", "scenario '\(request.scenario)' has no region '\(code)'\(nearest)")
        }
        let file = try scenario(request.scenario, field: "scenario").file
        let attribution: ShapleyAttribution
        do { attribution = try file.session.explain(allocated.runs[0], allocated.runs[1]) } catch {
            throw WorkbenchError(.unprocessable, field: "changes", "the change cannot be explained provision by provision: \(error.message)")
        }
        return MunicipalityAnswer(allocated: allocated, region: region, attribution: attribution)
    }
}

/// A municipality's page as one JSON document: the engine's version, the scenario as
/// changed, its changes and its file's SHA-256, the region (code, name, inhabitants), the
/// names for people (scenarios, measures, the provisions of the explanation) and the
/// region's rows of `compare`, `criteria` and `explain`, in columns.
public struct MunicipalityAnswer: Sendable {
    let allocated: Allocated
    public let region: Region
    public let attribution: ShapleyAttribution

    /// The region's rows of the three tables, in that order.
    public var tables: [ResultTable] {
        let code = region.code
        let names = allocated.changed.table.regionNames
        return [Comparison(allocated.runs).table(), CriterionTables(allocated.changed).table(regions: [code]), ExplainOutput(attribution, regionNames: names).table()]
            .map { $0.keepingRows(where: Column.region.id) { $0 == code } }
    }

    public func json() throws -> String {
        let string = ColumnarJSONRenderer.string
        let words = { (words: Words) in "{\"nl\":" + string(words.dutch) + ",\"en\":" + string(words.english) + "}" }
        let plan = allocated.changed.plan
        let titles = Dictionary(plan.measures.map { ($0.id, $0.title) }) { first, _ in first }
        let provisions = attribution.provisions.map { string($0.description) + ":" + words($0.words(titles: titles)) } + ["\"rounding\":" + words(Provision.roundingWords)]
        let measures = plan.measures.map { string($0.id) + ":" + string($0.title) } + ["\"all\":" + words(PeopleNames.allMeasures)]
        let scenarios = allocated.runs.map { string($0.plan.name) + ":" + string($0.plan.title ?? $0.plan.name) }
        let index = allocated.changed.table.regions.firstIndex { $0.code == region.code }
        let inhabitants = index.flatMap { allocated.changed.table.indicators["inhabitants"]?[$0] }.map { Cell.shortest($0) } ?? "null"
        return "{\"engine_version\":" + string(AllocationJSON.engineVersion)
            + ",\"scenario\":" + string(plan.name)
            + ",\"changes\":[" + (plan.settings ?? []).map(string).joined(separator: ",") + "]"
            + ",\"scenario_sha256\":" + string(allocated.provenance.document().scenarioFiles.first?.sha256 ?? "")
            + ",\"region\":{\"code\":" + string(region.code) + ",\"name\":" + string(region.name) + ",\"inhabitants\":" + inhabitants + "}"
            + ",\"names\":{\"scenarios\":{" + scenarios.joined(separator: ",") + "},\"measures\":{" + measures.joined(separator: ",")
            + "},\"provisions\":{" + provisions.joined(separator: ",") + "}}"
            + ",\"tables\":" + ColumnarJSONRenderer.tables(tables) + "}"
    }
}
