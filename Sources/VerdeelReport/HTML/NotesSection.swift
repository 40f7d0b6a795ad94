import VerdeelTables
import Foundation
import VerdeelData

/// What the reader must know besides the figures: the run's warnings, the earmarks (the
/// least each municipality must spend on a purpose, and whether it is met), and the
/// scenario's assertions with their results.
enum NotesSection {
    static func build(_ context: ReportContext) -> [String: Any] {
        let numbers = context.numbers, scenario = context.input.scenario
        var earmarks = [String: (measure: String, purpose: String, required: Decimal, met: Bool, years: Set<Int>)]()
        var order = [String]()
        for row in context.input.rows("earmarks") where row["scenario"] == scenario {
            guard let measure = row["measure"], let purpose = row["purpose"], let year = row["year"].flatMap(Int.init),
                let required = row["required"].flatMap({ Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) })
            else { continue }
            let key = measure + "\u{1}" + purpose
            if earmarks[key] == nil { order.append(key); earmarks[key] = (measure, purpose, 0, true, []) }
            guard var earmark = earmarks[key] else { continue }
            earmark.required += required
            earmark.met = earmark.met && row["met"] == "true"
            earmark.years.insert(year)
            earmarks[key] = earmark
        }
        let earmarkRows = order.compactMap { earmarks[$0] }.map { earmark -> [String: Any] in
            let years = earmark.years.sorted()
            return ["cells": [
                PageCell.text(context.measureTitle(earmark.measure)), PageCell.text(earmark.purpose),
                PageCell.text(years.count > 1 ? "\(years.first ?? 0)–\(years.last ?? 0)" : years.map(String.init).joined()),
                PageCell.euros(earmark.required, numbers, year: false), PageCell.text(earmark.met ? context.say("ja", "yes") : context.say("nee", "no")),
            ]]
        }
        let assertions = context.input.assertions.filter { $0.scenario == scenario || $0.scenario == context.input.baseline }.map {
            ["scenario": $0.scenario, "text": $0.text, "met": $0.met, "result": $0.met ? context.say("klopt", "holds") : context.say("klopt NIET", "does NOT hold")] as [String: Any]
        }
        return [
            "warnings": context.input.provenance.warnings(in: context.language), "hasWarnings": !context.input.provenance.warnings.isEmpty,
            "earmarks": earmarkRows.isEmpty ? nil as Any? as Any : [
                "caption": context.say("Oormerken: wat elke gemeente minstens aan het doel besteedt (alle gemeenten en jaren samen)", "Earmarks: the least each municipality spends on the purpose (all municipalities and years)"),
                "head": [context.say("maatregel", "measure"), context.say("doel", "purpose"), context.say("jaren", "years"), context.say("minimaal", "at least"),
                         context.say("voldaan", "met")].enumerated().map { ["text": $1, "numeric": $0 == 3] as [String: Any] },
                "rows": earmarkRows, "footer": [] as [Any],
            ] as [String: Any],
            "assertions": assertions, "hasAssertions": !assertions.isEmpty,
        ]
    }

    /// The provenance as the footer shows it.
    static func footer(_ context: ReportContext) -> [String: Any] {
        let document = context.input.provenance
        return [
            "engine": "\(document.engine) \(document.engineVersion)",
            "seed": document.seed.map(String.init) ?? "",
            "scenarioFiles": document.scenarioFiles.map { ["path": $0.path, "sha256": $0.sha256] },
            "dataFiles": document.dataFiles.filter { $0.scenario == context.input.scenario || $0.scenario == context.input.baseline || (document.scenarios ?? []).count <= 1 }
                .map { ["scenario": $0.scenario, "table": $0.table, "path": $0.path, "source": $0.source ?? "", "synthetic": $0.synthetic] as [String: Any] },
        ]
    }
}
