// One poll loop over two kinds of file descriptor: standard input and a
// ZeroMQ socket's ZMQ_FD, as a program with its own event loop (GUI toolkit,
// libuv, epoll...) would do it. docs/event-loop.md explains the rules:
//
// - ZMQ_FD is not the socket's data: it only says "something changed". It is
//   edge-triggered, and reading ZMQ_EVENTS is what re-arms it.
// - So when it fires, read EVENTS and receive *while* it has POLLIN: several
//   messages may be waiting behind one wake-up. Stopping after one (an `if`)
//   leaves the rest unread until some new traffic wakes the loop again.
//
// usage: qjs event-loop.js [endpoint]
//   endpoint  where the PULL socket binds (default tcp://127.0.0.1:5562)
// Prints each line typed on stdin and each message received; ends at end of input.
import * as zmq from "zmq";
import * as std from "std";

const endpoint = scriptArgs[1] ?? "tcp://127.0.0.1:5562";
const ctx = new zmq.Context();
const pull = ctx.socket(zmq.PULL);
pull.bind(endpoint);
console.log(`listening on ${pull.getsockopt(zmq.LAST_ENDPOINT)}`);

const STDIN = 0;
const zmq_fd = pull.getsockopt(zmq.FD);
const loop = new zmq.Poller(); // used here as plain poll(2): it only sees file descriptors
loop.add(STDIN, zmq.POLLIN);
loop.add(zmq_fd, zmq.POLLIN);

let lines = 0;
let messages = 0;
let open = true;
while (open) {
  for (const ready of loop.wait_all(2, -1)) {
    if (ready.socket === zmq_fd) {
      // Drain: the fd will not fire again for messages already queued.
      while (pull.events() & zmq.POLLIN) {
        const message = pull.recv_str(zmq.DONTWAIT);
        messages++;
        console.log(`zmq: ${message}`);
      }
    } else {
      const line = std.in.getline(); // reads up to the newline, byte by byte: nothing stays buffered
      if (line === null) {
        open = false;
      } else {
        lines++;
        console.log(`stdin: ${line}`);
      }
    }
  }
}
console.log(`end of input after ${lines} lines and ${messages} messages`);
pull.close();
ctx.term();
