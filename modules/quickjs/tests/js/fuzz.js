// Every method with arguments of every kind: only ordinary exceptions
// (TypeError, RangeError, ZmqError), never a crash or an internal error.
import * as zmq from "zmq";
import { assert } from "./assert.js";

const values = [
  undefined, null, true, false, 0, 1, -1, 3, 1.5, NaN, -Infinity, 2 ** 31, -(2 ** 53),
  "", "x", "LINGER", "tcp://127.0.0.1:*", "inproc://fuzz", "\0", "\ud800",
  {}, [], [1, "a"], () => 1, Symbol("s"), 10n, -(2n ** 70n),
  new Uint8Array(3), new Float32Array(2), new ArrayBuffer(2), new DataView(new ArrayBuffer(4), 1, 2),
];

const ctx = new zmq.Context();
const socket = ctx.socket(zmq.DEALER);
socket.setsockopt(zmq.LINGER, 0);
socket.setsockopt(zmq.RCVTIMEO, 0);
socket.setsockopt(zmq.SNDTIMEO, 0);
values.push(socket);

let calls = 0;
function attempt(what, fn) {
  calls++;
  try {
    fn();
  } catch (e) {
    const ok = e instanceof TypeError || e instanceof RangeError || e instanceof zmq.ZmqError;
    assert(ok, `${what} threw ${e && e.name}: ${e && e.message}`);
    if (e instanceof zmq.ZmqError) {
      assert(typeof e.errno === "number" && typeof e.code === "string" && e.code.startsWith("E"), `${what}: ${e.code}`);
    }
  }
}

function fuzz(name, target, method, skip = () => false) {
  attempt(`${name}()`, () => method.call(target));
  for (const a of values) {
    if (!skip(a)) attempt(`${name}(${String(typeof a)})`, () => method.call(target, a));
    for (const b of values) {
      if (!skip(a, b)) attempt(`${name}(${typeof a}, ${typeof b})`, () => method.call(target, a, b));
    }
  }
}

const socketMethods = [
  "bind", "unbind", "connect", "disconnect", "bind_to_random_port", "send", "recv", "recv_str", "recv_int",
  "recv_bigint", "recv_uint8ffarray", "recv_uint8array", "send_multipart", "recv_multipart", "more", "events",
  "getsockopt", "getsockopt_int", "getsockopt_bigint", "getsockopt_str", "getsockopt_uint8ffarray",
  "getsockopt_uint8array", "setsockopt", "toString",
];
for (const m of socketMethods) {
  // never turn the blocking timeouts back on
  const skip = m === "setsockopt" ? (a) => a === "RCVTIMEO" || a === "SNDTIMEO" || typeof a === "number" : () => false;
  fuzz(`socket.${m}`, socket, zmq.Socket.prototype[m], skip);
}
// wrong `this`
for (const m of socketMethods) for (const t of values) if (t !== socket) attempt(`${m} on ${typeof t}`, () => zmq.Socket.prototype[m].call(t, "x"));

for (const m of ["socket", "set", "get"]) {
  // thread scheduling options are probed in a thread each time: keep them out
  fuzz(`context.${m}`, ctx, zmq.Context.prototype[m], (a) => a === 3 || a === 1.5);
}
for (const m of ["size", "add", "modify", "remove", "poll", "poll_all"]) {
  fuzz(`poller.${m}`, new zmq.Poller(), zmq.Poller.prototype[m]);
}
// wait on an empty poller: only bounded timeouts
for (const t of values) {
  if (typeof t === "number" && t > 0) continue;
  attempt("poller.wait", () => new zmq.Poller().wait(t));
  attempt("poller.wait_all", () => new zmq.Poller().wait_all(1, t));
}
for (const f of ["version", "has", "curve_public", "z85_encode", "z85_decode"]) {
  fuzz(`zmq.${f}`, undefined, zmq[f]);
}
for (const a of values) attempt("proxy", () => zmq.proxy(a, 5));

assert(calls > 20000, `${calls} calls`);
socket.close();
ctx.term();
