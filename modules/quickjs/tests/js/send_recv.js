// send() of every data type, recv()/recv_int/recv_bigint/recv_str/recv_uint8ffarray,
// multipart, flags, EAGAIN → undefined, and the errors.
import * as zmq from "zmq";
import { assert, eq, pair, throws, utf8 } from "./assert.js";

const ctx = new zmq.Context();
const [tx, rx] = pair(ctx);

const ne = (bytes) => new Uint8Array(bytes);
const i32 = (n) => ne(new Uint8Array(new Int32Array([n]).buffer));
const i64 = (n) => ne(new Uint8Array(new BigInt64Array([n]).buffer));

// null → empty message
eq(tx.send(null), 0);
eq(rx.recv(), ne([]));

// number/boolean → 4-byte int (host order); other numbers → 8-byte int64
eq(tx.send(10), 4);
eq(rx.recv(), i32(10));
eq(tx.send(-7), 4);
eq(rx.recv_int(), -7);
eq(tx.send(true), 4);
eq(rx.recv_int(), 1);
eq(tx.send(false), 4);
eq(rx.recv_int(), 0);
eq(tx.send(2147483647), 4);
eq(rx.recv_int(), 2147483647);
eq(tx.send(-2147483648), 4);
eq(rx.recv_int(), -2147483648);
eq(tx.send(2147483648), 8);
eq(rx.recv_bigint(), 2147483648n);
eq(tx.send(2 ** 40), 8);
eq(rx.recv(), i64(2n ** 40n));
eq(tx.send(-(2 ** 53)), 8);
eq(rx.recv_bigint(), -(2n ** 53n));
eq(tx.send(1.75), 8);
eq(rx.recv_bigint(), 1n);
eq(tx.send(-0), 4);
eq(rx.recv_int(), 0);

// BigInt → 8-byte int64
eq(tx.send(10n), 8);
eq(rx.recv_bigint(), 10n);
eq(tx.send(-(2n ** 63n)), 8);
eq(rx.recv_bigint(), -(2n ** 63n));
eq(tx.send(2n ** 63n - 1n), 8);
eq(rx.recv_bigint(), 2n ** 63n - 1n);
throws(() => tx.send(2n ** 63n), RangeError);
throws(() => tx.send(-(2n ** 64n)), RangeError);
throws(() => tx.send(NaN), RangeError);
throws(() => tx.send(Infinity), RangeError);
throws(() => tx.send(2 ** 64), RangeError);

// strings → UTF-8 bytes, \0 allowed
eq(tx.send("apfelstrudel"), 12);
eq(rx.recv_str(), "apfelstrudel");
eq(tx.send(""), 0);
eq(rx.recv_str(), "");
eq(tx.send("a\0b"), 3);
eq(rx.recv(), ne([97, 0, 98]));
eq(tx.send("héllo €"), 10);
eq(rx.recv(), utf8("héllo €"));
tx.send("héllo €");
eq(rx.recv_str(), "héllo €");
tx.send("😀");
eq(rx.recv_str(), "😀");

// recv_str: a lone trailing NUL (C terminator) is dropped, other NULs kept
tx.send("abc\0");
eq(rx.recv_str(), "abc");
tx.send("a\0b\0");
eq(rx.recv_str(), "a\0b\0");
tx.send("\0");
eq(rx.recv_str(), "");
tx.send(ne([0xff, 0x41]));
eq(rx.recv_str(), "\ufffdA");

// byte buffers: Uint8Array, any TypedArray, DataView, ArrayBuffer, views with offsets
const data = new Uint8FFArray(10);
data.forEach((_, i) => { data[i] = i; });
eq(tx.send(data, zmq.DONTWAIT), 10);
eq(rx.recv(), ne([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]));
eq(tx.send(data.subarray(2, 5)), 3);
eq(rx.recv(), ne([2, 3, 4]));
eq(tx.send(new Uint8ClampedArray([1, 2])), 2);
eq(rx.recv(), ne([1, 2]));
eq(tx.send(new Int8Array([-1])), 1);
eq(rx.recv(), ne([255]));
eq(tx.send(new Uint16Array([1, 2])), 4);
eq(rx.recv(), ne(new Uint8Array(new Uint16Array([1, 2]).buffer)));
eq(tx.send(new Int32Array([5, 6, 7]).subarray(1)), 8);
eq(rx.recv(), ne(new Uint8Array(new Int32Array([6, 7]).buffer)));
eq(tx.send(new Float64Array([1.5])), 8);
eq(rx.recv(), ne(new Uint8Array(new Float64Array([1.5]).buffer)));
eq(tx.send(new BigUint64Array([1n])), 8);
eq(rx.recv_bigint(), 1n);
eq(tx.send(new DataView(data.buffer, 7, 3)), 3);
eq(rx.recv(), ne([7, 8, 9]));
eq(tx.send(data.buffer), 10);
eq(rx.recv().length, 10);
eq(tx.send(new ArrayBuffer(0)), 0);
eq(rx.recv(), ne([]));
const detached = new ArrayBuffer(4);
detached.transfer();
throws(() => tx.send(detached), TypeError);

// anything else → TypeError
for (const bad of [undefined, {}, [1, 2], () => 1, Symbol("s"), new Date(), /x/])
  throws(() => tx.send(bad), TypeError);
