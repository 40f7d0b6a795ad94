/// The regions of an allocation with their numeric indicators (inhabitants, land area,
/// SES-WOA score, ...), and optionally their districts.
///
/// Rows are kept in ascending region-code order whatever order they were given in, so an
/// allocation never depends on the order of rows in a file.
public struct RegionTable: Sendable {
    /// The regions, ascending by code.
    public let regions: [Region]
    /// Indicator values by name, each aligned with `regions`.
    public let indicators: [String: [Double]]
    /// Text columns by name (e.g. `province`), each aligned with `regions`: labels that
    /// group regions, never used as numbers.
    public let labels: [String: [String]]
    /// The districts of these regions, if a district table was joined.
    public let districts: DistrictTable?
    /// For each district (in `districts` order), the index of its region in `regions`.
    let districtRegionIndex: [Int]

    /// A table from regions and their indicator columns (each column in the same order as
    /// `regions`). Throws on a duplicated code, a column of the wrong length, or a district
    /// whose region is not in the table.
    public init(
        regions: [Region], indicators: [String: [Double]], labels: [String: [String]] = [:], districts: DistrictTable? = nil
    ) throws(RegionTableError) {
        var seen = Set<String>()
        for region in regions where !seen.insert(region.code).inserted {
            throw .duplicateRegion(region.code)
        }
        for (name, column) in indicators where column.count != regions.count {
            throw .columnLength(indicator: name, expected: regions.count, actual: column.count)
        }
        for (name, column) in labels where column.count != regions.count {
            throw .columnLength(indicator: name, expected: regions.count, actual: column.count)
        }
        let order = regions.indices.sorted { regions[$0].code < regions[$1].code }
        self.regions = order.map { regions[$0] }
        self.indicators = indicators.mapValues { column in order.map { column[$0] } }
        self.labels = labels.mapValues { column in order.map { column[$0] } }
        var indexByCode = [String: Int]()
        for (index, region) in self.regions.enumerated() { indexByCode[region.code] = index }
        var districtRegionIndex = [Int]()
        for district in districts?.districts ?? [] {
            guard let index = indexByCode[district.regionCode] else {
                throw .unknownRegionOfDistrict(district: district.code, region: district.regionCode)
            }
            districtRegionIndex.append(index)
        }
        self.districts = districts
        self.districtRegionIndex = districtRegionIndex
    }

    /// The number of regions.
    public var count: Int { regions.count }

    /// The index of the region with this code, if any.
    public func index(of code: String) -> Int? {
        regions.firstIndex { $0.code == code }
    }
}

/// The districts of a region table with their indicators.
public struct DistrictTable: Sendable {
    /// The districts, in the order given.
    public let districts: [District]
    /// Indicator values by name, each aligned with `districts`.
    public let indicators: [String: [Double]]

    /// A table of districts; throws on a duplicated district code or a column of the wrong length.
    /// Whether `sum_districts` gives 0 to a region without districts (otherwise an error).
    public let missingAsZero: Bool

    public init(districts: [District], indicators: [String: [Double]], missingAsZero: Bool = false) throws(RegionTableError) {
        var seen = Set<String>()
        for district in districts where !seen.insert(district.code).inserted {
            throw .duplicateRegion(district.code)
        }
        for (name, column) in indicators where column.count != districts.count {
            throw .columnLength(indicator: name, expected: districts.count, actual: column.count)
        }
        self.districts = districts
        self.indicators = indicators
        self.missingAsZero = missingAsZero
    }
}

/// Why a region table could not be built.
public enum RegionTableError: Error, Equatable, Sendable, CustomStringConvertible {
    case duplicateRegion(String)
    case columnLength(indicator: String, expected: Int, actual: Int)
    case unknownRegionOfDistrict(district: String, region: String)

    public var description: String {
        switch self {
        case .duplicateRegion(let code): return "region code \(code) occurs twice; each region must have one row"
        case .columnLength(let indicator, let expected, let actual):
            return "indicator '\(indicator)' has \(actual) values for \(expected) regions"
        case .unknownRegionOfDistrict(let district, let region):
            return "district \(district) belongs to region \(region), which is not in the region table"
        }
    }
}

extension RegionTable {
    /// Each region's name by its code.
    public var regionNames: [String: String] {
        Dictionary(regions.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
    }
}
