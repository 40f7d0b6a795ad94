/// `variants { ... }`: the parameters a run varies. Each line is one dimension; the
/// variants are every combination of the lines' values (a full factorial).
public struct VariantsBlock: Sendable {
    public var lines: [Line<VariantStatement>]
    public var closingComments: [Trivia]
}

/// The values one varied parameter takes: `in 20%, 50%`, `from 0% to 100% step 10%` or
/// `from 0% to 100% count 1000` (evenly spaced, both ends included).
public enum ValueSet: Sendable {
    case list([Literal])
    case range(from: Literal, to: Literal, step: Literal?, count: Literal?)
}

/// One varied parameter, or a sample over several.
public enum VariantStatement: Sendable {
    /// `weight MEASURE CRITERION VALUES`: the criterion's weight in the measure's key; the
    /// other weights share the rest in their nominal proportions.
    case weight(measure: Name, criterion: Name, values: ValueSet)
    /// `simplex MEASURE step 1%`: every key over the measure's criteria with weights on
    /// the grid summing to 100%.
    case simplex(measure: Name, step: Literal)
    /// `base MEASURE VALUES`: the fixed base per region.
    case base(measure: Name, values: ValueSet)
    /// `budget MEASURE YEAR VALUES`: one year's budget.
    case budget(measure: Name, year: YearSpan, values: ValueSet)
    /// `vintage TABLE in "2019", "2023"`: which vintage of a table's indicators is read.
    case vintage(table: Name, values: [Name])
    /// `criterion NAME in EXPR, EXPR, ...`: alternative definitions (transforms) of a criterion.
    case criterion(name: Name, alternatives: [Expr])
    /// `latin_hypercube N [seed S] { ... }` or `sobol N { ... }`: `N` points jointly over
    /// the ranges inside, each line a `from .. to ..` range.
    case sample(method: Name, count: Literal, seed: Literal?, lines: [Line<VariantStatement>], closingComments: [Trivia])
}

/// `fairness { ... }`: how the fairness metrics are computed (every line is optional).
public struct FairnessBlock: Sendable {
    public var lines: [Line<FairnessStatement>]
    public var closingComments: [Trivia]
}

public enum FairnessStatement: Sendable {
    /// `population INDICATOR`: the persons per region (default `inhabitants`).
    case population(Name)
    /// `group COLUMN`: a text column of the regions table (e.g. province) for Theil's decomposition.
    case group(Name)
    /// `reference CRITERION`: what the money is compared with (Loosemore-Hanby, Suits).
    case reference(Name)
    /// `atkinson E, E, ...`: the inequality aversions of the Atkinson indices.
    case atkinson([Literal])
    /// `entropy A, A, ...`: the parameters of the generalised entropy indices GE(A).
    case entropy([Literal])
    /// `losses X, Y, ...`: amounts in euros per inhabitant; a Monte Carlo run reports each
    /// region's probability of losing more than each against the baseline.
    case losses([Literal])
}

/// `montecarlo { ... }`: the uncertain inputs, and how many draws of them.
public struct MonteCarloBlock: Sendable {
    public var lines: [Line<MonteCarloStatement>]
    public var closingComments: [Trivia]
}

public enum MonteCarloStatement: Sendable {
    case draws(Literal)
    case seed(Literal)
    /// `perturb INDICATOR normal|uniform|lognormal SPREAD`: SPREAD is a percentage of the
    /// value (relative) or an expression over indicators (absolute, per region).
    case perturb(indicator: Name, distribution: Name, spread: Expr)
    /// `dirichlet MEASURE CONCENTRATION`: the measure's key weights ~ Dirichlet(concentration x weights).
    case dirichlet(measure: Name, concentration: Literal)
    /// `correlate A B R`: the correlation of two perturbed indicators within a region.
    case correlate(first: Name, second: Name, value: Expr)
    /// `ranks`: also report each region's rank (1 = the largest amount) over the draws.
    case ranks(SourceRange)
}

/// `sensitivity sobol|morris N [seed S] { ... }`: a global sensitivity analysis over the
/// factors inside (N base points for Sobol, N trajectories for Morris).
public struct SensitivityBlock: Sendable {
    public var method: Name
    public var count: Literal
    public var seed: Literal?
    public var lines: [Line<SensitivityStatement>]
    public var closingComments: [Trivia]
}

public enum SensitivityStatement: Sendable {
    /// `weight MEASURE CRITERION from A to B`: one key weight (the others keep their proportions).
    case weight(measure: Name, criterion: Name, from: Literal, to: Literal)
    /// `key MEASURE`: all the key's weights together, uniform on the simplex (one factor).
    case key(measure: Name)
    /// `base MEASURE from A to B`: the fixed base per region.
    case base(measure: Name, from: Literal, to: Literal)
    /// `budget MEASURE YEAR from A to B`: one year's (or a span's) budget.
    case budget(measure: Name, year: YearSpan, from: Literal, to: Literal)
    /// `topslice MEASURE NAME from A to B`: a top-slice's size (percentages or amounts).
    case topslice(measure: Name, name: Name, from: Literal, to: Literal)
    /// `perturb INDICATOR [per region]`: the montecarlo block's perturbation of the
    /// indicator, one factor per region, reported as one group unless `per region`.
    case perturb(indicator: Name, perRegion: Bool)
    /// `second_order`: also Sobol's second-order indices.
    case secondOrder(SourceRange)
    /// `bootstrap R`: resamples for the intervals (default 100).
    case bootstrap(Literal)
    /// `levels P`: Morris's grid levels (default 4).
    case levels(Literal)
    /// `dummy`: a factor that moves nothing, whose indices show the estimation noise.
    case dummy(SourceRange)
    /// `until width W [max N]`: Sobol only; double N until every interval's half-width is
    /// below W (at most N base points).
    case until(width: Literal, maximum: Literal?)
    /// `group NAME { factor lines }`: factors whose indices are reported together.
    case group(name: Name, lines: [Line<SensitivityStatement>], closingComments: [Trivia])
}
