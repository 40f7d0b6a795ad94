import VerdeelSimulation

/// A parameter's name for people, in Dutch and English, made from its id and the scenario's
/// measure titles, for headings, captions and chart axes (the id stays the column for
/// scripts): `jongerenwerk.weight.need` is "weight of need in Jongerenwerk (%)" and
/// "gewicht van need in Jongerenwerk (%)", `wijk.base` "base of Wijk- en dorpsondersteuning
/// (EUR)", `perturb.ses_woa_mean` "ses_woa_mean (measurement error)". A measure is named by
/// its title up to the first comma (`Jongerenwerk, opbouwwerk, ...` is `Jongerenwerk`); a
/// criterion, indicator or table by its name in the scenario. An id of no known shape is
/// its own name.
public struct ParameterWords: Sendable {
    /// Each measure's title by its id.
    public let measureTitles: [String: String]
    /// Each region's name by its code, for a perturbation per region.
    public let regionNames: [String: String]

    public init(measureTitles: [String: String], regionNames: [String: String] = [:]) {
        self.measureTitles = measureTitles
        self.regionNames = regionNames
    }

    /// The words of a run's parameters: its measures' titles and its regions' names.
    public init(_ run: ScenarioRun) {
        self.init(measureTitles: Dictionary(run.plan.measures.map { ($0.id, $0.title) }) { first, _ in first }, regionNames: run.table.regionNames)
    }

    public func dutch(_ id: String) -> String { words(id, dutch: true) }

    public func english(_ id: String) -> String { words(id, dutch: false) }

    /// The words in the language given.
    public func words(_ id: String, in language: ReportLanguage) -> String { words(id, dutch: language == .nl) }

    private func words(_ id: String, dutch: Bool) -> String {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let say = { (nl: String, en: String) in dutch ? nl : en }
        guard parts.count >= 2 else { return id == "dummy" ? say("dummy (ruisgrens)", "dummy (noise floor)") : id }
        let measure = short(parts[0])
        switch (parts[0], parts[1], parts.count) {
        case ("perturb", _, 2): return say("\(parts[1]) (meetfout)", "\(parts[1]) (measurement error)")
        case ("perturb", _, 3): return say("\(parts[1]) (meetfout), \(region(parts[2]))", "\(parts[1]) (measurement error), \(region(parts[2]))")
        case ("criterion", _, 2): return say("definitie van \(parts[1])", "definition of \(parts[1])")
        case ("vintage", _, 2): return say("jaargang van \(parts[1])", "vintage of \(parts[1])")
        case (_, "weight", 3): return say("gewicht van \(parts[2]) in \(measure) (%)", "weight of \(parts[2]) in \(measure) (%)")
        case (_, "key", 2): return say("verdeelsleutel van \(measure)", "key of \(measure)")
        case (_, "key", 3): return say("verdeelsleutel van \(measure), deel \(parts[2])", "key of \(measure), part \(parts[2])")
        case (_, "base", 2): return say("vaste voet van \(measure) (EUR)", "base of \(measure) (EUR)")
        case (_, "budget", 3): return say("budget van \(measure) in \(parts[2]) (EUR)", "budget of \(measure) in \(parts[2]) (EUR)")
        case (_, "topslice", 3): return say("voorafuitname \(parts[2]) van \(measure)", "top-slice \(parts[2]) of \(measure)")
        default: return id
        }
    }

    /// A measure's title up to its first comma, or its id.
    private func short(_ measure: String) -> String {
        guard let title = measureTitles[measure] else { return measure }
        return title.split(separator: ",", maxSplits: 1).first.map(String.init) ?? title
    }

    private func region(_ code: String) -> String { regionNames[code] ?? code }
}
