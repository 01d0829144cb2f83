// One event loop: timers keep firing while sockets are awaited, fd handlers
// on a pipe, 50 REQ clients and one ROUTER in one script, a socket with
// pending operations is not collected, TextEncoder/TextDecoder.
import * as zmq from "zmq";
import * as os from "os";
import * as std from "std";
import { assert, eq, inproc } from "./assert.js";

const ctx = new zmq.Context();

// Timers keep firing while a receive is pending; the receive completes later.
{
  const ep = inproc("timers");
  const rx = ctx.socket(zmq.PULL);
  rx.setsockopt(zmq.LINGER, 0);
  rx.bind(ep);
  const tx = ctx.socket(zmq.PUSH);
  tx.setsockopt(zmq.LINGER, 0);
  tx.connect(ep);
  let ticks = 0;
  const t = setInterval(() => {
    ticks++;
    if (ticks === 5) tx.send("after five ticks");
  }, 2);
  eq(await rx.recv_str_async(), "after five ticks");
  clearInterval(t);
  eq(ticks, 5, "the interval fired while the receive was pending");
  rx.close();
  tx.close();
}

// fd handlers with a pipe: the read handler runs when data arrives; the write handler while writable.
{
  const [r, w] = os.pipe();
  assert(r >= 0 && w >= 0, "pipe() gives two descriptors");
  const enc = new TextEncoder();
  const got = await new Promise((resolve) => {
    const buf = new ArrayBuffer(64);
    os.setReadHandler(r, () => {
      const n = os.read(r, buf, 0, 64);
      os.setReadHandler(r, null);
      resolve(new TextDecoder().decode(new Uint8Array(buf, 0, n)));
    });
    os.setWriteHandler(w, () => {
      const bytes = enc.encode("through the pipe ✓");
      eq(os.write(w, bytes.buffer, 0, bytes.length), bytes.length);
      os.setWriteHandler(w, null);
    });
  });
  eq(got, "through the pipe ✓");
  eq(os.close(r), 0);
  eq(os.close(w), 0);
  assert(os.close(w) < 0, "closing twice gives a negative errno");
}

// 50 REQ clients and one ROUTER in one script.
{
  const ep = inproc("router");
  const router = ctx.socket(zmq.ROUTER);
  router.setsockopt(zmq.LINGER, 0);
  router.bind(ep);
  const server = (async () => {
    let served = 0;
    for await (const [id, empty, body] of router) {
      await router.send_multipart_async([id, empty, `re:${new TextDecoder().decode(body)}`]);
      if (++served === 50 * 3) break;
    }
    return served;
  })();
  const client = async (i) => {
    const req = ctx.socket(zmq.REQ);
    req.setsockopt(zmq.LINGER, 0);
    req.connect(ep);
    for (let k = 0; k < 3; k++) {
      await req.send_async(`c${i}-${k}`);
      eq(await req.recv_str_async(), `re:c${i}-${k}`);
    }
    req.close();
    return i;
  };
  const clients = [];
  for (let i = 0; i < 50; i++) clients.push(client(i));
  eq((await Promise.all(clients)).length, 50);
  eq(await server, 150);
  router.close();
}

// A socket with a pending receive and no reference left is not collected: it still completes.
{
  const ep = inproc("gc");
  let collected = false;
  const registry = new FinalizationRegistry(() => {
    collected = true;
  });
  let result = (() => {
    const rx = ctx.socket(zmq.PULL);
    registry.register(rx, "rx");
    rx.setsockopt(zmq.LINGER, 0);
    rx.bind(ep);
    return rx.recv_str_async();
  })();
  std.gc();
  const tx = ctx.socket(zmq.PUSH);
  tx.setsockopt(zmq.LINGER, 0);
  tx.connect(ep);
  std.gc();
  setTimeout(() => {
    std.gc();
    tx.send("still here");
  }, 10);
  eq(await result, "still here");
  eq(collected, false, "the socket was not collected while its receive was pending");
  tx.close();
}

// TextEncoder/TextDecoder (UTF-8).
{
  eq(new TextEncoder().encode("é€"), new Uint8Array([0xc3, 0xa9, 0xe2, 0x82, 0xac]));
  eq(new TextEncoder().encoding, "utf-8");
  eq(new TextDecoder().decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69])), "hi");
  eq(new TextDecoder().decode(new Uint8Array([0x68, 0xff])), "h\ufffd");
  let threw = false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(new Uint8Array([0xff]));
  } catch (e) {
    threw = e instanceof TypeError;
  }
  assert(threw, "fatal decoding of invalid bytes throws a TypeError");
  threw = false;
  try {
    new TextDecoder("latin1");
  } catch (e) {
    threw = e instanceof RangeError;
  }
  assert(threw, "other encodings are refused");
}

ctx.term();
