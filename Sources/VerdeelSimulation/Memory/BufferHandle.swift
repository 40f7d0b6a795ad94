/// The one door to raw memory for the engine's kernels and the statistics over the draws: a
/// start and a count, every access asserted to lie inside (debug builds check each index,
/// release builds compile the checks away), after the pattern of swift-collections' heap
/// handle. Kernels keep their scratch in handles they allocate once (``allocate(_:repeating:)``,
/// released by their owner's `deinit`) or view an array's storage for the length of a call
/// (``MutableBufferHandle/init(_:)``); pointer arithmetic, unaligned SIMD loads and stores and
/// rebasing happen here and nowhere else in those files.
///
/// `MutableBufferHandle` reads and writes; ``BufferHandle`` only reads. Both are plain
/// values: copying one does not copy the memory.
@frozen
public struct MutableBufferHandle<Element> {
    /// Nil only when `count` is 0 (an empty array's storage).
    @usableFromInline let base: UnsafeMutablePointer<Element>?
    public let count: Int

    /// A view of an array's storage (valid while the array's buffer is, as in
    /// `withUnsafeMutableBufferPointer`).
    @inlinable package init(_ buffer: UnsafeMutableBufferPointer<Element>) {
        (base, count) = (buffer.baseAddress, buffer.count)
    }

    @inlinable @inline(__always)
    init(base: UnsafeMutablePointer<Element>?, count: Int) {
        (self.base, self.count) = (base, count)
    }

    /// The first element's address; only read after an index is asserted inside, so never
    /// of an empty handle.
    @inlinable @inline(__always) var start: UnsafeMutablePointer<Element> { base.unsafelyUnwrapped }

    /// New memory of `count` elements, each `value`; its owner calls ``deallocate()``.
    @inlinable package static func allocate(_ count: Int, repeating value: Element) -> MutableBufferHandle {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: count)
        buffer.initialize(repeating: value)
        return MutableBufferHandle(buffer)
    }

    /// Releases memory from ``allocate(_:repeating:)``.
    @inlinable package func deallocate() {
        UnsafeMutableBufferPointer(start: base, count: count).deinitialize()
        base?.deallocate()
    }

    @inlinable @inline(__always)
    package subscript(_ i: Int) -> Element {
        unsafeAddress {
            assert(i >= 0 && i < count, "index \(i) of \(count)")
            return UnsafePointer(start + i)
        }
        nonmutating unsafeMutableAddress {
            assert(i >= 0 && i < count, "index \(i) of \(count)")
            return start + i
        }
    }

    /// Elements `from ..< from + count` as a handle of their own.
    @inlinable @inline(__always)
    package func slice(from: Int, count: Int) -> MutableBufferHandle {
        assert(from >= 0 && count >= 0 && from + count <= self.count, "\(from)..<\(from + count) of \(self.count)")
        return MutableBufferHandle(base: base.map { $0 + from }, count: count)
    }

    /// The same memory, read only.
    @inlinable package var reading: BufferHandle<Element> { BufferHandle(self) }

    /// Sets every element to `value`.
    @inlinable package func update(repeating value: Element) {
        UnsafeMutableBufferPointer(start: base, count: count).update(repeating: value)
    }

    /// Sorts elements `range` in place by `areInIncreasingOrder`.
    @inlinable package func sort(_ range: Range<Int>, by areInIncreasingOrder: (Element, Element) -> Bool) {
        assert(range.lowerBound >= 0 && range.upperBound <= count, "\(range) of \(count)")
        var part = UnsafeMutableBufferPointer(start: base.map { $0 + range.lowerBound }, count: range.count)
        part.sort(by: areInIncreasingOrder)
    }
}

extension MutableBufferHandle where Element: SIMDScalar {
    /// Elements `i ..< i + Lanes.scalarCount` as one vector (any alignment).
    @inlinable @inline(__always)
    package func lanes<Lanes: SIMD>(at i: Int, as _: Lanes.Type = Lanes.self) -> Lanes where Lanes.Scalar == Element {
        assert(i >= 0 && i + Lanes.scalarCount <= count, "lanes \(i)..<\(i + Lanes.scalarCount) of \(count)")
        return UnsafeRawPointer(start + i).loadUnaligned(as: Lanes.self)
    }

    /// Stores `value` into elements `i ..< i + Lanes.scalarCount` (any alignment).
    @inlinable @inline(__always)
    package func store<Lanes: SIMD>(_ value: Lanes, at i: Int) where Lanes.Scalar == Element {
        assert(i >= 0 && i + Lanes.scalarCount <= count, "lanes \(i)..<\(i + Lanes.scalarCount) of \(count)")
        UnsafeMutableRawPointer(start + i).storeBytes(of: value, as: Lanes.self)
    }
}

/// A read-only ``MutableBufferHandle``: the same checks, no way to write.
@frozen
public struct BufferHandle<Element> {
    /// Written through nowhere: every accessor here only reads.
    @usableFromInline let memory: MutableBufferHandle<Element>

    public var count: Int { memory.count }

    /// A view of an array's storage (valid while the array's buffer is).
    @inlinable package init(_ buffer: UnsafeBufferPointer<Element>) {
        memory = MutableBufferHandle(UnsafeMutableBufferPointer(mutating: buffer))
    }

    @inlinable @inline(__always)
    init(_ memory: MutableBufferHandle<Element>) {
        self.memory = memory
    }

    @inlinable @inline(__always)
    package subscript(_ i: Int) -> Element { memory[i] }

    /// Elements `from ..< from + count` as a handle of their own.
    @inlinable @inline(__always)
    package func slice(from: Int, count: Int) -> BufferHandle { BufferHandle(memory.slice(from: from, count: count)) }

    /// The elements as a buffer, for the standard library's algorithms.
    @inlinable package var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: memory.base, count: count) }

    /// The address of the first element, as a number: an identity for caches keyed by memory.
    @inlinable package var address: UInt { UInt(bitPattern: memory.base) }
}

extension BufferHandle where Element: SIMDScalar {
    /// Elements `i ..< i + Lanes.scalarCount` as one vector (any alignment).
    @inlinable @inline(__always)
    package func lanes<Lanes: SIMD>(at i: Int, as _: Lanes.Type = Lanes.self) -> Lanes where Lanes.Scalar == Element {
        memory.lanes(at: i)
    }
}

extension MutableBufferHandle where Element: SIMD {
    /// The vectors' scalars one after another, read only: vector r's lane l is element
    /// `r * Element.scalarCount + l`.
    @inlinable package var scalars: BufferHandle<Element.Scalar> {
        BufferHandle(MutableBufferHandle<Element.Scalar>(base: base.map { UnsafeMutableRawPointer($0).assumingMemoryBound(to: Element.Scalar.self) }, count: count * Element.scalarCount))
    }
}
