import Synchronization

/// The steps of one configuration's draws, for a run of few variants whose variant progress
/// says little (the workbench's "how sure?" runs one): chunks of draws generated, then
/// blocks of draws allocated per measure. Each step first asks whether the run is cancelled
/// (so a cancelled run stops within a block, not after the variant), then reports
/// `done / total` to ``RunControl/drawProgress`` when the run has one variant.
final class DrawSteps: Sendable {
    let control: RunControl
    let total: Int
    let reports: Bool
    private let done = Atomic<Int>(0)

    init(control: RunControl, total: Int, reports: Bool) {
        (self.control, self.total, self.reports) = (control, max(total, 1), reports)
    }

    /// False when the run is cancelled; otherwise counts the step.
    func next() -> Bool {
        guard !control.isCancelled else { return false }
        if reports, let progress = control.drawProgress {
            progress(min(done.add(1, ordering: .relaxed).newValue, total), total)
        }
        return true
    }
}
