import VerdeelAnalysis

/// The sensitivity tables as CSV: `sobol.csv` (`output,factor,s1,s1_conf,st,st_conf`),
/// `s2.csv` (`output,factor_1,factor_2,s2,s2_conf`, one row per pair) and `morris.csv`
/// (`output,factor,mu,mu_star,sigma,mu_star_conf`). A factor is a group's name when the
/// problem has groups. Numbers are written in the shortest form that reads back as the
/// same double; an undefined value (sigma of a group) is an empty field. `prefix` columns
/// (e.g. `measure,year`) go in front of every row when given.
public enum SensitivityCSV {
    public static func sobol(_ indices: [SobolIndices], outputs: [String], factors: [String], prefix: (header: [String], values: [[String]])? = nil) -> String {
        var lines = [row((prefix?.header ?? []) + ["output", "factor", "s1", "s1_conf", "st", "st_conf"])]
        for (o, index) in indices.enumerated() {
            for (g, factor) in factors.enumerated() {
                lines.append(row((prefix?.values[o] ?? []) + [AllocationCSV.text(outputs[o]), AllocationCSV.text(factor)] + [index.s1[g], index.s1Confidence[g], index.st[g], index.stConfidence[g]].map(number)))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func secondOrder(_ indices: [SobolIndices], outputs: [String], factors: [String], prefix: (header: [String], values: [[String]])? = nil) -> String {
        var lines = [row((prefix?.header ?? []) + ["output", "factor_1", "factor_2", "s2", "s2_conf"])]
        for (o, index) in indices.enumerated() {
            guard let s2 = index.s2, let confidence = index.s2Confidence else { continue }
            for j in factors.indices {
                for k in (j + 1)..<max(j + 1, factors.count) {
                    lines.append(row((prefix?.values[o] ?? []) + [AllocationCSV.text(outputs[o]), AllocationCSV.text(factors[j]), AllocationCSV.text(factors[k]), number(s2[j][k]), number(confidence[j][k])]))
                }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    public static func morris(_ indices: [MorrisIndices], outputs: [String], factors: [String], prefix: (header: [String], values: [[String]])? = nil) -> String {
        var lines = [row((prefix?.header ?? []) + ["output", "factor", "mu", "mu_star", "sigma", "mu_star_conf"])]
        for (o, index) in indices.enumerated() {
            for (g, factor) in factors.enumerated() {
                lines.append(row((prefix?.values[o] ?? []) + [AllocationCSV.text(outputs[o]), AllocationCSV.text(factor)] + [index.mu[g], index.muStar[g], index.sigma[g], index.muStarConfidence[g]].map(number)))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A design or its outputs as SALib reads them: whitespace-separated, one row per line.
    public static func matrix(_ values: [Double], columns: Int) -> String {
        guard columns > 0 else { return "" }
        var text = ""
        text.reserveCapacity(values.count * 22)
        for (i, value) in values.enumerated() {
            text += "\(value)"
            text += (i + 1) % columns == 0 ? "\n" : " "
        }
        return text
    }

    static func number(_ value: Double) -> String {
        value.isFinite ? "\(value)" : ""
    }

    static func row(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// A CSV field, quoted when it holds a comma, quote or line break.
    public static func field(_ text: String) -> String {
        AllocationCSV.quoted(text)
    }
}

extension SensitivityCSV {
    /// `elasticities.csv`: `measure,year,output,parameter,elasticity,derivative,method`, the
    /// output a region code, the derivative in euros per unit of the parameter, the method
    /// `analytic` or `difference`; the elasticity is empty where the amount is 0.
    public static func elasticities(_ rows: [Elasticity]) -> String {
        var lines = ["measure,year,output,parameter,elasticity,derivative,method"]
        for row in rows {
            lines.append([field(row.measure), String(row.year), field(AllocationCSV.text(row.region)), field(AllocationCSV.text(row.parameter)), row.elasticity.map(number) ?? "", number(row.derivative),
                          row.analytic ? "analytic" : "difference"].joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

extension SensitivityCSV {
    /// `not_above_dummy.csv`: `measure,year,output,factor`, every output and factor whose
    /// total index (Sobol) or mu* (Morris) cannot be told from the dummy factor's: its
    /// interval reaches the upper end of the dummy's.
    public static func notAboveDummy(_ result: ScenarioSensitivity) -> String {
        var lines = ["measure,year,output,factor"]
        for (o, output) in result.outputs.enumerated() {
            for (g, factor) in result.factors.enumerated() where result.indistinguishableFromDummy(output: o, factor: g) {
                lines.append([field(output.measure), String(output.year), field(AllocationCSV.text(output.name)), field(AllocationCSV.text(factor))].joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
