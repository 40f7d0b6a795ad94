/// A region that receives money: a municipality, keyed by its CBS code (`GMxxxx`).
public struct Region: Hashable, Sendable {
    /// The stable key, e.g. `GM1680`; also the rounding tie-break order.
    public let code: String
    /// The display name, e.g. `Aa en Hunze`; a label only.
    public let name: String

    public init(code: String, name: String) {
        self.code = code
        self.name = name
    }
}

/// A sub-region (district, "wijk") keyed to the region it lies in.
public struct District: Hashable, Sendable {
    /// The district's own code, e.g. `WK168000`.
    public let code: String
    /// The display name; may be empty (CBS publishes names for some districts only).
    public let name: String
    /// The code of the region it belongs to.
    public let regionCode: String

    public init(code: String, name: String, regionCode: String) {
        self.code = code
        self.name = name
        self.regionCode = regionCode
    }
}
