import Foundation
import VerdeelSimulation

/// A terminal table of one variant's Monte Carlo summary: per measure, year and region the
/// mean, spread, P5/P50/P95, the mean per inhabitant (over the data's inhabitants, when
/// it has them) and the chance of getting less than the baseline.
public struct SimulationTable {
    let result: SimulationResult
    let variant: Int
    let inhabitants: Inhabitants?

    public init(_ result: SimulationResult, variant: Int, inhabitants: Inhabitants? = nil) {
        self.result = result
        self.variant = variant
        self.inhabitants = inhabitants
    }

    /// The table in `language`'s words and numbers.
    public func render(_ language: ReportLanguage = .en) -> String {
        let say = { (dutch: String, english: String) in language.pick(dutch, english) }
        let values = zip(result.plan.parameters, result.design.values(ofVariant: variant)).map { "\($0) = \(CSVRenderer.field(SimulationTables.value($1, of: $0, in: result.plan), style: .standard))" }
        var text = "Variant \(variant + 1) " + say("van", "of") + " \(result.variantCount)" + (values.isEmpty ? "" : " (\(values.joined(separator: ", ")))") + "\n\n"
        if let reason = result.infeasible[variant] { return text + say("onuitvoerbaar: ", "infeasible: ") + "\(reason)\n" }
        let perInhabitant = result.slots.contains { inhabitants?.count($0.region) != nil }
        var rows = [[say("maatregel", "measure"), say("jaar", "year"), say("gemeente", "region"), say("gemiddeld", "mean"), "sd", "p05", "p50", "p95"]
            + (perInhabitant ? [say("gem./inw.", "mean/inh")] : []) + [say("P(< basis)", "P(< baseline)")]]
        for (index, slot) in result.slots.enumerated() {
            let s = result.summary(variant: variant, slot: index)
            let perHead = perInhabitant ? [inhabitants?.count(slot.region).map { String(format: "%.2f", s.mean / $0) } ?? ""] : []
            rows.append([slot.measure, String(slot.year), slot.region] + [s.mean, s.standardDeviation, s.p05, s.p50, s.p95].map { String(format: "%.0f", $0) } + perHead
                + [String(format: "%.3f", s.probabilityBelowBaseline)])
        }
        text += TextGrid(rows, rulesAfter: [0], language: language).render()
        return text
    }
}
