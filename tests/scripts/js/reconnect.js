// QuickJS side of the reconnect tests (tests/tests/reconnect.rs).
//   qjs reconnect.js client ENDPOINT       DEALER: pings until it has had 20
//                                          replies from server generation 2
//   qjs reconnect.js sub ENDPOINT          SUB: until 20 ticks from generation 2
//   qjs reconnect.js server GEN [ENDPOINT] ROUTER: "ping N" -> "pong N GEN", until killed
import * as zmq from "zmq";

const [, role, a, b] = scriptArgs;
const ctx = new zmq.Context();
const deadline = Date.now() + 60000;
const seen = new Set();
function generation(gen) {
  if (!seen.has(gen)) {
    seen.add(gen);
    console.log("gen", gen);
  }
  if (Date.now() > deadline) throw new Error("no progress: generations seen " + [...seen]);
}

if (role === "client") {
  const s = ctx.socket(zmq.DEALER);
  s.setsockopt(zmq.RCVTIMEO, 100);
  s.connect(a);
  let seq = 0;
  let after = 0;
  while (after < 20) {
    if (Date.now() > deadline) throw new Error("no progress: generations seen " + [...seen]);
    s.send("ping " + seq);
    let reply;
    for (;;) {
      reply = s.recv_str();
      if (reply === undefined) break; // lost with the old connection: ask again
      if (Number(reply.split(" ")[1]) === seq) break; // (older replies are stale)
    }
    if (reply === undefined) continue;
    const gen = reply.split(" ")[2];
    generation(gen);
    if (gen === "2") after++;
    seq++;
  }
  console.log("done", seq);
} else if (role === "sub") {
  const s = ctx.socket(zmq.SUB);
  s.setsockopt(zmq.SUBSCRIBE, "tick");
  s.setsockopt(zmq.RCVTIMEO, 100);
  s.connect(a);
  let after = 0;
  while (after < 20) {
    const m = s.recv_str();
    if (m === undefined) {
      generation(undefined);
      continue;
    }
    const gen = m.split(" ")[1];
    generation(gen);
    if (gen === "2") after++;
  }
  console.log("done");
} else if (role === "server") {
  const s = ctx.socket(zmq.ROUTER);
  s.bind(b || "tcp://127.0.0.1:*");
  console.log("endpoint", s.getsockopt(zmq.LAST_ENDPOINT));
  for (;;) {
    const [rid, msg] = s.recv_multipart();
    const seq = String.fromCharCode(...msg).split(" ")[1];
    s.send_multipart([rid, `pong ${seq} ${a}`]);
  }
} else {
  throw new Error("unknown role " + role);
}
