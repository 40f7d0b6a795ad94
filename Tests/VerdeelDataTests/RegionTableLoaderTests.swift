import Testing
import VerdeelCore
import VerdeelData
import VerdeelTestSupport

/// Loading region, indicator and district tables: each bad input gets a message with the
/// file, line, column, column name and what to do.
struct RegionTableLoaderTests {
    static let regionSpec = TableSpec(indicators: [
        IndicatorColumn("inhabitants", kind: .count), IndicatorColumn("land_area_km2", kind: .nonNegative),
    ])
    static let scoreSpec = TableSpec(nameColumn: nil, indicators: [IndicatorColumn("ses_woa_mean", kind: .real)])
    static let regions = "code,name,inhabitants,land_area_km2\nGM0014,Groningen,243768,185.53\nGM1680,Aa en Hunze,25845,276.06\n"

    func load(_ regions: String, scores: String? = nil, districts: String? = nil, missingAsZero: Bool = true) throws -> RegionTable {
        let joins = try scores.map { [RegionTableLoader.Source(try CSVFile(name: "ses.csv", bytes: Array($0.utf8)), Self.scoreSpec)] } ?? []
        let districtSource = try districts.map {
            (file: try CSVFile(name: "districts.csv", bytes: Array($0.utf8)),
             spec: DistrictSpec(regionColumn: "municipality_code", indicators: [IndicatorColumn("inhabitants", kind: .count)], missingAsZero: missingAsZero))
        }
        return try RegionTableLoader.load(
            regions: .init(try CSVFile(name: "regions.csv", bytes: Array(regions.utf8)), Self.regionSpec), joins: joins, districts: districtSource)
    }

    func error(_ regions: String, scores: String? = nil, districts: String? = nil) -> String {
        do {
            _ = try load(regions, scores: scores, districts: districts)
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    /// A name with an escape sequence or a carriage return could hide or overwrite figures
    /// on a screen: refused at the character (line 2; "GM0014," is 7 characters, so the name
    /// starts at column 8 and its 5th character, the ESC, stands at column 12).
    @Test func controlCharactersInNamesAreRefused() {
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Gron\u{1B}[2Jingen,243768,185.53\n")
            == "regions.csv:2:12: column 'name': the name holds a control character (U+001B) at position 5; retype it without")
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,\"Gron\ringen\",243768,185.53\n").hasPrefix("regions.csv:2:"))
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Gron\u{85}ingen,243768,185.53\n").contains("U+0085"))
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Gron\tingen,243768,185.53\n") == "no error")
    }

    @Test func loadsRegionsJoinsAndDistricts() throws {
        let table = try load(
            Self.regions, scores: "code,ses_woa_mean\nGM1680,0.170\nGM0014,-0.1\n",
            districts: "code,municipality_code,name,inhabitants\nWK168000,GM1680,Annen,6000\nWK168001,GM1680,Gieten,4000\n")
        #expect(table.regions.map(\.name) == ["Groningen", "Aa en Hunze"])
        #expect(table.indicators["ses_woa_mean"] == [-0.1, 0.17])
        #expect(table.indicators["land_area_km2"] == [185.53, 276.06])
        #expect(try Expression.sumOverDistricts(.indicator("inhabitants")).evaluate(over: table) == [0, 10_000])
    }

