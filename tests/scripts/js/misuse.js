// Use after close, close twice, term twice, a socket from a terminated
// context, a poller holding a closed socket: each is a catchable ZmqError
// with a code name (never a crash, never a hang).
import * as zmq from "zmq";
import * as os from "os";
import { assert, eq, expectZmqError } from "./util.js";

let checks = 0;
function err(fn, code, what) {
  expectZmqError(fn, code, what);
  checks++;
}
function ok(fn, expected, what) {
  eq(fn(), expected, what);
  checks++;
}

// Every socket method, with arguments that would be fine on an open socket.
const calls = {
  bind: (s) => s.bind("inproc://misuse-bind"),
  unbind: (s) => s.unbind("inproc://misuse-bind"),
  connect: (s) => s.connect("inproc://misuse-connect"),
  disconnect: (s) => s.disconnect("inproc://misuse-connect"),
  bind_to_random_port: (s) => s.bind_to_random_port("tcp://127.0.0.1"),
  send: (s) => s.send("x", zmq.DONTWAIT),
  send_multipart: (s) => s.send_multipart(["a", "b"], zmq.DONTWAIT),
  recv: (s) => s.recv(zmq.DONTWAIT),
  recv_str: (s) => s.recv_str(zmq.DONTWAIT),
  recv_int: (s) => s.recv_int(zmq.DONTWAIT),
  recv_bigint: (s) => s.recv_bigint(zmq.DONTWAIT),
  recv_uint8ffarray: (s) => s.recv_uint8ffarray(zmq.DONTWAIT),
  recv_uint8array: (s) => s.recv_uint8array(zmq.DONTWAIT),
  recv_into: (s) => s.recv_into(new Uint8Array(8), zmq.DONTWAIT),
  recv_multipart: (s) => s.recv_multipart(zmq.DONTWAIT),
  more: (s) => s.more(),
  events: (s) => s.events(),
  getsockopt: (s) => s.getsockopt(zmq.LINGER),
  getsockopt_int: (s) => s.getsockopt_int(zmq.LINGER),
  getsockopt_bigint: (s) => s.getsockopt_bigint(zmq.MAXMSGSIZE),
  getsockopt_str: (s) => s.getsockopt_str(zmq.LAST_ENDPOINT),
  getsockopt_uint8ffarray: (s) => s.getsockopt_uint8ffarray(zmq.ROUTING_ID),
  getsockopt_uint8array: (s) => s.getsockopt_uint8array(zmq.ROUTING_ID),
  setsockopt: (s) => s.setsockopt(zmq.LINGER, 5),
  monitor: (s) => s.monitor(),
  recv_event: (s) => s.recv_event(zmq.DONTWAIT),
};
// The Promise methods reject instead of throwing.
const asyncCalls = {
  recv_async: (s) => s.recv_async(),
  recv_str_async: (s) => s.recv_str_async(),
  recv_multipart_async: (s) => s.recv_multipart_async(),
  send_async: (s) => s.send_async("x"),
  send_multipart_async: (s) => s.send_multipart_async(["a", "b"]),
};
// Every method of the prototype is listed above (or is harmless after close).
for (const m of Object.getOwnPropertyNames(zmq.Socket.prototype)) {
  if (["constructor", "close", "closed", "type", "toString"].includes(m) || m in asyncCalls) continue;
  assert(m in calls, `socket method ${m} is not exercised by misuse.js`);
}

// --- use after close, close twice --------------------------------------------
{
  const ctx = new zmq.Context();
  const s = ctx.socket(zmq.DEALER);
  s.bind("inproc://closed-once");
  ok(() => s.close(), 0, "close");
  ok(() => s.close(), 0, "close twice");
  ok(() => s.closed, true, "closed");
  for (const [name, call] of Object.entries(calls)) err(() => call(s), "ENOTSOCK", `${name} after close`);
  eq(typeof s.toString(), "string", "toString after close");
  eq(s.type, zmq.DEALER, "type after close");
  // The endpoint is released (libzmq closes sockets asynchronously: retry).
  const t = ctx.socket(zmq.DEALER);
  let bound = false;
  for (let i = 0; i < 200 && !bound; i++) {
    try {
      t.bind("inproc://closed-once");
      bound = true;
    } catch (e) {
      eq(e.code, "EADDRINUSE", "bind while the closed socket is being reaped");
      os.sleep(5);
    }
  }
  ok(() => bound, true, "bind the endpoint of a closed socket");
  t.close();
  ok(() => ctx.term(), 0, "term");
}

// --- the Promise methods after close() and after term(): coded rejections -------------------
{
  const ctx = new zmq.Context();
  const s = ctx.socket(zmq.DEALER);
  s.close();
  const other = new zmq.Context();
  const t = other.socket(zmq.DEALER);
  other.term();
  for (const [sock, code] of [[s, "ENOTSOCK"], [t, "ETERM"]]) {
    for (const [name, call] of Object.entries(asyncCalls)) {
      const e = await call(sock).then(() => null, (e) => e);
      assert(e instanceof zmq.ZmqError && e.code === code, `${name} → ${code}: got ${e}`);
      checks++;
    }
  }
  ctx.term();
}

