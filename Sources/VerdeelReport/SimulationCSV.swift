import VerdeelTables
import Dispatch
import Synchronization
import VerdeelModel
import VerdeelSimulation

/// The files of a variants / Monte Carlo run: `variants.csv` (one row per variant: its id
/// and one column per varied parameter), `summary.csv` (per variant, measure, year and
/// region: mean, sd, P5/P50/P95 and the probability of getting less than the baseline)
/// and, when some variants were infeasible, `infeasible.csv` with the reason for each.
/// Numbers are written in full precision (shortest exact form), variant ids from 1.
public struct SimulationCSV {
    public static let summaryHeader = "variant,measure,year,region,mean,sd,p05,p50,p95,p_below_baseline"
    let result: SimulationResult

    public init(_ result: SimulationResult) {
        self.result = result
    }

    public func variants() -> String {
        var text = (["variant"] + result.plan.parameters.map(\.description)).joined(separator: ",") + "\n"
        for variant in result.variants {
            let values = zip(result.plan.parameters, result.design.values(ofVariant: variant)).map { parameter, value in
                Self.value(value, of: parameter, in: result.plan)
            }
            text += ([String(variant + 1)] + values).joined(separator: ",") + "\n"
        }
        return text
    }

    public func summary() -> String {
        let slots = slotFields
        let result = self.result
        return Self.summaryHeader + "\n" + Self.rows(variants: result.variants) { variant, text in
            guard result.infeasible[variant] == nil else { return }
            for (index, fields) in slots.enumerated() {
                let s = result.summary(variant: variant, slot: index)
                text += "\(variant + 1),\(fields)"
                for value in [s.mean, s.standardDeviation, s.p05, s.p50, s.p95, s.probabilityBelowBaseline] {
                    text += ","
                    text += Self.number(value)
                }
                text += "\n"
            }
        }
    }

    /// The rows of all variants in variant order, written by several threads at once (a
    /// large run has millions of numbers to format), each taking whole runs of variants.
    static func rows(variants: Range<Int>, _ write: @escaping @Sendable (Int, inout String) -> Void) -> String {
        let stretch = 64
        let stretches = (variants.count + stretch - 1) / stretch
        let parts = Mutex([String](repeating: "", count: stretches))
        DispatchQueue.concurrentPerform(iterations: stretches) { part in
            var text = ""
            let start = variants.lowerBound + part * stretch
            for variant in start..<min(variants.upperBound, start + stretch) { write(variant, &text) }
            parts.withLock { $0[part] = text }
        }
        return parts.withLock { $0.joined() }
    }

    /// `nil` when every variant could be allocated.
    public func infeasible() -> String? {
        guard !result.infeasible.isEmpty else { return nil }
        var text = "variant,reason\n"
        for (variant, reason) in result.infeasible.sorted(by: { $0.key < $1.key }) {
            text += "\(variant + 1),\(AllocationCSV.quoted(reason))\n"
        }
        return text
    }

    /// A parameter's value: a number, or for a criterion the definition it takes (quoted).
    static func value(_ value: Double, of parameter: VariantParameter, in plan: SimulationPlan) -> String {
        switch parameter {
        case .criterion(let name): return plan.alternatives[name].map { AllocationCSV.quoted(AllocationCSV.text($0[Int(value)].text)) } ?? number(value)
        case .vintage(let table): return plan.vintages[table].map { AllocationCSV.quoted(AllocationCSV.text($0[Int(value)])) } ?? number(value)
        default: return number(value)
        }
    }

    /// Each slot's `measure,year,region` fields, quoted once rather than on every row.
    private var slotFields: [String] {
        result.slots.map { "\(AllocationCSV.quoted($0.measure)),\($0.year),\(AllocationCSV.quoted(AllocationCSV.text($0.region)))" }
    }

    static func number(_ value: Double) -> String { VerdeelTables.Cell.shortest(value) }
}
