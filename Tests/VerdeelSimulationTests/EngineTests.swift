import Foundation
import Numerics
import Testing
import VerdeelCore
import VerdeelModel
import VerdeelReport
@testable import VerdeelSimulation
import VerdeelTestSupport

/// The Monte Carlo engine: exactness against the core, convergence, reproducibility, errors.
@Suite struct EngineTests {
    /// Deterministic variants give exactly the core allocator's amounts for the same key:
    /// 1M over inhabitants (10%, 30%, 60%) and area (50%, 30%, 20%): with need-weight w the
    /// amounts are 1M x ((1 - w) x inhabitants share + w x area share).
    @Test func deterministicVariantsEqualHandWorkedAmounts() throws {
        let result = try simulate(threeRegionScenario(key: "inhabitants 50%, land_area_km2 50%", blocks: """
            variants {
                weight m land_area_km2 in 0%, 25%, 100%
            }
            """), files: ["three.csv": threeRegions])
        #expect(result.variantCount == 3)
        let means = (0..<3).map { v in (0..<3).map { result.summary(variant: v, slot: $0).mean } }
        #expect(means[0] == [100_000, 300_000, 600_000])
        // 0.75 x (100k, 300k, 600k) + 0.25 x (500k, 300k, 200k)
        #expect(means[1] == [200_000, 300_000, 500_000])
        #expect(means[2] == [500_000, 300_000, 200_000])
        // The baseline (50/50: 300k, 300k, 400k): variant 1 gives A less, C more.
        #expect((0..<3).map { result.summary(variant: 0, slot: $0).probabilityBelowBaseline } == [1, 0, 0])
        #expect(result.summary(variant: 0, slot: 0).standardDeviation == 0)
    }

    /// A Sobol sample over the area weight: unscrambled points 0, 1/2, 3/4, 1/4 give
    /// (1 - w) x (100k, 300k, 600k) + w x (500k, 300k, 200k). A Latin hypercube of 10 points
    /// puts one weight in each tenth of the range.
    @Test func samplesAsVariants() throws {
        let text = threeRegionScenario(key: "inhabitants 50%, land_area_km2 50%", blocks: """
            variants {
                sobol 4 {
                    weight m land_area_km2 from 0% to 100%
                }
            }
            """)
        let sobol = try simulate(text, files: ["three.csv": threeRegions])
        let means = (0..<4).map { v in (0..<3).map { sobol.summary(variant: v, slot: $0).mean } }
        #expect(means == [[100_000, 300_000, 600_000], [300_000, 300_000, 400_000], [400_000, 300_000, 300_000], [200_000, 300_000, 500_000]])
        let hypercube = try simulate(text.replacingOccurrences(of: "sobol 4 {", with: "latin_hypercube 10 seed 3 {"), files: ["three.csv": threeRegions])
        let weights = (0..<10).map { hypercube.design.values(ofVariant: $0)[0] }
        #expect(Set(weights.map { Int($0 * 10) }) == Set(0..<10))
        #expect(hypercube.plan.parameters == [.weight(measure: "m", criterion: "land_area_km2")])
    }

    /// Alternative criterion definitions (transforms) crossed with a weight: variants 1-4 are
    /// (c weight 0%, c = area), (0%, inhabitants), (100%, area), (100%, inhabitants).
    @Test func criterionAlternativesAreVariants() throws {
        let result = try simulate("""
            scenario s {
            \(threeRegionData)
                criterion c = land_area_km2
                measure m {
                    budget 2026: 1M
                    key c 50%, inhabitants 50%
                }
                variants {
                    weight m c in 0%, 100%
                    criterion c in land_area_km2, inhabitants
                }
            }
            """, files: ["three.csv": threeRegions])
        let means = (0..<4).map { v in (0..<3).map { result.summary(variant: v, slot: $0).mean } }
        #expect(means == [[100_000, 300_000, 600_000], [100_000, 300_000, 600_000], [500_000, 300_000, 200_000], [100_000, 300_000, 600_000]])
        #expect(try CSVRenderer.text(SimulationTables(result).variants()) == "variant,m_weight_c,criterion_c\n1,0,land_area_km2\n2,0,inhabitants\n3,1,land_area_km2\n4,1,inhabitants\n")
    }

