import Curses
import TerminalUI

/// The one queue of messages the console loop reads: terminal input, ticks and the results
/// of commands all arrive here, so the model is only ever touched by the loop.
struct ConsoleInbox: Sendable {
  let stream: AsyncStream<Message>
  let sink: AsyncStream<Message>.Continuation

  init() {
    (stream, sink) = AsyncStream<Message>.makeStream(bufferingPolicy: .unbounded)
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
}
