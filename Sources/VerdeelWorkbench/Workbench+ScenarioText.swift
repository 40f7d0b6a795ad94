import Foundation
import VerdeelModel
import VerdeelReport

extension Workbench {
    /// The changes of `request` as a scenario file ("save as scenario"): it includes the
    /// file the scenario is in and declares a scenario that `extends` it with one `set`
    /// statement per change, in order, so `verdeel run` on it allocates exactly what the
    /// workbench showed. Saved next to that file (the bundled scenario: in verdeel's
    /// `Scenarios` folder), it runs as it is. The changes are checked (and the scenario
    /// allocated) as ``allocate(_:)`` does.
    public func scenarioText(_ request: AllocationRequest, language: ReportLanguage) throws(WorkbenchError) -> (name: String, text: String) {
        let (start, file) = try scenario(request.scenario, field: "scenario")
        _ = try allocate(AllocationRequest(scenario: request.scenario, changes: request.changes, tables: []))
        let known = Set(files.flatMap { $0.plans.map(\.name) })
        let stem = start.plan.name + "_workbench"
        var name = stem, number = 2
        while known.contains(name) {
            name = "\(stem)_\(number)"
            number += 1
        }
        let included = (file.path as NSString).lastPathComponent
        let title = (start.plan.title ?? start.plan.name) + language.pick(", gewijzigd in de werkbank", ", changed in the workbench")
        let header = [
            language.pick("Scenario '\(start.plan.name)' met de wijzigingen uit de werkbank van verdeel.", "Scenario '\(start.plan.name)' with the changes made in the verdeel workbench."),
            language.pick("Zet dit bestand naast \(included); 'verdeel run \(name).verdeel' verdeelt het.", "Save this file next to \(included); 'verdeel run \(name).verdeel' allocates it."),
        ]
        guard let text = changeReader.scenarioText(extending: start.plan, named: name, title: title, included: included, header: header, changes: request.changes) else {
            throw WorkbenchError(.unprocessable, field: "changes", "the changes cannot be written as a scenario")
        }
        return (name + ".verdeel", text)
    }
}
