/// The Dutch words for the run's column and table names (`--lang nl`, the default); in
/// English a name is shown with its underscores as spaces. A name not listed is shown as it is.
enum Vocabulary {
    static let dutchColumns: [String: String] = [
        "scenario": "scenario", "measure": "maatregel", "measure_name": "naam maatregel", "component": "onderdeel", "year": "jaar",
        "region": "code", "region_name": "gemeente", "amount": "bedrag", "exact": "exact", "inhabitants": "inwoners",
        "amount_per_inhabitant": "per inwoner", "name": "naam", "purpose": "doel", "required": "minimaal", "met": "voldaan",
        "metric": "maat", "value": "waarde", "value_exact": "waarde exact", "rank": "rang", "population_share": "aandeel inwoners",
        "amount_share": "aandeel bedrag", "variant": "variant", "mean": "gemiddelde", "sd": "standaardafwijking", "p05": "P5",
        "p50": "P50", "p95": "P95", "p_below_baseline": "kans lager dan basis", "baseline": "basis", "from": "van", "to": "naar",
        "amount_from": "bedrag van", "amount_to": "bedrag naar", "change": "verschil", "change_percent": "verschil (%)",
        "change_per_inhabitant": "verschil per inwoner", "output": "uitkomst", "factor": "factor", "factor_1": "factor 1",
        "factor_2": "factor 2", "elasticity": "elasticiteit", "derivative": "afgeleide", "method": "methode",
        "parameter": "parameter", "provision": "bepaling", "contribution": "bijdrage", "per_inhabitant": "per inwoner",
        "standard_error": "standaardfout", "loss_per_inhabitant": "verlies per inwoner", "p_loss": "kans op verlies",
        "reason": "reden", "total": "totaal",
    ]

    static let dutchTables: [String: String] = [
        "allocations": "Bedragen (lijst)", "topslices": "Voorafnames", "earmarks": "Oormerken", "fairness": "Eerlijkheid",
        "lorenz": "Lorenzcurve", "variants": "Varianten", "summary": "Monte Carlo", "infeasible": "Onuitvoerbaar",
        "fairness_summary": "Eerlijkheid Monte Carlo", "losses": "Verliezen", "ranks": "Rangen", "compare": "Vergelijking",
        "explain": "Verklaring", "sobol": "Sobol-indices", "s2": "Sobol tweede orde", "morris": "Morris",
        "elasticities": "Elasticiteiten", "not_above_dummy": "Niet boven dummy",
    ]

    static let englishTables: [String: String] = ["allocations": "Amounts (list)", "summary": "Monte Carlo", "fairness_summary": "Fairness Monte Carlo"]

    static func column(_ name: String, _ language: ReportLanguage) -> String {
        switch language {
        case .nl: dutchColumns[name] ?? name
        case .en: name.replacingOccurrences(of: "_", with: " ")
        }
    }

    static func table(_ name: String, _ language: ReportLanguage) -> String {
        switch language {
        case .nl: dutchTables[name] ?? name
        case .en: englishTables[name] ?? (name.prefix(1).uppercased() + name.dropFirst()).replacingOccurrences(of: "_", with: " ")
        }
    }
}