    /// Groningen has no districts in the file: without missing_as_zero its sum is an error.
    @Test func aRegionWithoutDistrictsIsAnErrorUnlessMissingCountsAsZero() throws {
        let table = try load(Self.regions, districts: "code,municipality_code,name,inhabitants\nWK168000,GM1680,Annen,6000\n", missingAsZero: false)
        #expect(throws: ExpressionError.regionWithoutDistricts(region: "GM0014")) {
            try Expression.sumOverDistricts(.indicator("inhabitants")).evaluate(over: table)
        }
    }

    /// Codes are compared without case and trimmed; an invisible character is refused.
    @Test func regionCodesThatDifferOnlyInCaseAreOneRegion() {
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Groningen,1,1\ngm0014,Groningen,1,1\n")
            == "regions.csv:3:1: column 'code': region gm0014 is region GM0014 of line 2: codes are compared without regard to letter case; keep one row per region")
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Groningen,1,1\nGM0014\u{200B},Groningen,1,1\n")
            == "regions.csv:3:1: column 'code': the region code has an invisible character (U+200B) at position 7; retype the code")
    }

    @Test func joinedCodesMatchWithoutCaseAndSpaces() throws {
        let table = try load(Self.regions, scores: "code,ses_woa_mean\n gm1680 ,0.5\ngm0014,-0.1\n")
        #expect(table.indicators["ses_woa_mean"] == [-0.1, 0.5])
    }

    @Test func missingColumnSuggestsTheNearest() {
        #expect(error("code,name,inhabitant,land_area_km2\nGM0014,G,1,1\n")
            == "regions.csv:1: column 'inhabitants': the column is missing. Did you mean 'inhabitant'? The header has: code, name, inhabitant, land_area_km2.")
    }

    @Test func duplicatedColumn() {
        #expect(error("code,name,inhabitants,land_area_km2,inhabitants\nGM0014,G,1,1,2\n")
            == "regions.csv:1:37: column 'inhabitants': the column appears twice (also at column 11); rename or remove one")
    }

    @Test func nonNumericValue() {
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Groningen,abc,185.53\n")
            == "regions.csv:2:18: column 'inhabitants': 'abc' is not a number; write a plain number such as 12345 or -0.17")
    }

    @Test func emptyValueWhereANumberIsNeeded() {
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Groningen,,185.53\n")
            == "regions.csv:2:18: column 'inhabitants': the value is empty but a number is needed; fill it in, or leave this region out of the table")
    }

    @Test func notANumberSpellingsAreRejected() {
        for text in ["nan", "inf", "0x10", "1_000", "1e"] {
            #expect(error("code,name,inhabitants,land_area_km2\nGM0014,G,1,\(text)\n")
                == "regions.csv:2:12: column 'land_area_km2': '\(text)' is not a number; write a plain number such as 12345 or -0.17")
        }
    }

    @Test func negativeCount() {
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Groningen,-5,185.53\n")
            == "regions.csv:2:18: column 'inhabitants': negative count -5; a count cannot be below 0")
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Groningen,12.5,185.53\n")
            == "regions.csv:2:18: column 'inhabitants': count 12.5 is not a whole number")
        #expect(error("code,name,inhabitants,land_area_km2\nGM0014,Groningen,5,-1\n")
            == "regions.csv:2:20: column 'land_area_km2': negative value -1; this indicator cannot be below 0")
    }

    @Test func duplicatedRegionCode() {
        #expect(error(Self.regions + "GM0014,Groningen,1,1\n")
            == "regions.csv:4:1: column 'code': region GM0014 occurs twice (first on line 2); keep one row per region")
    }

    @Test func emptyRegionCode() {
        #expect(error("code,name,inhabitants,land_area_km2\n,Groningen,1,1\n")
            == "regions.csv:2:1: column 'code': the region code is empty; every row needs a code such as GM0014")
    }

    @Test func headerWithoutRows() {
        #expect(error("code,name,inhabitants,land_area_km2\n") == "regions.csv: the file has a header but no data rows")
    }

    @Test func unknownRegionInASecondTable() {
        #expect(error(Self.regions, scores: "code,ses_woa_mean\nGM0014,0.1\nGM1690,0.2\nGM1680,0.3\n")
            == "ses.csv:3:1: column 'code': unknown region GM1690: it is not in regions.csv. Did you mean GM1680?")
    }

    @Test func regionMissingFromASecondTable() {
        #expect(error(Self.regions, scores: "code,ses_woa_mean\nGM0014,0.1\n")
            == "ses.csv: region GM1680 (line 3 of regions.csv) has no row here; add it or leave the region out")
    }

    @Test func districtOfAnUnknownRegion() {
        #expect(error(Self.regions, districts: "code,municipality_code,name,inhabitants\nWK1,GM0015,x,5\n")
            == "districts.csv:2:5: column 'municipality_code': unknown region 'GM0015': it is not in regions.csv. Did you mean GM0014?")
    }

    @Test func vintageSelectsRowsAndReportsMissingVintage() throws {
        let scores = "code,year,ses_woa_mean\nGM0014,2021,0.1\nGM0014,2022,0.2\nGM1680,2021,0.3\nGM1680,2022,0.4\n"
        var spec = Self.scoreSpec
        spec.vintage = Vintage(column: "year", value: "2022")
        let regions = RegionTableLoader.Source(try CSVFile(name: "regions.csv", bytes: Array(Self.regions.utf8)), Self.regionSpec)
        let table = try RegionTableLoader.load(regions: regions, joins: [.init(try CSVFile(name: "ses.csv", bytes: Array(scores.utf8)), spec)])
        #expect(table.indicators["ses_woa_mean"] == [0.2, 0.4])
        spec.vintage = Vintage(column: "year", value: "2023")
        #expect(throws: DataError(file: "ses.csv", line: 0, column: 0, columnName: "year", message: "no rows for vintage '2023'; the file has: 2021, 2022")) {
            try RegionTableLoader.load(regions: regions, joins: [.init(try CSVFile(name: "ses.csv", bytes: Array(scores.utf8)), spec)])
        }
    }

    /// `latest` takes 2023 (provisional), `latest definitive` 2022 (2023 is provisional;
    /// years compare as numbers, so 2022 beats 999); a vintage with both statuses is refused.
    @Test func latestVintages() throws {
        let scores = "code,year,provisional,ses_woa_mean\nGM0014,999,no,0.0\nGM1680,999,no,0.0\nGM0014,2022,no,0.2\nGM1680,2022,no,0.4\nGM0014,2023,yes,0.5\nGM1680,2023,yes,0.6\n"
        var spec = Self.scoreSpec
        let regions = RegionTableLoader.Source(try CSVFile(name: "regions.csv", bytes: Array(Self.regions.utf8)), Self.regionSpec)
        func load(_ value: String, _ text: String = scores) throws -> [Double]? {
            spec.vintage = Vintage(column: "year", value: value)
            return try RegionTableLoader.load(regions: regions, joins: [.init(try CSVFile(name: "ses.csv", bytes: Array(text.utf8)), spec)]).indicators["ses_woa_mean"]
        }
        #expect(try load("latest") == [0.5, 0.6])
        #expect(try load("latest definitive") == [0.2, 0.4])
        let mixed = scores.replacingOccurrences(of: "GM1680,2022,no", with: "GM1680,2022,yes").replacingOccurrences(of: ",2023,yes,", with: ",2021,yes,")
        #expect(throws: DataError(file: "ses.csv", line: 5, column: 8, columnName: "provisional", message: "vintage 2022 has definitive and provisional rows; 'latest definitive' needs one status per vintage")) {
            try load("latest definitive", mixed)
        }
    }

    /// Imported district rows: the 2022 rows only, the district without a score (Spijkerboor,
    /// as CBS gives it) left out with `skip_empty`, an error at its cell without.
    @Test func districtsOfOneVintageWithoutUnscoredOnes() throws {
        let districts = """
            code,municipality_code,name,year,provisional,households,ses_woa_mean
            WK168000,GM1680,Wijk 00 Annen,2021,no,1500,0.2
            WK168000,GM1680,Wijk 00 Annen,2022,yes,1600,0.222
            WK168007,GM1680,Wijk 07 Spijkerboor,2022,yes,100,
            WK001400,GM0014,Wijk 00,2022,yes,13000,-0.1

            """
        func table(skipEmpty: Bool) throws -> RegionTable {
            let spec = DistrictSpec(
                regionColumn: "municipality_code", indicators: [IndicatorColumn("households", kind: .count), IndicatorColumn("ses_woa_mean", kind: .real)],
                vintage: Vintage(column: "year", value: "2022"), skipEmpty: skipEmpty)
            return try RegionTableLoader.load(
                regions: .init(try CSVFile(name: "regions.csv", bytes: Array(Self.regions.utf8)), Self.regionSpec),
                districts: (try CSVFile(name: "districts.csv", bytes: Array(districts.utf8)), spec))
        }
        let loaded = try #require(try table(skipEmpty: true).districts)
        #expect(loaded.districts.map(\.code) == ["WK168000", "WK001400"])
        #expect(loaded.districts.map(\.regionCode) == ["GM1680", "GM0014"])
        #expect(loaded.indicators["households"] == [1_600, 13_000] && loaded.indicators["ses_woa_mean"] == [0.222, -0.1])
        #expect(throws: DataError.self) { try table(skipEmpty: false) }
    }

    @Test func bundledDataLoadsWithAllRows() throws {
        let file = try CSVFile.read(path: "\(repositoryRoot)/Scenarios/data/national-municipalities-2024.csv", name: "national.csv")
        let table = try RegionTableLoader.load(regions: .init(file, TableSpec(indicators: [
            IndicatorColumn("inhabitants_2024", as: "inhabitants", kind: .count), IndicatorColumn("land_area_km2", kind: .nonNegative),
        ])))
        #expect(table.count == 342)
        // CBS 85984NED: Groningen 243,768 inhabitants on 1 January 2024.
        #expect(table.indicators["inhabitants"]?[table.index(of: "GM0014") ?? 0] == 243_768)
    }
}

