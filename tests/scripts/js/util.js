// Helpers shared by the JS scripts the integration tests run (qjs).
import * as zmq from "zmq";

export function assert(cond, msg) {
  if (!cond) throw new Error("assertion failed: " + msg);
}

export function eq(actual, expected, what) {
  if (actual !== expected) throw new Error(`${what}: expected ${show(expected)}, got ${show(actual)}`);
}

export function show(v) {
  if (v instanceof Uint8Array) return `bytes[${v.length}](${hex(v.subarray(0, 40))}${v.length > 40 ? "..." : ""})`;
  if (typeof v === "string") return JSON.stringify(v);
  if (typeof v === "bigint") return `${v}n`;
  return String(v);
}

export function hex(u8) {
  let s = "";
  for (const b of u8) s += (b < 16 ? "0" : "") + b.toString(16);
  return s;
}

/// Bytes of a string of code units < 256 ("\x00\xff" → [0, 255]).
export function bin(s) {
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255) throw new Error("bin(): code unit > 255");
    b[i] = c;
  }
  return b;
}

/// The UTF-8 bytes of a string.
export function utf8(s) {
  const out = [];
  for (const ch of s) {
    const c = ch.codePointAt(0);
    if (c < 0x80) out.push(c);
    else if (c < 0x800) out.push(0xc0 | (c >> 6), 0x80 | (c & 63));
    else if (c < 0x10000) out.push(0xe0 | (c >> 12), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
    else out.push(0xf0 | (c >> 18), 0x80 | ((c >> 12) & 63), 0x80 | ((c >> 6) & 63), 0x80 | (c & 63));
  }
  return new Uint8Array(out);
}

/// Every byte value, 0..255 in order.
export function allBytes() {
  const b = new Uint8Array(256);
  for (let i = 0; i < 256; i++) b[i] = i;
  return b;
}

export function reversed(u8) {
  return Uint8Array.from(u8).reverse();
}

export function bytesEq(a, b, what) {
  assert(a instanceof Uint8Array, `${what}: expected bytes, got ${show(a)}`);
  let same = a.length === b.length;
  for (let i = 0; same && i < a.length; i++) same = a[i] === b[i];
  if (!same) throw new Error(`${what}: expected ${show(b)}, got ${show(a)}`);
}

/// Run `fn`, which must throw a zmq.ZmqError with `code`; returns the error.
export function expectZmqError(fn, code, what) {
  let err;
  try {
    fn();
  } catch (e) {
    err = e;
  }
  if (err === undefined) throw new Error(`${what}: expected ${code}, nothing was thrown`);
  if (!(err instanceof zmq.ZmqError)) throw new Error(`${what}: expected ZmqError ${code}, got ${err && err.name}: ${err && err.message}`);
  eq(err.code, code, `${what}: code`);
  eq(err.errno, zmq[code], `${what}: errno`);
  assert(typeof err.message === "string" && err.message.length > 0, `${what}: message`);
  return err;
}

/// Run `fn`, which must throw an error of class `cls` (TypeError, RangeError...).
export function expectThrow(fn, cls, what) {
  try {
    fn();
  } catch (e) {
    assert(e instanceof cls, `${what}: expected ${cls.name}, got ${e && e.name}: ${e && e.message}`);
    return e;
  }
  throw new Error(`${what}: expected ${cls.name}, nothing was thrown`);
}

/// A small seeded PRNG (mulberry32): same seed, same sequence.
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n) => Math.floor(next() * n),
    pick: (list) => list[Math.floor(next() * list.length)],
    chance: (p) => next() < p,
  };
}

/// Little-endian u32 of the first 4 bytes.
export function u32(u8) {
  return (u8[0] | (u8[1] << 8) | (u8[2] << 16) | (u8[3] << 24)) >>> 0;
}
