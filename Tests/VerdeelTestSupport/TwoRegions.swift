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

    public static let municipalities = "code,name,inhabitants,land_area_km2\nGM0001,A,30000,50\nGM0002,B,10000,150\n"

}
