// The interop side written with our QuickJS module (see tests/peers/interop.py
// for the protocol; the suite of messages is the same in every language).
//
//   qjs interop.js ROLE [DATA CONTROL]
//
// Binding roles (rep, pub, pull, router) bind tcp://127.0.0.1:* and print
// "endpoints DATA CONTROL"; connecting roles (req, sub, push, dealer) get
// those. Every part goes through the module's typed paths: strings as
// UTF-8, Uint8Arrays, numbers as 4- or 8-byte ints, BigInts as 8 bytes; and
// comes back through recv_str / recv / recv_int / recv_bigint.
import * as zmq from "zmq";
import { allBytes, bin, bytesEq, eq, show, utf8 } from "./util.js";

function big() {
  const b = new Uint8Array(1 << 20);
  for (let i = 0; i < b.length; i++) b[i] = (i * 7 + 3) & 255;
  return b;
}

const S = (v) => ({ k: "str", v });
const B = (v) => ({ k: "bytes", v });
const I32 = (v) => ({ k: "i32", v });
const I64 = (v) => ({ k: "i64", v });
const SUITE = [
  [S("hello")],
  [B(allBytes())],
  [S("h\u00e9llo w\u00f6rld \u2713 \u{1f600}")],
  [B(new Uint8Array(0))],
  [I32(0x01020304)],
  [I32(-(2 ** 31))],
  [I32(2 ** 31 - 1)],
  [I32(-2)],
  [I64(0x0102030405060708n)],
  [I64(-(2n ** 63n))],
  [I64(2n ** 63n - 1n)],
  [I64(2 ** 40)], // a Number outside int32: sent as 8 bytes
  [S("part1"), B(new Uint8Array(0)), B(allBytes()), I32(7), I64(-(2n ** 40n)), S("last")],
  [B(big())],
  [B(allBytes().reverse())],
];

const ROUTING_IDS = [bin("dealer-1"), bin("\xffd2\x00x")];
const SUBSCRIPTIONS = [bin("A"), bin("\x00\xff")];
const TOPICS_IN = [bin("A"), bin("\x00\xffx")];
const TOPICS_OUT = [bin("B-skip"), bin("C"), bin("\x00\xfe")];

function partBytes(p) {
  switch (p.k) {
    case "str":
      return utf8(p.v);
    case "bytes":
      return p.v;
    case "i32": {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setInt32(0, p.v, true);
      return b;
    }
    case "i64": {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigInt64(0, BigInt(p.v), true);
      return b;
    }
  }
  throw new Error(p.k);
}

/// Send `prefix` parts (bytes) then the message's parts through the typed paths.
function sendMsg(s, msg, prefix = []) {
  const parts = [...prefix.map((v) => B(v)), ...msg];
  parts.forEach((p, i) => {
    const flags = i < parts.length - 1 ? zmq.SNDMORE : 0;
    const n = s.send(p.v, flags);
    eq(n, partBytes(p).length, `send() result for ${p.k} ${show(p.v)}`);
  });
}

/// Receive a message through the typed paths and check it is `prefix` + `msg`.
function recvCheck(s, msg, what, prefix = []) {
  const parts = [...prefix.map((v) => B(v)), ...msg];
  parts.forEach((p, i) => {
    const w = `${what}, part ${i} (${p.k})`;
    switch (p.k) {
      case "str":
        eq(s.recv_str(), p.v, w);
        break;
      case "bytes":
        bytesEq(s.recv(), p.v, w);
        break;
      case "i32":
        eq(s.recv_int(), p.v, w);
        break;
      case "i64":
        eq(s.recv_bigint(), BigInt(p.v), w);
        break;
    }
    eq(s.more(), i < parts.length - 1, `${w}: more()`);
  });
}

/// Check an already received list of parts against `prefix` + `msg`.
function checkParts(got, msg, what, prefix = []) {
  const want = [...prefix, ...msg.map(partBytes)];
  eq(got.length, want.length, `${what}: number of parts`);
  want.forEach((w, i) => bytesEq(got[i], w, `${what}, part ${i}`));
}

function sameBytes(a, b) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

