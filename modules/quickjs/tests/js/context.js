// zmq.Context: socket(), set(), get(), shutdown(), term().
import * as zmq from "zmq";
import { assert, eq, throws } from "./assert.js";

const ctx = new zmq.Context();
assert(ctx instanceof zmq.Context);
eq(ctx.terminated, false);

// socket(type) for every stable type, by constant or by name.
const types = ["PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB", "STREAM"];
for (const name of types) {
  const s = ctx.socket(zmq[name]);
  assert(s instanceof zmq.Socket, name);
  eq(s.type, zmq[name], `${name}.type`);
  eq(s.getsockopt(zmq.TYPE), zmq[name]);
  eq(s.close(), 0);
}
eq(ctx.socket("PUB").type, zmq.PUB);
eq(ctx.socket("sub").type, zmq.SUB);
eq(ctx.socket("ZMQ_PUSH").type, zmq.PUSH);
eq(ctx.socket(7.0).type, zmq.PULL);

// Wrong types: unknown or draft types are EINVAL, wrong argument types TypeError.
throws(() => ctx.socket(12), zmq.ZmqError, "EINVAL", /draft/);
throws(() => ctx.socket(99), zmq.ZmqError, "EINVAL");
throws(() => ctx.socket(-1), zmq.ZmqError, "EINVAL");
throws(() => ctx.socket("NOPE"), zmq.ZmqError, "EINVAL");
throws(() => ctx.socket(), TypeError);
throws(() => ctx.socket({}), TypeError);
throws(() => ctx.socket(1.5), TypeError);
throws(() => ctx.socket(true), TypeError);

// set()/get() -> 0 / number, by constant or by name.
eq(ctx.set(zmq.BLOCKY, 0), 0);
eq(ctx.get(zmq.BLOCKY), 0);
eq(ctx.set(zmq.BLOCKY, true), 0);
eq(ctx.get("BLOCKY"), 1);
eq(ctx.set("IO_THREADS", 2), 0);
eq(ctx.get(zmq.IO_THREADS), 2);
eq(ctx.set(zmq.MAX_SOCKETS, 512), 0);
eq(ctx.get(zmq.MAX_SOCKETS), 512);
eq(typeof ctx.get(zmq.MAX_MSGSZ), "number");
eq(ctx.get(zmq.SOCKET_LIMIT) > 0, true);
eq(ctx.get(zmq.MSG_T_SIZE), 64);
eq(ctx.set(zmq.IPV6, 1), 0);
eq(ctx.get(zmq.IPV6), 1);
eq(ctx.set(zmq.MAX_MSGSZ, 1 << 20), 0);
eq(ctx.get(zmq.MAX_MSGSZ), 1 << 20);

// Errors: unknown options, read-only/write-only, values libzmq would abort on.
throws(() => ctx.set(9999, 1), zmq.ZmqError, "EINVAL");
throws(() => ctx.get(9999), zmq.ZmqError, "EINVAL");
throws(() => ctx.set("NOPE", 1), zmq.ZmqError, "EINVAL");
throws(() => ctx.set(zmq.SOCKET_LIMIT + 100, 1), zmq.ZmqError, "EINVAL");
throws(() => ctx.set(zmq.MSG_T_SIZE, 1), zmq.ZmqError, "EINVAL");
throws(() => ctx.get(zmq.THREAD_AFFINITY_CPU_ADD), zmq.ZmqError, "EINVAL");
throws(() => ctx.set(zmq.IO_THREADS, 100000), zmq.ZmqError, "EINVAL");
throws(() => ctx.set(zmq.MAX_SOCKETS, 0), zmq.ZmqError, "EINVAL");
throws(() => ctx.set(zmq.IO_THREADS, "2"), TypeError);
throws(() => ctx.set(zmq.IO_THREADS), TypeError);
throws(() => ctx.set(zmq.IO_THREADS, 1.5), TypeError);
throws(() => ctx.set({}, 1), TypeError);
throws(() => ctx.get(null), TypeError);

// shutdown(): blocking calls end with ETERM; term() closes what is left.
const c2 = new zmq.Context();
const pull = c2.socket(zmq.PULL);
pull.bind("inproc://ctx-shutdown");
eq(c2.shutdown(), 0);
eq(c2.shutdown(), 0);
throws(() => pull.recv(), zmq.ZmqError, "ETERM");
throws(() => c2.socket(zmq.PUSH), zmq.ZmqError, "ETERM");
eq(c2.term(), 0);
eq(c2.terminated, true);
eq(pull.closed, true);

// term() closes open sockets; later use reports ETERM; term() is idempotent.
const c3 = new zmq.Context();
const a = c3.socket(zmq.PUSH);
a.connect("tcp://127.0.0.1:9");
a.send("pending", zmq.DONTWAIT);
eq(c3.term(), 0);
eq(c3.term(), 0);
eq(a.closed, true);
throws(() => a.send("x"), zmq.ZmqError, "ETERM");
throws(() => a.bind("inproc://x"), zmq.ZmqError, "ETERM");
throws(() => c3.socket(zmq.PUSH), zmq.ZmqError, "ETERM");
throws(() => c3.set(zmq.BLOCKY, 0), zmq.ZmqError, "ETERM");
throws(() => c3.get(zmq.BLOCKY), zmq.ZmqError, "ETERM");
eq(a.close(), 0);

// Two contexts are independent: inproc names do not cross.
const c4 = new zmq.Context();
const c5 = new zmq.Context();
const bound = c4.socket(zmq.PULL); // kept: a collected socket would free the name
eq(bound.bind("inproc://ctx-private"), 0);
throws(() => c4.socket(zmq.PULL).bind("inproc://ctx-private"), zmq.ZmqError, "EADDRINUSE");
eq(c5.socket(zmq.PULL).bind("inproc://ctx-private"), 0);
eq(c4.term(), 0);
eq(c5.term(), 0);

eq(ctx.term(), 0);
