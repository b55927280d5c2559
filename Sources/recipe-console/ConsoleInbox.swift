import Curses
import Foundation
import TerminalUI

/// The one queue of messages the console loop reads: terminal input, ticks and the results
/// of commands all arrive here, so the model is only ever touched by the loop. It counts what
/// is queued, so the loop can apply every waiting message before it draws once.
struct ConsoleInbox: Sendable {
  let stream: Messages
  let sink: MessageSink

  init() {
    let (raw, continuation) = AsyncStream<Message>.makeStream(bufferingPolicy: .unbounded)
    let queued = QueuedCount()
    stream = Messages(raw: raw, queued: queued)
    sink = MessageSink(continuation: continuation, queued: queued)
  }

  func post(_ message: Message) { sink.yield(message) }

  /// Forwards the terminal's keys, clicks and resizes until the terminal stops.
  func forward(_ terminal: Terminal) -> Task<Void, Never> {
    let events = terminal.events()
    let sink = sink
    return Task {
      for await event in events {
        switch event {
        case .key(let key): sink.yield(.key(key))
        case .mouse(let mouse): sink.yield(.mouse(mouse))
        case .resize(let width, let height): sink.yield(.resize(width: width, height: height))
        }
      }
    }
  }

  /// The reading end: `next()` waits for a message, `hasQueued` says one is waiting already.
  struct Messages: Sendable {
    fileprivate let raw: AsyncStream<Message>
    fileprivate let queued: QueuedCount

    func makeAsyncIterator() -> Iterator { Iterator(raw: raw.makeAsyncIterator(), queued: queued) }

    struct Iterator {
      fileprivate var raw: AsyncStream<Message>.Iterator
      fileprivate let queued: QueuedCount

      mutating func next() async -> Message? {
        let message = await raw.next()
        if message != nil { queued.add(-1) }
        return message
      }

      var hasQueued: Bool { queued.value > 0 }
    }
  }
}

/// Where effects post their results.
struct MessageSink: Sendable {
  fileprivate let continuation: AsyncStream<Message>.Continuation
  fileprivate let queued: QueuedCount

  func yield(_ message: Message) {
    queued.add(1)
    if case .terminated = continuation.yield(message) { queued.add(-1) }
  }
}

/// Messages posted and not yet read.
private final class QueuedCount: @unchecked Sendable {
  // Posted from many tasks, read by the loop: the lock guards `count`.
  private let lock = NSLock()
  private var count = 0

  func add(_ delta: Int) { lock.withLock { count += delta } }
  var value: Int { lock.withLock { count } }
}
