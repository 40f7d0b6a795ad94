import VerdeelCore
import VerdeelModel

/// Checks parsed scenario files and lowers every scenario to a ``ScenarioPlan``: resolves
/// `extends` (a child changes only what it names), names, units, keys and budget years.
/// Collects every error it can find in one pass.
public struct Checker {
    /// One parsed file and the directory its relative paths start from.
    public struct Unit: Sendable {
        public let document: Document
        public let directory: String

        public init(document: Document, directory: String) {
            self.document = document
            self.directory = directory
        }
    }

    var diagnostics: [Diagnostic] = []
    private var reported: Set<Diagnostic> = []
    /// True when the files had syntax errors: statements were skipped, so checks that
    /// something is missing would only repeat those errors and are left out.
    var partial = false
    var declarations: [String: (declaration: ScenarioDeclaration, unit: Unit)] = [:]
    /// Each lowered scenario's merged chain, for its children (see `ancestry`).
    var inherited: [String: ScenarioDraft] = [:]
    var order: [String] = []
    /// The places the plans' sites stand for.
    var sources = SourceMap()

    /// Checks the files (the first is the main file) and returns a plan per scenario,
    /// in declaration order, or the diagnostics.
    public static func check(_ units: [Unit], partial: Bool = false) -> (plans: [ScenarioPlan], diagnostics: [Diagnostic], sources: SourceMap) {
        var checker = Checker()
        checker.partial = partial
        for unit in units {
            for line in unit.document.lines {
                guard case .scenario(let scenario) = line.node else { continue }
                if let existing = checker.declarations[scenario.name.text] {
                    let first = existing.unit.document.file.location(of: existing.declaration.name.range.start)
                    checker.error(scenario.name.range, unit, "scenario '\(scenario.name.text)' is declared twice (first at \(first))", suggestion: "give one of them another name")
                    continue
                }
                checker.declarations[scenario.name.text] = (scenario, unit)
                checker.order.append(scenario.name.text)
            }
        }
        if checker.order.isEmpty, !partial, let unit = units.first {
            checker.error(SourceRange(0, 0), unit, "the file declares no scenario", suggestion: "add one: scenario baseline { ... }")
        }
        var plans = [ScenarioPlan]()
        for name in checker.order {
            guard let chain = checker.chain(of: name) else { continue }
            if let plan = checker.lower(chain) { plans.append(plan) }
        }
        return (plans, checker.diagnostics, checker.sources)
    }

    /// A site of the plans for `range` of the unit's file.
    mutating func site(_ range: SourceRange, _ unit: Unit) -> Site {
        sources.site(range, in: unit.document.file)
    }

    /// Reports that something is missing, unless statements were skipped for syntax errors.
    mutating func missing(_ range: SourceRange, _ unit: Unit, _ message: String, suggestion: String? = nil) {
        if !partial { error(range, unit, message, suggestion: suggestion) }
    }

    /// Records an error once (the same error at the same place is not repeated); past a
    /// thousand errors the rest of a broken file is not reported.
    mutating func error(_ range: SourceRange, _ unit: Unit, _ message: String, suggestion: String? = nil) {
        guard diagnostics.count < Self.maximumErrors else { return }
        let diagnostic = Diagnostic(at: range, in: unit.document.file, message, suggestion: suggestion)
        if reported.insert(diagnostic).inserted { diagnostics.append(diagnostic) }
    }

    static let maximumErrors = 1_000

    /// The scenario and its ancestors, oldest first; `nil` (with a diagnostic) for an
    /// unknown parent or a cycle.
    mutating func chain(of name: String) -> [(declaration: ScenarioDeclaration, unit: Unit)]? {
        var chain = [(declaration: ScenarioDeclaration, unit: Unit)]()
        var seen = [String]()
        var seenSet = Set<String>()
        var next: String? = name
        while let current = next {
            guard let entry = declarations[current] else { return nil }
            if inherited[current] != nil, current != name {
                // Merged before, so its own chain is sound: the chain can stop here.
                chain.append(entry)
                break
            }
            if !seenSet.insert(current).inserted {
                let cycle = (seen.drop { $0 != current } + [current]).joined(separator: " -> ")
                if current == name {
                    error(entry.declaration.parent?.range ?? entry.declaration.name.range, entry.unit, "scenario '\(current)' extends itself: \(cycle)", suggestion: "remove one 'extends' from the cycle")
                }
                return nil
            }
            seen.append(current)
            chain.append(entry)
            if let parent = entry.declaration.parent {
                guard declarations[parent.text] != nil else {
                    if partial { return nil }
                    let suggestion = NearestName.find(parent.text, among: declarations.keys).map { "did you mean '\($0)'?" }
                    error(parent.range, entry.unit, "scenario '\(current)' extends unknown scenario '\(parent.text)'", suggestion: suggestion)
                    return nil
                }
            }
            next = entry.declaration.parent?.text
        }
        return chain.reversed()
    }
}
