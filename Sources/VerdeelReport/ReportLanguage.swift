import VerdeelCore

/// The language of the words a workbook or report shows (sheet names, column headings,
/// section titles): Dutch by default, for the steering groups that read them; English on
/// request. Data (scenario, measure and region names) is shown as the scenario has it.
public enum ReportLanguage: String, Sendable, CaseIterable {
    case nl, en

    /// `dutch` in Dutch, `english` in English.
    public func pick(_ dutch: String, _ english: String) -> String {
        self == .nl ? dutch : english
    }

    /// The words in this language.
    public func pick(_ words: Words) -> String {
        words.text(dutch: self == .nl)
    }
}
