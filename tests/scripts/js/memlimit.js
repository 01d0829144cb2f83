// Memory limits (tests/tests/memory_limits.rs runs this under
// `qjs --memory-limit 64m`): received messages count against the limit.
// Keeps COUNT messages of SIZE bytes in an array until recv throws the
// out-of-memory error, drops them and goes on; prints "alive" at the end.
//   qjs --memory-limit 64m memlimit.js [COUNT [SIZE]]
import * as zmq from "zmq";
import * as std from "std";
import { assert, eq } from "./util.js";

const count = Number(scriptArgs[1] || 200);
const size = Number(scriptArgs[2] || 1 << 20);
const ctx = new zmq.Context();
const push = ctx.socket(zmq.PUSH);
const pull = ctx.socket(zmq.PULL);
push.bind("inproc://memlimit");
pull.connect("inproc://memlimit");
pull.setsockopt(zmq.RCVTIMEO, 10000);
const payload = new Uint8Array(size).fill(7);

/// Send and receive messages, keeping them, until recv fails; returns how many were kept.
function hoard() {
  let kept = [];
  for (let i = 0; i < count; i++) {
    push.send(payload);
    try {
      const m = pull.recv();
      eq(m.length, size, "message size");
      kept.push(m);
    } catch (e) {
      assert(!(e instanceof zmq.ZmqError), "a QuickJS error, not a ZmqError: " + e);
      assert(String(e).includes("out of memory"), "out of memory error: " + e);
      console.log("out of memory after", kept.length, "messages:", String(e));
      const n = kept.length;
      kept = null; // dropped: the heap is free again
      std.gc();
      return n;
    }
  }
  throw new Error(`kept all ${count} messages of ${size} bytes: the limit does not hold`);
}

const first = hoard();
const second = hoard();
assert(first > 0 && second > 0, `kept some messages (${first}, ${second})`);
// The process is fine: a small round trip.
push.send("after");
eq(pull.recv_str(), "after", "round trip after the out-of-memory errors");
push.close();
pull.close();
ctx.term();
console.log("alive");
