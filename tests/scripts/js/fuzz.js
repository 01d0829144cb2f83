// Seeded random calls of every function and method of the "zmq" module with
// random argument kinds (tests/tests/fuzz.rs). Each call must either work or
// throw a catchable error: TypeError, RangeError or zmq.ZmqError (with an
// errno and a code name), or the error one of our own trap objects threw.
// The process must be alive at the end; it prints
// "fuzz done calls=N ok=N errors=N".
//
//   qjs fuzz.js SEED CALLS TMPDIR
//
// Every call is described on stderr before it runs ("#N target(args)"), so
// the last line there names the call that killed a crashed process. Same
// seed, same calls.
//
// Nothing may block: pool sockets get RCVTIMEO/SNDTIMEO/LINGER 0 again after
// every call; every poller the fuzzer waits on holds a socket that is always
// writable (which the fuzzer may not remove); proxy() is never given two open
// sockets; endpoints only name 127.0.0.1, localhost, ipc:// in TMPDIR and
// inproc://.
import * as zmq from "zmq";
import * as std from "std";
import { prng } from "./util.js";

const [, seedArg, callsArg, tmp] = scriptArgs;
const seed = Number(seedArg) >>> 0;
const CALLS = Number(callsArg);
const rng = prng(seed);

// --- Our own traps: objects whose conversion throws FuzzTrap ------------------
class FuzzTrap extends Error {
  get name() {
    return "FuzzTrap";
  }
}
const trap = () => {
  throw new FuzzTrap("trap");
};

// --- The objects under test --------------------------------------------------------
const TYPES = [zmq.PAIR, zmq.PUB, zmq.SUB, zmq.REQ, zmq.REP, zmq.DEALER, zmq.ROUTER, zmq.PULL, zmq.PUSH, zmq.XPUB,
  zmq.XSUB, zmq.STREAM];
let contexts = [];
let sockets = [];
let pollers = [];
const extraSockets = []; // created by fuzzed calls; closed when there are too many

// The always-writable socket in every poller (its own context, never fuzzed).
const safeCtx = new zmq.Context();
const sink = safeCtx.socket(zmq.PULL);
sink.bind("inproc://fuzz-sink");
const always = safeCtx.socket(zmq.PUSH);
always.connect("inproc://fuzz-sink");

function tame(s) {
  try {
    s.setsockopt(zmq.RCVTIMEO, 0);
    s.setsockopt(zmq.SNDTIMEO, 0);
    s.setsockopt(zmq.LINGER, 0);
  } catch (e) {
    // closed, or its context terminated: fine
  }
}

function liveContext() {
  contexts = contexts.filter((c) => !c.terminated);
  while (contexts.length < 2) contexts.push(new zmq.Context());
  return rng.pick(contexts);
}

function freshSocket() {
  for (let attempt = 0; attempt < 5; attempt++) {
    const c = liveContext();
    try {
      const s = c.socket(rng.pick(TYPES));
      tame(s);
      // Wire pool sockets to each other (same context) so that messages flow.
      try {
        const ep = `inproc://wire${rng.int(3)}`;
        if (rng.chance(0.5)) s.bind(ep);
        else s.connect(ep);
        if (s.type === zmq.SUB) s.setsockopt(zmq.SUBSCRIBE, "");
      } catch (e) {}
      return s;
    } catch (e) {
      // e.g. MAX_SOCKETS reached, or the context was shut down: use another
      contexts = contexts.filter((x) => x !== c);
      try {
        c.term();
      } catch (e2) {}
    }
  }
  throw new Error("cannot create a socket");
}

function freshPoller() {
  const p = new zmq.Poller();
  p.add(always, zmq.POLLOUT);
  return p;
}

function refill() {
  sockets = sockets.filter((s) => !s.closed);
  while (sockets.length < 8) sockets.push(freshSocket());
  // Keep a closed socket and one whose context was terminated around.
  if (!sockets.some((s) => s.closed)) {
    const s = freshSocket();
    s.close();
    sockets.push(s);
  }
  while (pollers.length < 3) pollers.push(freshPoller());
  while (extraSockets.length > 16) {
    const s = extraSockets.shift();
    try {
      s.setsockopt(zmq.LINGER, 0);
      s.close();
    } catch (e) {}
  }
}
{
  const dead = new zmq.Context();
  const s = dead.socket(zmq.DEALER);
  dead.term();
  sockets.push(s);
}
refill();

