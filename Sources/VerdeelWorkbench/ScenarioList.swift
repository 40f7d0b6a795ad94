import Foundation
import VerdeelCore
import VerdeelModel
import VerdeelReport

/// The scenarios a workbench serves and what a client can change in each: per measure its
/// title, rounding, budget per year, key weights, base and top-slices, each with the name a
/// change sets it by (`jongerenwerk.weight.need`) and its words in Dutch and English.
public struct ScenarioList: Encodable, Sendable {
    public let engineVersion = AllocationJSON.engineVersion
    public let scenarios: [Scenario]

    /// One scenario: its name, title, file (as given at start, and its SHA-256) and measures.
    public struct Scenario: Encodable, Sendable {
        public let name: String
        public let title: String?
        public let file: String
        public let fileSha256: String
        public let synthetic: Bool
        /// The fairness block's loss thresholds, euros per inhabitant per year (none without).
        public let losses: [Double]
        /// The draws of its `montecarlo` block, which "how sure?" runs (none without one).
        public let draws: Int?
        public let measures: [Measure]

        init(_ plan: ScenarioPlan, file: Workbench.File) {
            name = plan.name
            title = plan.title
            self.file = file.path
            fileSha256 = file.sha256
            synthetic = plan.data.hasSyntheticData
            losses = (plan.fairness?.losses ?? []).sorted()
            draws = plan.simulation?.monteCarlo?.draws
            let words = ParameterWords(measureTitles: Dictionary(plan.measures.map { ($0.id, $0.title) }) { first, _ in first })
            measures = plan.measures.map { Measure($0, words: words) }
        }
    }

    /// A measure's parameters.
    public struct Measure: Encodable, Sendable {
        public let id: String
        public let title: String
        public let rounding: String
        public let budgets: [Parameter]
        public let weights: [Parameter]
        public let base: Parameter?
        public let topslices: [Parameter]
        /// Whether the measure has floors, caps or a transition limit (not changed here).
        public let limited: Bool

        init(_ planned: PlannedMeasure, words: ParameterWords) {
            let measure = planned.measure, id = planned.id
            let parameter = { (name: String, value: Double, unit: String) in
                Parameter(name: name, value: value, unit: unit, dutch: words.dutch(name), english: words.english(name))
            }
            self.id = id
            title = planned.title
            rounding = measure.rounding.rawValue
            budgets = measure.budgets.keys.sorted().map { year in parameter("\(id).budget.\(year)", measure.budgets[year]?.euros ?? 0, "EUR") }
            weights = measure.key.terms.map { parameter("\(id).weight.\($0.criterion.name)", $0.weight.doubleValue * 100, "%") }
            switch measure.base?.amount {
            case .uniform(let money): base = parameter("\(id).base", money.euros, "EUR")
            case .perRegion, nil: base = nil
            }
            topslices = measure.topslices.map { topslice in
                switch topslice.size {
                case .fraction(let share): parameter("\(id).topslice.\(topslice.name)", share.doubleValue * 100, "%")
                case .amount(let money): parameter("\(id).topslice.\(topslice.name)", money.euros, "EUR")
                }
            }
            limited = !measure.limits.isEmpty
        }
    }

    /// A value a change can set: its name in a change (`NAME=VALUE`), its value in its unit
    /// (`%` or `EUR`) and its words.
    public struct Parameter: Encodable, Sendable {
        public let name: String
        public let value: Double
        public let unit: String
        public let dutch: String
        public let english: String
    }
}
