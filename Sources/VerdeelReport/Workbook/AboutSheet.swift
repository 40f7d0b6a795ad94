import VerdeelCore

/// The workbook's first sheet: what it is, the scenarios, the synthetic-data notice (when
/// any table is synthetic), the engine, the seed, every scenario file with its SHA-256,
/// every data table with its source, and the run's warnings (in the workbook's language):
/// a reader of the workbook alone can tell where every figure comes from.
enum AboutSheet {
    static func sheet(_ provenance: Provenance, seed: UInt64?, warnings: [Words], language: ReportLanguage, names: PeopleNames) -> Workbook.Sheet {
        let say = { (dutch: String, english: String) in language.pick(dutch, english) }
        let document = provenance.document(seed: seed, warnings: warnings)
        var rows: [[Workbook.Cell]] = [[.heading(say("Uitkomsten van verdeel", "Results of verdeel"))], []]
        for (index, scenario) in (document.scenarios ?? []).enumerated() {
            rows.append([index == 0 ? .heading(say("Scenario's", "Scenarios")) : .empty, .text(scenario), .text(names.scenarioTitle(scenario))])
        }
        if document.syntheticData {
            rows.append([.heading(say("LET OP", "NOTE")), .heading(SyntheticNotice.text(language))])
        }
        rows.append([.text(say("Rekenkern", "Engine")), .text("\(document.engine) \(document.engineVersion)")])
        if let seed { rows.append([.text(say("Startwaarde (seed)", "Seed")), .number(Double(seed), .year)]) }
        rows.append([])
        rows.append([.heading(say("Scenariobestanden", "Scenario files")), .heading("SHA-256")])
        for file in document.scenarioFiles { rows.append([.text(file.path), .text(file.sha256)]) }
        rows.append([])
        rows.append([.heading(say("Gegevens", "Data")), .heading(say("Bestand", "File")), .heading(say("Bron", "Source")), .heading(say("Synthetisch", "Synthetic"))])
        for table in document.dataFiles {
            rows.append([.text("\(table.scenario): \(table.table)"), .text(table.path), .text(table.source ?? ""), .text(table.synthetic ? say("ja", "yes") : say("nee", "no"))])
        }
        if !warnings.isEmpty {
            rows.append([])
            rows.append([.heading(say("Waarschuwingen", "Warnings"))])
            for warning in warnings { rows.append([.text(language.pick(warning))]) }
        }
        return Workbook.Sheet(name: say("Over", "About"), header: [], rows: rows)
    }
}