// --- Random argument values ------------------------------------------------------------
const OPTION_NAMES = zmq.socket_options().map((o) => o.name);
const CONTEXT_OPTIONS = ["IO_THREADS", "MAX_SOCKETS", "SOCKET_LIMIT", "THREAD_PRIORITY", "THREAD_SCHED_POLICY",
  "MAX_MSGSZ", "MSG_T_SIZE", "THREAD_AFFINITY_CPU_ADD", "THREAD_AFFINITY_CPU_REMOVE", "THREAD_NAME_PREFIX", "IPV6",
  "BLOCKY", "ZERO_COPY_RECV"];
const LONG = "x".repeat(100000);

function endpoint() {
  switch (rng.int(12)) {
    case 0:
      return "tcp://127.0.0.1:*";
    case 1:
      return `tcp://127.0.0.1:${rng.pick([0, 1, 65535, 65536, 70000, -1, 99999999999])}`;
    case 2:
      return `ipc://${tmp}/f${rng.int(4)}`;
    case 3:
      return `inproc://f${rng.int(4)}`;
    case 4:
      return "tcp://localhost:*";
    case 5:
      return rng.pick(["tcp://", "tcp://127.0.0.1", "tcp://:*", "ipc://", "inproc://", "://x", "nope://x", ""]);
    case 6:
      return rng.pick(["udp://127.0.0.1:*", "pgm://127.0.0.1;239.192.1.1:5555", "epgm://127.0.0.1;239.192.1.1:5555",
        "ws://127.0.0.1:*", "tcp://[::1]:*", "tcp://127.0.0.1:0;127.0.0.1:*"]);
    case 7:
      return `inproc://${LONG.slice(0, rng.int(2000))}`;
    case 8:
      return `ipc://${tmp}/${"y".repeat(rng.int(300))}`;
    case 9:
      return `inproc://f\0${rng.int(4)}`;
    case 10:
      return `tcp://127.0.0.1:*\ud800`;
    default:
      return `inproc://f${rng.int(4)}`;
  }
}

function number() {
  return rng.pick([0, -0, 1, -1, 2, 3, 5, 11, 12, 20, 100, 255, 256, 1000, 65535, 65536, 2 ** 31 - 1, 2 ** 31,
    -(2 ** 31), -(2 ** 31) - 1, 2 ** 32, 2 ** 53, -(2 ** 53), 2 ** 64, 1e300, -1e300, 1.5, -0.5, NaN, Infinity,
    -Infinity, Number.MIN_VALUE, Number.EPSILON, rng.int(1 << 30), -rng.int(1 << 30)]);
}

function bigint() {
  return rng.pick([0n, 1n, -1n, 2n ** 31n, 2n ** 32n, 2n ** 63n - 1n, 2n ** 63n, -(2n ** 63n), -(2n ** 63n) - 1n,
    2n ** 64n - 1n, 2n ** 64n, 2n ** 100n, -(2n ** 100n), BigInt(rng.int(1 << 30))]);
}

function string() {
  return rng.pick(["", "x", "\0", "a\0b", "\ud800", "\udfff\ud800", "h\u00e9llo \u{1f600}", LONG,
    LONG.slice(0, 255), LONG.slice(0, 256), "LINGER", "linger", "ZMQ_LINGER", "zmq_subscribe", "SUBSCRIBE",
    "NO_SUCH_OPTION", "ipc", "curve", "draft", "gssapi", "pgm", "tipc", "norm", "nope",
    "rq:<}[s1N}J.[pO&x{!D5q^&7.L[cC[zRQ]ZF8:", zmq.curve_keypair().public, zmq.curve_keypair().secret, "12345"]);
}

function bytes() {
  switch (rng.int(9)) {
    case 0:
      return new Uint8Array(0);
    case 1:
      return Uint8Array.from({ length: rng.int(64) }, () => rng.int(256));
    case 2:
      return new Uint8Array(32);
    case 3:
      return new Uint8Array(1 << 20);
    case 4:
      return new Float64Array([1.5, NaN]);
    case 5:
      return new DataView(new ArrayBuffer(16), 3, 5);
    case 6:
      return new ArrayBuffer(rng.int(300));
    case 7:
      return new Int32Array(new ArrayBuffer(64), 8, 4);
    default:
      return new BigInt64Array(2);
  }
}

