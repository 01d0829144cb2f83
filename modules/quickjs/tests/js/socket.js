// zmq.Socket: bind, unbind, connect, disconnect, close, and their errors.
import * as zmq from "zmq";
import { assert, eq, inproc, throws } from "./assert.js";
import * as os from "os";

const ctx = new zmq.Context();

// bind/connect/unbind/disconnect return 0.
const pull = ctx.socket(zmq.PULL);
pull.setsockopt(zmq.LINGER, 0);
eq(pull.bind("tcp://127.0.0.1:*"), 0);
const ep = pull.getsockopt(zmq.LAST_ENDPOINT);
assert(/^tcp:\/\/127\.0\.0\.1:\d+$/.test(ep), ep);
const push = ctx.socket(zmq.PUSH);
push.setsockopt(zmq.LINGER, 0);
eq(push.connect(ep), 0);
eq(push.send("over tcp"), 8);
eq(pull.recv_str(), "over tcp");
eq(push.disconnect(ep), 0);
eq(pull.unbind(ep), 0);

// bind_to_random_port() (extra): the endpoint actually bound.
const ep2 = pull.bind_to_random_port();
assert(ep2.startsWith("tcp://127.0.0.1:"), ep2);
eq(pull.bind_to_random_port("tcp://127.0.0.1").startsWith("tcp://127.0.0.1:"), true);

// ipc:// in a temporary directory, inproc.
const dir = `/tmp/zmq-quickjs-test-${os.getpid()}-${Date.now()}`;
const ipc = `ipc://${dir}.sock`;
eq(pull.bind(ipc), 0);
eq(push.connect(ipc), 0);
push.send("over ipc");
eq(pull.recv_str(), "over ipc");
eq(push.disconnect(ipc), 0);
eq(pull.unbind(ipc), 0);
const ip = inproc();
eq(pull.bind(ip), 0);
eq(push.connect(ip), 0);
push.send("over inproc");
eq(pull.recv_str(), "over inproc");

// Errors, by code.
throws(() => pull.bind(ip), zmq.ZmqError, "EADDRINUSE");
const other = ctx.socket(zmq.PULL);
throws(() => other.bind(ep2), zmq.ZmqError, "EADDRINUSE");
throws(() => other.bind("tcp://127.0.0.1:notaport"), zmq.ZmqError, "EINVAL");
throws(() => other.bind("tcp://127.0.0.1:70000"), zmq.ZmqError, "EINVAL", /out of range/);
throws(() => other.bind("nonsense"), zmq.ZmqError, "EINVAL");
throws(() => other.bind("bogus://x"), zmq.ZmqError, "EPROTONOSUPPORT");
throws(() => other.connect("bogus://x"), zmq.ZmqError, "EPROTONOSUPPORT");
throws(() => other.bind("tcp://no.such.host.invalid:5555"), zmq.ZmqError, "ENODEV");
throws(() => other.bind("inproc://a\0b"), zmq.ZmqError, "EINVAL");
throws(() => other.unbind("tcp://127.0.0.1:1"), zmq.ZmqError, "ENOENT");
throws(() => other.disconnect("tcp://127.0.0.1:1"), zmq.ZmqError, "ENOENT");
throws(() => ctx.socket(zmq.STREAM).bind(inproc()), zmq.ZmqError, "ENOCOMPATPROTO");
throws(() => other.bind(5555), TypeError);
throws(() => other.bind(), TypeError);
throws(() => other.connect(null), TypeError);
throws(() => other.unbind({}), TypeError);
throws(() => other.disconnect([]), TypeError);

// close() -> 0, idempotent; a closed socket reports ENOTSOCK.
eq(other.closed, false);
eq(other.close(), 0);
eq(other.close(), 0);
eq(other.closed, true);
throws(() => other.bind(inproc()), zmq.ZmqError, "ENOTSOCK");
throws(() => other.send("x"), zmq.ZmqError, "ENOTSOCK");
throws(() => other.recv(zmq.DONTWAIT), zmq.ZmqError, "ENOTSOCK");
throws(() => other.getsockopt(zmq.LINGER), zmq.ZmqError, "ENOTSOCK");
throws(() => other.setsockopt(zmq.LINGER, 0), zmq.ZmqError, "ENOTSOCK");
throws(() => other.more(), zmq.ZmqError, "ENOTSOCK");

// Methods need a Socket as `this`.
throws(() => zmq.Socket.prototype.send.call({}, "x"), TypeError);
throws(() => zmq.Socket.prototype.close.call(null), TypeError);

// toString and events() (extras).
assert(String(push).includes("PUSH"), String(push));
eq(push.events() & zmq.POLLOUT, zmq.POLLOUT);

push.close();
pull.close();
eq(ctx.term(), 0);
