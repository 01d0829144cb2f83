// Running out of file descriptors (tests/tests/fd_limits.rs runs this under
// `ulimit -n 32` or `64`). Each case makes things until the process has no fd
// left, expects a ZmqError EMFILE (never an abort), closes everything, shows
// that the process is usable again, and ends printing "alive".
//   qjs fdlimit.js contexts|sockets|connect|monitors|proxy
import * as zmq from "zmq";
import * as os from "os";
import { assert, eq } from "./util.js";

const [, what] = scriptArgs;
const LIMIT = 10000; // fail instead of looping forever if nothing ever runs out

/// Call make(i) until it throws; the error must be EMFILE. Returns the count.
function untilEmfile(label, make) {
  for (let i = 0; i < LIMIT; i++) {
    try {
      make(i);
    } catch (e) {
      if (!(e instanceof zmq.ZmqError)) throw e;
      eq(e.code, "EMFILE", `${label}: error after ${i}`);
      console.log(label, "EMFILE after", i);
      return i;
    }
  }
  throw new Error(`${label}: never ran out of fds`);
}

/// A PAIR round trip over inproc in a fresh context: the process works.
function roundTrip(label) {
  const ctx = new zmq.Context();
  const a = ctx.socket(zmq.PAIR);
  const b = ctx.socket(zmq.PAIR);
  a.bind(`inproc://${label}`);
  b.connect(`inproc://${label}`);
  a.send(label);
  eq(b.recv_str(), label, `${label}: round trip`);
  a.close();
  b.close();
  ctx.term();
}

/// fn() once the fds closed earlier are free: libzmq closes sockets and
/// connections asynchronously (its reaper and I/O threads), so EMFILE can
/// last a moment after close(). Fails after 20 s instead of hanging.
function eventually(label, fn) {
  for (let i = 0; ; i++) {
    try {
      return fn();
    } catch (e) {
      if (!(e instanceof zmq.ZmqError) || e.code !== "EMFILE" || i >= 400) throw e;
      os.sleep(50);
    }
  }
}

/// Run `round` (make until EMFILE, close all) twice, then show that the process works.
function twice(label, round) {
  const first = round();
  eventually(label, () => roundTrip(label));
  const second = round();
  assert(first > 0, `${label}: made something before EMFILE (${first}, then ${second})`);
  eventually(label, () => roundTrip(label));
}

switch (what) {
  case "contexts":
    // A context per socket: each first socket starts the context's threads.
    twice(what, () => {
      const made = [];
      const n = untilEmfile(what, () => {
        const ctx = new zmq.Context();
        made.push([ctx, null]);
        const s = ctx.socket(zmq.PUB);
        made[made.length - 1][1] = s;
        s.bind("tcp://127.0.0.1:*");
      });
      for (const [ctx, s] of made) {
        if (s) s.close();
        ctx.term();
      }
      return n;
    });
    break;
  case "sockets":
    twice(what, () => {
      const ctx = new zmq.Context();
      const made = [];
      const n = untilEmfile(what, () => {
        const s = ctx.socket(zmq.PULL);
        made.push(s);
        s.bind("tcp://127.0.0.1:*");
      });
      for (const s of made) s.close();
      ctx.term();
      return n;
    });
    break;
  case "connect": {
    // Connections accepted by a listener while the process has no fd left:
    // libzmq retries (reconnect) and accepts once fds are free again.
    const ctx = new zmq.Context();
    const server = ctx.socket(zmq.PULL);
    server.bind("tcp://127.0.0.1:*");
    const endpoint = server.getsockopt(zmq.LAST_ENDPOINT);
    server.setsockopt(zmq.RCVTIMEO, 20000);
    twice(what, () => {
      const made = [];
      const n = untilEmfile(what, () => {
        const s = ctx.socket(zmq.PUSH);
        made.push(s);
        s.connect(endpoint);
        s.bind("tcp://127.0.0.1:*"); // synchronous fd use, to reach EMFILE
      });
      for (const s of made) s.close();
      return n;
    });
    const client = eventually(what, () => ctx.socket(zmq.PUSH));
    client.connect(endpoint);
    client.send("after");
    eq(server.recv_str(), "after", "delivery after exhaustion");
    client.close();
    server.close();
    ctx.term();
    break;
  }
  case "monitors":
    twice(what, () => {
      const ctx = new zmq.Context();
      const made = [];
      const n = untilEmfile(what, () => {
        const s = ctx.socket(zmq.REP);
        made.push(s);
        made.push(s.monitor());
      });
      for (const s of made) s.close();
      ctx.term();
      return n;
    });
    break;
  case "proxy": {
    // A steerable proxy forwards while no fd is left (it needs none).
    const ctx = new zmq.Context();
    const front = ctx.socket(zmq.PULL);
    const back = ctx.socket(zmq.PUSH);
    const control = ctx.socket(zmq.PAIR);
    const steer = ctx.socket(zmq.PAIR);
    const input = ctx.socket(zmq.PUSH);
    const output = ctx.socket(zmq.PULL);
    front.bind("inproc://front");
    input.connect("inproc://front");
    back.bind("inproc://back");
    output.connect("inproc://back");
    control.bind("inproc://control");
    steer.connect("inproc://control");
    const made = [];
    const n = untilEmfile(what, () => {
      const s = ctx.socket(zmq.PUB);
      made.push(s);
      s.bind("tcp://127.0.0.1:*");
    });
    input.send("through");
    steer.send("TERMINATE");
    zmq.proxy_steerable(front, back, null, control);
    output.setsockopt(zmq.RCVTIMEO, 5000);
    eq(output.recv_str(), "through", "proxied while out of fds");
    for (const s of [...made, front, back, control, steer, input, output]) s.close();
    ctx.term();
    assert(n > 0, "made sockets");
    eventually(what, () => roundTrip(what));
    break;
  }
  default:
    throw new Error("unknown case " + what);
}
console.log("alive");
