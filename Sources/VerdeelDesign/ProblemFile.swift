import Foundation

/// Reads a problem the way SALib's command line does: a text file with one factor per line,
/// `name lower upper [group]` separated by blanks or commas (`#` starts a comment line;
/// group `NA` means no group), or a JSON object with SALib's keys `names`, `bounds` (one
/// `[lower, upper]` pair per name) and optionally `groups` (one per name).
public enum ProblemFile {
    public static func parse(name: String, text: String) throws(DesignError) -> SensitivityProblem {
        let trimmed = text.drop { $0.isWhitespace }
        if trimmed.first == "{" { return try parseJSON(name: name, text: text) }
        var factors = [SensitivityProblem.Factor]()
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let content = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !content.isEmpty, !content.hasPrefix("#") else { continue }
            let fields = content.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map(String.init)
            let location = "\(name):\(offset + 1)"
            guard fields.count >= 3 else {
                throw DesignError("\(location): '\(content)' needs a name, a lower and an upper bound (and optionally a group)")
            }
            guard let lower = Double(fields[1]), let upper = Double(fields[2]) else {
                throw DesignError("\(location): the bounds '\(fields[1])' and '\(fields[2])' must be numbers")
            }
            let group = fields.count > 3 && fields[3] != "NA" ? fields[3] : nil
            factors.append(.init(name: fields[0], lower: lower, upper: upper, group: group))
        }
        do {
            return try SensitivityProblem(factors: factors)
        } catch {
            throw DesignError("\(name): \(error.message)")
        }
    }

    private static func parseJSON(name: String, text: String) throws(DesignError) -> SensitivityProblem {
        let object: Any
        do {
            object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw DesignError("\(name): is not valid JSON (\(error.localizedDescription)); write {\"names\": [...], \"bounds\": [[lower, upper], ...]}")
        }
        guard let dictionary = object as? [String: Any], let names = dictionary["names"] as? [String] else {
            throw DesignError("\(name): needs a key \"names\" with a list of factor names")
        }
        guard let bounds = dictionary["bounds"] as? [[Double]], bounds.count == names.count, bounds.allSatisfy({ $0.count == 2 }) else {
            throw DesignError("\(name): needs a key \"bounds\" with one [lower, upper] pair of numbers per name (\(names.count) names)")
        }
        var groups: [String]?
        if let value = dictionary["groups"], !(value is NSNull) {
            guard let list = value as? [String], list.count == names.count else {
                throw DesignError("\(name): \"groups\" must name one group per factor (\(names.count) names)")
            }
            groups = list
        }
        let factors = names.indices.map { i in
            SensitivityProblem.Factor(name: names[i], lower: bounds[i][0], upper: bounds[i][1], group: groups?[i])
        }
        do {
            return try SensitivityProblem(factors: factors)
        } catch {
            throw DesignError("\(name): \(error.message)")
        }
    }
}