function object() {
  return rng.pick([
    {},
    [],
    [1, "a", null],
    ["a", new Uint8Array(2)],
    Array.from({ length: rng.int(50) }, () => "part"),
    { valueOf: trap, toString: trap },
    { [Symbol.toPrimitive]: trap },
    { toString: () => "LINGER" },
    { valueOf: () => 1 },
    { length: 3, 0: "a", 1: "b", 2: "c" },
    new Proxy({}, { get: trap, has: trap, ownKeys: trap, getOwnPropertyDescriptor: trap }),
    Object.create(null),
    new Error("an error"),
    new Date(0),
    /re/g,
    new Map([[1, 2]]),
    Promise.resolve(1),
    [sockets[0], sockets[1]],
  ]);
}

function value(depth = 0) {
  switch (rng.int(16)) {
    case 0:
      return undefined;
    case 1:
      return null;
    case 2:
      return rng.chance(0.5);
    case 3:
    case 4:
      return number();
    case 5:
      return bigint();
    case 6:
    case 7:
      return string();
    case 8:
      return endpoint();
    case 9:
      return rng.pick(OPTION_NAMES.concat(CONTEXT_OPTIONS));
    case 10:
      return bytes();
    case 11:
      return object();
    case 12:
      return rng.pick([Symbol("s"), Symbol.iterator, () => 1, trap, zmq.Socket, zmq.Context, Math.max]);
    case 13:
      return rng.pick(sockets.concat(extraSockets, [always]));
    case 14:
      return rng.pick([rng.pick(contexts), rng.pick(pollers), new zmq.Poller(), zmq, globalThis]);
    default:
      return rng.pick([zmq.POLLIN, zmq.POLLOUT, zmq.POLLIN | zmq.POLLOUT, zmq.POLLERR, zmq.DONTWAIT, zmq.SNDMORE,
        zmq.SNDMORE | zmq.DONTWAIT, rng.pick(TYPES), rng.int(21), zmq.LINGER, zmq.SUBSCRIBE, zmq.ROUTING_ID,
        zmq.RCVTIMEO, zmq.USE_FD, zmq.MAXMSGSIZE, zmq.CURVE_SERVERKEY, zmq.IO_THREADS]);
  }
}

// Plausible arguments per function, so that calls get past the type checks
// and reach libzmq; each position still gets a random value of any kind now
// and then.
const OPTION_IDS = zmq.socket_options().map((o) => o.id);
const option = () =>
  rng.pick([rng.pick(OPTION_NAMES), rng.pick(OPTION_IDS), rng.pick(OPTION_NAMES).toLowerCase(),
    "ZMQ_" + rng.pick(OPTION_NAMES), rng.int(120)]);
const optionValue = () => rng.pick([number(), number(), bigint(), string(), bytes(), rng.chance(0.5), null, endpoint()]);
const data = () => rng.pick([string(), bytes(), number(), bigint(), null, rng.chance(0.5)]);
const flags = () => rng.pick([0, 0, zmq.DONTWAIT, zmq.SNDMORE, zmq.SNDMORE | zmq.DONTWAIT, number()]);
const sock = () => rng.pick(sockets.concat(extraSockets));
const target = () => rng.pick([sock(), sock(), rng.pick([0, 1, 2, 3, -1, 1000, 2 ** 31])]);
const events = () => rng.pick([zmq.POLLIN, zmq.POLLOUT, zmq.POLLIN | zmq.POLLOUT, zmq.POLLERR, 0, 255, number()]);
const HINTS = {
  bind: [endpoint],
  unbind: [endpoint],
  connect: [endpoint],
  disconnect: [endpoint],
  bind_to_random_port: [() => rng.pick(["tcp://127.0.0.1", "tcp://localhost", endpoint()])],
  send: [data, flags],
  send_multipart: [() => Array.from({ length: rng.int(5) }, data), flags],
  recv: [flags],
  recv_str: [flags],
  recv_int: [flags],
  recv_bigint: [flags],
  recv_uint8array: [flags],
  recv_uint8ffarray: [flags],
  recv_into: [() => rng.pick([new Uint8Array(rng.int(200)), new ArrayBuffer(rng.int(64)), new Uint16Array(3), bytes()]), flags],
  recv_multipart: [flags],
  getsockopt: [option],
  getsockopt_int: [option],
  getsockopt_bigint: [option],
  getsockopt_str: [option],
  getsockopt_uint8array: [option],
  getsockopt_uint8ffarray: [option],
  setsockopt: [option, optionValue],
  socket: [() => rng.pick([rng.pick(TYPES), rng.int(25), number()])],
  set: [() => rng.pick(CONTEXT_OPTIONS.concat([rng.int(80)])), () => rng.pick([number(), number(), bigint(), string()])],
  get: [() => rng.pick(CONTEXT_OPTIONS.concat([rng.int(80)]))],
  add: [target, events, value],
  modify: [target, events],
  remove: [target],
  wait: [() => rng.pick([0, 1, -1, number()])],
  wait_all: [() => rng.pick([1, 2, 10, 0, -1, number()]), () => rng.pick([0, 1, -1, number()])],
  poll_all: [() => rng.pick([1, 2, 10, 0, -1, number()])],
  has: [string],
  curve_public: [() => rng.pick([zmq.curve_keypair().secret, string(), bytes()])],
  z85_encode: [() => rng.pick([bytes(), new Uint8Array(32), new Uint8Array(4 * rng.int(10)), string()])],
  z85_decode: [() => rng.pick([string(), zmq.z85_encode(new Uint8Array(4 * rng.int(10))), "0".repeat(5 * rng.int(10))])],
  proxy: [sock, sock, sock],
  proxy_steerable: [sock, sock, sock, sock],
  monitor: [() => rng.pick([undefined, zmq.EVENT_ALL, 0, -1, 1, number()])],
  recv_event: [flags],
};

