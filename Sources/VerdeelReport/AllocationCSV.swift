import Foundation
import VerdeelCore
import VerdeelSimulation

/// The output contract read by other tools and CI: `allocations.csv` with one row per
/// scenario, measure, component, year and region, and `topslices.csv`. The `dutch` style
/// uses `;` and a decimal comma for Dutch spreadsheets.
public struct AllocationCSV {
    public enum Style: Sendable { case standard, dutch }

    public let runs: [ScenarioRun]
    public let style: Style

    public init(_ runs: [ScenarioRun], style: Style = .standard) {
        self.runs = runs
        self.style = style
    }

    public static let allocationsHeader = ["scenario", "measure", "component", "year", "region", "region_name", "amount", "exact"]
    public static let topslicesHeader = ["scenario", "measure", "year", "name", "amount"]

    /// `allocations.csv`: amount in whole euros (or cents) after rounding, exact unrounded.
    public func allocations() -> String {
        var rows = [Self.allocationsHeader]
        for run in runs {
            for measure in run.allocations {
                for year in measure.years {
                    for component in year.components {
                        for region in component.regions {
                            rows.append([
                                run.plan.name, measure.measure, component.component ?? "", String(year.year), region.region.code,
                                region.region.name, money(region.amount), decimal(region.exact),
                            ])
                        }
                    }
                }
            }
        }
        return render(rows)
    }

    /// `topslices.csv`: one row per top-slice and year.
    public func topslices() -> String {
        var rows = [Self.topslicesHeader]
        for run in runs {
            for measure in run.allocations {
                for year in measure.years {
                    for topslice in year.topslices {
                        rows.append([run.plan.name, measure.measure, String(year.year), topslice.name, money(topslice.amount)])
                    }
                }
            }
        }
        return render(rows)
    }

    private var separator: String { style == .dutch ? ";" : "," }

    func money(_ money: Money) -> String {
        let text = money.cents % 100 == 0 ? String(money.cents / 100) : String(format: "%.2f", money.euros)
        return style == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    func decimal(_ value: Double) -> String {
        let text = String(format: "%.6f", value)
        return style == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    private func render(_ rows: [[String]]) -> String {
        rows.map { $0.map(quote).joined(separator: separator) }.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting where a field holds the separator, a quote or a line break.
    private func quote(_ field: String) -> String {
        Self.quoted(field, separator: separator)
    }

    static func quoted(_ field: String, separator: String = ",") -> String {
        guard field.contains(separator) || field.contains("\"") || field.contains("\n") else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
