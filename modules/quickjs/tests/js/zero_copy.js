// Large received messages reach JS without a copy (the ArrayBuffer owns the
// libzmq message): they must behave exactly like copied ones — contents,
// writes, transfer()/detach, sharing between subscribers, multipart, GC, and
// use after the context is gone. Also the fast paths of send()/recv*().
import * as zmq from "zmq";
import { assert, eq, inproc, pair, throws } from "./assert.js";

const ctx = new zmq.Context();
const [tx, rx] = pair(ctx);

const pattern = (n, seed = 0) => {
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = (i * 7 + seed) & 0xff;
  return a;
};

// Sizes around the zero-copy threshold (8 KiB) and well above it.
for (const n of [0, 1, 100, 8191, 8192, 8193, 65536, 1 << 20]) {
  const sent = pattern(n, n & 0xff);
  eq(tx.send(sent), n);
  const got = rx.recv();
  assert(got instanceof Uint8Array, `Uint8Array for ${n}`);
  eq(got.length, n, `length ${n}`);
  eq(got.byteOffset, 0);
  eq(got.buffer.byteLength, n);
  eq(got, sent, `contents ${n}`);
  // writable, and independent of what was sent
  if (n > 0) {
    got[0] ^= 0xff;
    eq(got[0], sent[0] ^ 0xff);
    eq(sent[0], n & 0xff);
  }
}

// recv_str / recv_uint8array of a large message
const text = "x".repeat(70000) + "é";
tx.send(text);
eq(rx.recv_str(), text);
tx.send(pattern(20000));
eq(rx.recv_uint8array(), pattern(20000));

// A zero-copy buffer through the ArrayBuffer API
tx.send(pattern(10000, 3));
let m = rx.recv();
const sub = m.subarray(100, 110);
eq(sub, pattern(10000, 3).subarray(100, 110));
eq(m.slice(9990), pattern(10000, 3).slice(9990));
eq(new DataView(m.buffer).getUint8(5), pattern(10000, 3)[5]);
eq(m.buffer.resizable, false);
throws(() => m.buffer.resize(10), TypeError);
const same = m.buffer.transfer(); // same length: the memory moves as is
eq(m.length, 0, "detached after transfer");
eq(same.byteLength, 10000);
eq(new Uint8Array(same), pattern(10000, 3));
const longer = same.transfer(12000); // a longer copy, zero-filled
eq(same.byteLength, 0);
const l = new Uint8Array(longer);
eq(l.subarray(0, 10000), pattern(10000, 3));
eq(l.subarray(10000), new Uint8Array(2000));
const shorter = longer.transfer(16);
eq(new Uint8Array(shorter), pattern(16, 3));
eq(new Uint8Array(shorter.transfer(0)).length, 0);
tx.send(pattern(9000));
m = rx.recv();
const fixed = m.buffer.transferToFixedLength(9001);
eq(new Uint8Array(fixed).subarray(0, 9000), pattern(9000));
tx.send(pattern(9000));
m = rx.recv();
const immutable = m.buffer.transferToImmutable ? m.buffer.transferToImmutable() : null;
if (immutable) eq(new Uint8Array(immutable), pattern(9000));

// Sent back as is (REP echo) and kept across later receives
tx.send(pattern(50000, 1));
const echo = rx.recv();
eq(rx.send(echo), 50000);
eq(tx.recv(), pattern(50000, 1));
const kept = [];
for (let i = 0; i < 20; i++) {
  tx.send(pattern(16384, i));
  kept.push(rx.recv());
}
for (let i = 0; i < 20; i++) eq(kept[i], pattern(16384, i), `kept ${i}`);

// A PUB fanning out over inproc shares one message between its subscribers:
// each must get its own bytes (writing one must not change the other).
const ep = inproc("fanout");
const pub = ctx.socket(zmq.PUB);
pub.setsockopt(zmq.LINGER, 0);
pub.bind(ep);
const subs = [0, 1].map(() => {
  const s = ctx.socket(zmq.SUB);
  s.setsockopt(zmq.LINGER, 0);
  s.setsockopt(zmq.SUBSCRIBE, "");
  s.connect(ep);
  return s;
});
const wanted = pattern(32768, 9);
let a;
for (let tries = 0; a === undefined && tries < 200; tries++) {
  pub.send(wanted);
  a = subs[0].recv(zmq.DONTWAIT);
}
assert(a !== undefined, "subscriber 0 got a message");
let b;
for (let tries = 0; b === undefined && tries < 200; tries++) b = subs[1].recv(zmq.DONTWAIT);
assert(b !== undefined, "subscriber 1 got a message");
a.fill(0);
eq(b, wanted, "the other subscriber's copy is untouched");
subs.forEach((s) => s.close());
pub.close();

