import Foundation

/// Which part of a run this process computes (`--shard I/N`, I from 1): from the option, or
/// from the environment of a Slurm job array (`SLURM_ARRAY_TASK_ID` with
/// `SLURM_ARRAY_TASK_MIN` and `SLURM_ARRAY_TASK_COUNT` or `..._MAX`) or of a Kubernetes
/// Indexed Job (`JOB_COMPLETION_INDEX`, from 0, with `--shard-count N`).
public struct ShardChoice: Equatable, Sendable {
    /// The part, from 1.
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        (self.index, self.count) = (index, count)
    }

    public static func resolve(option: String?, count: Int?, environment: [String: String] = ProcessInfo.processInfo.environment) throws(ShardChoiceError) -> ShardChoice? {
        if let option { return try parse(option) }
        if let taskText = environment["SLURM_ARRAY_TASK_ID"] {
            let task = try number(taskText, "SLURM_ARRAY_TASK_ID")
            let minimum = try setNumber(environment["SLURM_ARRAY_TASK_MIN"], "SLURM_ARRAY_TASK_MIN") ?? 0
            let counted = try setNumber(environment["SLURM_ARRAY_TASK_COUNT"], "SLURM_ARRAY_TASK_COUNT")
            let maximum = try setNumber(environment["SLURM_ARRAY_TASK_MAX"], "SLURM_ARRAY_TASK_MAX")
            guard let total = count ?? counted ?? maximum.map({ $0 - minimum + 1 }) else { throw ShardChoiceError("SLURM_ARRAY_TASK_ID is set but not the array's size (SLURM_ARRAY_TASK_COUNT or _MAX); give --shard I/N") }
            return try checked(task - minimum + 1, total, "SLURM_ARRAY_TASK_ID \(task) of an array from \(minimum)")
        }
        if let indexText = environment["JOB_COMPLETION_INDEX"] {
            let index = try number(indexText, "JOB_COMPLETION_INDEX")
            guard let count else { throw ShardChoiceError("JOB_COMPLETION_INDEX is set: give the Indexed Job's completions as --shard-count N") }
            return try checked(index + 1, count, "JOB_COMPLETION_INDEX \(index)")
        }
        if count != nil { throw ShardChoiceError("--shard-count needs a Kubernetes Indexed Job (JOB_COMPLETION_INDEX) or a Slurm array; or give --shard I/N") }
        return nil
    }

    /// A scheduler's variable that may be unset.
    static func setNumber(_ text: String?, _ variable: String) throws(ShardChoiceError) -> Int? {
        guard let text else { return nil }
        return try number(text, variable)
    }

    /// A scheduler's variable as a whole number from 0 to 2^31 - 1 (Slurm's and Kubernetes'
    /// indices are far smaller), so that no arithmetic on it can overflow.
    static func number(_ text: String, _ variable: String) throws(ShardChoiceError) -> Int {
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)), (0...Int(Int32.max)).contains(value) else {
            throw ShardChoiceError("\(variable) is '\(text)', not a whole number from 0 to \(Int32.max); run under a Slurm array or an Indexed Job, or give --shard I/N")
        }
        return value
    }

    public static func parse(_ text: String) throws(ShardChoiceError) -> ShardChoice {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw ShardChoiceError("--shard \(text): write the part and the number of parts as I/N, e.g. --shard 1/4")
        }
        return try checked(index, count, "--shard \(text)")
    }

    private static func checked(_ index: Int, _ count: Int, _ source: String) throws(ShardChoiceError) -> ShardChoice {
        guard count >= 1 else { throw ShardChoiceError("\(source): the number of parts must be at least 1") }
        guard count <= 1_000_000 else { throw ShardChoiceError("\(source): at most 1,000,000 parts") }
        guard (1...count).contains(index) else { throw ShardChoiceError("\(source): the part must be from 1 to \(count) (1/\(count) is the first of \(count))") }
        return ShardChoice(index: index, count: count)
    }
}

/// Why the part of a run cannot be told: the option or the scheduler's environment is wrong.
public struct ShardChoiceError: Error, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
