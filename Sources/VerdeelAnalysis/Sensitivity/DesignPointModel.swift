import VerdeelCore
import VerdeelDesign
import VerdeelModel

/// One design row applied to a scenario: its measures with the factors' values and its
/// data with the perturbed indicators (see ``SensitivityCoordinates`` for the mapping).
/// Weights are exact fractions over 10^9: a weight factor's value is rounded to 10^-9 and
/// the key's other weights share the rest in their nominal proportions, split by largest
/// remainder so the key sums to exactly 100%; a whole key's spacings likewise. Bases,
/// budgets and top-slice amounts are rounded to the measure's unit of rounding (they are
/// paid amounts).
struct DesignPointModel {
    let plan: ScenarioPlan
    let sensitivity: SensitivityPlan
    let coordinates: SensitivityCoordinates
    let table: RegionTable
    /// Each perturbation factor's spreads on the nominal data (nil for other factors).
    let spreads: [[Double]?]

    init(plan: ScenarioPlan, sensitivity: SensitivityPlan, coordinates: SensitivityCoordinates, table: RegionTable) throws(ScenarioSensitivityError) {
        self.plan = plan
        self.sensitivity = sensitivity
        self.coordinates = coordinates
        self.table = table
        spreads = try sensitivity.factors.map { factor throws(ScenarioSensitivityError) -> [Double]? in
            guard case .perturbation(let perturbation, _) = factor.kind else { return nil }
            do {
                let values = try perturbation.spreads(over: table)
                if let bad = values.firstIndex(where: { !($0 >= 0 && $0.isFinite) }) {
                    throw ScenarioSensitivityError("the spread of '\(perturbation.indicator)' is \(values[bad]) for region \(table.regions[bad].code); it must be a finite number >= 0")
                }
                return values
            } catch let error as ScenarioSensitivityError {
                throw error
            } catch {
                throw ScenarioSensitivityError("the spread of '\(perturbation.indicator)' cannot be computed: \(error)")
            }
        }
    }

    /// The measures and data of one row of unit coordinates.
    func apply(_ row: ArraySlice<Double>) throws(ScenarioSensitivityError) -> (measures: [Measure], table: RegionTable) {
        var measures = plan.measures.map(\.measure)
        var keyParts = [Int: [Double]]()
        var indicators = table.indicators
        for (u, role) in zip(row, coordinates.roles) {
            switch role {
            case .factor(let index): try set(sensitivity.factors[index].kind, u, &measures)
            case .keyPart(let index, _): keyParts[index, default: []].append(u)
            case .perturbation(let index, let region):
                guard case .perturbation(let perturbation, _) = sensitivity.factors[index].kind else { continue }
                let z = NormalQuantile.of(0.001 + 0.998 * u)
                let nominal = table.indicators[perturbation.indicator]?[region] ?? 0
                indicators[perturbation.indicator]?[region] = perturbation.value(nominal, spread: spreads[index]?[region] ?? 0, z: z)
            case .dummy: continue
            }
        }
        for (index, parts) in keyParts {
            guard case .key(let id, _) = sensitivity.factors[index].kind, let m = measureIndex(id) else { continue }
            let cuts = [0] + parts.sorted() + [1]
            let weights = Fraction.billionths((1..<cuts.count).map { cuts[$0] - cuts[$0 - 1] })
            measures[m].key = Key(zip(measures[m].key.terms, weights).map { Key.Term($0.criterion, $1) })
        }
        guard indicators != table.indicators else { return (measures, table) }
        do {
            return (measures, try RegionTable(regions: table.regions, indicators: indicators, labels: table.labels, districts: table.districts))
        } catch {
            throw ScenarioSensitivityError("the perturbed data cannot be built: \(error)")
        }
    }

    private func measureIndex(_ id: String) -> Int? {
        plan.measures.firstIndex { $0.id == id }
    }

    private func set(_ kind: SensitivityFactor.Kind, _ u: Double, _ measures: inout [Measure]) throws(ScenarioSensitivityError) {
        switch kind {
        case .weight(let id, let criterion, let low, let high):
            guard let m = measureIndex(id), let chosen = measures[m].key.terms.firstIndex(where: { $0.criterion.name == criterion }) else { return }
            measures[m].key = measures[m].key.setting(weightOf: chosen, to: low + u * (high - low))
        case .base(let id, let low, let high):
            guard let m = measureIndex(id) else { return }
            let money = measures[m].rounding.paid(low + u * (high - low))
            measures[m].base = Base(.uniform(money), ifInfeasible: measures[m].base?.policy ?? .error)
        case .budget(let id, let first, let last, let low, let high):
            guard let m = measureIndex(id) else { return }
            let money = measures[m].rounding.paid(low + u * (high - low))
            for year in first...last { measures[m].budgets[year] = money }
        case .topslice(let id, let name, let low, let high, let fraction):
            guard let m = measureIndex(id), let t = measures[m].topslices.firstIndex(where: { $0.name == name }) else { return }
            let value = low + u * (high - low)
            let size: Topslice.Size = fraction
                ? .fraction(Fraction.billionths(of: value))
                : .amount(measures[m].rounding.paid(value))
            measures[m].topslices[t] = Topslice(name: name, size)
        case .key, .perturbation:
            return
        }
    }
}

/// Why a scenario's sensitivity analysis cannot run, and what to do.
public struct ScenarioSensitivityError: SiteError, Sendable {
    /// Where the analysis is declared, when the message is about the analysis as a whole.
    public let site: Site?
    public let message: String

    init(_ message: String) {
        site = nil
        self.message = message
    }

    init(at site: Site, _ message: String) {
        self.site = site
        self.message = message
    }

    public func described(by locator: any SiteLocator) -> String {
        (site.map { "\(locator.location(of: $0)): " } ?? "") + message
    }
}
