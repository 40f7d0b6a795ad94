/// The notice every output built on synthetic figures carries (the SES-WOA scores of all
/// but Aa en Hunze are generated, not CBS's), in the report's language.
public enum SyntheticNotice {
    public static func text(_ language: ReportLanguage) -> String {
        switch language {
        case .en: AllocationJSON.syntheticNotice
        case .nl:
            "Een deel van de invoer is SYNTHETISCH (in het datablok van het scenario gemarkeerd als 'synthetic', bijvoorbeeld de SES-WOA-scores): bedragen die daarvan afhangen zijn alleen ter demonstratie."
        }
    }
}
