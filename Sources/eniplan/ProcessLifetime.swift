import Synchronization

/// Values the process keeps until it exits. A run builds hundreds of thousands of small values (changes, ENIs,
/// findings, the indexes of both sides); the process ends right after the reports are written, and freeing them one
/// by one first would cost a tenth of its time for nothing: the system takes the memory back at exit in one step.
enum ProcessLifetime {
    private static let kept = Mutex<[any Sendable]>([])

    static func keep(_ value: any Sendable) {
        kept.withLock { $0.append(value) }
    }
}
