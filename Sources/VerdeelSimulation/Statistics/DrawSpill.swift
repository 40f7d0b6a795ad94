#if canImport(Glibc)
import Glibc
#endif
import Synchronization

/// Where kept draws go while the run makes them (``KeptDraws``), so that a run keeping
/// millions of draws holds none of them in memory: each variant's numbers are appended when
/// its measure and year are done, and read back a range of rows at a time when the table is
/// written. The file is made in a chosen folder (where the output goes, whose free space
/// the run checked) and removed from it at once: the run holds it open, and nothing is left
/// behind when the run ends or is killed. It is read back only at places it wrote, and a
/// failure to write or read it (a full disk) is kept and reported (``failure``): the table
/// is then not written.
public final class DrawSpill: Sendable {
    private let descriptor: Int32
    /// Bytes claimed by appends so far (each append claims its place before writing).
    private let claimed = Atomic<Int>(0)
    private let firstFailure = Mutex<String?>(nil)
    /// The folder the file was made in, for messages.
    public let folder: String

    /// Makes the file in `folder` and removes its name.
    public convenience init(folder: String) throws(DrawSpillError) {
        var template = Array((folder + "/.verdeel-draws-XXXXXX").utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in buffer.baseAddress.map { mkstemp($0) } ?? -1 }
        guard descriptor >= 0 else {
            throw DrawSpillError("the kept draws need a working file in \(folder), which cannot be made: \(Self.reason(errno)); choose another --output folder")
        }
        _ = template.withUnsafeBufferPointer { buffer in buffer.baseAddress.map { unlink($0) } }
        self.init(descriptor: descriptor, folder: folder)
    }

    /// A spill into an open file, which it then owns (tests give one that fails).
    package init(descriptor: Int32, folder: String) {
        self.descriptor = descriptor
        self.folder = folder
    }

    deinit { close(descriptor) }

    /// Why the file could not be written or read, if it could not: the first failure.
    public var failure: String? { firstFailure.withLock { $0 } }

    /// Appends `values`; returns the index (in values from the file's start) of the first,
    /// or nil when this or an earlier append or read failed.
    func append(_ values: [Double]) -> Int? {
        guard failure == nil else { return nil }
        let bytes = values.count * MemoryLayout<Double>.stride
        let start = claimed.add(bytes, ordering: .relaxed).oldValue
        let written = values.withUnsafeBytes { raw in
            transfer(bytes, at: start, "written") { done in pwrite(descriptor, raw.baseAddress.map { $0 + done }, bytes - done, off_t(start + done)) }
        }
        return written ? start / MemoryLayout<Double>.stride : nil
    }

    /// The `count` values from index `first` (as ``append(_:)`` gave it), or nil when they
    /// cannot be read (``failure`` then says why).
    func read(count: Int, from first: Int) -> [Double]? {
        let (start, bytes) = (first * MemoryLayout<Double>.stride, count * MemoryLayout<Double>.stride)
        guard first >= 0, count >= 0, start + bytes <= claimed.load(ordering: .relaxed) else {
            fail("values \(first)..<\(first + count) were never written")
            return nil
        }
        var values = [Double](repeating: 0, count: count)
        let read = values.withUnsafeMutableBytes { raw in
            transfer(bytes, at: start, "read") { done in pread(descriptor, raw.baseAddress.map { $0 + done }, bytes - done, off_t(start + done)) }
        }
        return read ? values : nil
    }

    /// Moves `bytes` with `step` (given the bytes done, returning the bytes it moved, 0 at
    /// the file's end, or -1 with errno), again after an interruption or a partial move.
    private func transfer(_ bytes: Int, at start: Int, _ what: String, _ step: (Int) -> Int) -> Bool {
        var done = 0
        while done < bytes {
            let moved = step(done)
            if moved < 0, errno == EINTR { continue }
            guard moved > 0 else {
                let why = moved == 0 ? "the file ended early" : Self.reason(errno)
                fail("\(bytes) bytes at \(start) could not be \(what): \(why)")
                return false
            }
            done += moved
        }
        return true
    }

    private func fail(_ message: String) {
        firstFailure.withLock { failure in
            if failure == nil { failure = "the kept draws' working file in \(folder): \(message)" }
        }
    }

    private static func reason(_ code: Int32) -> String {
        strerror(code).map { String(cString: $0) } ?? "error \(code)"
    }
}

/// The working file of kept draws cannot be made.
public struct DrawSpillError: Error, CustomStringConvertible, Sendable {
    public let description: String

    init(_ description: String) {
        self.description = description
    }
}
