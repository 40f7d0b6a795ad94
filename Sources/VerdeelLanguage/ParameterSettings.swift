import Foundation
import VerdeelCore
import VerdeelModel

/// Parameters set on the command line without editing the scenario file (`--set NAME=VALUE`),
/// checked as the language checks a file: the names are a measure's parameters as variants
/// name them, values are the language's numbers (`70%`, `200k`, `1.2M`), and every mistake
/// is a diagnostic located in its setting, with the nearest name as a suggestion.
///
/// - `MEASURE.weight.CRITERION=P%`: a key weight; the weights not set keep their proportions
///   and fill the rest exactly: `w_k' = w_k (1 - S) / (1 - W)` for the set weights' sum `S`
///   and the old weights `W` of those set (equal parts of `1 - S` when `W` is 100%).
/// - `MEASURE.base=AMOUNT`: the fixed base of every region (whole euros under euro rounding).
/// - `MEASURE.budget.YEAR=AMOUNT`, `MEASURE.budget.FIRST-LAST=AMOUNT`: budgets of years the
///   measure has.
/// - `MEASURE.topslice.NAME=P%` or `=AMOUNT`: a top-slice's size.
public struct ParameterSettings: Sendable {
    /// The settings as given, e.g. `jongerenwerk.weight.need=70%`.
    public let texts: [String]

    public init(_ texts: [String]) {
        self.texts = texts
    }

    /// The plan with every setting applied, named `NAME (set A=1, B=2)` (without its title,
    /// which names the file's scenario) and recording the settings; or the diagnostics, each
    /// located in its setting. No settings: the plan.
    public func apply(to plan: ScenarioPlan) -> Result<ScenarioPlan, ParameterSettingsError> {
        guard !texts.isEmpty else { return .success(plan) }
        return measures(plan.measures, of: plan.name).map { measures in
            plan.with(name: "\(plan.name) (set \(texts.joined(separator: ", ")))", title: nil, measures: measures, settings: texts)
        }
    }

    /// The measures of scenario `scenario` with every setting applied, or the diagnostics
    /// (what a file's `set` statements do).
    public func measures(_ measures: [PlannedMeasure], of scenario: String) -> Result<[PlannedMeasure], ParameterSettingsError> {
        var reader = SettingReader(scenario: scenario, measures: measures)
        let parsed = texts.compactMap { reader.parse($0) }
        var measures = measures
        if reader.diagnostics.isEmpty {
            for (index, planned) in measures.enumerated() {
                let own = parsed.filter { $0.measure == planned.id }
                guard !own.isEmpty, let measure = reader.applied(own, to: planned.measure) else { continue }
                measures[index] = PlannedMeasure(id: planned.id, title: planned.title, measure: measure)
            }
        }
        guard reader.diagnostics.isEmpty else { return .failure(ParameterSettingsError(diagnostics: reader.diagnostics)) }
        return .success(measures)
    }

    /// Each setting as a scenario file's statement, `set NAME = VALUE` with the value as the
    /// language reads it (what ``measures(_:of:)`` applies); nil when a setting has a mistake.
    public func statements(in plan: ScenarioPlan) -> [String]? {
        var reader = SettingReader(scenario: plan.name, measures: plan.measures)
        let parsed = texts.compactMap { reader.parse($0) }
        guard reader.diagnostics.isEmpty else { return nil }
        return parsed.map { "set \($0.name) = \($0.value.text)" }
    }

    /// Every name a plan's parameters can be set by, measure by measure.
    public static func names(in plan: ScenarioPlan) -> [String] {
        names(of: plan.measures)
    }

    /// Every name the measures' parameters can be set by.
    static func names(of measures: [PlannedMeasure]) -> [String] {
        measures.flatMap { planned in
            let measure = planned.measure
            return measure.key.terms.map { "\(planned.id).weight.\($0.criterion.name)" } + ["\(planned.id).base"]
                + measure.budgets.keys.sorted().map { "\(planned.id).budget.\($0)" } + measure.topslices.map { "\(planned.id).topslice.\($0.name)" }
        }
    }
}

/// Settings that cannot be applied, as located diagnostics.
public struct ParameterSettingsError: Error, CustomStringConvertible {
    public let diagnostics: [Diagnostic]

    public var description: String { diagnostics.map(\.rendered).joined() }
}

/// One setting read: which parameter of which measure, and its value.
struct ParameterSetting {
    enum Parameter: Equatable {
        case weight(String)
        case base
        case budget(ClosedRange<Int>)
        case topslice(String)
    }

    let text: String
    let file: SourceFile
    /// The parameter's name as set, e.g. `jongerenwerk.weight.need`.
    let name: String
    let measure: String
    let parameter: Parameter
    let value: Literal
}

/// Reads settings against a plan and applies them to its measures, collecting diagnostics.
struct SettingReader {
    let scenario: String
    let measures: [PlannedMeasure]
    var diagnostics = [Diagnostic]()
    /// The names set so far, so none is set twice.
    private var parsedNames = Set<String>()

    init(scenario: String, measures: [PlannedMeasure]) {
        (self.scenario, self.measures) = (scenario, measures)
    }

