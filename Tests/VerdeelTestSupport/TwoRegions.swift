/// The small region tables tests work out by hand.
public enum TwoRegions {
    /// R1: 1,000 inhabitants and 30 km2; R2: 3,000 and 10 km2.
    public static let handWorked = """
        code,name,inhabitants,land_area_km2
        R1,One,1000,30
        R2,Two,3000,10
        """

    /// GM0001 A: 30,000 inhabitants and 50 km2; GM0002 B: 10,000 and 150 km2 (what the
    /// command tests write as `regions.csv`).
    /// Over ``handWorked``: `people` gives EUR 1M by inhabitants (R1 250,000, R2 750,000),
    /// `mixed` half by land area (R1 125,000 + 375,000 = 500,000, R2 500,000).
    public static let peopleAndMixed = """
        scenario people {
            data {
                regions "regions.csv" {
                    inhabitants: count
                    land_area_km2: nonnegative
                }
            }
            measure m {
                budget 2026: 1M
                key inhabitants 100%
            }
        }

        scenario mixed extends people {
            measure m {
                key inhabitants 50%, land_area_km2 50%
            }
        }
        """

    /// Scenario `name` (with `title`): EUR 1M in 2026 by inhabitants of `regions.csv`, then
    /// `blocks` (a scenario's blocks, written without the scenario's indentation).
    public static func byInhabitants(_ name: String, title: String? = nil, blocks: String = "") -> String {
        let titled = title.map { "    title \"\($0)\"\n" } ?? ""
        let indented = blocks.split(separator: "\n", omittingEmptySubsequences: false).map { $0.isEmpty ? "" : "    " + $0 }.joined(separator: "\n")
        return "scenario \(name) {\n" + titled + """
                data {
                    regions "regions.csv" {
                        inhabitants: count
                    }
                }
                measure m {
                    budget 2026: 1M
                    key inhabitants 100%
                }

            """ + (blocks.isEmpty ? "" : indented + "\n") + "}\n"
    }

    /// Scenario `v`: EUR 600,000 in 2026 by the households of table `scores`, whose rows
    /// of vintage 2022 it reads, with a fairness block of `losses` thresholds (`15, 7.50`).
    public static func vintagedScores(losses: String) -> String {
        """
        scenario v {
            data {
                regions "regions.csv" {
                    inhabitants: count
                }
                table scores "scores.csv" vintage year = "2022" {
                    households: count
                }
            }
            measure m {
                budget 2026: 600k
                key households 100%
            }
            fairness {
                losses \(losses)
            }
        }
        """
    }

    public static let municipalities = "code,name,inhabitants,land_area_km2\nGM0001,A,30000,50\nGM0002,B,10000,150\n"

}
