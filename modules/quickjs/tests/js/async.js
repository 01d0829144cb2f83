// The Promise API: call order per socket, many pending operations, timeouts
// (EAGAIN rejections), close()/term() rejecting, data copied at call time,
// for await, and errors.
import * as zmq from "zmq";
import { assert, eq, pair, utf8 } from "./assert.js";

const text = (u8) => new TextDecoder().decode(u8);
const ctx = new zmq.Context();

// Ready at once: resolves without waiting; values as the blocking calls give them.
{
  const [tx, rx] = pair(ctx);
  eq(await tx.send_async("hello"), 5);
  eq(await rx.recv_async(), utf8("hello"));
  eq(await tx.send_async(7), 4);
  eq(await rx.recv_async(), new Uint8Array(new Int32Array([7]).buffer));
  eq(await tx.send_async("héllo"), 6);
  eq(await rx.recv_str_async(), "héllo");
  eq(await tx.send_multipart_async(["a", new Uint8Array([1, 2]), null]), 3);
  eq(await rx.recv_multipart_async(), [utf8("a"), new Uint8Array([1, 2]), new Uint8Array([])]);
  tx.close();
  rx.close();
}

// Many receives pending on one socket complete in call order.
{
  const [tx, rx] = pair(ctx);
  const pending = [];
  for (let i = 0; i < 100; i++) pending.push(rx.recv_str_async());
  const order = [];
  pending.forEach((p, i) => p.then((s) => order.push([i, s])));
  for (let i = 0; i < 100; i++) tx.send(`m${i}`);
  const got = await Promise.all(pending);
  for (let i = 0; i < 100; i++) eq(got[i], `m${i}`);
  for (let i = 0; i < 100; i++) eq(order[i][0], i, "settled in call order");
  tx.close();
  rx.close();
}

// Many sends pending (HWM 1, nobody reading) go out in call order once the peer reads.
{
  const ep = `inproc://async-hwm-${Date.now()}`;
  const rx = ctx.socket(zmq.PULL);
  rx.setsockopt(zmq.RCVHWM, 1);
  rx.setsockopt(zmq.LINGER, 0);
  rx.bind(ep);
  const tx = ctx.socket(zmq.PUSH);
  tx.setsockopt(zmq.SNDHWM, 1);
  tx.setsockopt(zmq.LINGER, 0);
  tx.connect(ep);
  const sends = [];
  for (let i = 0; i < 50; i++) sends.push(tx.send_async(`s${i}`));
  for (let i = 0; i < 50; i++) eq(await rx.recv_str_async(), `s${i}`);
  const counts = await Promise.all(sends);
  eq(counts.length, 50);
  eq(counts[10], 3);
  tx.close();
  rx.close();
}

// The data to send is copied when the call is made.
{
  const ep = `inproc://async-copy-${Date.now()}`;
  const rx = ctx.socket(zmq.PULL);
  rx.setsockopt(zmq.RCVHWM, 1);
  rx.setsockopt(zmq.LINGER, 0);
  rx.bind(ep);
  const tx = ctx.socket(zmq.PUSH);
  tx.setsockopt(zmq.SNDHWM, 1);
  tx.setsockopt(zmq.LINGER, 0);
  tx.connect(ep);
  const bufs = [];
  const sends = [];
  for (let i = 0; i < 10; i++) {
    const b = new Uint8Array([i, i]);
    bufs.push(b);
    sends.push(tx.send_async(b));
  }
  for (const b of bufs) b.fill(255);
  for (let i = 0; i < 10; i++) eq(await rx.recv_async(), new Uint8Array([i, i]));
  await Promise.all(sends);
  tx.close();
  rx.close();
}

// RCVTIMEO/SNDTIMEO: rejection with EAGAIN; later operations still work.
{
  const [tx, rx] = pair(ctx);
  rx.setsockopt(zmq.RCVTIMEO, 30);
  let err;
  try {
    await rx.recv_async();
  } catch (e) {
    err = e;
  }
  assert(err instanceof zmq.ZmqError, `expected a ZmqError, got ${err}`);
  eq(err.code, "EAGAIN");
  rx.setsockopt(zmq.RCVTIMEO, 0);
  const e0 = await rx.recv_async().catch((e) => e);
  eq(e0.code, "EAGAIN", "RCVTIMEO 0 rejects at once");
  const e1 = await rx.recv_async(zmq.DONTWAIT).catch((e) => e);
  eq(e1.code, "EAGAIN", "DONTWAIT rejects at once");
  rx.setsockopt(zmq.RCVTIMEO, -1);
  tx.send("after");
  eq(await rx.recv_str_async(), "after");

  const push = ctx.socket(zmq.PUSH); // no peer at all: cannot send
  push.setsockopt(zmq.LINGER, 0);
  push.setsockopt(zmq.SNDTIMEO, 20);
  eq((await push.send_async("x").catch((e) => e)).code, "EAGAIN");
  push.close();
  tx.close();
  rx.close();
}

// close() rejects every pending operation of the socket; nothing is left unsettled.
{
  const [tx, rx] = pair(ctx);
  const p = [rx.recv_async(), rx.recv_str_async(), rx.recv_multipart_async()];
  rx.close();
  const results = await Promise.allSettled(p);
  for (const r of results) {
    eq(r.status, "rejected");
    assert(r.reason instanceof zmq.ZmqError, "a ZmqError");
    eq(r.reason.code, "ENOTSOCK");
  }
  eq((await rx.recv_async().catch((e) => e)).code, "ENOTSOCK", "a call on a closed socket rejects");
  tx.close();
}

// term() rejects the pending operations of all its sockets with ETERM.
{
  const c2 = new zmq.Context();
  const [a, b] = pair(c2);
  const p = [a.recv_async(), b.recv_async(), b.recv_str_async()];
  c2.term();
  for (const r of await Promise.allSettled(p)) {
    eq(r.status, "rejected");
    eq(r.reason.code, "ETERM");
  }
}

// Errors of the core reject; bad arguments throw at once.
{
  const pub = ctx.socket(zmq.PUB);
  eq((await pub.recv_async().catch((e) => e)).code, "ENOTSUP");
  const [tx, rx] = pair(ctx);
  eq((await tx.send_multipart_async([]).catch((e) => e)).code, "EINVAL");
  let threw = false;
  try {
    tx.send_async({});
  } catch (e) {
    threw = e instanceof TypeError;
  }
  assert(threw, "send_async({}) throws a TypeError");
  threw = false;
  try {
    tx.send_multipart_async("nope");
  } catch (e) {
    threw = e instanceof TypeError;
  }
  assert(threw, "send_multipart_async(string) throws a TypeError");
  pub.close();
  tx.close();
  rx.close();
}

// for await: every message as frames; break leaves the socket usable; close ends the loop.
{
  const [tx, rx] = pair(ctx);
  for (let i = 0; i < 3; i++) tx.send_multipart([`k${i}`, `v${i}`]);
  let n = 0;
  for await (const frames of rx) {
    eq(frames.length, 2);
    eq(text(frames[0]), `k${n}`);
    eq(text(frames[1]), `v${n}`);
    if (++n === 2) break;
  }
  eq(n, 2);
  eq(rx.closed, false, "break leaves the socket open");
  eq(await rx.recv_str_async(), "k2");
  eq(await rx.recv_str_async(), "v2");
  setTimeout(() => tx.send("last"), 5);
  setTimeout(() => rx.close(), 30);
  const seen = [];
  for await (const [f] of rx) seen.push(text(f));
  eq(seen, ["last"], "the loop ends when the socket is closed");
  tx.close();
}

ctx.term();
