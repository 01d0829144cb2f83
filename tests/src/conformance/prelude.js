// Prelude of the conformance script for JavaScript (tests/src/conformance.rs renders the cases
// of tests/conformance/cases.txt after it).
import * as zmq from "zmq";

const ctx = new zmq.Context();
let seq = 0;

// The targets of the table.
const T = {
  sock: (type) => ctx.socket(zmq[type]),
  // A socket holding one message of `parts`, sent by a PAIR peer over inproc.
  fed: (type, parts) => {
    const endpoint = "inproc://conformance-" + seq++;
    const s = ctx.socket(zmq[type]);
    s.setsockopt(zmq.RCVTIMEO, 5000);
    s.bind(endpoint);
    const peer = ctx.socket(zmq.PAIR);
    peer.connect(endpoint);
    peer.send_multipart(parts);
    return s;
  },
  closed: (type) => {
    const s = ctx.socket(zmq[type]);
    s.close();
    return s;
  },
  termed: (type) => {
    const c = new zmq.Context();
    const s = c.socket(zmq[type]);
    c.term();
    return s;
  },
};

// Byte arrays as strings (one char per byte), arrays element-wise, so results compare with literals.
function norm(v) {
  if (v instanceof Uint8Array) return String.fromCharCode(...v);
  if (Array.isArray(v)) return v.map(norm);
  return v;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function show(v) {
  if (v instanceof Error) return `${v.name}(code=${v.code}): ${v.message}`;
  try {
    return JSON.stringify(norm(v));
  } catch {
    return String(v);
  }
}

let cases = 0;
let failures = 0;

// Run one case: `call(target())` must give what `kind` (and `code`/`want`) say.
function check(name, target, call, kind, code, want) {
  cases++;
  let got;
  let err = null;
  try {
    got = call(target());
  } catch (e) {
    err = e;
  }
  let ok;
  switch (kind) {
    case "ok": ok = err === null; break;
    case "eq": ok = err === null && same(norm(got), want); break;
    case "prefix": ok = err === null && typeof got === "string" && got.startsWith(want); break;
    case "truth": ok = err === null && Boolean(got) === want; break;
    case "again": ok = err === null && got === undefined; break;
    case "error": ok = err instanceof zmq.ZmqError && err.code === code; break;
    case "type": ok = err instanceof TypeError && err.code === code && err.errno === zmq[code]; break;
    case "range": ok = err instanceof RangeError && err.code === code && err.errno === zmq[code]; break;
    case "argerror": ok = err instanceof TypeError; break;
    default: throw new Error("unknown expectation " + kind);
  }
  if (ok) {
    console.log("pass " + name);
  } else {
    failures++;
    console.log(`FAIL ${name}: expected ${kind} ${code} ${show(want)}, got ${err !== null ? show(err) : show(got)}`);
  }
}

function finish() {
  console.log(`cases ${cases} failures ${failures}`);
  ctx.term();
}
