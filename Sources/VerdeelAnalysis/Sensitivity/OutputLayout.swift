import VerdeelCore

/// Which outputs a row gives, in order: per measure (then `all`) and year, every region's
/// whole-euro amount, its unrounded amount, then the fairness metrics.
struct OutputLayout {
    let model: DesignPointModel
    let years: [[Int]]
    let allYears: [Int]
    let metrics: [String]
    let outputs: [ScenarioSensitivity.Output]

    init(model: DesignPointModel) throws(ScenarioSensitivityError) {
        self.model = model
        years = model.plan.measures.map { $0.measure.budgets.keys.sorted() }
        allYears = Array(Set(years.flatMap { $0 })).sorted()
        let codes = model.table.regions.map(\.code)
        metrics = model.plan.fairness.map { fairness in
            FairnessSettings(fairness).metrics.map { "fairness:\($0)" }
        } ?? []
        var outputs = [ScenarioSensitivity.Output]()
        let blocks = zip(model.plan.measures.map(\.id), years).map { ($0, $1) } + (model.plan.measures.count > 1 ? [("all", allYears)] : [])
        for (measure, measureYears) in blocks {
            for year in measureYears {
                outputs += codes.map { .init(measure: measure, year: year, name: $0) }
                outputs += codes.map { .init(measure: measure, year: year, name: "exact:\($0)") }
                outputs += metrics.map { .init(measure: measure, year: year, name: $0) }
            }
        }
        self.outputs = outputs
    }

    func values(of row: ArraySlice<Double>, row index: Int) throws(ScenarioSensitivityError) -> [Double] {
        let (measures, table) = try model.apply(row)
        let allocations: [MeasureAllocation]
        do { allocations = try Allocator(table: table).allocate(measures) } catch {
            throw ScenarioSensitivityError("design row \(index + 1) cannot be allocated: \(error); narrow the factors' ranges so every row is feasible")
        }
        let codes = table.regions.map(\.code)
        let basis: FairnessBasis?
        do { basis = try model.plan.fairness.map { plan throws(FairnessError) in try FairnessBasis(plan, table: table) } } catch {
            throw ScenarioSensitivityError("design row \(index + 1): the fairness metrics cannot be computed: \(error)")
        }
        var values = [Double]()
        var totals = [Int: (rounded: [Double], exact: [Double])]()
        for (m, allocation) in allocations.enumerated() {
            for year in years[m] {
                let (rounded, exact) = Self.amounts(allocation.year(year), codes: codes)
                values += rounded + exact + fairness(rounded, basis)
                var sum = totals[year] ?? ([Double](repeating: 0, count: codes.count), [Double](repeating: 0, count: codes.count))
                for r in codes.indices {
                    sum.rounded[r] += rounded[r]
                    sum.exact[r] += exact[r]
                }
                totals[year] = sum
            }
        }
        if allocations.count > 1 {
            for year in allYears {
                let sum = totals[year] ?? ([], [])
                values += sum.rounded + sum.exact + fairness(sum.rounded, basis)
            }
        }
        return values
    }

    private static func amounts(_ allocation: YearAllocation?, codes: [String]) -> (rounded: [Double], exact: [Double]) {
        var rounded = [Double](repeating: 0, count: codes.count), exact = rounded
        for component in allocation?.components ?? [] {
            for (r, region) in component.regions.enumerated() where r < codes.count {
                rounded[r] += Double(region.amount.cents) / 100
                exact[r] += region.exact
            }
        }
        return (rounded, exact)
    }

    private func fairness(_ amounts: [Double], _ basis: FairnessBasis?) -> [Double] {
        guard let basis, !metrics.isEmpty else { return [] }
        guard let input = try? basis.input(amounts: amounts) else { return metrics.map { _ in .nan } }
        return basis.settings.values(input).map { $0 ?? .nan }
    }
}