// Multipart: large and small parts, every kind of data
const parts = [pattern(40000, 2), "head", null, 5, 6n, new Uint16Array([1, 2]), new DataView(pattern(9000).buffer, 10, 8990), pattern(8192).buffer];
eq(tx.send_multipart(parts), 40000 + 4 + 0 + 4 + 8 + 4 + 8990 + 8192);
const back = rx.recv_multipart();
eq(back.length, 8);
eq(back[0], pattern(40000, 2));
eq(back[1], new Uint8Array([104, 101, 97, 100]));
eq(back[2], new Uint8Array(0));
eq(back[3].length, 4);
eq(back[4].length, 8);
eq(back[5], new Uint8Array(new Uint16Array([1, 2]).buffer));
eq(back[6], pattern(9000).subarray(10));
eq(back[7], pattern(8192));
// An element read through a getter (JS code runs while the parts are gathered)
const tricky = [pattern(10000, 4), "mid", pattern(3)];
Object.defineProperty(tricky, 1, { get: () => "got" });
eq(tx.send_multipart(tricky), 10000 + 3 + 3);
const t = rx.recv_multipart();
eq(t[0], pattern(10000, 4));
eq(t[1], new Uint8Array([103, 111, 116]));
eq(t[2], pattern(3));
// A getter that detaches an earlier part: nothing is sent, TypeError
const victim = pattern(10000, 5);
const evil = [victim, 0];
Object.defineProperty(evil, 1, { get: () => { victim.buffer.transfer(); return "x"; } });
throws(() => tx.send_multipart(evil), TypeError);
eq(rx.recv(zmq.DONTWAIT), undefined, "nothing sent");
// the socket is still usable (no half-sent message)
tx.send_multipart(["a", "b"]);
eq(rx.recv_multipart().length, 2);

// Many large messages received and dropped: each is released when collected
const block = pattern(65536);
for (let i = 0; i < 2000; i++) {
  tx.send(block.subarray(0, 65536 - (i & 7)));
  eq(rx.recv().length, 65536 - (i & 7));
}
const last = [];
for (let i = 0; i < 3; i++) {
  tx.send_multipart([pattern(20000, i), pattern(30000, i)]);
  last.push(rx.recv_multipart());
}

// Flags and data in every shape the fast path takes, and the ones it leaves to the general path
eq(tx.send("fast", 0), 4);
eq(rx.recv_str(0), "fast");
eq(tx.send("fast", undefined), 4);
eq(rx.recv_str(undefined), "fast");
eq(tx.send(new Uint8ClampedArray([1, 2, 3]), zmq.DONTWAIT), 3);
eq(rx.recv(zmq.DONTWAIT), new Uint8Array([1, 2, 3]));
eq(tx.send(true), 4);
eq(rx.recv_int(), 1);
eq(tx.send(-5), 4);
eq(rx.recv_int(0), -5);
eq(tx.send(null), 0);
eq(rx.recv(), new Uint8Array(0));
eq(tx.send("float flags", 0.0), 11);
eq(rx.recv_str(2.0 - 2.0), "float flags");
eq(tx.send(7n), 8);
eq(rx.recv_bigint(), 7n);
eq(tx.send("str" + "ing".repeat(3)), 12); // a rope
eq(rx.recv_str(), "stringinging");
eq(tx.send("€", zmq.DONTWAIT), 3);
eq(rx.recv_str(), "€");
throws(() => tx.send("x", 1.5), TypeError);
throws(() => tx.send("x", 64), zmq.ZmqError, "EINVAL");
throws(() => rx.recv(64), zmq.ZmqError, "EINVAL");
tx.send("abc");
throws(() => rx.recv_int(), TypeError, undefined, /4 bytes.*3 bytes/);
tx.send(1);
throws(() => rx.recv_bigint(), TypeError, undefined, /8 bytes.*4 bytes/);
const gone = new Uint8Array(16);
gone.buffer.transfer();
throws(() => tx.send(gone), TypeError);
throws(() => tx.send(undefined), TypeError);
throws(() => tx.send(), TypeError);
throws(() => zmq.Socket.prototype.send.call({}, "x"), TypeError);
throws(() => zmq.Socket.prototype.recv.call(null), TypeError);
throws(() => zmq.Socket.prototype.recv_str.call(ctx), TypeError);

// Closed sockets: the same errors as before
const closed = ctx.socket(zmq.PAIR);
closed.close();
throws(() => closed.send("x"), zmq.ZmqError, "ENOTSOCK");
throws(() => closed.recv(zmq.DONTWAIT), zmq.ZmqError, "ENOTSOCK");

// Large messages outlive the context that received them
tx.send(pattern(100000, 8));
const survivor = rx.recv();
eq(ctx.term(), 0);
eq(survivor, pattern(100000, 8));
eq(last[2][1], pattern(30000, 2));