function args(name) {
  const short = name.replace(/^[a-z]+\./, "");
  const hints = HINTS[short];
  if (hints && rng.chance(0.7)) {
    const n = rng.pick([hints.length, hints.length, hints.length, Math.max(0, hints.length - 1), hints.length + 1]);
    return Array.from({ length: n }, (_, i) => (i < hints.length && rng.chance(0.85) ? hints[i]() : value()));
  }
  const n = rng.pick([0, 1, 1, 2, 2, 2, 3, 4]);
  return Array.from({ length: n }, () => value());
}

// --- Calls -------------------------------------------------------------------------------
const socketMethods = Object.getOwnPropertyNames(zmq.Socket.prototype).filter((m) => m !== "constructor");
const contextMethods = Object.getOwnPropertyNames(zmq.Context.prototype).filter((m) => m !== "constructor");
const pollerMethods = Object.getOwnPropertyNames(zmq.Poller.prototype).filter((m) => m !== "constructor");
const moduleFunctions = Object.keys(zmq).filter((k) => typeof zmq[k] === "function" && !/^[A-Z]/.test(k));

function isOpenSocket(v) {
  return v instanceof zmq.Socket && !v.closed;
}

/// Call a prototype member (method, or getter) on `self`.
function member(proto, name, self, a) {
  const d = Object.getOwnPropertyDescriptor(proto, name);
  if (d.get) return d.get.call(self);
  return d.value.apply(self, a);
}

function pollerArgs(name, a) {
  // The always-writable socket stays in, with POLLOUT: no wait can block.
  if ((name === "remove" || name === "modify") && a[0] === always) a[0] = sockets[0];
  return a;
}

function proxyArgs(a) {
  // Two open sockets would proxy until the context ends.
  if (isOpenSocket(a[0]) && isOpenSocket(a[1])) a[1] = sockets.find((s) => s.closed);
  return a;
}

const targets = [
  ...socketMethods.map((m) => [`socket.${m}`, 12, (self, a) => member(zmq.Socket.prototype, m, self, a), "socket"]),
  ...contextMethods.map((m) => [`context.${m}`, 3, (self, a) => member(zmq.Context.prototype, m, self, a), "context"]),
  ...pollerMethods.map((m) => [`poller.${m}`, 4, (self, a) => member(zmq.Poller.prototype, m, self, pollerArgs(m, a)),
    "poller"]),
  ...moduleFunctions.map((f) => [`zmq.${f}`, 2, (self, a) => zmq[f](...(f.startsWith("proxy") ? proxyArgs(a) : a)), "none"]),
  ["new Context", 1, (self, a) => new zmq.Context(...a), "none"],
  ["new Poller", 1, (self, a) => new zmq.Poller(...a), "none"],
  ["new Socket", 1, (self, a) => new zmq.Socket(...a), "none"],
  ["new ZmqError", 1, (self, a) => new zmq.ZmqError(...a), "none"],
  ["String(socket)", 1, (self) => String(self), "socket"],
];
const weighted = [];
for (const t of targets) for (let i = 0; i < t[1]; i++) weighted.push(t);