/// Region tables as Dutch Excel saves them ("CSV (puntkomma-gescheiden)"): a byte-order
/// mark, `;` between fields, decimal commas and CRLF line endings.
struct DutchSpreadsheetTests {
    func load(_ bytes: [UInt8]) throws -> RegionTable {
        try RegionTableLoader.load(regions: .init(try CSVFile(name: "regions.csv", bytes: bytes), RegionTableLoaderTests.regionSpec), joins: [], districts: nil)
    }

    func error(_ text: String) -> String {
        do {
            _ = try load(Array(text.utf8))
            return "no error"
        } catch {
            return "\(error)"
        }
    }

    @Test func semicolonsDecimalCommasByteOrderMarkAndCRLF() throws {
        let text = "code;name;inhabitants;land_area_km2\r\nGM0014;Groningen;243768;185,53\r\nGM1900;\"Súdwest-Fryslân\";90880;\"1,5\"\r\n"
        let table = try load([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(table.regions.map(\.name) == ["Groningen", "Súdwest-Fryslân"])
        #expect(table.indicators["land_area_km2"] == [185.53, 1.5])
        #expect(table.indicators["inhabitants"] == [243_768, 90_880])
    }

    @Test func aDecimalPointThatCannotGroupThousandsIsRead() throws {
        let table = try load(Array("code;name;inhabitants;land_area_km2\nGM1;A;10;185.5\n".utf8))
        #expect(table.indicators["land_area_km2"] == [185.5])
    }

    @Test func aPointBeforeThreeDigitsIsAmbiguous() {
        #expect(error("code;name;inhabitants;land_area_km2\nGM1;A;243.768;1\n")
            == "regions.csv:2:7: column 'inhabitants': '243.768' is ambiguous in a ';' file: 243768 when '.' groups thousands, or 243.768 with a decimal point; write 243768, or 243,768 with a decimal comma")
    }

    @Test func thousandsSeparatorWithDecimalCommaIsRefused() {
        #expect(error("code;name;inhabitants;land_area_km2\nGM1;A;10;1.234,5\n")
            == "regions.csv:2:10: column 'land_area_km2': '1.234,5' has both '.' and ','; remove the thousands separator and keep the decimal comma (e.g. 1234,5)")
    }

    @Test func aHeaderWithBothSeparatorsIsAmbiguous() {
        #expect(error("code;name,inhabitants;land_area_km2\nGM1;A;10;1\n")
            == "regions.csv:1: the header line has both ',' and ';' between its names, so the separator is unclear; save the file with one of them: ',' (numbers with a decimal point) or ';' (as Dutch Excel does, numbers with a decimal comma)")
    }

    @Test func aDecimalCommaInACommaFileSaysHowToFixIt() {
        #expect(error("code,name,inhabitants,land_area_km2\nGM1,A,10,\"185,5\"\n")
            == "regions.csv:2:10: column 'land_area_km2': '185,5' uses a decimal comma in a file separated by ','; write numbers with a decimal point (185.5), or save the file with ';' between fields as Dutch Excel does")
    }

    @Test func aSemicolonFileWithTheWrongFieldCount() {
        #expect(error("code;name;inhabitants;land_area_km2\nGM1;A;10\n")
            == "regions.csv:2: this line has 3 fields but the header has 4; check for a missing or extra ';', or quote a value that contains one")
    }
}
