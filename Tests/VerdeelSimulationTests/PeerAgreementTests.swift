import Foundation
import Testing
import VerdeelReport
@testable import VerdeelSimulation

/// w3 against the numpy peer (Benchmarks/peer/peer.py): independent code and independent
/// random draws of the same distributions, so every variant and region's mean must agree
/// within 4 standard errors of the difference of two means.
@Suite struct PeerAgreementTests {
    @Test func w3MeansAgreeWithNumpyWithinFourStandardErrors() throws {
        let text = (EngineTests.w3 ?? "").replacingOccurrences(of: "../../Scenarios/data/", with: "data/")
        let result = try simulate(text)
        let peerSummary = NSTemporaryDirectory() + "peer-w3-\(UUID().uuidString).csv"
        defer { try? FileManager.default.removeItem(atPath: peerSummary) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "\(repositoryRoot)/Benchmarks/peer/peer.py", "w3", "--summary", peerSummary]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "the numpy peer failed (is numpy installed?)")
        let rows = try String(contentsOfFile: peerSummary, encoding: .utf8).split(separator: "\n").dropFirst()
        try #require(rows.count == result.variantCount * result.slots.count)
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
