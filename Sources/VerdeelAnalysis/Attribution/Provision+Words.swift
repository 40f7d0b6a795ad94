import VerdeelCore

extension Provision {
    /// The provision in words for people, measures by their titles (`titles`, by id; the id
    /// where a measure has none): `sleutel van Jongerenwerk` / `key of Jongerenwerk`.
    public func words(titles: [String: String]) -> Words {
        let title = { (measure: String) in titles[measure] ?? measure }
        switch self {
        case .budget(let measure, let year): return Words(dutch: "budget \(year) van \(title(measure))", english: "budget \(year) of \(title(measure))")
        case .topslice(let measure, let name): return Words(dutch: "voorafname \(name) van \(title(measure))", english: "top-slice \(name) of \(title(measure))")
        case .base(let measure): return Words(dutch: "vaste voet van \(title(measure))", english: "base of \(title(measure))")
        case .key(let measure): return Words(dutch: "verdeelsleutel van \(title(measure))", english: "key of \(title(measure))")
        case .component(let measure, let name): return Words(dutch: "onderdeel \(name) van \(title(measure))", english: "component \(name) of \(title(measure))")
        case .floor(let measure): return Words(dutch: "minimum van \(title(measure))", english: "floor of \(title(measure))")
        case .cap(let measure): return Words(dutch: "maximum van \(title(measure))", english: "cap of \(title(measure))")
        case .transition(let measure): return Words(dutch: "overgangsregel van \(title(measure))", english: "transition limit of \(title(measure))")
        case .rounding(let measure): return Words(dutch: "afronding van \(title(measure))", english: "rounding of \(title(measure))")
        case .measure(let measure): return Words(dutch: "maatregel \(title(measure))", english: "measure \(title(measure))")
        case .criterion(let name): return Words(dutch: "criterium \(name)", english: "criterion \(name)")
        case .data(let table): return Words(dutch: "gegevens \(table)", english: "data \(table)")
        }
    }

    /// What rounding to whole euros (or cents) adds to a change, as the explanation lists it.
    public static let roundingWords = Words(dutch: "afronding op hele euro's", english: "rounding to whole euros")
}