// --- term twice, a socket from a terminated context -----------------------------
{
  const ctx = new zmq.Context();
  const open = ctx.socket(zmq.PUSH);
  open.connect("inproc://nobody");
  ok(() => ctx.term(), 0, "term with a socket open");
  ok(() => ctx.term(), 0, "term twice");
  ok(() => ctx.terminated, true, "terminated");
  ok(() => ctx.shutdown(), 0, "shutdown after term");
  err(() => ctx.socket(zmq.PAIR), "ETERM", "socket() from a terminated context");
  err(() => ctx.get(zmq.IO_THREADS), "ETERM", "get on a terminated context");
  err(() => ctx.set(zmq.IO_THREADS, 2), "ETERM", "set on a terminated context");
  // The socket term() closed reports ETERM (close() would give ENOTSOCK).
  for (const [name, call] of Object.entries(calls)) err(() => call(open), "ETERM", `${name} on a socket closed by term()`);
  ok(() => open.close(), 0, "close a socket term() closed");
  ok(() => open.closed, true, "closed after term");
}

// --- shutdown: blocking calls and new sockets end with ETERM --------------------
{
  const ctx = new zmq.Context();
  const pull = ctx.socket(zmq.PULL);
  pull.bind("inproc://shut");
  ok(() => ctx.shutdown(), 0, "shutdown");
  err(() => pull.recv(), "ETERM", "blocking recv after shutdown");
  err(() => ctx.socket(zmq.PAIR), "ETERM", "socket() after shutdown");
  ok(() => ctx.term(), 0, "term after shutdown");
  ok(() => ctx.term(), 0, "term after shutdown, twice");
}

// --- a poller holding a closed socket -----------------------------------------------
{
  const ctx = new zmq.Context();
  const a = ctx.socket(zmq.PULL);
  const b = ctx.socket(zmq.PUSH);
  const c = ctx.socket(zmq.PULL);
  a.bind("inproc://poll-closed");
  c.bind("inproc://poll-open");
  b.connect("inproc://poll-open");
  const p = new zmq.Poller();
  ok(() => p.add(a, zmq.POLLIN), 0, "add");
  ok(() => p.add(b, zmq.POLLOUT), 0, "add");
  a.close();
  err(() => p.wait(0), "ENOTSOCK", "wait with a closed socket");
  err(() => p.poll(), "ENOTSOCK", "poll with a closed socket");
  err(() => p.wait_all(2, 0), "ENOTSOCK", "wait_all with a closed socket");
  err(() => p.poll_all(2), "ENOTSOCK", "poll_all with a closed socket");
  // modify() only edits the poller's list (as zmq_poller_modify would not):
  // it may succeed or refuse; the next wait reports the closed socket.
  try {
    p.modify(a, zmq.POLLOUT);
  } catch (e) {
    eq(e.code, "ENOTSOCK", "modify a closed socket");
  }
  err(() => p.wait(0), "ENOTSOCK", "wait after modify");
  err(() => p.add(a, zmq.POLLIN), "ENOTSOCK", "add a closed socket again");
  ok(() => p.remove(a), 0, "remove a closed socket");
  ok(() => p.size(), 1, "size");
  const ev = p.wait(0);
  assert(ev && ev.socket === b && ev.events === zmq.POLLOUT, "the other socket still polls");
  checks++;
  // The same after term() closed the remaining socket.
  ctx.term();
  err(() => p.wait(0), "ETERM", "wait with a socket term() closed");
  ok(() => p.remove(b), 0, "remove it");
  ok(() => p.size(), 0, "empty");
  err(() => p.wait(-1), "EFAULT", "waiting forever on an empty poller");
  // (add() reports ENOTSOCK here, wait() ETERM: either is a catchable code.)
  const e = expectThrowZmq(() => p.add(b), "add a socket term() closed");
  assert(e.code === "ETERM" || e.code === "ENOTSOCK", `add a socket term() closed: ${e.code}`);
}

// --- proxy with closed sockets or a terminated context ---------------------------------
{
  const ctx = new zmq.Context();
  const f = ctx.socket(zmq.ROUTER);
  const b = ctx.socket(zmq.DEALER);
  f.close();
  err(() => zmq.proxy(f, b), "ENOTSOCK", "proxy with a closed frontend");
  ctx.term();
  err(() => zmq.proxy(b, b), "ETERM", "proxy with a socket term() closed");
}

// --- a socket outliving its collected Context object ------------------------------------
{
  let s = new zmq.Context().socket(zmq.PAIR);
  std_gc();
  ok(() => s.bind("inproc://orphan"), 0, "socket of a collected Context object");
  ok(() => s.close(), 0, "close it");
  err(() => s.send("x"), "ENOTSOCK", "use it after close");
}

function expectThrowZmq(fn, what) {
  try {
    fn();
  } catch (e) {
    assert(e instanceof zmq.ZmqError, `${what}: ${e}`);
    checks++;
    return e;
  }
  throw new Error(`${what}: nothing thrown`);
}

function std_gc() {
  // Plain JS can't force a GC without "std"; dropping the reference is enough
  // with QuickJS's reference counting.
}

console.log("ok", checks);
