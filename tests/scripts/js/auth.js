// A ZAP-authenticated REP server with the QuickJS module (tests/tests/auth.rs).
//   qjs auth.js MODE [ARG]   prints "endpoint EP SERVERKEY"; answers "welcome <request>" until killed
//     curve KEY    CURVE server admitting only the client public key KEY
//     plain        PLAIN server admitting admin/secret
//     null-allow   NULL server with ZAP_DOMAIN "global", admitting 127.0.0.1 only
//     null-deny    the same, denying 127.0.0.1
import * as zmq from "zmq";

const [, mode, arg] = scriptArgs;
const ctx = new zmq.Context();
const keys = zmq.curve_keypair();
const s = ctx.socket(zmq.REP);
const configs = {
  curve: { curve: [arg] },
  plain: { plain: { admin: "secret" } },
  "null-allow": { allow: ["127.0.0.1"] },
  "null-deny": { deny: ["127.0.0.1"] },
};
if (!(mode in configs)) throw new Error("unknown mode " + mode);
const auth = ctx.auth(configs[mode]);
if (mode === "curve") {
  s.setsockopt(zmq.CURVE_SERVER, 1);
  s.setsockopt(zmq.CURVE_SECRETKEY, keys.secret);
} else if (mode === "plain") {
  s.setsockopt(zmq.PLAIN_SERVER, 1);
} else {
  s.setsockopt(zmq.ZAP_DOMAIN, "global");
}
const ep = s.bind_to_random_port("tcp://127.0.0.1");
console.log("endpoint", ep, keys.public);
for (;;) s.send("welcome " + s.recv_str());
