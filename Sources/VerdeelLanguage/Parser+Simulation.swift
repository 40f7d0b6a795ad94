extension Parser {
    static let variantKeywords = ["weight", "simplex", "base", "budget", "criterion", "vintage", "latin_hypercube", "sobol"]
    static let monteCarloKeywords = ["draws", "seed", "perturb", "dirichlet", "correlate", "ranks"]

    mutating func variantsBlock() throws(Failure) -> VariantsBlock {
        advance()
        let opening = current
        try expectSymbol("{", "after 'variants'")
        let (lines, closing) = block(opened: opening, "variants block", keywords: Self.variantKeywords) { parser throws(Failure) in
            try parser.variantStatement(insideSample: false)
        }
        return VariantsBlock(lines: lines, closingComments: closing)
    }

    mutating func variantStatement(insideSample: Bool) throws(Failure) -> VariantStatement {
        guard case .identifier(let keyword) = current.kind, Self.variantKeywords.contains(keyword) else {
            throw unknownKeyword(expected: Self.variantKeywords, in: "a variants block")
        }
        let keywordRange = current.range
        advance()
        switch keyword {
        case "weight":
            let measure = try name("the measure whose key weight varies")
            let criterion = try name("the criterion whose weight varies")
            return .weight(measure: measure, criterion: criterion, values: try valueSet())
        case "simplex":
            let measure = try name("the measure whose key varies over the simplex")
            try expectWord("step", "in a simplex (simplex jongerenwerk step 1%)")
            return .simplex(measure: measure, step: try literal("the grid step (e.g. 1%)"))
        case "base":
            let measure = try name("the measure whose base varies")
            return .base(measure: measure, values: try valueSet())
        case "vintage":
            let table = try name("the table whose vintage varies")
            try expectWord("in", "before the vintages (vintage ses_woa in \"2019\", \"2023\")")
            return .vintage(table: table, values: try list { parser throws(Failure) in try parser.string("a vintage") })
        case "criterion":
            let criterion = try name("the criterion whose definition varies")
            try expectWord("in", "before the alternatives (criterion need in EXPR, EXPR)")
            return .criterion(name: criterion, alternatives: try list { parser throws(Failure) in try parser.expression() })
        case "budget":
            let measure = try name("the measure whose budget varies")
            let year = try yearSpan()
            return .budget(measure: measure, year: year, values: try valueSet())
        default:
            if insideSample { throw fail("a sample cannot contain another sample", at: keywordRange) }
            let method = Name(text: keyword, range: keywordRange, quoted: false)
            let count = try literal("the number of points (e.g. 1000)")
            var seed: Literal?
            if isWord("seed") {
                advance()
                seed = try literal("the seed")
            }
            let opening = current
            try expectSymbol("{", "before the sampled ranges")
            let (lines, closing) = block(opened: opening, "\(keyword) sample", keywords: ["weight", "base", "budget"]) { parser throws(Failure) in
                try parser.variantStatement(insideSample: true)
            }
            return .sample(method: method, count: count, seed: seed, lines: lines, closingComments: closing)
        }
    }

    mutating func valueSet() throws(Failure) -> ValueSet {
        if isWord("in") {
            advance()
            return .list(try list { parser throws(Failure) in try parser.literal("a value") })
        }
        guard isWord("from") else { throw fail("expected 'in A, B, ...' or 'from A to B step S' or 'from A to B count N', found \(current.kind.noun)") }
        advance()
        let from = try literal("the first value")
        try expectWord("to", "in a range (from 0% to 100% step 10%)")
        let to = try literal("the last value")
        if isWord("step") {
            advance()
            return .range(from: from, to: to, step: try literal("the step"), count: nil)
        }
        if isWord("count") {
            advance()
            return .range(from: from, to: to, step: nil, count: try literal("the number of values"))
        }
        return .range(from: from, to: to, step: nil, count: nil)
    }

    static let fairnessKeywords = ["population", "group", "reference", "atkinson", "entropy", "losses"]
    static let sensitivityKeywords = ["weight", "key", "base", "budget", "topslice", "perturb", "second_order", "bootstrap", "levels", "dummy", "until", "group"]
    static let sensitivityFactorKeywords = ["weight", "key", "base", "budget", "topslice", "perturb"]

    mutating func sensitivityBlock() throws(Failure) -> SensitivityBlock {
        advance()
        let method = try name("the method (sobol or morris)")
        let count = try literal("N: base points for sobol (e.g. 1024), trajectories for morris (e.g. 100)")
        var seed: Literal?
        if isWord("seed") {
            advance()
            seed = try literal("the seed")
        }
        let opening = current
        try expectSymbol("{", "before the factors")
        let (lines, closing) = block(opened: opening, "sensitivity block", keywords: Self.sensitivityKeywords) { parser throws(Failure) in
            try parser.sensitivityStatement()
        }
        return SensitivityBlock(method: method, count: count, seed: seed, lines: lines, closingComments: closing)
    }

    mutating func sensitivityStatement(insideGroup: Bool = false) throws(Failure) -> SensitivityStatement {
        let keywords = insideGroup ? Self.sensitivityFactorKeywords : Self.sensitivityKeywords
        guard case .identifier(let keyword) = current.kind, keywords.contains(keyword) else {
            throw unknownKeyword(expected: keywords, in: insideGroup ? "a group of factors" : "a sensitivity block")
        }
        let keywordRange = current.range
        advance()
        switch keyword {
        case "weight":
            let measure = try name("the measure whose key weight is a factor")
            let criterion = try name("the criterion whose weight is a factor")
            let (from, to) = try factorRange()
            return .weight(measure: measure, criterion: criterion, from: from, to: to)
        case "key": return .key(measure: try name("the measure whose whole key is a factor"))
        case "base":
            let measure = try name("the measure whose base is a factor")
            let (from, to) = try factorRange()
            return .base(measure: measure, from: from, to: to)
        case "budget":
            let measure = try name("the measure whose budget is a factor")
            let year = try yearSpan()
            let (from, to) = try factorRange()
            return .budget(measure: measure, year: year, from: from, to: to)
        case "topslice":
            let measure = try name("the measure whose top-slice is a factor")
            let topslice = try name("the top-slice")
            let (from, to) = try factorRange()
            return .topslice(measure: measure, name: topslice, from: from, to: to)
        case "perturb":
            let indicator = try name("the perturbed indicator (as in the montecarlo block)")
            var perRegion = false
            if isWord("per") {
                advance()
                try expectWord("region", "in 'per region'")
                perRegion = true
            }
            return .perturb(indicator: indicator, perRegion: perRegion)
        case "second_order": return .secondOrder(keywordRange)
        case "bootstrap": return .bootstrap(try literal("the number of resamples (e.g. 100)"))
        case "levels": return .levels(try literal("the number of grid levels (e.g. 4)"))
        case "until":
            try expectWord("width", "in a stop rule (until width 0.05 max 16384)")
            let width = try literal("the largest half-width of an interval (e.g. 0.05)")
            var maximum: Literal?
            if isWord("max") {
                advance()
                maximum = try literal("the most base points (e.g. 16384)")
            }
            return .until(width: width, maximum: maximum)
        case "group":
            let groupName = try name("the group's name")
            let opening = current
            try expectSymbol("{", "before the group's factors")
            let (lines, closing) = block(opened: opening, "group of factors", keywords: Self.sensitivityFactorKeywords) { parser throws(Failure) in
                try parser.sensitivityStatement(insideGroup: true)
            }
            return .group(name: groupName, lines: lines, closingComments: closing)
        default: return .dummy(keywordRange)
        }
    }

    private mutating func factorRange() throws(Failure) -> (Literal, Literal) {
        try expectWord("from", "before the factor's range (from A to B)")
        let from = try literal("the lower end")
        try expectWord("to", "in a range (from 150k to 250k)")
        return (from, try literal("the upper end"))
    }

    mutating func fairnessBlock() throws(Failure) -> FairnessBlock {
        advance()
        let opening = current
        try expectSymbol("{", "after 'fairness'")
        let (lines, closing) = block(opened: opening, "fairness block", keywords: Self.fairnessKeywords) { parser throws(Failure) in
            try parser.fairnessStatement()
        }
        return FairnessBlock(lines: lines, closingComments: closing)
    }

    mutating func fairnessStatement() throws(Failure) -> FairnessStatement {
        guard case .identifier(let keyword) = current.kind, Self.fairnessKeywords.contains(keyword) else {
            throw unknownKeyword(expected: Self.fairnessKeywords, in: "a fairness block")
        }
        advance()
        switch keyword {
        case "population": return .population(try name("the population indicator (e.g. inhabitants)"))
        case "group": return .group(try name("the text column that groups the regions (e.g. province)"))
        case "reference": return .reference(try name("the reference criterion (e.g. need)"))
        case "atkinson": return .atkinson(try list { parser throws(Failure) in try parser.literal("an inequality aversion (e.g. 0.5, 1, 2)") })
        case "entropy": return .entropy(try list { parser throws(Failure) in try parser.literal("a generalised entropy parameter (e.g. 0, 1, 2)") })
        default: return .losses(try list { parser throws(Failure) in try parser.literal("a loss in euros per inhabitant (e.g. 7.50, 15)") })
        }
    }

    mutating func monteCarloBlock() throws(Failure) -> MonteCarloBlock {
        advance()
        let opening = current
        try expectSymbol("{", "after 'montecarlo'")
        let (lines, closing) = block(opened: opening, "montecarlo block", keywords: Self.monteCarloKeywords) { parser throws(Failure) in
            try parser.monteCarloStatement()
        }
        return MonteCarloBlock(lines: lines, closingComments: closing)
    }

    mutating func monteCarloStatement() throws(Failure) -> MonteCarloStatement {
        guard case .identifier(let keyword) = current.kind, Self.monteCarloKeywords.contains(keyword) else {
            throw unknownKeyword(expected: Self.monteCarloKeywords, in: "a montecarlo block")
        }
        let keywordRange = current.range
        advance()
        switch keyword {
        case "ranks": return .ranks(keywordRange)
        case "draws": return .draws(try literal("the number of draws (e.g. 10_000)"))
        case "seed": return .seed(try literal("the seed (e.g. 42)"))
        case "perturb":
            let indicator = try name("the indicator to perturb")
            let distribution = try name("the distribution (normal, uniform or lognormal)")
            if isWord("sd") { advance() }
            return .perturb(indicator: indicator, distribution: distribution, spread: try expression())
        case "dirichlet":
            let measure = try name("the measure whose key weights are perturbed")
            return .dirichlet(measure: measure, concentration: try literal("the concentration (e.g. 200)"))
        default:
            let first = try name("the first perturbed indicator")
            let second = try name("the second perturbed indicator")
            return .correlate(first: first, second: second, value: try expression())
        }
    }
}
