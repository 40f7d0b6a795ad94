import Synchronization
import VerdeelSimulation

/// Each draw's regions in ascending order of per-capita amount, as a variant last left
/// them: where the next variant's insertion sort starts. Neighbouring variants order the
/// regions of a draw almost alike, so the sort is nearly linear; the result is the same
/// sorted order whatever it starts from, so which variant left the orders never changes a
/// number. One worker's accumulators share one (``DrawOrdersPool``).
final class DrawOrders: @unchecked Sendable {
    let regions: Int
    /// `orders[d * regions ..< (d + 1) * regions]`: draw d's region indices.
    let orders: MutableBufferHandle<Int32>
    /// Whether draw d's order is still the first (by index), far from any sorted order.
    private var fresh: [Bool]

    init(regions: Int, draws: Int) {
        self.regions = regions
        orders = .allocate(Swift.max(1, regions * draws), repeating: 0)
        fresh = Array(repeating: true, count: draws)
        for d in 0..<draws {
            for r in 0..<regions { orders[d * regions + r] = Int32(r) }
        }
    }

    deinit { orders.deallocate() }

    /// Sorts draw d's order by `keys[r * stride]` ascending, ties by index: by insertion
    /// from the order it had (nearly linear when that is nearly right), by merge sort the
    /// first time or when insertion has moved more than 8n places (an order far from
    /// right, e.g. per-capita amounts that differ by rounding only). Either way the result
    /// is the one sorted order.
    func sort(draw d: Int, keys: BufferHandle<Double>, stride: Int) -> BufferHandle<Int32> {
        let order = orders.slice(from: d * regions, count: regions), n = regions
        defer { fresh[d] = false }
        guard n > 1 else { return order.reading }
        guard !fresh[d] else {
            Self.mergeSort(order, keys: keys, stride: stride)
            return order.reading
        }
        var budget = 8 * n
        // The largest so far, kept in registers: an element already in place (the usual
        // case) costs one comparison and no memory round trip.
        var (last, lastKey) = (order[0], keys[Int(order[0]) &* stride])
        for i in 1..<n {
            let item = order[i], key = keys[Int(item) &* stride]
            guard key < lastKey || (key == lastKey && item < last) else {
                (last, lastKey) = (item, key)
                continue
            }
            // The largest moves up one; `item` goes below it, where it belongs.
            order[i] = last
            var k = i - 1
            while k > 0 {
                let before = order[k - 1], other = keys[Int(before) &* stride]
                guard key < other || (key == other && item < before) else { break }
                order[k] = before
                k -= 1
            }
            order[k] = item
            budget -= i - k
            if budget < 0 {
                Self.mergeSort(order, keys: keys, stride: stride)
                break
            }
        }
        return order.reading
    }

    /// The standard library's (stable merge) sort of the indices by their keys, ties by index.
    private static func mergeSort(_ order: MutableBufferHandle<Int32>, keys: BufferHandle<Double>, stride: Int) {
        order.sort(0..<order.count) { (a: Int32, b: Int32) -> Bool in
            let (x, y) = (keys[Int(a) &* stride], keys[Int(b) &* stride])
            return x < y || (x == y && a < b)
        }
    }
}

/// The orders of one run, one set per worker thread: a worker's accumulators are fed one
/// at a time, each variant's sorts starting from the worker's previous variant's orders.
final class DrawOrdersPool: Sendable {
    private let made = Mutex<[Int: DrawOrders]>([:])

    func orders(worker: Int, regions: Int, draws: Int) -> DrawOrders {
        made.withLock { made in
            if let known = made[worker] { return known }
            let orders = DrawOrders(regions: regions, draws: draws)
            made[worker] = orders
            return orders
        }
    }
}
