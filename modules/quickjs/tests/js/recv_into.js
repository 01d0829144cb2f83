// recv_into(buffer[, flags]): the fast path (a Uint8Array or an ArrayBuffer,
// int flags) and the general one (other views, converted flags) give the same
// bytes as recv(); a message larger than the buffer is cut, its size returned.
import * as zmq from "zmq";
import { assert, eq, pair, throws } from "./assert.js";

const ctx = new zmq.Context();
const [tx, rx] = pair(ctx);
rx.setsockopt(zmq.RCVTIMEO, 5000);

const pattern = (n, seed = 0) => {
  const a = new Uint8Array(n);
  for (let i = 0; i < n; i++) a[i] = (i * 7 + seed) & 0xff;
  return a;
};

// Each message twice: recv() (the general path) and recv_into() into each kind of buffer.
const into = [
  ["Uint8Array", (n) => new Uint8Array(n), (b) => b],
  ["ArrayBuffer", (n) => new ArrayBuffer(n), (b) => new Uint8Array(b)],
  ["Uint8ClampedArray", (n) => new Uint8ClampedArray(n), (b) => new Uint8Array(b.buffer)],
  ["subarray", (n) => new Uint8Array(n + 8).subarray(4, 4 + n), (b) => b],
  ["Uint16Array", (n) => new Uint16Array(Math.ceil(n / 2) + 1), (b) => new Uint8Array(b.buffer)],
  ["DataView", (n) => new DataView(new ArrayBuffer(n)), (b) => new Uint8Array(b.buffer)],
];
for (const n of [0, 1, 100, 8192, 65536]) {
  for (const [kind, make, bytes] of into) {
    const sent = pattern(n, n & 0xff);
    tx.send(sent);
    tx.send(sent);
    const general = rx.recv();
    const buf = make(n);
    eq(rx.recv_into(buf), n, `${kind} ${n}: size`);
    eq(bytes(buf).slice(0, n), general, `${kind} ${n}: same bytes as recv()`);
    eq(general, sent);
  }
}

// Flags: int (fast path), a number-like object (general path), DONTWAIT with nothing there.
const buf = new Uint8Array(16);
tx.send("abc");
eq(rx.recv_into(buf, 0), 3);
tx.send("def");
eq(rx.recv_into(buf, -0), 3); // a float: converted by the general path
eq(new TextDecoder().decode(buf.subarray(0, 3)), "def");
eq(rx.recv_into(buf, zmq.DONTWAIT), undefined, "EAGAIN is undefined, as recv");

// Larger than the buffer: the first bytes, the whole size, and the rest of the message follows.
tx.send_multipart(["0123456789abcdefXYZ", "tail"]);
eq(rx.recv_into(buf), 19);
eq(new TextDecoder().decode(buf), "0123456789abcdef");
eq(rx.getsockopt(zmq.RCVMORE), 1);
eq(rx.recv_into(buf), 4);
eq(rx.getsockopt(zmq.RCVMORE), 0);

// Errors: not a buffer (TypeError), flags the core refuses (EINVAL), a detached buffer, a closed socket.
throws(() => rx.recv_into("text"), TypeError);
throws(() => rx.recv_into(), TypeError);
throws(() => rx.recv_into(buf, zmq.SNDMORE), zmq.ZmqError, "EINVAL");
const gone = new ArrayBuffer(8);
gone.transfer();
throws(() => rx.recv_into(new Uint8Array(gone)), TypeError);
throws(() => rx.recv_into(gone), TypeError);
throws(() => zmq.Socket.prototype.recv_into.call({}, buf), TypeError);
tx.close();
rx.close();
throws(() => rx.recv_into(buf), zmq.ZmqError);
assert(true);
ctx.term();
