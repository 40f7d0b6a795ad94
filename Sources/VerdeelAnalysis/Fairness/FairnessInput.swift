/// What the fairness metrics of one allocation are computed from: each region's amount
/// `a_i` and population `p_i` (table order, regions sorted by code), optionally a reference
/// criterion `r_i` (e.g. need) and a group label per region (e.g. province).
///
/// Per-capita amounts are `y_i = a_i / p_i`, `P = sum p_i`, `pi_i = p_i / P`,
/// `mu = sum pi_i y_i = sum a / P` and amount shares `s_i = a_i / sum a`.
public struct FairnessInput: Sendable {
    public let codes: [String]
    public let amounts: [Double]
    public let populations: [Double]
    public let reference: [Double]?
    public let groups: [String]?

    /// Validates the input: every population finite and above 0, amounts finite and >= 0,
    /// a reference finite, >= 0 and not 0 everywhere.
    public init(codes: [String], amounts: [Double], populations: [Double], reference: [Double]? = nil, groups: [String]? = nil) throws(FairnessError) {
        guard !codes.isEmpty, amounts.count == codes.count, populations.count == codes.count,
              reference.map({ $0.count == codes.count }) ?? true, groups.map({ $0.count == codes.count }) ?? true
        else { throw .shapeMismatch }
        for (index, population) in populations.enumerated() where !(population > 0 && population.isFinite) {
            throw .population(region: codes[index], value: population)
        }
        for (index, amount) in amounts.enumerated() where !(amount >= 0 && amount.isFinite) {
            throw .amount(region: codes[index], value: amount)
        }
        if let reference {
            for (index, value) in reference.enumerated() where !(value >= 0 && value.isFinite) {
                throw .reference(region: codes[index], value: value)
            }
            guard reference.reduce(0, +) > 0 else { throw .referenceSumsToZero }
        }
        self.codes = codes
        self.amounts = amounts
        self.populations = populations
        self.reference = reference
        self.groups = groups
    }

    /// The same regions with other amounts (e.g. the unrounded ones).
    public func with(amounts: [Double]) throws(FairnessError) -> FairnessInput {
        try FairnessInput(codes: codes, amounts: amounts, populations: populations, reference: reference, groups: groups)
    }

    var totalPopulation: Double { populations.reduce(0, +) }
    var totalAmount: Double { amounts.reduce(0, +) }
    var perCapita: [Double] { zip(amounts, populations).map { $0 / $1 } }
}

/// Why fairness metrics cannot be computed.
public enum FairnessError: Error, Equatable, Sendable, CustomStringConvertible {
    case shapeMismatch
    case population(region: String, value: Double)
    case amount(region: String, value: Double)
    case reference(region: String, value: Double)
    case referenceSumsToZero
    case unknownIndicator(String)
    case referenceCriterion(String)

    public var description: String {
        switch self {
        case .shapeMismatch:
            return "the fairness inputs do not have one value per region (please report this)"
        case .population(let region, let value):
            return "the population of region \(region) is \(value): per-capita amounts need a population above 0 for every region; name another population indicator in the fairness block or fix the data"
        case .amount(let region, let value):
            return "the amount of region \(region) is \(value); fairness needs finite amounts >= 0 (please report this)"
        case .reference(let region, let value):
            return "the fairness reference is \(value) for region \(region); it must be a finite number >= 0"
        case .referenceSumsToZero:
            return "the fairness reference is 0 for every region, so no region has a share of it; name another reference criterion"
        case .unknownIndicator(let name):
            return "the population indicator '\(name)' is not in the data (please report this)"
        case .referenceCriterion(let reason):
            return "the fairness reference cannot be computed: \(reason)"
        }
    }
}
