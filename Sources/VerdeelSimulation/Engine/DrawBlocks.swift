/// How the engine cuts the draws into blocks that stay in cache: block `b` holds draws
/// `range(b)` of every region, region-major inside the block (`x[offset(b) + r * width(b) + j]`),
/// blocks one after another. The block size depends only on the number of regions (about
/// 4,096 cells, 128 to 512 draws, a multiple of 16; for many regions 128 draws, so that a
/// slot's statistics get enough draws per call), never on threads or chunks, so results do
/// not either.
struct DrawBlocks: Sendable {
    let regions: Int
    let draws: Int
    let size: Int

    init(regions: Int, draws: Int) {
        self.regions = regions
        self.draws = draws
        size = Swift.max(128, Swift.min(512, 4_096 / Swift.max(regions, 1) / 16 * 16))
    }

    var count: Int { (draws + size - 1) / size }

    /// The draws of block `block`.
    func range(_ block: Int) -> Range<Int> { (block * size)..<Swift.min(draws, (block + 1) * size) }

    func width(_ block: Int) -> Int { range(block).count }

    /// Where block `block` starts in a block-major array of all regions and draws.
    func offset(_ block: Int) -> Int { block * size * regions }

    /// The position of (region, draw) in a block-major array.
    func index(region: Int, draw: Int) -> Int {
        let block = draw / size
        return offset(block) + region * width(block) + draw - block * size
    }

    /// A region-major array (`x[r * draws + d]`) in block-major order.
    func blockMajor(_ regionMajor: [Double]) -> [Double] {
        var result = [Double](repeating: 0, count: regionMajor.count)
        for r in 0..<regions {
            for d in 0..<draws { result[index(region: r, draw: d)] = regionMajor[r * draws + d] }
        }
        return result
    }
}
