import VerdeelCore
import VerdeelModel

/// Why a simulation run could not start or finish; each names where to look.
public enum SimulationError: SiteError, Sendable {
    /// The correlation matrix of the perturbed indicators is not positive definite.
    case correlationNotPositiveDefinite(SiteMessage)
    /// A perturbation's spread is negative or not finite for a region.
    case badSpread(SiteMessage)
    /// A plan built without the language says something the engine cannot run.
    case invalidPlan(String)
    /// A perturbed draw made a criterion invalid (negative, not finite, or all zero).
    case invalidDraw(draw: Int, CriterionError)
    /// The run would need more memory than the machine has.
    case tooLarge(neededBytes: Int, availableBytes: Int, limit: String, draws: Int, regions: Int)
    /// Data a variant needs (another vintage) cannot be loaded.
    case data(String)
    /// The baseline itself cannot be allocated.
    case baseline(AllocationError)
    /// Ctrl-C: the run stopped and wrote nothing.
    case interrupted
    /// A statistic could not keep what it made (the kept draws' working file could not be written).
    case statistic(String)

    public func described(by locator: any SiteLocator) -> String {
        switch self {
        case .correlationNotPositiveDefinite(let message), .badSpread(let message):
            return message.described(by: locator)
        case .invalidPlan(let text): return "the plan cannot be run: \(text)"
        case .invalidDraw(let draw, let error):
            return "draw \(draw): \(error); make the perturbation smaller, or use lognormal to keep values positive"
        case .tooLarge(let needed, let available, let limit, let draws, let regions):
            return "the run needs about \(Self.gigabytes(needed)) of memory (\(draws) draws x \(regions) regions per variant) but only \(Self.gigabytes(available)) is available (\(limit)); use fewer draws or variants, fewer threads (--threads 1) or a larger machine"
        case .data(let text): return text
        case .baseline(let error): return "the baseline cannot be allocated: \(error)"
        case .interrupted: return "interrupted: no output was written"
        case .statistic(let text): return "\(text); no output was written"
        }
    }

    public static func gigabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_073_741_824
        return value >= 10 ? "\(Int(value.rounded())) GB" : "\(Double(Int(value * 100)) / 100) GB"
    }
}
