// Run embedded by tests/signals.rs, whose host thread keeps sending this
// thread signals it handles (no SA_RESTART) while the calls below block.
// Each call must complete normally.   eintr.js FROM_HOST TO_HOST
import * as zmq from "zmq";
import { eq } from "./util.js";

const [, fromHost, toHost] = scriptArgs;
const ctx = new zmq.Context();
const pull = ctx.socket(zmq.PULL);
pull.connect(fromHost);
eq(pull.recv_str(), "recv", "blocking recv");
const p = new zmq.Poller();
p.add(pull, zmq.POLLIN);
const ev = p.wait(-1);
eq(ev && ev.socket, pull, "blocking poll");
eq(pull.recv_str(), "poll", "message after poll");
const push = ctx.socket(zmq.PUSH);
push.setsockopt(zmq.SNDHWM, 1);
push.connect(toHost);
// Big messages, so that the sends block once the socket buffers are full.
const pad = "x".repeat(256 * 1024);
for (let i = 0; i < 100; i++) {
  const m = "send " + i + " " + pad;
  eq(push.send(m), m.length, "blocking send");
}
push.close();
pull.close();
ctx.term();
