import VerdeelAnalysis

/// The terminal's view of a scenario's sensitivity analysis: per measure and year, for
/// every region (its whole-euro amount) and the Gini, the two factors with the largest
/// total index (Sobol) or mu* (Morris), with their intervals; a factor the dummy cannot
/// be told from is marked.
public struct SensitivitySummary {
    let result: ScenarioSensitivity
    let names: [String: String]

    /// `names` maps region codes to their names.
    public init(_ result: ScenarioSensitivity, regionNames: [String: String]) {
        self.result = result
        names = regionNames
    }

    /// The summary in `language`'s words and numbers.
    public func render(_ language: ReportLanguage = .en) -> String {
        let say = { (dutch: String, english: String) in language.pick(dutch, english) }
        let method = result.sobol != nil ? say("totale Sobol-index ST", "Sobol total index ST") : "Morris mu*"
        var lines = [say(
            "Gevoeligheid (\(method), \(result.rows) ontwerprijen; de belangrijkste factoren per uitkomst):",
            "Sensitivity (\(method), \(result.rows) design rows; leading factors per output):")]
        var current = ""
        for (o, output) in result.outputs.enumerated() where !output.name.hasPrefix("exact:") && (!output.name.hasPrefix("fairness:") || output.name == "fairness:gini") {
            let heading = "\(output.measure) \(output.year)"
            if heading != current {
                lines.append("  \(heading)")
                current = heading
            }
            let label = output.name.hasPrefix("fairness:") ? "Gini" : "\(output.name) \(names[output.name] ?? "")"
            lines.append("    \(label.padding(toLength: 28, withPad: " ", startingAt: 0)) \(leading(o, language))")
        }
        if result.dummy != nil { lines.append(say("  * niet te onderscheiden van de dummyfactor (schattingsruis)", "  * not distinguishable from the dummy factor (estimation noise)")) }
        return lines.joined(separator: "\n") + "\n"
    }

    private func leading(_ o: Int, _ language: ReportLanguage) -> String {
        let scores: [(Int, Double, Double)] = result.factors.indices.compactMap { g in
            guard g != result.dummy else { return nil }
            if let sobol = result.sobol { return (g, sobol[o].st[g], sobol[o].stConfidence[g]) }
            if let morris = result.morris { return (g, morris[o].muStar[g], morris[o].muStarConfidence[g]) }
            return nil
        }
        let top = scores.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(2)
        return top.map { g, value, half in
            let mark = result.indistinguishableFromDummy(output: o, factor: g) ? "*" : ""
            return "\(result.factors[g]) \(TextGrid.localised(Self.format(value), language)) +- \(TextGrid.localised(Self.format(half), language))\(mark)"
        }.joined(separator: ", ")
    }

    static func format(_ value: Double) -> String {
        let magnitude = abs(value)
        if magnitude >= 1000 { return String(Int64(value.rounded())) }
        return String(format: magnitude >= 1 ? "%.1f" : "%.3f", value)
    }
}
