import Foundation
import Testing
import VerdeelReport
@testable import VerdeelSimulation
import VerdeelTestSupport

/// A small w3 (21 variants x 4,000 draws) against the numpy peer (Benchmarks/peer/peer.py):
/// independent code and independent random draws of the same distributions, so every
/// variant and region's mean must agree within 4 standard errors of the difference of two
/// means. The full workload runs in a release build from scripts/test.sh.
@Suite struct PeerAgreementTests {
    @Test func smallW3MeansAgreeWithNumpyWithinFourStandardErrors() throws {
        let draws = 4_000
        let result = try simulate(EngineTests.smallW3(draws: draws))
        let peerSummary = FileManager.default.temporaryDirectory.appendingPathComponent("peer-w3-\(UUID().uuidString).csv").path
        defer { try? FileManager.default.removeItem(atPath: peerSummary) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = [
            "python3", "\(repositoryRoot)/Benchmarks/peer/peer.py", "w3", "--summary", peerSummary,
            "--variants", "21", "--draws", String(draws),
        ]
        process.standardOutput = Pipe()
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "the numpy peer failed (is numpy installed? scripts/test.sh installs it): \(message)")
        let rows = try String(contentsOfFile: peerSummary, encoding: .utf8).split(separator: "\n").dropFirst()
        try #require(result.variantCount == 21 && rows.count == 21 * result.slots.count)
        var worst = 0.0
        for (index, row) in rows.enumerated() {
            let fields = row.split(separator: ",")
            let (variant, slot) = index.quotientAndRemainder(dividingBy: result.slots.count)
            #expect(Int(fields[0]) == variant + 1 && String(fields[3]) == result.slots[slot].region)
            guard let peerMean = Double(fields[4]), let peerSD = Double(fields[5]) else { Issue.record("bad row \(row)"); continue }
            let ours = result.summary(variant: variant, slot: slot)
            let error = ((ours.standardDeviation * ours.standardDeviation + peerSD * peerSD) / Double(result.draws)).squareRoot()
            let z = error > 0 ? abs(ours.mean - peerMean) / error : abs(ours.mean - peerMean)
            worst = max(worst, z)
        }
        #expect(worst <= 4, "largest difference of means: \(worst) standard errors")
    }
}
