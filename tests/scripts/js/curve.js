// CURVE with the QuickJS module (tests/tests/curve.rs).
//   qjs curve.js server              REP with a fresh keypair; prints
//                                    "endpoint EP PUBLICKEY"; answers until killed
//   qjs curve.js client EP KEY MODE WAIT_MS
//        MODE right: KEY is the server's public key; wrong: a key that is not;
//        plain: no CURVE at all. Prints "accepted REPLY" or, if no reply came
//        within WAIT_MS, "rejected".
//   qjs curve.js keys SECRET Z85      prints "public <curve_public(SECRET)>" and
//        "decoded <hex of z85_decode(Z85)>", "keypair PUBLIC SECRET" (a fresh one)
import * as zmq from "zmq";
import { eq, hex } from "./util.js";

const [, role, a, b, mode, wait] = scriptArgs;
const ctx = new zmq.Context();
if (role === "server") {
  const k = zmq.curve_keypair();
  eq(zmq.curve_public(k.secret), k.public, "curve_public(secret)");
  const s = ctx.socket(zmq.REP);
  s.setsockopt(zmq.CURVE_SERVER, 1);
  s.setsockopt(zmq.CURVE_SECRETKEY, k.secret);
  eq(s.getsockopt(zmq.MECHANISM), zmq.CURVE, "MECHANISM");
  const ep = s.bind_to_random_port("tcp://127.0.0.1");
  console.log("endpoint", ep, k.public);
  for (;;) s.send("welcome " + s.recv_str());
} else if (role === "client") {
  const s = ctx.socket(zmq.REQ);
  s.setsockopt(zmq.LINGER, 0);
  if (mode !== "plain") {
    const mine = zmq.curve_keypair();
    const serverKey = mode === "right" ? b : zmq.curve_keypair().public;
    s.setsockopt(zmq.CURVE_SERVERKEY, serverKey);
    s.setsockopt(zmq.CURVE_PUBLICKEY, mine.public);
    s.setsockopt(zmq.CURVE_SECRETKEY, mine.secret);
    eq(s.getsockopt(zmq.CURVE_SERVERKEY), serverKey, "CURVE_SERVERKEY read back");
  }
  s.setsockopt(zmq.RCVTIMEO, Number(wait));
  s.connect(a);
  s.send("hello from qjs");
  const reply = s.recv_str();
  console.log(reply === undefined ? "rejected" : "accepted " + reply);
  s.close();
} else if (role === "keys") {
  console.log("public", zmq.curve_public(a));
  console.log("decoded", hex(zmq.z85_decode(b)));
  const k = zmq.curve_keypair();
  console.log("keypair", k.public, k.secret);
} else {
  throw new Error("unknown role " + role);
}
ctx.term();
