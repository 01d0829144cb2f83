// zmq.ZmqError: an Error with errno, code and the strerror message.
import * as zmq from "zmq";
import { assert, eq, throws } from "./assert.js";

const ctx = new zmq.Context();
const a = ctx.socket(zmq.PULL);
a.bind("inproc://errors");
const b = ctx.socket(zmq.PULL);

let e;
try {
  b.bind("inproc://errors");
} catch (err) {
  e = err;
}
assert(e instanceof zmq.ZmqError, "a ZmqError");
assert(e instanceof Error, "an Error");
eq(e.name, "ZmqError");
eq(e.code, "EADDRINUSE");
eq(e.errno, zmq.EADDRINUSE);
eq(typeof e.errno, "number");
eq(e.message, "Address already in use");
eq(String(e), "ZmqError: Address already in use");
eq(Object.getPrototypeOf(e), zmq.ZmqError.prototype);
eq(e.constructor, zmq.ZmqError);
assert(typeof e.stack === "string" && e.stack.includes("errors.js"), `stack: ${e.stack}`);
eq(Object.keys(e).sort(), ["code", "errno"]);

// libzmq's own errnos have their names and libzmq's texts
const req = ctx.socket(zmq.REQ);
e = throws(() => req.recv(), zmq.ZmqError, "EFSM");
eq(e.errno, 156384763);
assert(/state/i.test(e.message), e.message);
const c2 = new zmq.Context();
const s2 = c2.socket(zmq.PULL);
c2.shutdown();
e = throws(() => s2.recv(), zmq.ZmqError, "ETERM");
assert(/terminated/i.test(e.message), e.message);
c2.term();

// misuse caught before libzmq: a closed socket, an unknown option
b.close();
e = throws(() => b.send("x"), zmq.ZmqError, "ENOTSOCK");
eq(e.message, "Socket is closed");
e = throws(() => a.getsockopt("NOPE"), zmq.ZmqError, "EINVAL");
eq(e.message, "Unknown option 'NOPE'");

// wrong argument types are TypeError/RangeError, not ZmqError
e = throws(() => a.bind(42), TypeError);
assert(!(e instanceof zmq.ZmqError));
throws(() => a.setsockopt(zmq.LINGER, 2 ** 40), RangeError);

// catch by code, rethrow, and construct one from a script
function tryRecv(s) {
  try {
    return s.recv_str();
  } catch (err) {
    if (err instanceof zmq.ZmqError && err.code === "EFSM") return "efsm";
    throw err;
  }
}
eq(tryRecv(req), "efsm");
const mine = new zmq.ZmqError("Custom", 1, "EPERM");
assert(mine instanceof Error);
eq(mine.message, "Custom");
eq(mine.errno, 1);
eq(mine.code, "EPERM");
eq(String(mine), "ZmqError: Custom");

// a thrown ZmqError in a promise chain is a normal rejection
let caught = null;
Promise.resolve().then(() => req.recv()).catch((err) => { caught = err; });
await null;
await null;
eq(caught && caught.code, "EFSM");

ctx.term();