    mutating func error(_ range: SourceRange, _ file: SourceFile, _ message: String, suggestion: String? = nil) {
        diagnostics.append(Diagnostic(at: range, in: file, message, suggestion: suggestion))
    }

    /// One `NAME=VALUE`, its name checked against the plan and its value read as a number.
    mutating func parse(_ text: String) -> ParameterSetting? {
        let file = SourceFile(name: "--set", text: text)
        let scalars = Array(text.unicodeScalars)
        guard let equals = scalars.firstIndex(of: "=") else {
            error(SourceRange(0, scalars.count), file, "a setting is NAME=VALUE", suggestion: "e.g. --set \(ParameterSettings.names(of: measures).first { $0.hasSuffix(".base") } ?? "measure.base")=200k")
            return nil
        }
        let name = String(String.UnicodeScalarView(scalars[..<equals]))
        let nameRange = SourceRange(0, equals)
        guard let (measure, parameter) = resolve(name, nameRange, file) else { return nil }
        guard let value = literal(after: equals, in: file, count: scalars.count) else { return nil }
        if parsedNames.contains(name) {
            error(nameRange, file, "\(name) is set twice", suggestion: "set each parameter once")
            return nil
        }
        parsedNames.insert(name)
        return ParameterSetting(text: text, file: file, name: name, measure: measure, parameter: parameter, value: value)
    }

    /// The measure and parameter a name stands for, or a diagnostic with the nearest name.
    private mutating func resolve(_ name: String, _ range: SourceRange, _ file: SourceFile) -> (String, ParameterSetting.Parameter)? {
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        let known = ParameterSettings.names(of: measures)
        func unknown(_ what: String) -> (String, ParameterSetting.Parameter)? {
            let ofMeasure = known.filter { $0.hasPrefix(parts[0] + ".") }
            let suggestion = NearestName.find(name, among: known).map { "did you mean '\($0)'?" }
                ?? (ofMeasure.isEmpty ? "the measures are \(measures.map(\.id).joined(separator: ", "))" : "its parameters are \(ofMeasure.joined(separator: ", "))")
            error(range, file, what, suggestion: suggestion)
            return nil
        }
        guard let planned = measures.first(where: { $0.id == parts[0] }) else {
            return unknown("scenario '\(scenario)' has no measure '\(parts[0])'")
        }
        let measure = planned.measure
        switch (parts.count, parts.count > 1 ? parts[1] : "") {
        case (3, "weight"):
            guard measure.key.terms.contains(where: { $0.criterion.name == parts[2] }) else {
                return unknown("criterion '\(parts[2])' is not in the key of measure '\(parts[0])'")
            }
            guard measure.key.terms.count >= 2 else {
                error(range, file, "the key of measure '\(parts[0])' has one criterion, whose weight must stay 100%")
                return nil
            }
            return (parts[0], .weight(parts[2]))
        case (2, "base"):
            return (parts[0], .base)
        case (3, "budget"):
            let bounds = parts[2].split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
            guard let first = bounds.first ?? nil, let last = bounds.last ?? nil, bounds.count <= 2, first <= last else {
                return unknown("'\(parts[2])' is not a year or a range of years such as 2027-2029")
            }
            if let missing = (first...last).first(where: { measure.budgets[$0] == nil }) {
                error(range, file, "measure '\(parts[0])' has no budget in \(missing) to set", suggestion: "its budget years are \(measure.budgets.keys.sorted().map(String.init).joined(separator: ", "))")
                return nil
            }
            return (parts[0], .budget(first...last))
        case (3, "topslice"):
            guard measure.topslices.contains(where: { $0.name == parts[2] }) else { return unknown("measure '\(parts[0])' has no top-slice '\(parts[2])'") }
            return (parts[0], .topslice(parts[2]))
        default:
            return unknown("'\(name)' names no parameter")
        }
    }

    /// The one number after `=`, read by the language's lexer.
    private mutating func literal(after equals: Int, in file: SourceFile, count: Int) -> Literal? {
        let lexed = Lexer.tokenize(file)
        let tokens = lexed.tokens.filter { $0.range.start > equals && $0.kind != .end && $0.kind != .newline }
        let problems = lexed.diagnostics.filter { $0.location.column > equals + 1 }
        guard problems.isEmpty else {
            diagnostics += problems
            return nil
        }
        let range = SourceRange(equals + 1, max(equals + 1, count))
        guard tokens.count == 1, let token = tokens.first else {
            let negative = tokens.first?.kind == .symbol("-")
            error(range, file, negative ? "a setting's value cannot be negative" : "the value is one number", suggestion: "e.g. 70% for a weight, 200k or 1.2M for an amount")
            return nil
        }
        switch token.kind {
        case .percent(let value): return Literal(unit: .percent, value: value, text: token.text, range: token.range)
        case .amount(let value): return Literal(unit: .amount, value: value, text: token.text, range: token.range)
        case .number(let value): return Literal(unit: .plain, value: value, text: token.text, range: token.range)
        default:
            error(range, file, "the value is one number", suggestion: "e.g. 70% for a weight, 200k or 1.2M for an amount")
            return nil
        }
    }
}
