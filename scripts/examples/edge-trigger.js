// The missed-edge bug of event loops over ZMQ_FD, shown deterministically.
//
// Ten messages are queued at a PULL socket in one burst (over inproc, sends
// are complete when they return), then a poll loop watches the socket's fd:
// - "drain" reads ZMQ_EVENTS and receives while it has POLLIN: all ten;
// - "naive" receives one message per wake-up, as an `if` would: the fd never
//   fires again (nothing new arrives), so nine stay unread.
// The loop ends when the fd has been quiet for 200 ms.
//
// usage: qjs edge-trigger.js [drain|naive] [messages]
import * as zmq from "zmq";

const mode = scriptArgs[1] ?? "drain";
const total = scriptArgs[2] !== undefined ? Number(scriptArgs[2]) : 10;

const ctx = new zmq.Context();
const pull = ctx.socket(zmq.PULL);
pull.bind("inproc://edge");
const push = ctx.socket(zmq.PUSH);
push.connect("inproc://edge");
for (let i = 0; i < total; i++) push.send(`message ${i}`);

const loop = new zmq.Poller(); // plain poll(2) on the fd, as a foreign event loop would
loop.add(pull.getsockopt(zmq.FD), zmq.POLLIN);

let received = 0;
while (loop.wait(200) !== null) {
  if (mode === "naive") {
    if (pull.events() & zmq.POLLIN) { // WRONG: one message per wake-up
      pull.recv(zmq.DONTWAIT);
      received++;
    }
  } else {
    while (pull.events() & zmq.POLLIN) { // RIGHT: everything queued
      pull.recv(zmq.DONTWAIT);
      received++;
    }
  }
}

let unread = 0;
while (pull.recv(zmq.DONTWAIT) !== undefined) unread++;
console.log(`${mode}: received ${received} of ${total}, ${unread} left unread when the fd went quiet`);
