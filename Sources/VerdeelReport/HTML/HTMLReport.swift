import Foundation
import Mustache

/// The HTML report: one self-contained page (inline CSS, SVG and a little script; no
/// network, fonts or files of its own) with every section the run has data for, in the
/// language asked for; the synthetic-data notice as a banner and the provenance as the
/// footer. Built from `ReportInput`, so a scenario run in memory and an output folder give
/// the same report. Never more than `maximumBytes`.
public struct HTMLReport {
    /// The most a report may embed.
    public static let maximumBytes = 5_000_000

    public let input: ReportInput
    public let language: ReportLanguage

    public init(_ input: ReportInput, language: ReportLanguage = .nl) {
        self.input = input
        self.language = language
    }

    public func render() throws -> String {
        let context = ReportContext(input, language: language)
        var view: [String: Any] = [
            "lang": language.rawValue, "style": ReportTemplate.style, "script": ReportTemplate.script, "t": words,
            "title": context.say("Verdeelrapport: ", "Allocation report: ") + context.scenarioTitle(input.scenario),
            "subtitle": subtitle(context),
            "notes": NotesSection.build(context), "footer": NotesSection.footer(context),
        ]
        if input.provenance.syntheticData { view["synthetic"] = SyntheticNotice.text(language) }
        let sections: [(id: String, label: String, build: (ReportContext) -> [String: Any]?)] = [
            ("allocation", words["allocation"] ?? "", AllocationSection.build), ("change", words["change"] ?? "", ChangeSection.build),
            ("fairness", words["fairness"] ?? "", FairnessSection.build), ("montecarlo", words["montecarlo"] ?? "", MonteCarloSection.build),
            ("statistics", words["statistics"] ?? "", TablesSection.build),
            ("sweep", words["sweep"] ?? "", SweepSection.build), ("heatmap", words["heatmap"] ?? "", HeatmapSection.build),
            ("sensitivity", words["sensitivity"] ?? "", SensitivitySection.build),
        ]
        var contents = [[String: String]]()
        for section in sections {
            guard let built = section.build(context) else { continue }
            view[section.id] = Self.withoutNils(built)
            contents.append(["id": section.id, "label": section.label])
        }
        contents.append(["id": "notes", "label": words["notes"] ?? ""])
        contents.append(["id": "provenance", "label": words["provenance"] ?? ""])
        view["contents"] = contents
        let library = MustacheLibrary(templates: [
            "page": try MustacheTemplate(string: ReportTemplate.page), "table": try MustacheTemplate(string: ReportTemplate.table),
            "switcher": try MustacheTemplate(string: ReportTemplate.switcher),
        ])
        guard let html = library.render(Self.withoutNils(view), withTemplate: "page") else { throw ReportError.nothingToReport }
        let bytes = html.utf8.count
        if bytes > Self.maximumBytes { throw ReportError.tooLarge(bytes: bytes) }
        return html
    }

    private func subtitle(_ context: ReportContext) -> String {
        var parts = [String]()
        if let baseline = input.baseline.map(context.scenarioTitle) { parts.append(context.say("vergeleken met \(baseline)", "compared with \(baseline)")) }
        parts.append(context.say("gemaakt door", "made by") + " \(input.provenance.engine) \(input.provenance.engineVersion)")
        if let first = input.provenance.scenarioFiles.first { parts.append(context.say("uit ", "from ") + first.path) }
        return parts.joined(separator: " · ")
    }

    /// Mustache treats a missing key as false; a dictionary value that is nil is left out.
    static func withoutNils(_ view: [String: Any]) -> [String: Any] {
        var result = [String: Any]()
        for (key, value) in view {
            if case Optional<Any>.none = value as Any? { continue }
            if let optional = value as? OptionalProtocol, optional.isNone { continue }
            result[key] = (value as? [String: Any]).map(withoutNils) ?? value
        }
        return result
    }