function describe(v) {
  if (typeof v === "string") return JSON.stringify(v.length > 40 ? v.slice(0, 40) + `...(${v.length})` : v);
  if (typeof v === "bigint") return `${v}n`;
  if (typeof v === "symbol") return "symbol";
  if (typeof v === "function") return `function ${v.name}`;
  if (v instanceof zmq.Socket) {
    const i = sockets.indexOf(v);
    return v === always ? "always" : `socket${i >= 0 ? i : "+"}(${v.closed ? "closed" : "open"})`;
  }
  if (v instanceof zmq.Context) return `context(${v.terminated ? "terminated" : "live"})`;
  if (v instanceof zmq.Poller) return "poller";
  if (ArrayBuffer.isView(v)) return `${v.constructor.name}(${v.byteLength})`;
  if (v instanceof ArrayBuffer) return `ArrayBuffer(${v.byteLength})`;
  if (Array.isArray(v)) return `array(${v.length})`;
  if (v === null) return "null";
  if (typeof v === "object") return "object";
  return String(v);
}

let ok = 0;
let errors = 0;
const kinds = {};
const asyncRejections = {};
for (let n = 0; n < CALLS; n++) {
  if (n % 50 === 0) refill();
  const [name, , call, selfKind] = rng.pick(weighted);
  // Mostly the right kind of `this`, sometimes anything.
  let self;
  if (rng.chance(0.9)) {
    if (selfKind === "socket") self = rng.pick(sockets.concat(extraSockets));
    else if (selfKind === "context") self = rng.chance(0.8) ? liveContext() : rng.pick(contexts.concat([value()]));
    else if (selfKind === "poller") self = rng.pick(pollers);
  } else {
    self = value();
  }
  const a = args(name);
  std.err.puts(`#${n} ${name} this=${describe(self)} (${a.map(describe).join(", ")})\n`);
  std.err.flush();
  try {
    const r = call(self, a);
    ok++;
    if (r instanceof Promise) {
      // The *_async methods: a rejection must be a coded ZmqError too (else: unhandled, exit 1).
      const at = `#${n} ${name}`;
      r.catch((e) => {
        if (!(e instanceof zmq.ZmqError) || typeof e.errno !== "number" || !/^E[A-Z0-9]+$/.test(e.code)) {
          throw new Error(`${at}: rejected with ${e && e.name}: ${e && e.message}`);
        }
        asyncRejections[e.code] = (asyncRejections[e.code] || 0) + 1;
      });
    }
    if (r instanceof zmq.Socket) extraSockets.push(r);
    if (r instanceof zmq.Context) contexts.push(r);
    if (r instanceof zmq.Poller && rng.chance(0.1)) {
      try {
        r.add(always, zmq.POLLOUT);
        pollers.push(r);
      } catch (e) {}
    }
  } catch (e) {
    errors++;
    const fine = e instanceof TypeError || e instanceof RangeError || e instanceof zmq.ZmqError || e instanceof FuzzTrap;
    if (!fine) throw new Error(`#${n} ${name}: threw ${e && e.name}: ${e && e.message}`);
    if (e instanceof zmq.ZmqError) {
      if (typeof e.errno !== "number" || typeof e.code !== "string" || !/^E[A-Z0-9]+$/.test(e.code)) {
        throw new Error(`#${n} ${name}: ZmqError without errno/code: ${e.errno} ${e.code} ${e.message}`);
      }
    }
    const k = e instanceof zmq.ZmqError ? e.code : e.name;
    kinds[k] = (kinds[k] || 0) + 1;
  }
  for (const s of sockets) tame(s);
  for (const s of extraSockets) tame(s);
}

// Closing every socket settles the async operations still pending (rejected: ENOTSOCK/ETERM).
for (const s of sockets.concat(extraSockets)) s.close();
await new Promise((resolve) => setTimeout(resolve, 0));

// Alive and working at the end.
const c = new zmq.Context();
const x = c.socket(zmq.PAIR);
const y = c.socket(zmq.PAIR);
x.bind("inproc://fuzz-end");
y.connect("inproc://fuzz-end");
x.send("alive");
if (y.recv_str() !== "alive") throw new Error("not working after the fuzzing");
c.term();
console.log(`errors by kind: ${JSON.stringify(kinds)}`);
console.log(`async rejections by kind: ${JSON.stringify(asyncRejections)}`);
console.log(`fuzz done calls=${CALLS} ok=${ok} errors=${errors}`);