const [, role, dataEp, controlEp] = scriptArgs;
const ctx = new zmq.Context();
const types = { rep: zmq.REP, pub: zmq.PUB, pull: zmq.PULL, router: zmq.ROUTER, req: zmq.REQ, sub: zmq.SUB, push: zmq.PUSH };
let data, control;
if (["rep", "pub", "pull", "router"].includes(role)) {
  data = ctx.socket(types[role]);
  const d = data.bind_to_random_port("tcp://127.0.0.1");
  control = ctx.socket(zmq.PAIR);
  const c = control.bind_to_random_port("tcp://127.0.0.1");
  eq(data.getsockopt(zmq.LAST_ENDPOINT), d, "LAST_ENDPOINT");
  console.log("endpoints", d, c);
} else {
  if (role !== "dealer") {
    data = ctx.socket(types[role]);
    if (role === "sub") for (const t of SUBSCRIPTIONS) data.setsockopt(zmq.SUBSCRIBE, t);
    data.connect(dataEp);
  }
  control = ctx.socket(zmq.PAIR);
  control.connect(controlEp);
}

switch (role) {
  case "rep":
    SUITE.forEach((m, i) => {
      recvCheck(data, m, `request ${i}`);
      sendMsg(data, m);
    });
    break;
  case "req":
    SUITE.forEach((m, i) => {
      sendMsg(data, m);
      recvCheck(data, m, `reply ${i}`);
    });
    break;
  case "push":
    for (const m of SUITE) sendMsg(data, m);
    data.send("end");
    eq(control.recv_str(), "ack", "ack");
    break;
  case "pull":
    SUITE.forEach((m, i) => recvCheck(data, m, `message ${i}`));
    eq(data.recv_str(), "end", "end");
    eq(data.more(), false, "end: more()");
    control.send("ack");
    break;
  case "pub": {
    const p = new zmq.Poller();
    p.add(control, zmq.POLLIN);
    while (!p.wait(10)) data.send("A-warmup");
    eq(control.recv_str(), "ready", "ready");
    for (const m of SUITE) {
      for (const t of TOPICS_OUT) sendMsg(data, m, [t]);
      for (const t of TOPICS_IN) sendMsg(data, m, [t]);
    }
    data.send("A-end");
    eq(control.recv_str(), "ack", "ack");
    break;
  }
  case "sub": {
    eq(data.recv_str(), "A-warmup", "warm-up");
    control.send("ready");
    let first = data.recv_multipart();
    while (first.length === 1 && sameBytes(first[0], bin("A-warmup"))) first = data.recv_multipart();
    checkParts(first, SUITE[0], "message 0", [TOPICS_IN[0]]);
    SUITE.forEach((m, i) => {
      TOPICS_IN.forEach((t, j) => {
        if (i || j) recvCheck(data, m, `message ${i}, topic ${show(t)}`, [t]);
      });
    });
    eq(data.recv_str(), "A-end", "end");
    control.send("ack");
    break;
  }
  case "router": {
    const next = new Map(ROUTING_IDS.map((r) => [show(r), 0]));
    let ended = 0;
    while (ended < ROUTING_IDS.length) {
      const rid = data.recv();
      const key = show(rid);
      if (!next.has(key)) throw new Error(`unknown routing id ${key}`);
      const i = next.get(key);
      if (i === SUITE.length) {
        eq(data.recv_str(), "end", `end from ${key}`);
        ended++;
        continue;
      }
      recvCheck(data, SUITE[i], `message ${i} from ${key}`);
      next.set(key, i + 1);
      sendMsg(data, SUITE[i], [rid, new Uint8Array([...bin("to:"), ...rid])]);
    }
    for (const rid of ROUTING_IDS) data.send_multipart([rid, "bye"]);
    eq(control.recv_str(), "ack", "ack");
    break;
  }
  case "dealer": {
    const dealers = ROUTING_IDS.map((rid) => {
      const d = ctx.socket(zmq.DEALER);
      d.setsockopt(zmq.ROUTING_ID, rid);
      bytesEq(d.getsockopt(zmq.ROUTING_ID), rid, "ROUTING_ID");
      d.connect(dataEp);
      return [rid, d];
    });
    SUITE.forEach((m, i) => {
      for (const [, d] of dealers) sendMsg(d, m);
      for (const [rid, d] of dealers) recvCheck(d, m, `reply ${i} to ${show(rid)}`, [new Uint8Array([...bin("to:"), ...rid])]);
    });
    for (const [, d] of dealers) d.send("end");
    for (const [, d] of dealers) eq(d.recv_str(), "bye", "bye");
    control.send("ack");
    for (const [, d] of dealers) d.close();
    break;
  }
  default:
    throw new Error("unknown role " + role);
}
if (data) data.close();
control.close();
ctx.term();
console.log("ok", role);
