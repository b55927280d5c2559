/// Serialises work per key (one upload token at a time) while different keys run in parallel,
/// as the real server does with its per-token lock. Hand-written: the standard library's
/// `Mutex` cannot be held across `await`.
actor KeyedLock {
  private var busy: Set<String> = []
  private var waiters: [String: [CheckedContinuation<Void, Never>]] = [:]

  func withLock<T: Sendable>(_ key: String, _ body: @Sendable () async throws -> T) async throws -> T {
    await acquire(key)
    defer { release(key) }
    return try await body()
  }

  private func acquire(_ key: String) async {
    if !busy.contains(key) {
      busy.insert(key)
      return
    }
    await withCheckedContinuation { waiters[key, default: []].append($0) }
  }

  private func release(_ key: String) {
    if var queue = waiters[key], !queue.isEmpty {
      let next = queue.removeFirst()
      waiters[key] = queue.isEmpty ? nil : queue
      next.resume()  // ownership passes to the waiter; `busy` keeps the key
    } else {
      busy.remove(key)
    }
  }
}
