import Testing
import VerdeelRandom

/// The generators against independent references: numpy's Philox and scipy's Sobol.
@Suite struct RandomTests {
    /// numpy: `np.random.Philox(key=[0, 0], counter=[0, 0, 0, 0]).random_raw(4)`; numpy
    /// increments the counter before its first block, so this is the block of counter 1.
    @Test func philoxMatchesNumpy() {
        let generator = Philox(seed: 0, stream: 0)
        let (a, b, c, d) = generator.block(1, 0, 0, 0)
        #expect([a, b, c, d] == [0x02F4_BA64_08E4_D89B, 0x3DD6_2B0B_9CA8_C5B2, 0x1C86_67A5_5D90_2E79, 0x907D_7A05_2FD5_B4DC])
    }

    /// numpy: key [42, 7], counter [2^64 - 1, 5, 0, 3]: the increment carries into word 1.
    @Test func philoxMatchesNumpyWithKeyAndCarry() {
        let generator = Philox(seed: 42, stream: 7)
        let (a, b, c, d) = generator.block(0, 6, 0, 3)
        #expect([a, b, c, d] == [0xBCA6_F90F_E22B_96C3, 0x4CC9_15AE_E69B_544C, 0x8AE2_17F0_3478_80BD, 0x2C23_5488_6B34_63B4])
        let (e, f, g, h) = generator.block(1, 6, 0, 3)
        #expect([e, f, g, h] == [0x491D_B072_3C50_7124, 0xFC54_0266_12F9_E2B5, 0x82FF_E97A_55C2_14D4, 0xB158_D379_E4D3_2604])
    }

    /// The open-unit mapping never gives 0 or 1.
    @Test func uniformsAreInsideTheOpenInterval() {
        #expect(Philox.openUnit(0) == 0x1.0p-53)
        #expect(Philox.openUnit(.max) == 1 - 0x1.0p-53)
    }

    /// Normals of one (draw, stream) do not depend on how many are asked for.
    @Test func normalsArePrefixStable() {
        let generator = Philox(seed: 42)
        var short = [Double](), long = [Double]()
        generator.normals(draw: 3, stream: 1, count: 5, into: &short)
        generator.normals(draw: 3, stream: 1, count: 13, into: &long)
        #expect(Array(long.prefix(5)) == short)
    }

    /// scipy: `qmc.Sobol(d=13, scramble=False).random(1024)`, points 5, 777 and 1023 times 1024.
    @Test func sobolMatchesScipy() throws {
        let sequence = try #require(SobolSequence(dimensions: 13))
        let points = sequence.points(1024)
        #expect(points[5].map { Int($0 * 1024) } == [896, 896, 128, 384, 896, 640, 896, 384, 384, 128, 384, 896, 896])
        #expect(points[777].map { Int($0 * 1024) } == [709, 959, 167, 281, 651, 365, 195, 781, 357, 331, 763, 713, 393])
        #expect(points[1023].map { Int($0 * 1024) } == [1, 771, 627, 149, 191, 449, 143, 633, 353, 871, 695, 37, 133])
        #expect(SobolSequence(dimensions: SobolSequence.maximumDimensions + 1) == nil)
    }

    /// Every stratum of every dimension holds exactly one point; the seed fixes the sample.
    @Test func latinHypercubeStratifies() {
        let points = LatinHypercube.points(50, dimensions: 3, seed: 7)
        for dimension in 0..<3 {
            #expect(Set(points.map { Int($0[dimension] * 50) }) == Set(0..<50))
        }
        #expect(LatinHypercube.points(50, dimensions: 3, seed: 7) == points)
        #expect(LatinHypercube.points(50, dimensions: 3, seed: 8) != points)
    }
}
