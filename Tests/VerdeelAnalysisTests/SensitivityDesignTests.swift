import Foundation
import Numerics
import Testing
import VerdeelDesign
import VerdeelRandom

/// The designs: Saltelli's rows in SALib's layout, Morris trajectories, problem files.
struct SensitivityDesignTests {
    private func problem(_ factors: [(String, Double, Double, String?)]) throws -> SensitivityProblem {
        try SensitivityProblem(factors: factors.map { SensitivityProblem.Factor(name: $0.0, lower: $0.1, upper: $0.2, group: $0.3) })
    }

    /// Every one of 2^m points of the scrambled sequence lies in its own interval of width
    /// 2^-m in each dimension (a (0, m, 1)-net per coordinate), the first point is not 0,
    /// and the seed decides the scramble.
    @Test func scrambledSobolKeepsItsStrata() throws {
        let points = try #require(SobolSequence(dimensions: 40, scrambleSeed: 9)).points(256)
        for d in 0..<40 {
            #expect(Set(points.map { Int($0[d] * 256) }) == Set(0..<256))
        }
        #expect(points[0].contains { $0 != 0 })
        #expect(try #require(SobolSequence(dimensions: 40, scrambleSeed: 9)).points(8) == Array(points.prefix(8)))
        #expect(try #require(SobolSequence(dimensions: 40, scrambleSeed: 10)).points(8) != Array(points.prefix(8)))
        #expect(SobolSequence.maximumDimensions == 1024)
    }

    /// Rows per base point i: A_i, AB per group (the group's columns from B_i), BA per
    /// group with second order (B_i with the group's columns from A_i), B_i; A and B the
    /// two halves of the scrambled Sobol point, scaled to the bounds. Groups key = (w, v), base.
    @Test func saltelliRowsFollowSALibsLayout() throws {
        let grouped = try problem([("w", 0, 10, "key"), ("v", 0, 1, "key"), ("base", 100, 200, nil)])
        let design = try SaltelliDesign(problem: grouped, baseCount: 4, secondOrder: true)
        #expect(design.rowsPerBasePoint == 2 * 2 + 2)
        let matrix = design.matrix(seed: 3)
        let base = try #require(SobolSequence(dimensions: 6, scrambleSeed: 3)).points(4)
        #expect(matrix.rows == 24 && matrix.columns == 3)
        for i in 0..<4 {
            let a = [base[i][0] * 10, base[i][1], 100 + base[i][2] * 100]
            let b = [base[i][3] * 10, base[i][4], 100 + base[i][5] * 100]
            let rows = (0..<6).map { r in (0..<3).map { matrix[i * 6 + r, $0] } }
            #expect(rows[0] == a)
            #expect(rows[1] == [b[0], b[1], a[2]])
            #expect(rows[2] == [a[0], a[1], b[2]])
            #expect(rows[3] == [a[0], a[1], b[2]])
            #expect(rows[4] == [b[0], b[1], a[2]])
            #expect(rows[5] == b)
        }
    }

    /// Each trajectory has G + 1 rows, moves every group once by +-delta on the grid, and
    /// the factors of one group move in the same step.
    @Test func morrisTrajectoriesMoveEachGroupOnce() throws {
        let grouped = try problem([("a", 0, 1, "g"), ("b", 0, 1, "g"), ("c", 0, 1, nil), ("d", 0, 1, nil)])
        let design = try MorrisDesign(problem: grouped, trajectories: 30, levels: 4)
        let matrix = design.matrix(seed: 1)
        #expect(matrix.rows == 30 * 4)
        let levels: Set<Double> = [0, 1.0 / 3, 2.0 / 3, 1]
        for t in 0..<30 {
            var movedAt = [Int: Set<Int>]()
            for s in 1..<4 {
                for i in 0..<4 {
                    let before = matrix[t * 4 + s - 1, i], after = matrix[t * 4 + s, i]
                    #expect(levels.contains(before) && levels.contains(after))
                    if before != after {
                        #expect(abs(after - before).isApproximatelyEqual(to: 2.0 / 3, relativeTolerance: 2e-15))
                        movedAt[s, default: []].insert(i)
                    }
                }
            }
            #expect(movedAt.count == 3)
            #expect(movedAt.values.contains([0, 1]) && movedAt.values.contains([2]) && movedAt.values.contains([3]))
        }
        #expect(design.matrix(seed: 1) == matrix)
    }

    @Test func problemFilesInSALibsFormats() throws {
        let text = try ProblemFile.parse(name: "p.txt", text: "# weights\nneed_weight 0.2 0.8 key\ninhabitants_weight,0.2,0.8,key\nbase 150000 250000 NA\n")
        #expect(text.factors.map(\.name) == ["need_weight", "inhabitants_weight", "base"])
        #expect(text.groups == ["key", "base"] && text.groupOfFactor == [0, 0, 1])
        let json = try ProblemFile.parse(name: "p.json", text: #"{"names": ["x1", "x2"], "bounds": [[-3.14, 3.14], [0, 1]], "groups": null}"#)
        #expect(json.groups == ["x1", "x2"] && json.factors[0].lower == -3.14)
    }

    @Test func badProblemsAreRefusedWithAReason() {
        func message(_ text: String) -> String {
            do {
                _ = try ProblemFile.parse(name: "p.txt", text: text)
                return "no error"
            } catch {
                return error.message
            }
        }
        #expect(message("x 1 0\n") == "p.txt: factor 'x' has reversed bounds (1.0, 0.0); the lower bound must be below the upper bound")
        #expect(message("x 1 1\n") == "p.txt: factor 'x' has equal bounds (1.0, 1.0); the lower bound must be below the upper bound")
        #expect(message("x 0\n") == "p.txt:1: 'x 0' needs a name, a lower and an upper bound (and optionally a group)")
        #expect(message("x 0 one\n") == "p.txt:1: the bounds '0' and 'one' must be numbers")
        #expect(message("x 0 1\nx 0 2\n") == "p.txt: factor 'x' is named twice; give every factor its own name")
        #expect(message("x 0 1 g\ny 0 1 g\n") == "p.txt: every factor is in group 'g'; with one group the indices say nothing, give at least two groups")
        #expect(message(#"{"names": ["x"], "bounds": [[0, 1]], "groups": ["a", "b"]}"#) == "p.txt: \"groups\" must name one group per factor (1 names)")
        #expect(message("") == "p.txt: the problem has no factors; give one line 'name lower upper [group]' per factor")
    }

    @Test func normalQuantiles() {
        #expect(NormalQuantile.of(0.975).isApproximatelyEqual(to: 1.959963984540054, relativeTolerance: 5e-16))
        #expect(NormalQuantile.of(0.001).isApproximatelyEqual(to: -3.090232306167813, relativeTolerance: 3e-15))
        #expect(NormalQuantile.of(0.5) == 0)
        #expect(NormalQuantile.of(1e-10).isApproximatelyEqual(to: -6.361340902404056, relativeTolerance: 1.5e-13))
        #expect(NormalQuantile.of(0) == -.infinity && NormalQuantile.of(1) == .infinity)
    }
}
