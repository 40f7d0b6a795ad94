import Testing
import VerdeelSimulation

/// The one door to raw memory: slices, vector loads and stores, sorting, and a debug build
/// stopping at any index outside.
struct BufferHandleTests {
    @Test func slicesLanesAndStoresStayInside() {
        let handle = MutableBufferHandle<Double>.allocate(20, repeating: 0)
        defer { handle.deallocate() }
        for i in 0..<20 { handle[i] = Double(i) }
        // Elements 3...18 as one vector of sixteen, at an unaligned start.
        let lanes: SIMD16<Double> = handle.lanes(at: 3)
        #expect(lanes == SIMD16<Double>((3...18).map(Double.init)))
        handle.store(SIMD4<Double>(repeating: -1), at: 16)
        #expect((0..<20).map { handle[$0] } == (0..<16).map(Double.init) + [-1, -1, -1, -1])
        let middle = handle.slice(from: 5, count: 3)
        middle[0] = 50
        #expect(middle.count == 3 && handle[5] == 50 && middle.reading[2] == 7)
        middle.update(repeating: 9)
        #expect((4...8).map { handle[$0] } == [4, 9, 9, 9, 8])
        // Sorting a range leaves the rest as it was.
        handle.sort(0..<4) { $0 > $1 }
        #expect((0..<5).map { handle[$0] } == [3, 2, 1, 0, 4])
    }

    @Test func vectorsReadAsTheirScalars() {
        let vectors = MutableBufferHandle<SIMD4<Double>>.allocate(2, repeating: SIMD4(1, 2, 3, 4))
        defer { vectors.deallocate() }
        vectors[1] = SIMD4(5, 6, 7, 8)
        let scalars = vectors.scalars
        #expect(scalars.count == 8 && (0..<8).map { scalars[$0] } == [1, 2, 3, 4, 5, 6, 7, 8])
        // Lane 2 of every vector: elements 2 and 6.
        #expect(scalars.slice(from: 2, count: 6)[4] == 7)
    }

    @Test func anEmptyArraysStorageIsAnEmptyHandle() {
        let empty: [Double] = []
        let count = empty.withUnsafeBufferPointer { BufferHandle($0).slice(from: 0, count: 0).count }
        #expect(count == 0)
    }

    #if DEBUG
    @Test func aDebugBuildStopsOutside() async {
        await #expect(processExitsWith: .failure) {
            let handle = MutableBufferHandle<Double>.allocate(4, repeating: 0)
            _ = handle[4]
        }
        await #expect(processExitsWith: .failure) {
            let handle = MutableBufferHandle<Double>.allocate(4, repeating: 0)
            let _: SIMD4<Double> = handle.lanes(at: 1)
        }
        await #expect(processExitsWith: .failure) {
            let handle = MutableBufferHandle<Double>.allocate(4, repeating: 0)
            _ = handle.slice(from: 2, count: 3)
        }
        await #expect(processExitsWith: .failure) {
            let handle = MutableBufferHandle<Int>.allocate(4, repeating: 0)
            handle.sort(2..<5) { $0 < $1 }
        }
    }
    #endif
}
