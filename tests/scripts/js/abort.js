// Inputs on which libzmq 4.3 would abort or crash (docs/design.md, "libzmq
// abort paths refused before libzmq sees them"): each is refused with a
// coded ZmqError, or — where this process may legitimately apply it — works
// without bringing the process down. Ends with a working round trip.
//   qjs abort.js TMPDIR
import * as zmq from "zmq";
import { assert, eq, expectZmqError } from "./util.js";

const [, tmp] = scriptArgs;
let checks = 0;
const refuse = (fn, code, what) => {
  expectZmqError(fn, code, what);
  checks++;
};
/// Either refused with a ZmqError, or accepted and then harmless: `after` runs.
function refusedOrHarmless(fn, what, after) {
  try {
    fn();
  } catch (e) {
    assert(e instanceof zmq.ZmqError && typeof e.code === "string", `${what}: ${e}`);
    checks++;
    return;
  }
  after();
  checks++;
}

// Draft socket types (this build has no draft API), and other unknown types.
const ctx = new zmq.Context();
for (let t = 12; t <= 20; t++) refuse(() => ctx.socket(t), "EINVAL", `socket type ${t}`);
for (const t of [-1, 21, 1000, 2 ** 31 - 1]) refuse(() => ctx.socket(t), "EINVAL", `socket type ${t}`);

// STREAM over ipc:// and inproc://.
for (const ep of [`ipc://${tmp}/stream`, "inproc://stream"]) {
  const s = ctx.socket(zmq.STREAM);
  refuse(() => s.bind(ep), "ENOCOMPATPROTO", `STREAM bind ${ep}`);
  refuse(() => s.connect(ep), "ENOCOMPATPROTO", `STREAM connect ${ep}`);
  s.close();
}

// tcp ports outside 0..65535 (libzmq would silently truncate).
{
  const s = ctx.socket(zmq.PAIR);
  for (const port of ["65536", "70000", "4294967297", "99999999999999999999"]) {
    refuse(() => s.bind(`tcp://127.0.0.1:${port}`), "EINVAL", `bind port ${port}`);
    refuse(() => s.connect(`tcp://127.0.0.1:${port}`), "EINVAL", `connect port ${port}`);
  }
  s.close();
}

// Context options that would make libzmq abort when it starts its threads.
{
  const c = new zmq.Context();
  refuse(() => c.set(zmq.IO_THREADS, 65), "EINVAL", "IO_THREADS 65");
  refuse(() => c.set(zmq.IO_THREADS, 100000), "EINVAL", "IO_THREADS 100000");
  refuse(() => c.set(zmq.MAX_SOCKETS, 2 ** 20 + 1), "EINVAL", "MAX_SOCKETS 2^20+1");
  refuse(() => c.set(zmq.MAX_SOCKETS, 2 ** 31 - 1), "EINVAL", "MAX_SOCKETS 2^31-1");
  refuse(() => c.set(zmq.THREAD_AFFINITY_CPU_ADD, 1024), "EINVAL", "CPU 1024");
  refuse(() => c.set(zmq.THREAD_AFFINITY_CPU_ADD, 100000), "EINVAL", "CPU 100000");
  refuse(() => c.set(zmq.THREAD_SCHED_POLICY, 12345), "EINVAL", "scheduling policy 12345");
  const start = (cx) => () => {
    const s = cx.socket(zmq.PAIR);
    s.bind("tcp://127.0.0.1:*"); // starts the I/O thread
    s.close();
  };
  // Real-time scheduling and priorities: refused where this process may not
  // use them, harmless where it may (e.g. as root).
  for (const [policy, prio] of [[1, 99], [2, 1], [1, 1000], [0, 5], [-1, 1000], [-1, -20]]) {
    const cx = new zmq.Context();
    refusedOrHarmless(() => {
      cx.set(zmq.THREAD_SCHED_POLICY, policy);
      cx.set(zmq.THREAD_PRIORITY, prio);
    }, `policy ${policy} priority ${prio}`, start(cx));
    cx.term();
  }
  const cx = new zmq.Context();
  refusedOrHarmless(() => cx.set(zmq.THREAD_AFFINITY_CPU_ADD, 0), "CPU 0", start(cx));
  cx.term();
  start(c)();
  c.term();
}

// USE_FD that is not a socket.
{
  const s = ctx.socket(zmq.PAIR);
  for (const fd of [0, 2, 1234567]) {
    refuse(() => {
      s.setsockopt(zmq.USE_FD, fd);
      s.bind("tcp://127.0.0.1:*");
    }, "EINVAL", `USE_FD ${fd}`);
  }
  s.close();
}

// A CONFLATE socket connecting to an inproc endpoint that is not bound yet.
{
  const s = ctx.socket(zmq.PULL);
  s.setsockopt(zmq.CONFLATE, 1);
  refuse(() => s.connect("inproc://later"), "EINVAL", "CONFLATE connect before bind");
  s.close();
  const b = ctx.socket(zmq.PUSH);
  b.bind("inproc://later");
  b.close();
  // Bound first: fine.
  const c = ctx.socket(zmq.PUSH);
  c.bind("inproc://first");
  const d = ctx.socket(zmq.PULL);
  d.setsockopt(zmq.CONFLATE, 1);
  eq(d.connect("inproc://first"), 0, "CONFLATE connect after bind");
  c.send("only the last");
  eq(d.recv_str(), "only the last", "conflated message");
  c.close();
  d.close();
  checks++;
}

// SNDHWM/RCVHWM changed while a peer pipe is terminating (a use-after-free in
// stock libzmq 4.3).
for (let i = 0; i < 300; i++) {
  const a = ctx.socket(zmq.PAIR);
  const b = ctx.socket(zmq.PAIR);
  a.bind(`inproc://hwm${i}`);
  b.connect(`inproc://hwm${i}`);
  b.send("x");
  b.close();
  a.setsockopt(zmq.SNDHWM, i + 1);
  a.setsockopt(zmq.RCVHWM, i + 1);
  a.close();
}
checks++;

// Waiting forever on an empty poller.
refuse(() => new zmq.Poller().wait(-1), "EFAULT", "empty poller, no timeout");
refuse(() => new zmq.Poller().wait_all(4, -1), "EFAULT", "empty poller, wait_all");

// Still alive and working.
const a = ctx.socket(zmq.REP);
const b = ctx.socket(zmq.REQ);
b.connect(a.bind_to_random_port("tcp://127.0.0.1"));
b.send("still alive?");
eq(a.recv_str(), "still alive?", "request");
a.send("yes");
eq(b.recv_str(), "yes", "reply");
ctx.term();
console.log("ok", checks);
