import Foundation

/// The vector instructions this build's Monte Carlo engine was compiled for (the build
/// machine's, see Package.swift), checked against the running machine before a variant
/// run, so a binary copied to an older processor stops with a message, not a crash.
public enum ProcessorCheck {
    public static var required: [String] {
        #if VERDEEL_AVX512
        ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma", "bmi2"]
        #elseif VERDEEL_AVX2
        ["avx2", "fma", "bmi2"]
        #else
        []
        #endif
    }

    /// The required flags missing from the `flags` line of a /proc/cpuinfo text (none
    /// when the text has no such line: then nothing can be told).
    public static func missing(_ required: [String], cpuinfo: String) -> [String] {
        guard let line = cpuinfo.split(separator: "\n").first(where: { $0.hasPrefix("flags") }) else { return [] }
        let flags = Set(line.split(separator: " ").map(String.init))
        return required.filter { !flags.contains($0) }
    }

    /// The message for this machine, or nil when it can run this build's engine.
    public static func problem() -> String? {
        guard !required.isEmpty, let info = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8) else { return nil }
        let lacking = missing(required, cpuinfo: info)
        guard !lacking.isEmpty else { return nil }
        return "this verdeel was built for processors with \(required.joined(separator: ", ")) (those of the machine that built it); this processor lacks \(lacking.joined(separator: ", ")). Build it on this machine (VERDEEL_NATIVE=1 swift build -c release), or for any x86-64 processor (swift build -c release)"
    }
}
