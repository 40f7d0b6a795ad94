import Foundation

/// Sheet names as spreadsheets accept them: at most 31 characters, none of `[]:*?/\`,
/// not empty, and unique without regard to case (a repeated name gets " (2)", " (3)", ...).
enum SheetNames {
    static let maximumLength = 31

    static func unique(_ names: [String]) -> [String] {
        var taken = Set<String>()
        return names.map { name in
            let cleaned = clean(name)
            var candidate = cleaned
            var number = 2
            while taken.contains(candidate.lowercased()) {
                let suffix = " (\(number))"
                candidate = String(cleaned.prefix(maximumLength - suffix.count)) + suffix
                number += 1
            }
            taken.insert(candidate.lowercased())
            return candidate
        }
    }

    static func clean(_ name: String) -> String {
        let forbidden = Set("[]:*?/\\")
        let kept = String(name.map { forbidden.contains($0) ? "-" : $0 }).trimmingCharacters(in: .whitespaces)
        let trimmed = kept.hasPrefix("'") || kept.hasSuffix("'") ? kept.trimmingCharacters(in: CharacterSet(charactersIn: "'")) : kept
        return trimmed.isEmpty ? "Blad" : String(trimmed.prefix(maximumLength))
    }
}
