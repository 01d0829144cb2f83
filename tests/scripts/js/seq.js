// N messages carrying sequence numbers 0..N-1 (4-byte ints) through
// PUSH/PULL or PUB/SUB with the high-water marks raised; the receiver checks
// that each is exactly the next number: nothing lost, nothing duplicated,
// order kept. A control channel runs the other way (ready / ack), so that
// nothing depends on timing or on the sender's linger.
//
//   qjs seq.js pull N            binds; prints "endpoints DATA CONTROL"
//   qjs seq.js push N DATA CONTROL
//   qjs seq.js pub N             binds; prints "endpoints DATA CONTROL"
//   qjs seq.js sub N DATA CONTROL
import * as zmq from "zmq";
import { eq } from "./util.js";

const [, role, count, data, control] = scriptArgs;
const N = Number(count);
const HWM = 2 * N + 1000;
const ctx = new zmq.Context();

function receive(s) {
  // The first message may be preceded by warm-up messages (PUB/SUB).
  let first = s.recv();
  while (first.length !== 4) {
    eq(String.fromCharCode(...first), "warmup", "warm-up message");
    first = s.recv();
  }
  eq(new DataView(first.buffer, first.byteOffset, 4).getInt32(0, true), 0, "first sequence number");
  for (let i = 1; i < N; i++) {
    const n = s.recv_int();
    if (n !== i) throw new Error(`sequence broken: expected ${i}, got ${n}`);
  }
  eq(s.recv_str(), "end", "end marker");
}

function sendAll(s) {
  for (let i = 0; i < N; i++) s.send(i);
  s.send("end");
}

if (role === "pull" || role === "pub") {
  const d = ctx.socket(role === "pull" ? zmq.PULL : zmq.PUB);
  d.setsockopt(role === "pull" ? zmq.RCVHWM : zmq.SNDHWM, HWM);
  const dataEp = d.bind_to_random_port("tcp://127.0.0.1");
  const c = ctx.socket(role === "pull" ? zmq.PUSH : zmq.PULL);
  const controlEp = c.bind_to_random_port("tcp://127.0.0.1");
  console.log("endpoints", dataEp, controlEp);
  if (role === "pull") {
    receive(d);
    c.send("ack " + N);
    console.log("received", N);
  } else {
    // Warm up until the subscriber has seen a message (so its subscription is in place).
    const p = new zmq.Poller();
    p.add(c, zmq.POLLIN);
    while (!p.wait(10)) d.send("warmup");
    eq(c.recv_str(), "ready", "control");
    sendAll(d);
    eq(c.recv_str(), "ack " + N, "ack");
    console.log("sent", N);
  }
  c.close();
  d.close();
} else {
  const d = ctx.socket(role === "push" ? zmq.PUSH : zmq.SUB);
  d.setsockopt(role === "push" ? zmq.SNDHWM : zmq.RCVHWM, HWM);
  if (role === "sub") d.setsockopt(zmq.SUBSCRIBE, "");
  d.connect(data);
  const c = ctx.socket(role === "push" ? zmq.PULL : zmq.PUSH);
  c.connect(control);
  if (role === "push") {
    sendAll(d);
    eq(c.recv_str(), "ack " + N, "ack");
    console.log("sent", N);
  } else {
    const w = d.recv_str();
    eq(w, "warmup", "warm-up message");
    c.send("ready");
    receive(d);
    c.send("ack " + N);
    console.log("received", N);
  }
  c.close();
  d.close();
}
ctx.term();
