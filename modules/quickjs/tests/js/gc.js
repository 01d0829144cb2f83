// Sockets and contexts closed by GC in any order; a socket keeps its context.
import * as zmq from "zmq";
import * as std from "std";
import * as os from "os";
import { assert, eq, inproc } from "./assert.js";

// new zmq.Context().socket(...): the context object is garbage at once,
// the socket keeps working.
const pull = new zmq.Context().socket(zmq.PULL);
std.gc();
const ep = pull.bind_to_random_port();
const push = new zmq.Context().socket(zmq.PUSH);
std.gc();
push.connect(ep);
std.gc();
eq(push.send("still alive"), 11);
eq(pull.recv_str(), "still alive");

// inproc between sockets of a context whose object was collected
function makePair() {
  const ctx = new zmq.Context();
  const ep = inproc("gc");
  const a = ctx.socket(zmq.PAIR);
  a.bind(ep);
  const b = ctx.socket(zmq.PAIR);
  b.connect(ep);
  return [a, b];
}
const [a, b] = makePair();
std.gc();
a.send("over a collected context");
eq(b.recv_str(), "over a collected context");

// many contexts and sockets dropped in every order: nothing leaks or hangs
for (let i = 0; i < 300; i++) {
  const ctx = new zmq.Context();
  const s1 = ctx.socket(zmq.PUSH);
  const s2 = ctx.socket(zmq.PULL);
  s1.setsockopt(zmq.LINGER, 0);
  s2.bind(inproc("many"));
  if (i % 3 === 0) s1.close();
  if (i % 3 === 1) ctx.term();
  if (i % 50 === 0) {
    std.gc();
    os.sleep(10); // let libzmq's reaper free socket slots
  }
}
std.gc();

// a socket referenced only by a poller stays open; the poller keeps its user_data
const poller = new zmq.Poller();
(function () {
  const ctx = new zmq.Context();
  const s = ctx.socket(zmq.PULL);
  s.bind("inproc://only-in-poller");
  const t = ctx.socket(zmq.PUSH);
  t.connect("inproc://only-in-poller");
  t.send("found");
  poller.add(s, zmq.POLLIN, { keep: "me" });
})();
std.gc();
const ev = poller.wait(2000);
assert(ev !== null);
eq(ev.user_data.keep, "me");
eq(ev.socket.recv_str(), "found");

// cycles through user_data are collected without trouble
(function () {
  const p = new zmq.Poller();
  const s = new zmq.Context().socket(zmq.PULL);
  const holder = { p, s };
  p.add(s, zmq.POLLIN, holder);
})();
std.gc();

// sockets left open at the end are closed at teardown (with LINGER 0)
const leftOpen = new zmq.Context().socket(zmq.PUSH);
leftOpen.connect("tcp://127.0.0.1:9");
leftOpen.send("never delivered", zmq.DONTWAIT);
