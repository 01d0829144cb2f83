// The perf protocol of crates/zmq-bench (src/protocol.rs) for qjs:
//   qjs perf.js <role> <args...>   e.g. qjs perf.js thr-recv tcp://127.0.0.1:5555 100 1000000
//   qjs perf.js --async <role> ... the receiving side of each role awaits the Promise API
//                                  (recv_async; send_async/recv_async for latency): "qjs-async"
//   qjs perf.js --into <role> ...  every receive is recv_into() one reused Uint8Array: "qjs-recv_into"
import * as zmq from "zmq";
import * as os from "os";

let [role, ...args] = scriptArgs.slice(1);
const asyncMode = role === "--async";
const intoMode = role === "--into";
if (asyncMode || intoMode) [role, ...args] = args;
const ctx = new zmq.Context();
// HWM 100000 (crates/zmq-bench/src/protocol.rs), or what the runner gives thr-inproc.
function socket(kind, hwm = 100000) {
  const s = ctx.socket(kind);
  s.setsockopt(zmq.SNDHWM, hwm);
  s.setsockopt(zmq.RCVHWM, hwm);
  return s;
}
const thr = (count, size, ms) => {
  const rate = count / (ms / 1000);
  console.log(`THR ${rate.toFixed(0)} ${(rate * size / 1e6).toFixed(3)}`);
};
const lat = (count, ms) => console.log(`LAT ${(ms * 1000 / count).toFixed(3)}`);

switch (role) {
  case "thr-recv": {
    const [ep, size, count] = [args[0], Number(args[1]), Number(args[2])];
    const s = socket(zmq.PULL);
    s.bind(ep);
    const into = new Uint8Array(size);
    s.recv();
    const start = os.now();
    if (asyncMode) for (let i = 1; i < count; i++) await s.recv_async();
    else if (intoMode) for (let i = 1; i < count; i++) s.recv_into(into);
    else for (let i = 1; i < count; i++) s.recv();
    thr(count - 1, size, os.now() - start);
    break;
  }
  case "thr-send": {
    const [ep, size, count] = [args[0], Number(args[1]), Number(args[2])];
    const s = socket(zmq.PUSH);
    s.connect(ep);
    const buf = new Uint8Array(size).fill(120);
    for (let i = 0; i < count; i++) s.send(buf);
    s.setsockopt(zmq.LINGER, 60000); // as remote_thr: wait until everything queued is delivered
    s.close();
    ctx.term();
    break;
  }
  case "lat-rep": {
    const [ep, , count] = [args[0], Number(args[1]), Number(args[2])];
    const s = socket(zmq.REP);
    s.bind(ep);
    const into = new Uint8Array(Number(args[1]));
    if (asyncMode) for (let i = 0; i < count; i++) await s.send_async(await s.recv_async());
    else if (intoMode) for (let i = 0; i < count; i++) s.send(into.subarray(0, s.recv_into(into)));
    else for (let i = 0; i < count; i++) s.send(s.recv());
    break;
  }
  case "lat-req": {
    const [ep, size, count] = [args[0], Number(args[1]), Number(args[2])];
    const s = socket(zmq.REQ);
    s.connect(ep);
    const buf = new Uint8Array(size).fill(120);
    const into = new Uint8Array(size);
    const start = os.now();
    for (let i = 0; i < count; i++) {
      if (asyncMode) {
        await s.send_async(buf);
        await s.recv_async();
      } else if (intoMode) {
        s.send(buf);
        s.recv_into(into);
      } else {
        s.send(buf);
        s.recv();
      }
    }
    lat(count, os.now() - start);
    break;
  }
  case "thr-inproc": {
    const [size, count, hwm] = [Number(args[0]), Number(args[1]), Number(args[2])];
    const pull = socket(zmq.PULL, hwm);
    pull.bind("inproc://thr");
    const push = socket(zmq.PUSH, hwm);
    push.connect("inproc://thr");
    const buf = new Uint8Array(size).fill(120);
    const { DONTWAIT } = zmq;
    const into = new Uint8Array(size);
    const start = os.now();
    let sent = 0, received = 0;
    // Fill the queue until a send would block (EAGAIN → undefined), then drain it.
    while (received < count) {
      while (sent < count && push.send(buf, DONTWAIT) !== undefined) sent++;
      if (asyncMode) for (; received < sent; received++) await pull.recv_async();
      else if (intoMode) while (pull.recv_into(into, DONTWAIT) !== undefined) received++;
      else while (pull.recv(DONTWAIT) !== undefined) received++;
    }
    thr(count, size, os.now() - start);
    break;
  }
  case "lat-inproc": {
    const [size, count] = [Number(args[0]), Number(args[1])];
    const rep = socket(zmq.REP);
    rep.bind("inproc://lat");
    const req = socket(zmq.REQ);
    req.connect("inproc://lat");
    const buf = new Uint8Array(size).fill(120);
    const into = new Uint8Array(size);
    const start = os.now();
    for (let i = 0; i < count; i++) {
      if (asyncMode) {
        await req.send_async(buf);
        await rep.send_async(await rep.recv_async());
        await req.recv_async();
      } else if (intoMode) {
        req.send(buf);
        rep.send(into.subarray(0, rep.recv_into(into)));
        req.recv_into(into);
      } else {
        req.send(buf);
        rep.send(rep.recv());
        req.recv();
      }
    }
    lat(count, os.now() - start);
    break;
  }
  default:
    throw new Error(`unknown role ${role}`);
}