    /// The page's own words, Dutch and English side by side.
    private static let vocabulary: [String: (dutch: String, english: String)] = [
        "attention": ("LET OP:", "NOTE:"),
        "allocation": ("Verdeling per gemeente", "Allocation per municipality"),
        "change": ("Winnaars en verliezers", "Winners and losers"),
        "fairness": ("Eerlijkheid", "Fairness"),
        "montecarlo": ("Onzekerheid (Monte Carlo)", "Uncertainty (Monte Carlo)"),
        "sweep": ("Gevoeligheid voor één parameter", "Sensitivity to one parameter"),
        "heatmap": ("Twee gewichten tegelijk", "Two weights at once"),
        "sensitivity": ("Wat bepaalt de bedragen?", "What drives the amounts?"),
        "notes": ("Waarschuwingen, oormerken en controles", "Warnings, earmarks and checks"),
        "provenance": ("Herkomst", "Provenance"),
        "allocationIntro": ("Het bedrag van elke gemeente per jaar, na afronding op hele euro's; de kolommen tellen op tot het budget na voorafnames. Klik op een kolomkop om te sorteren.", "Each municipality's amount per year, rounded to whole euros; the columns add up to the budget after top-slices. Click a column heading to sort."),
        "changeIntro": ("Het verschil per gemeente met het basisscenario: groen is meer, rood is minder. De stippellijnen zijn de verliesdrempels per inwoner uit het eerlijkheidsblok.", "Each municipality's change from the baseline: green is more, red is less. The dashed lines are the fairness block's loss thresholds per inhabitant."),
        "fairnessIntro": ("Ongelijkheid van de bedragen per inwoner, gewogen naar inwoners (0 is gelijk). De Lorenzcurve zet gemeenten op volgorde van bedrag per inwoner.", "Inequality of the amounts per inhabitant, weighted by inhabitants (0 is equal). The Lorenz curve orders municipalities by amount per inhabitant."),
        "montecarloIntro": ("Hoe ver onzekerheid in de gegevens elk bedrag kan verschuiven: per gemeente het bereik van P5 tot P95 en de mediaan over de trekkingen,", "How far uncertainty in the data can move each amount: per municipality the range from P5 to P95 and the median over the draws,"),
        "statistics": ("Meer uitkomsten over de trekkingen", "More results over the draws"),
        "statisticsIntro": ("De overige tabellen over de trekkingen van", "The other tables over the draws of"),
        "variant": ("variant", "variant"),
        "variants": ("varianten", "variants"),
        "sweepIntro": ("Het bedrag van elke gemeente (mediaan en P5-P95 over de trekkingen) tegen de parameter", "Each municipality's amount (median and P5-P95 over the draws) against the parameter"),
        "heatmapIntro": ("Per combinatie van de eerste twee gewichten de waarde in kleur: licht is laag, donker is hoog.", "For each combination of the first two weights the value in colour: light is low, dark is high."),
        "thirdWeight": ("Het derde gewicht,", "The third weight,"),
        "theOthers": ("is 100% min de andere twee.", "is 100% minus the other two."),
        "sensitivityIntro": ("Per gemeente en per eerlijkheidsmaat het aandeel van de spreiding dat elke factor verklaart: ST (licht) alles samen, S1 (donker) de factor alleen; de streepjes zijn de betrouwbaarheidsintervallen.", "For each municipality and fairness metric the share of the variance each factor explains: ST (light) all in all, S1 (dark) the factor alone; the whiskers are the confidence intervals."),
        "warnings": ("Waarschuwingen", "Warnings"),
        "noWarnings": ("Geen waarschuwingen.", "No warnings."),
        "assertions": ("Controles in het scenario", "Checks in the scenario"),
        "engine": ("Rekenkern", "Engine"),
        "seed": ("startwaarde", "seed"),
        "scenarioFiles": ("Scenariobestanden", "Scenario files"),
        "dataFiles": ("Gegevens", "Data"),
        "table": ("Tabel", "Table"),
        "file": ("Bestand", "File"),
        "source": ("Bron", "Source"),
        "synthetic": ("Synthetisch", "Synthetic"),
        "yes": ("ja", "yes"),
        "no": ("nee", "no"),
    ]

    private var words: [String: String] {
        Self.vocabulary.mapValues { language.pick($0.dutch, $0.english) }
    }
}

/// Lets `withoutNils` see through an `Optional` stored as `Any`.
protocol OptionalProtocol {
    var isNone: Bool { get }
}

extension Optional: OptionalProtocol {
    var isNone: Bool { self == nil }
}
