import Foundation
import VerdeelCore
import VerdeelData
import VerdeelSimulation

/// The output contract read by other tools and CI: `allocations.csv` with one row per
/// scenario, measure, component, year and region, and `topslices.csv`. The `dutch` style
/// is what Dutch Excel opens as it is: a UTF-8 byte-order mark (so that names such as
/// Súdwest-Fryslân show correctly), `;` between fields, a decimal comma, and the measure's
/// display name (`measure_name`) next to its identifier. Each amount has the region's
/// inhabitants and the amount per inhabitant next to it (`amount / inhabitants`, empty when
/// the data has no `inhabitants` or the region has none).
public struct AllocationCSV {
    public enum Style: Sendable { case standard, dutch }

    public let runs: [ScenarioRun]
    public let style: Style

    public init(_ runs: [ScenarioRun], style: Style = .standard) {
        self.runs = runs
        self.style = style
    }

    public static let allocationsHeader = ["scenario", "measure", "component", "year", "region", "region_name", "amount", "exact", "inhabitants", "amount_per_inhabitant"]
    public static let topslicesHeader = ["scenario", "measure", "year", "name", "amount"]
    /// The UTF-8 byte-order mark that starts every `dutch` file.
    public static let byteOrderMark = "\u{FEFF}"

    /// `allocations.csv`: amount in whole euros (or cents) after rounding, exact unrounded.
    public func allocations() -> String {
        var rows = [withMeasureName(Self.allocationsHeader)]
        for run in runs {
            let people = Inhabitants(run)
            for (index, measure) in run.allocations.enumerated() {
                for year in measure.years {
                    for component in year.components {
                        for region in component.regions {
                            let inhabitants = people.count(region.region.code)
                            rows.append(withMeasureName([
                                run.plan.name, measure.measure, Self.text(component.component ?? ""), String(year.year), Self.text(region.region.code),
                                Self.text(region.region.name), money(region.amount), decimal(region.exact),
                                inhabitants.map { number($0) } ?? "", inhabitants.map { decimal(region.amount.euros / $0) } ?? "",
                            ], Self.text(title(run, index))))
                        }
                    }
                }
            }
        }
        return render(rows)
    }

    /// `topslices.csv`: one row per top-slice and year.
    public func topslices() -> String {
        var rows = [withMeasureName(Self.topslicesHeader)]
        for run in runs {
            for (index, measure) in run.allocations.enumerated() {
                for year in measure.years {
                    for topslice in year.topslices {
                        rows.append(withMeasureName([run.plan.name, measure.measure, String(year.year), Self.text(topslice.name), money(topslice.amount)], Self.text(title(run, index))))
                    }
                }
            }
        }
        return render(rows)
    }

    public static let earmarksHeader = ["scenario", "measure", "year", "purpose", "region", "region_name", "required", "amount", "met"]

    /// `earmarks.csv`: per earmark, year and region the least amount to spend on the
    /// purpose (rounded up to the unit), the region's amount, and whether it is met (always
    /// `yes`: an earmark is a share of the region's own amount and moves no money); nil
    /// when no measure has an earmark.
    public func earmarks() -> String? {
        var rows = [withMeasureName(Self.earmarksHeader)]
        for run in runs {
            for (index, measure) in run.allocations.enumerated() {
                for year in measure.years {
                    for earmark in year.earmarks {
                        guard let region = year.components.first?.regions.first(where: { $0.region.code == earmark.region })?.region,
                            let amount = year.amount(for: earmark.region)
                        else { continue }
                        rows.append(withMeasureName([
                            run.plan.name, measure.measure, String(year.year), Self.text(earmark.purpose), Self.text(region.code),
                            Self.text(region.name), money(earmark.minimum), money(amount), earmark.minimum <= amount ? "yes" : "no",
                        ], Self.text(title(run, index))))
                    }
                }
            }
        }
        return rows.count > 1 ? render(rows) : nil
    }

    private var separator: String { style == .dutch ? ";" : "," }

    /// In the `dutch` style, the measure's display name after its identifier (field 2).
    private func withMeasureName(_ fields: [String], _ title: String = "measure_name") -> [String] {
        guard style == .dutch else { return fields }
        var fields = fields
        fields.insert(title, at: 2)
        return fields
    }

    private func title(_ run: ScenarioRun, _ measure: Int) -> String {
        run.plan.measures.indices.contains(measure) ? run.plan.measures[measure].title : run.allocations[measure].measure
    }

    func money(_ money: Money) -> String {
        let text = money.cents % 100 == 0 ? String(money.cents / 100) : String(format: "%.2f", money.euros)
        return style == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// A count as it is, e.g. "241700" (decimals only when the data has them).
    func number(_ value: Double) -> String {
        let text = value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
        return style == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    func decimal(_ value: Double) -> String {
        let text = String(format: "%.6f", value)
        return style == .dutch ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    private func render(_ rows: [[String]]) -> String {
        (style == .dutch ? Self.byteOrderMark : "") + rows.map { $0.map(quote).joined(separator: separator) }.joined(separator: "\n") + "\n"
    }

    /// RFC 4180 quoting where a field holds the separator, a quote or a line break.
    private func quote(_ field: String) -> String {
        Self.quoted(field, separator: separator)
    }

    /// A text cell as spreadsheets must not run it: one that starts with `=`, `+`, `-`, `@`,
    /// a tab or a carriage return (a formula to Excel and LibreOffice) gets a leading `'`,
    /// which spreadsheets show as text. Numbers never pass through here.
    public static func text(_ field: String) -> String {
        guard let first = field.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return field }
        return "'" + field
    }

    static func quoted(_ field: String, separator: String = ",") -> String {
        CSVFile.quoted(field, separator: separator)
    }
}
