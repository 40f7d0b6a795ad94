import Foundation
import Testing
import VerdeelSession
import VerdeelData
import VerdeelReport

/// Which part a process runs, and which variants a part holds.
struct ShardTests {
    @Test func partsAreWholeTilesAsEvenAsTheyCanBe() {
        // 15 variants are 4 tiles of 4 (the last of 3): 2 parts take 2 tiles each.
        #expect(ShardRecord.range(shard: 1, of: 2, variants: 15) == 0..<8)
        #expect(ShardRecord.range(shard: 2, of: 2, variants: 15) == 8..<15)
        // 7 parts of 4 tiles: part i holds tiles floor((i - 1) x 4 / 7) ..< floor(i x 4 / 7), the
        // bounds 0, 0, 1, 1, 2, 2, 3, 4: parts 1, 3 and 5 hold none, part 7 the last 3 variants.
        let seven = (1...7).map { ShardRecord.range(shard: $0, of: 7, variants: 15) }
        #expect(seven.map(\.count) == [0, 4, 0, 4, 0, 4, 3])
        // Every variant exactly once, in order, for uneven splits of 1,000.
        for count in [1, 2, 3, 7] {
            let parts = (1...count).map { ShardRecord.range(shard: $0, of: count, variants: 1_000) }
            #expect(parts.flatMap { Array($0) } == Array(0..<1_000))
            #expect(parts.allSatisfy { $0.lowerBound % 4 == 0 })
        }
    }

    @Test func theShardOptionIsChecked() throws {
        #expect(try ShardChoice.resolve(option: "2/4", count: nil, environment: [:]) == ShardChoice(index: 2, count: 4))
        for bad in ["0/4", "5/4", "1/0", "1", "a/b", "1/4/2", "-1/4"] {
            #expect(throws: (any Error).self) { try ShardChoice.resolve(option: bad, count: nil, environment: [:]) }
        }
        #expect(try ShardChoice.resolve(option: nil, count: nil, environment: [:]) == nil)
    }

    @Test func slurmArraysAndKubernetesIndexedJobsNameThePart() throws {
        // sbatch --array=0-3: task 2 is the third of four parts.
        let slurm = ["SLURM_ARRAY_TASK_ID": "2", "SLURM_ARRAY_TASK_MIN": "0", "SLURM_ARRAY_TASK_MAX": "3"]
        #expect(try ShardChoice.resolve(option: nil, count: nil, environment: slurm) == ShardChoice(index: 3, count: 4))
        let counted = ["SLURM_ARRAY_TASK_ID": "5", "SLURM_ARRAY_TASK_MIN": "5", "SLURM_ARRAY_TASK_COUNT": "2"]
        #expect(try ShardChoice.resolve(option: nil, count: nil, environment: counted) == ShardChoice(index: 1, count: 2))
        // An Indexed Job's index is from 0 and needs the completions.
        #expect(try ShardChoice.resolve(option: nil, count: 3, environment: ["JOB_COMPLETION_INDEX": "2"]) == ShardChoice(index: 3, count: 3))
        #expect(throws: (any Error).self) { try ShardChoice.resolve(option: nil, count: nil, environment: ["JOB_COMPLETION_INDEX": "0"]) }
        #expect(throws: (any Error).self) { try ShardChoice.resolve(option: nil, count: 2, environment: ["JOB_COMPLETION_INDEX": "2"]) }
        // Values at the ends of Int (a broken or hostile environment) are refused, never a trap.
        let extremes = ["9223372036854775807", "-9223372036854775808", "-1", "x"]
        for value in extremes {
            #expect(throws: (any Error).self) { try ShardChoice.resolve(option: nil, count: nil, environment: ["SLURM_ARRAY_TASK_ID": value, "SLURM_ARRAY_TASK_MAX": "3"]) }
            #expect(throws: (any Error).self) { try ShardChoice.resolve(option: nil, count: nil, environment: ["SLURM_ARRAY_TASK_ID": "1", "SLURM_ARRAY_TASK_MIN": value, "SLURM_ARRAY_TASK_MAX": "9223372036854775807"]) }
            #expect(throws: (any Error).self) { try ShardChoice.resolve(option: nil, count: 2, environment: ["JOB_COMPLETION_INDEX": value]) }
        }
        // The option wins over the environment.
        #expect(try ShardChoice.resolve(option: "1/2", count: nil, environment: slurm) == ShardChoice(index: 1, count: 2))
    }
}
