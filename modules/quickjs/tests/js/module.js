// The module's exports: version(), has(), constants, classes, ZmqError, Uint8FFArray.
import * as zmq from "zmq";
import zmqDefault from "zmq";
import { assert, eq, throws } from "./assert.js";

// version() -> [major, minor, patch]
const v = zmq.version();
assert(Array.isArray(v), "version() is an array");
eq(v.length, 3);
eq(v, [4, 3, 5]);
eq(String(v), "4,3,5");
assert(v !== zmq.version(), "a fresh array each call");

// has(capability) -> 1 or 0
eq(zmq.has("ipc"), 1);
eq(zmq.has("curve"), 1);
eq(zmq.has("draft"), 0);
eq(zmq.has("vmci"), 0);
eq(zmq.has("norm"), 0);
eq(zmq.has("no-such-capability"), 0);
eq(zmq.has(""), 0);
eq(zmq.has("ipc\0"), 0);
throws(() => zmq.has(1), TypeError);
throws(() => zmq.has(), TypeError);
throws(() => zmq.has(null), TypeError);

// Constants: libzmq names without ZMQ_, libzmq values.
const expected = {
  PAIR: 0, PUB: 1, SUB: 2, REQ: 3, REP: 4, DEALER: 5, ROUTER: 6, PULL: 7, PUSH: 8,
  XPUB: 9, XSUB: 10, STREAM: 11, XREQ: 5, XREP: 6,
  DONTWAIT: 1, NOBLOCK: 1, SNDMORE: 2, MORE: 1,
  POLLIN: 1, POLLOUT: 2, POLLERR: 4, POLLPRI: 8,
  NULL: 0, PLAIN: 1, CURVE: 2, GSSAPI: 3,
  IO_THREADS: 1, MAX_SOCKETS: 2, SOCKET_LIMIT: 3, THREAD_PRIORITY: 3, THREAD_SCHED_POLICY: 4,
  MAX_MSGSZ: 5, MSG_T_SIZE: 6, BLOCKY: 70, IPV6: 42,
  AFFINITY: 4, ROUTING_ID: 5, IDENTITY: 5, SUBSCRIBE: 6, UNSUBSCRIBE: 7, RATE: 8,
  SNDBUF: 11, RCVBUF: 12, RCVMORE: 13, FD: 14, EVENTS: 15, TYPE: 16, LINGER: 17,
  RECONNECT_IVL: 18, BACKLOG: 19, MAXMSGSIZE: 22, SNDHWM: 23, RCVHWM: 24,
  RCVTIMEO: 27, SNDTIMEO: 28, LAST_ENDPOINT: 32, ROUTER_MANDATORY: 33, IMMEDIATE: 39,
  CURVE_SERVER: 47, CURVE_PUBLICKEY: 48, CURVE_SECRETKEY: 49, CURVE_SERVERKEY: 50,
  CONFLATE: 54, HEARTBEAT_IVL: 75, CONNECT_TIMEOUT: 79,
  EVENT_CONNECTED: 1, EVENT_ALL: 0xffff, EVENT_HANDSHAKE_SUCCEEDED: 0x1000,
  EAGAIN: 11, EINVAL: 22, EINTR: 4, ENOENT: 2, EADDRINUSE: 98, ENOTSOCK: 88,
  EPROTONOSUPPORT: 93, EHOSTUNREACH: 113, ENOTSUP: 95, EMFILE: 24,
  ETERM: 156384765, EFSM: 156384763, ENOCOMPATPROTO: 156384764, EMTHREAD: 156384766,
};
for (const [name, value] of Object.entries(expected)) eq(zmq[name], value, `zmq.${name}`);
for (const name of Object.keys(zmq)) {
  assert(!name.startsWith("ZMQ_"), `no ZMQ_ prefix: ${name}`);
}
// Every option of the table is a constant with its id.
const table = zmq.socket_options();
assert(table.length > 80, "the option table has all options");
for (const row of table) {
  eq(zmq[row.name], row.id, `constant ${row.name}`);
  assert(["int", "bool", "int64", "uint64", "string", "binary", "curve key"].includes(row.type), row.type);
  assert(["RO", "WO", "RW"].includes(row.access), row.access);
}
// Constants are numbers; the namespace is immutable.
for (const [name, value] of Object.entries(zmq)) {
  if (/^[A-Z][A-Z0-9_]*$/.test(name)) eq(typeof value, "number", name);
}
throws(() => { zmq.PUB = 5; }, TypeError);

// Classes and functions.
for (const name of ["Context", "Poller", "Socket", "ZmqError"]) eq(typeof zmq[name], "function", name);
for (const name of ["version", "has", "curve_keypair", "curve_public", "z85_encode", "z85_decode", "proxy", "proxy_steerable", "socket_options"])
  eq(typeof zmq[name], "function", name);
throws(() => new zmq.Socket(), TypeError);

// Uint8FFArray is Uint8Array (the spec's buffer type), globally too.
eq(zmq.Uint8FFArray, Uint8Array);
eq(globalThis.Uint8FFArray, Uint8Array);
const data = new Uint8FFArray(10);
data.forEach((_, i) => { data[i] = i; });
eq(data[9], 9);

// The default export has everything.
eq(zmqDefault.PUB, 1);
eq(zmqDefault.Context, zmq.Context);
eq(zmqDefault.version, zmq.version);

// CURVE and Z85 helpers.
const kp = zmq.curve_keypair();
eq(typeof kp.public, "string");
eq(kp.public.length, 40);
eq(kp.secret.length, 40);
eq(zmq.curve_public(kp.secret), kp.public);
const raw = zmq.z85_decode(kp.public);
assert(raw instanceof Uint8Array);
eq(raw.length, 32);
eq(zmq.z85_encode(raw), kp.public);
eq(zmq.z85_encode(new Uint8Array([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b])), "HelloWorld");
throws(() => zmq.z85_encode(new Uint8Array(3)), zmq.ZmqError, "EINVAL");
throws(() => zmq.z85_decode("abc"), zmq.ZmqError, "EINVAL");
throws(() => zmq.z85_encode(5), TypeError);
throws(() => zmq.curve_public("short"), zmq.ZmqError, "EINVAL");
