import VerdeelModel

/// The table from a plan's sites to the place in the scenario text they stand for, kept by
/// the language module so that plans hold no source text. It renders a message at a site
/// as the checker's own diagnostics are rendered (location, source line, caret, help).
public struct SourceMap: SiteLocator {
    private var places: [(file: SourceFile, range: SourceRange)] = []
    /// The site made for each file name and range, so one place is one site in every plan.
    private var known: [PlaceKey: Site] = [:]

    private struct PlaceKey: Hashable {
        let file: String
        let range: SourceRange
    }

    public init() {}

    /// The site for `range` of `file`, made on first use.
    mutating func site(_ range: SourceRange, in file: SourceFile) -> Site {
        let key = PlaceKey(file: file.name, range: range)
        if let site = known[key] { return site }
        places.append((file, range))
        let site = Site(id: places.count - 1)
        known[key] = site
        return site
    }

    /// The file and range of a site made here; `nil` for another plan's site.
    public func place(of site: Site) -> (file: SourceFile, range: SourceRange)? {
        places.indices.contains(site.id) ? places[site.id] : nil
    }

    /// The text of the line the site starts on, without its line break.
    public func line(of site: Site) -> String? {
        guard let (file, range) = place(of: site) else { return nil }
        return file.line(file.location(of: range.start).line)
    }

    public func location(of site: Site) -> String {
        guard let (file, range) = place(of: site) else { return UnlocatedSites().location(of: site) }
        return file.location(of: range.start).description
    }

    public func diagnostic(at site: Site, _ message: String, suggestion: String?) -> String {
        guard let (file, range) = place(of: site) else { return UnlocatedSites().diagnostic(at: site, message, suggestion: suggestion) }
        return Diagnostic(at: range, in: file, message, suggestion: suggestion).rendered
    }

    /// An error's message, with the sites it names located here.
    public func describe(_ error: any Error) -> String {
        (error as? any SiteError)?.described(by: self) ?? "\(error)"
    }
}
