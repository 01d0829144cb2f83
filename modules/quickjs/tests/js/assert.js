// Assertions for the JS test scripts (run from tests/js.rs).
import * as zmq from "zmq";

function show(v) {
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  if (v instanceof Uint8Array) return `Uint8Array[${Array.from(v).join(",")}]`;
  if (Array.isArray(v)) return `[${v.map(show).join(", ")}]`;
  return String(v);
}

export function assert(cond, msg) {
  if (!cond) throw new Error(`assertion failed${msg ? ": " + msg : ""}`);
}

function same(a, b) {
  if (a === b) return true;
  if (typeof a === "number" && typeof b === "number" && isNaN(a) && isNaN(b)) return true;
  const seq = (x) => Array.isArray(x) || ArrayBuffer.isView(x);
  if (seq(a) && seq(b)) {
    if (a.constructor !== b.constructor || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
    return true;
  }
  return false;
}

/// Strict equality (element-wise for arrays and typed arrays of the same kind).
export function eq(actual, expected, msg) {
  if (!same(actual, expected))
    throw new Error(`${msg ? msg + ": " : ""}expected ${show(expected)}, got ${show(actual)}`);
}

/// `fn()` must throw an instance of `type`; if `code` is given, a ZmqError
/// with that code (and the matching errno constant); if `pattern` is given,
/// the message must match it. Returns the error.
export function throws(fn, type, code, pattern) {
  let error;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  if (error === undefined) throw new Error(`expected ${type.name}${code ? " " + code : ""}, nothing was thrown`);
  if (!(error instanceof type))
    throw new Error(`expected ${type.name}${code ? " " + code : ""}, got ${error && error.name}: ${error && error.message}`);
  if (code !== undefined) {
    if (!(error instanceof zmq.ZmqError)) throw new Error(`expected a ZmqError ${code}, got ${error}`);
    eq(error.code, code, "error code");
    eq(error.errno, zmq[code], "errno");
  }
  if (pattern !== undefined && !pattern.test(error.message))
    throw new Error(`message ${JSON.stringify(error.message)} does not match ${pattern}`);
  return error;
}

let counter = 0;
/// A unique inproc endpoint.
export function inproc(tag = "t") {
  return `inproc://${tag}-${Date.now()}-${counter++}`;
}

/// Bytes of a string (UTF-8).
export function utf8(s) {
  const bin = unescape(encodeURIComponent(s));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

/// A connected pair of sockets over inproc (sender, receiver) with LINGER 0.
export function pair(ctx, a = zmq.PAIR, b = zmq.PAIR) {
  const ep = inproc("pair");
  const server = ctx.socket(b);
  server.setsockopt(zmq.LINGER, 0);
  server.bind(ep);
  const client = ctx.socket(a);
  client.setsockopt(zmq.LINGER, 0);
  client.connect(ep);
  return [client, server];
}