    /// Data vintages as a variant dimension: score 1, 1, 2 in 2019 shares 1M as 250k, 250k,
    /// 500k; score 1, 2, 1 in 2023 as 250k, 500k, 250k.
    @Test func vintagesAreVariants() throws {
        let scores = "code,year,score\nGM0001,2019,1\nGM0002,2019,1\nGM0003,2019,2\nGM0001,2023,1\nGM0002,2023,2\nGM0003,2023,1\n"
        let text = """
            scenario s {
                data {
                    regions "three.csv" {
                        inhabitants: count
                    }
                    table scores "scores.csv" vintage year = "2019" {
                        score: nonnegative
                    }
                }
                measure m {
                    budget 2026: 1M
                    key score 100%
                }
                variants {
                    vintage scores in "2023", "2019"
                }
            }
            """
        let result = try simulate(text, files: ["three.csv": threeRegions, "scores.csv": scores])
        #expect((0..<3).map { result.summary(variant: 0, slot: $0).mean } == [250_000, 500_000, 250_000])
        #expect((0..<3).map { result.summary(variant: 1, slot: $0).mean } == [250_000, 250_000, 500_000])
        #expect(try CSVRenderer.text(SimulationTables(result).variants()) == "variant,vintage_scores\n1,2023\n2,2019\n")
        let missing = text.replacingOccurrences(of: "\"2023\", \"2019\"", with: "\"2023\", \"2031\"")
        #expect {
            try simulate(missing, files: ["three.csv": threeRegions, "scores.csv": scores])
        } throws: { error in
            "\(error)".hasPrefix("vintage scores = \"2031\": ")
        }
        let compilation = compile(text.replacingOccurrences(of: "vintage scores in", with: "vintage regions in"), files: ["three.csv": threeRegions])
        #expect(compilation.diagnostics.map(\.message) == ["table 'regions' has no vintage column, so its vintage cannot vary"])
    }

    /// Dirichlet weights are linear in the amounts: the Monte Carlo mean converges to the
    /// nominal key's amounts (300k, 300k, 400k) within 4 standard errors (+1 euro rounding).
    /// Region B has 30% under both criteria, so its amount never moves.
    @Test func monteCarloMeanConvergesToAnalyticValue() throws {
        let result = try simulate(threeRegionScenario(key: "inhabitants 50%, land_area_km2 50%", blocks: """
            montecarlo {
                draws 4000
                seed 11
                dirichlet m 20
            }
            """), files: ["three.csv": threeRegions])
        for (slot, expected) in [300_000.0, 300_000, 400_000].enumerated() {
            let s = result.summary(variant: 0, slot: slot)
            #expect(slot == 1 ? s.standardDeviation == 0 : s.standardDeviation > 1000)
            #expect(abs(s.mean - expected) <= 4 * s.standardDeviation / Double(result.draws).squareRoot() + 1, "slot \(slot): \(s)")
        }
    }

    /// Caps in variant and Monte Carlo runs follow the allocator: inhabitants 100% gives
    /// 100k, 300k, 600k; a 500k cap holds C and shares its 100k over A and B by key (1 : 3):
    /// 125k and 375k. Half area gives 300k, 300k, 400k: the cap does not bind.
    @Test func capsInVariantRuns() throws {
        let text = threeRegionScenario(key: "inhabitants 50%, land_area_km2 50%", measure: ["cap 500k"], blocks: """
            variants {
                weight m land_area_km2 in 0%, 50%
            }
            """)
        let result = try simulate(text, files: ["three.csv": threeRegions])
        #expect((0..<3).map { result.summary(variant: 0, slot: $0).mean } == [125_000, 375_000, 500_000])
        #expect((0..<3).map { result.summary(variant: 1, slot: $0).mean } == [300_000, 300_000, 400_000])
        let perturbed = try simulate(text.replacingOccurrences(of: "    variants {\n        weight m land_area_km2 in 0%, 50%\n    }", with: "    montecarlo {\n        draws 500\n        dirichlet m 3\n    }"), files: ["three.csv": threeRegions])
        let c = perturbed.summary(variant: 0, slot: 2)
        #expect(c.p95 == 500_000 && c.p05 < 500_000)
        #expect((0..<3).map { perturbed.summary(variant: 0, slot: $0).mean }.reduce(0, +).isApproximatelyEqual(to: 1_000_000, relativeTolerance: 1e-12))
        // A 150k floor lifts A from 100k; the 50k comes from B and C by key (1 : 2):
        // 283,333.33 and 566,666.67, rounded to 283,333 and 566,667.
        let floors = try simulate(text.replacingOccurrences(of: "cap 500k", with: "floor 150k"), files: ["three.csv": threeRegions])
        #expect((0..<3).map { floors.summary(variant: 0, slot: $0).mean } == [150_000, 283_333, 566_667])
    }

    /// A transition limit bounds each draw by its own year before. 1M in 2026, 1.05M in 2027,
    /// at most 20k change: inhabitants 100% would give +5k, +15k, +30k; C is held at 620k,
    /// its 10k goes to A and B by key (2.5k, 7.5k), B is then held at 320k, A takes the
    /// rest: 110k, 320k, 620k. Area 100%: A is held at 520k, its 5k goes to B and C (3 : 2).
    @Test func transitionLimitsInVariantRuns() throws {
        let text = """
            scenario s {
            \(threeRegionData)
                measure m {
                    budget 2026: 1M, 2027: 1.05M
                    key inhabitants 50%, land_area_km2 50%
                    transition 20k from previous year
                }
                variants {
                    weight m land_area_km2 in 0%, 100%
                }
            }
            """
        let result = try simulate(text, files: ["three.csv": threeRegions])
        let means = (0..<2).map { v in (0..<6).map { result.summary(variant: v, slot: $0).mean } }
        #expect(means[0] == [100_000, 300_000, 600_000, 110_000, 320_000, 620_000])
        #expect(means[1] == [500_000, 300_000, 200_000, 520_000, 318_000, 212_000])
    }

    /// Rank statistics: without perturbations every draw keeps the nominal order (C 600k,
    /// B 300k, A 100k). With Dirichlet weights (w on inhabitants) A gets 1M x (0.5 - 0.4w),
    /// C 1M x (0.2 + 0.4w) and B always 300k: B is last for 0.25 < w < 0.5 and second
    /// otherwise, never first (that would need w > 0.5 and w < 0.25 at once).
    @Test func rankStatistics() throws {
        let fixed = try simulate(threeRegionScenario(key: "inhabitants 100%", blocks: """
            montecarlo {
                draws 5
                ranks
            }
            """), files: ["three.csv": threeRegions])
        // Columns: measure, year, region, region name, baseline, mean, best, worst, p_same_rank.
        #expect(fixed.tables.map(\.header.name) == ["ranks"])
        #expect(fixed.tables.first?.rows[0].map { $0.map(\.csvText) } == [
            ["m", "2026", "GM0001", "A", "3", "3", "3", "3", "1"],
            ["m", "2026", "GM0002", "B", "2", "2", "2", "2", "1"],
            ["m", "2026", "GM0003", "C", "1", "1", "1", "1", "1"],
        ])
        let perturbed = try simulate(threeRegionScenario(key: "inhabitants 50%, land_area_km2 50%", blocks: """
            montecarlo {
                draws 2000
                seed 5
                dirichlet m 2
                ranks
            }
            """), files: ["three.csv": threeRegions])
        let ranks = try #require(perturbed.tables.first?.rows[0]).map { $0.map(\.csvText) }
        // Baseline 300k, 300k, 400k: A and B tie at 300k and A (lower code) ranks first.
        #expect(ranks.map { $0[4] } == ["2", "3", "1"])
        #expect(ranks.compactMap { Double($0[5]) }.reduce(0, +).isApproximatelyEqual(to: 6, relativeTolerance: 2e-10))
        #expect(ranks[1][6] == "2" && ranks[1][7] == "3")
        #expect(ranks.allSatisfy { row in Double(row[8]).map { $0 > 0 && $0 < 1 } ?? false })
        #expect(try CSVRenderer.text(SimulationTables.table(perturbed.tables[0])).hasPrefix("variant,measure,year,region,region_name,baseline_rank,mean_rank,best_rank,worst_rank,p_same_rank\n1,m,2026,GM0001,A,2,"))
    }

    static let w3 = try? String(contentsOfFile: "\(repositoryRoot)/Benchmarks/workloads/w3-montecarlo.verdeel", encoding: .utf8)

    /// A smaller w3: same model, fewer variants and draws.
    static func smallW3(draws: Int) -> String {
        (w3 ?? "")
            .replacingOccurrences(of: "../../Scenarios/data/", with: "data/")
            .replacingOccurrences(of: "count 1000", with: "count 21")
            .replacingOccurrences(of: "draws 10_000", with: "draws \(draws)")
    }

    /// The same seed gives bit-identical summary and rank files whatever the thread count or
    /// chunk size.
    @Test func identicalForAnyThreadCountAndChunk() throws {
        let text = Self.smallW3(draws: 200).replacingOccurrences(of: "    perturb inhabitants normal sd 1%", with: "    perturb inhabitants normal sd 1%\n        ranks")
        var files = [String]()
        for (threads, chunk) in [(1, 8), (2, 8), (2, 1), (2, 24), (1, 1000)] {
            let result = try simulate(text, control: RunControl(threads: threads, chunk: chunk))
            files.append(try RunTables.simulation(result).filter { $0.name != "variants" }.map { try CSVRenderer.text($0) }.joined())
        }
        #expect(Set(files).count == 1)
        #expect(files[0].split(separator: "\n").count == 2 * (1 + 21 * 13))
    }

    /// Common random numbers: every variant sees the same draws, so two variants with the
    /// same parameters have identical summaries (independent draws would differ).
    @Test func commonRandomNumbersAcrossVariants() throws {
        let text = Self.smallW3(draws: 300).replacingOccurrences(of: "from 0% to 100% count 21", with: "in 30%, 70%, 30%")
        let result = try simulate(text)
        for slot in 0..<13 {
            #expect(result.summary(variant: 0, slot: slot) == result.summary(variant: 2, slot: slot))
            #expect(result.summary(variant: 0, slot: slot) != result.summary(variant: 1, slot: slot))
        }
    }

    @Test func correlationMatrixThatIsNotPositiveDefinite() throws {
        let text = threeRegionScenario(key: "inhabitants 100%", blocks: """
            montecarlo {
                draws 10
                perturb inhabitants normal sd 1%
                perturb land_area_km2 normal sd 1%
                correlate inhabitants land_area_km2 -0.9
                correlate land_area_km2 inhabitants 0.5
            }
            """)
        let compilation = compile(text, files: ["three.csv": threeRegions])
        #expect(compilation.diagnostics.map(\.message) == ["the correlation of 'land_area_km2' and 'inhabitants' is given twice"])
        let threeWay = text
            .replacingOccurrences(of: "correlate land_area_km2 inhabitants 0.5", with: "perturb households normal sd 1%\n        correlate inhabitants households 0.9\n        correlate land_area_km2 households 0.9")
            .replacingOccurrences(of: "land_area_km2: nonnegative", with: "land_area_km2: nonnegative\n            households: count")
        let csv = threeRegions.replacingOccurrences(of: "land_area_km2\n", with: "land_area_km2,households\n")
            .replacingOccurrences(of: ",50\n", with: ",50,40\n").replacingOccurrences(of: ",30\n", with: ",30,120\n").replacingOccurrences(of: ",20", with: ",20,250")
        do {
            _ = try simulate(threeWay, files: ["three.csv": csv])
            Issue.record("a non-positive-definite correlation matrix was accepted")
        } catch let error as SimulationError {
            guard case .correlationNotPositiveDefinite(let diagnostic) = error else { Issue.record("wrong error \(error)"); return }
            #expect(diagnostic.message.hasPrefix("the correlation matrix of inhabitants, land_area_km2, households is not positive definite"))
            // Compiled again, the plan's sites are the same: its source map locates the error.
            #expect(compile(threeWay, files: ["three.csv": csv]).sources.describe(error).contains("test.verdeel:17:9: error"))
        }
    }

    /// Distribution parameters out of range are reported where they are written.
    @Test func distributionParametersOutOfRange() {
        let cases: [(String, String)] = [
            ("perturb inhabitants uniform 150%", "a uniform perturbation of 150% can make a value zero or negative"),
            ("perturb inhabitants normal sd -5", "a spread cannot be negative (-5.0)"),
            ("perturb inhabitants lognormal sd 5", "a lognormal spread is the standard deviation of the logarithm, as a percentage"),
            ("perturb inhabitants poisson sd 1%", "unknown distribution 'poisson'; use normal, uniform or lognormal"),
            ("dirichlet m 0", "a Dirichlet concentration must be a positive number, not 0"),
            ("perturb inhabitants normal sd 1%\n        perturb land_area_km2 normal sd 1%\n        correlate inhabitants land_area_km2 1.5", "a correlation must be a number from -1 to 1"),
            ("draws 0", "the number of draws must be a whole number from 1 to 100000000, not 0"),
        ]
        for (line, message) in cases {
            let text = threeRegionScenario(key: "inhabitants 50%, land_area_km2 50%", blocks: """
                montecarlo {
                    draws 10
                    \(line)
                }
                """)
            let compilation = compile(text, files: ["three.csv": threeRegions])
            #expect(compilation.diagnostics.map(\.message).contains(message), "\(line): \(compilation.diagnostics.map(\.message))")
        }
    }

    /// A spread that is negative for one region is reported with that region at run time.
    @Test func spreadNegativeForARegion() throws {
        let text = threeRegionScenario(key: "inhabitants 100%", blocks: """
            montecarlo {
                draws 10
                perturb inhabitants normal sd land_area_km2 - 40
            }
            """)
        #expect {
            try simulate(text, files: ["three.csv": threeRegions])
        } throws: { error in
            "\(error)".contains("the spread of 'inhabitants' is -10.0 for region GM0002; it must be a finite number >= 0")
        }
    }

    /// A run that needs more memory than allowed stops before allocating, with the sizes.
    @Test func runTooLargeForMemory() throws {
        let text = Self.smallW3(draws: 100_000_000)
        #expect {
            try simulate(text, control: RunControl(threads: 2, memoryLimit: 8 << 30))
        } throws: { error in
            guard let error = error as? SimulationError, case .tooLarge(let needed, _, _, let draws, let regions) = error else { return false }
            return needed > 8 << 30 && draws == 100_000_000 && regions == 13
                && error.description.contains("but only 8.0 GB is available (the limit given); use fewer draws")
        }
    }

    /// An infeasible variant is reported on its own; the others still run. Wijk-like
    /// measure: 3M - 5% = 2,850,000 to distribute; 13 x 300k = 3.9M does not fit.
    @Test func infeasibleVariantIsReportedAndTheRestRun() throws {
        let result = try simulate("""
            scenario s {
                data {
                    regions "data/municipalities-2024.csv" {
                        inhabitants: count
                    }
                }
                measure wijk {
                    budget 2026: 3M
                    topslice ondersteuning 5%
                    base 200k if infeasible error
                    key inhabitants 100%
                }
                variants {
                    base wijk in 100k, 300k, 200k
                }
            }
            """)
        // The core's own message, as `verdeel run` of that variant gives it: 13 x 300k = 3.9M of
        // the 3M budget less its 5% top-slice.
        #expect(result.infeasible == [1: "measure 'wijk', 2026: the fixed bases need EUR 3,900,000 but only EUR 2,850,000 is available after top-slices; lower the base, raise the budget, or set the base's policy to 'scale'"])
        // Variant 3 is the baseline itself: 200k each plus (2,850,000 - 2,600,000) by inhabitants.
        let tables = SimulationTables(result)
        let summary = try CSVRenderer.text(tables.summary())
        #expect(!summary.contains("\n2,wijk"))
        #expect(summary.contains("\n3,wijk,2026,GM0014,"))
        #expect(try tables.infeasible().map { try CSVRenderer.text($0) }?.hasPrefix("variant,reason\n2,") == true)
        let total = (0..<13).map { result.summary(variant: 0, slot: $0).mean }.reduce(0, +)
        #expect(total == 2_850_000)
        #expect((0..<13).allSatisfy { result.summary(variant: 2, slot: $0).probabilityBelowBaseline == 0 })
    }
}