throws(() => tx.send(), TypeError);

// recv variants return the right types
tx.send("xyz");
const got = rx.recv_uint8ffarray();
assert(got instanceof Uint8Array);
eq(got, ne([120, 121, 122]));
tx.send("xyz");
eq(rx.recv_uint8array(), ne([120, 121, 122]));
tx.send(7);
eq(typeof rx.recv_int(), "number");
tx.send(7n);
eq(typeof rx.recv_bigint(), "bigint");

// recv_int/recv_bigint need exactly 4/8 bytes: TypeError saying so; the message is consumed
tx.send("abc");
throws(() => rx.recv_int(), TypeError, undefined, /4 bytes.*3 bytes/);
tx.send(5);
throws(() => rx.recv_bigint(), TypeError, undefined, /8 bytes.*4 bytes/);
tx.send(5n);
throws(() => rx.recv_int(), TypeError, undefined, /4 bytes.*8 bytes/);
eq(rx.recv(zmq.DONTWAIT), undefined, "consumed");

// DONTWAIT: undefined when nothing is there (EAGAIN is never thrown)
eq(rx.recv(zmq.DONTWAIT), undefined);
eq(rx.recv_int(zmq.DONTWAIT), undefined);
eq(rx.recv_bigint(zmq.DONTWAIT), undefined);
eq(rx.recv_str(zmq.DONTWAIT), undefined);
eq(rx.recv_uint8ffarray(zmq.DONTWAIT), undefined);
eq(rx.recv_multipart(zmq.DONTWAIT), undefined);
const lonely = ctx.socket(zmq.PUSH);
lonely.setsockopt(zmq.LINGER, 0);
eq(lonely.send("nobody", zmq.DONTWAIT), undefined);
eq(lonely.send_multipart(["a", "b"], zmq.DONTWAIT), undefined);
// RCVTIMEO/SNDTIMEO running out: undefined too
rx.setsockopt(zmq.RCVTIMEO, 20);
eq(rx.recv(), undefined);
eq(rx.recv_str(), undefined);
rx.setsockopt(zmq.RCVTIMEO, -1);
lonely.setsockopt(zmq.SNDTIMEO, 20);
eq(lonely.send("nobody"), undefined);

// SNDMORE and more()
eq(tx.send("part1", zmq.SNDMORE), 5);
eq(tx.send(2, zmq.SNDMORE | zmq.DONTWAIT), 4);
eq(tx.send("part3"), 5);
eq(rx.recv_str(), "part1");
eq(rx.more(), true);
eq(rx.getsockopt(zmq.RCVMORE), 1);
eq(rx.recv_int(), 2);
eq(rx.more(), true);
eq(rx.recv_str(), "part3");
eq(rx.more(), false);
eq(rx.getsockopt(zmq.RCVMORE), 0);

// send_multipart / recv_multipart
eq(tx.send_multipart(["a", null, 3, 4n, ne([9])]), 1 + 0 + 4 + 8 + 1);
const parts = rx.recv_multipart();
assert(Array.isArray(parts));
eq(parts.length, 5);
eq(parts[0], ne([97]));
eq(parts[1], ne([]));
eq(parts[2], i32(3));
eq(parts[3], i64(4n));
eq(parts[4], ne([9]));
eq(rx.more(), false);
eq(tx.send_multipart(["only"]), 4);
eq(rx.recv_multipart().length, 1);
tx.send_multipart(["x", "y"], zmq.SNDMORE);
tx.send("z");
eq(rx.recv_multipart().length, 3);
throws(() => tx.send_multipart([]), RangeError);
throws(() => tx.send_multipart("ab"), TypeError);
throws(() => tx.send_multipart([undefined]), TypeError);
throws(() => tx.send_multipart(), TypeError);

// flags: invalid bits are EINVAL, non-integers TypeError
throws(() => tx.send("x", 64), zmq.ZmqError, "EINVAL");
throws(() => rx.recv(zmq.SNDMORE), zmq.ZmqError, "EINVAL");
throws(() => tx.send("x", "DONTWAIT"), TypeError);
throws(() => rx.recv(1.5), TypeError);
eq(tx.send("flags undefined", undefined), 15);
eq(rx.recv_str(), "flags undefined");

// libzmq state errors
const req = ctx.socket(zmq.REQ);
req.setsockopt(zmq.LINGER, 0);
throws(() => req.recv(), zmq.ZmqError, "EFSM");
const rep = ctx.socket(zmq.REP);
throws(() => rep.send("x"), zmq.ZmqError, "EFSM");
const pub = ctx.socket(zmq.PUB);
throws(() => pub.recv(), zmq.ZmqError, "ENOTSUP");
const sub = ctx.socket(zmq.SUB);
throws(() => sub.send("x"), zmq.ZmqError, "ENOTSUP");
const router = ctx.socket(zmq.ROUTER);
router.setsockopt(zmq.ROUTER_MANDATORY, 1);
throws(() => router.send("nobody", zmq.SNDMORE), zmq.ZmqError, "EHOSTUNREACH");

// a large message
const big = new Uint8Array(1 << 20).fill(7);
eq(tx.send(big), 1 << 20);
const back = rx.recv();
eq(back.length, 1 << 20);
eq(back[12345], 7);

eq(ctx.term(), 0);
