import Numerics
import Testing
import VerdeelCore

/// Setting a key weight, a paid amount and a top-slice fraction: values worked out by hand.
struct ParameterSettingTests {
    func key(_ percents: [Int64]) -> Key {
        Key(percents.enumerated().map { Key.Term(.indicator("c\($0.offset)"), Fraction(percent: $0.element) ?? .zero) })
    }

    /// 50/30/20 with the first weight at 20%: the others keep 3 : 2 of the 80% left,
    /// 48% and 32%, exactly 12/25 and 8/25 over 10^9.
    @Test func theOtherWeightsKeepTheirProportions() {
        let key = key([50, 30, 20])
        let weights = key.weights(setting: 0, to: 0.2)
        #expect(weights[0] == 0.2)
        #expect(weights[1].isApproximatelyEqual(to: 0.48) && weights[2].isApproximatelyEqual(to: 0.32))
        let expected: [Fraction] = [Fraction(1, 5), Fraction(12, 25), Fraction(8, 25)].compactMap { $0 }
        #expect(key.setting(weightOf: 0, to: 0.2).terms.map(\.weight) == expected)
    }

    /// A criterion that had all the weight leaves equal parts of what it gives up.
    @Test func aWholeKeyIsSharedEqually() {
        let whole = key([100, 0, 0])
        let half: Double = (1 - 0.6) / 2
        #expect(whole.weights(setting: 0, to: 0.6) == [0.6, half, half])
        let expected: [Fraction] = [Fraction(3, 5), Fraction(1, 5), Fraction(1, 5)].compactMap { $0 }
        #expect(whole.setting(weightOf: 0, to: 0.6).terms.map(\.weight) == expected)
    }

    /// Exactly: 50/30/20 with the first at 1/4 gives 0.3 x (3/4) / (1/2) = 9/20 and
    /// 0.2 x (3/4) / (1/2) = 3/10.
    @Test func exactWeightsAreExact() throws {
        let key = key([50, 30, 20])
        let current = key.terms.map { Rational($0.weight) }
        let exact = key.exactWeights(setting: 0, to: Rational(try #require(Fraction(1, 4))), current: current)
        let fractions: [Fraction] = [Fraction(1, 4), Fraction(9, 20), Fraction(3, 10)].compactMap { $0 }
        let expected = fractions.map { Rational($0) }
        #expect(zip(exact, expected).allSatisfy { $0.isEqual(to: $1) })
    }

    /// Paid amounts are whole units: EUR 1,234.50 is 1,235 whole euros (half away from
    /// zero), 0.125 euro is 13 cents; a 5% top-slice is 50,000,000 / 10^9 = 1/20.
    @Test func paidAmountsAndTopsliceFractions() {
        #expect(RoundingUnit.euro.paid(1_234.5) == Money(cents: 123_500))
        #expect(RoundingUnit.cent.paid(0.125) == Money(cents: 13))
        #expect(Fraction.billionths(of: 0.05) == Fraction(1, 20))
    }
}
