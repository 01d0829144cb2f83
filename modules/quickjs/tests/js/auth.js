// ctx.auth(config): ZAP authentication over tcp with real handshakes (CURVE key lists and
// "*", PLAIN passwords, address rules under NULL with a ZAP domain and under CURVE),
// configuration errors, replacement, close() and term() with an authenticator running.
// A refusal is seen as EVENT_HANDSHAKE_FAILED_AUTH (400) on the server's monitor, after
// which the server has nothing to receive (a short RCVTIMEO, so a bug fails, never hangs).
import * as zmq from "zmq";
import { assert, eq, throws } from "./assert.js";

const ctx = new zmq.Context();

function server(options = []) {
  const s = ctx.socket(zmq.PULL);
  s.setsockopt(zmq.LINGER, 0);
  s.setsockopt(zmq.RCVTIMEO, 10000);
  for (const [name, value] of options) s.setsockopt(name, value);
  const mon = s.monitor(zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_HANDSHAKE_FAILED_AUTH);
  mon.setsockopt(zmq.RCVTIMEO, 10000);
  const ep = s.bind_to_random_port("tcp://127.0.0.1");
  return { s, mon, ep };
}

const clients = []; // kept: a collected socket closes (LINGER 0 here: its hello would be dropped)
function client(ep, options = []) {
  const c = ctx.socket(zmq.PUSH);
  clients.push(c);
  c.setsockopt(zmq.LINGER, 0);
  for (const [name, value] of options) c.setsockopt(name, value);
  c.connect(ep);
  // DONTWAIT: on a loaded machine a refused handshake can end the connection, and with it
  // the PUSH's only pipe, before this send; a blocking send would then wait forever. An
  // admitted client's hello is queued at once (admitted() fails if it never arrives).
  try {
    c.send("hello", zmq.DONTWAIT);
  } catch (e) {
    assert(e.code === "EAGAIN", e.code);
  }
  return c;
}

// The client that just connected was refused: the refusal event, then nothing to receive.
function refused(srv, what) {
  const ev = srv.mon.recv_event();
  assert(ev !== undefined, `${what}: no handshake event within 10 s`);
  eq(ev.name, "EVENT_HANDSHAKE_FAILED_AUTH", what);
  eq(ev.value, 400, `${what}: ZAP status`);
  srv.s.setsockopt(zmq.RCVTIMEO, 200);
  eq(srv.s.recv_str(), undefined, `${what}: a refused client got a message through`);
  srv.s.setsockopt(zmq.RCVTIMEO, 10000);
}

// The client that just connected got in (refusals of earlier clients, which retry, are skipped).
function admitted(srv, what) {
  for (let i = 0; i < 100; i++) {
    const ev = srv.mon.recv_event();
    assert(ev !== undefined, `${what}: no handshake event within 10 s`);
    if (ev.name === "EVENT_HANDSHAKE_SUCCEEDED") {
      eq(srv.s.recv_str(), "hello", what);
      return;
    }
  }
  throw new Error(`${what}: refused`);
}

const serverKeys = zmq.curve_keypair();
const curveServer = [[zmq.CURVE_SERVER, 1], [zmq.CURVE_SECRETKEY, serverKeys.secret]];
const curveClient = (keys) => [
  [zmq.CURVE_SERVERKEY, serverKeys.public],
  [zmq.CURVE_PUBLICKEY, keys.public],
  [zmq.CURVE_SECRETKEY, keys.secret],
];

// Configuration errors: EINVAL, and nothing changes.
const listed = zmq.curve_keypair();
for (const bad of [
  5,
  "curve",
  { allwo: ["127.0.0.1"] },
  { allow: ["localhost"] },
  { deny: "300.0.0.1" },
  { allow: ["127.0.0.1"], deny: ["10.0.0.1"] },
  { curve: ["short"] },
  { curve: 5 },
  { curve: [[listed.public]] },
  { curve: [listed.public, 5] },
  { plain: ["admin"] },
  { plain: { admin: 5 } },
  { plain: new Map([["admin", "secret"]]) },
  { domain: ["global"] },
]) {
  throws(() => ctx.auth(bad), zmq.ZmqError, "EINVAL");
}
throws(() => ctx.auth({ curve: ["short"] }), zmq.ZmqError, "EINVAL", /curve.*Z85/);
throws(() => ctx.auth({ allow: ["127.0.0.1"], deny: ["::1"] }), zmq.ZmqError, "EINVAL", /exclude/);
throws(() => ctx.auth({ plain: new Map() }), zmq.ZmqError, "EINVAL", /plain: expected an object, got a Map/);

// CURVE: a listed key gets in, an unlisted one does not.
let auth = ctx.auth({ curve: [listed.public] });
eq(auth.closed, false);
eq(String(auth), "[Authenticator]");
let srv = server(curveServer);
const intruder = client(srv.ep, curveClient(zmq.curve_keypair()));
refused(srv, "unlisted CURVE key");
intruder.close();
client(srv.ep, curveClient(listed));
admitted(srv, "listed CURVE key");

// "*": any key. A second auth() replaces the configuration; the first object lets go.
const any = ctx.auth({ curve: "*" });
eq(auth.closed, true);
eq(auth.close(), 0); // replaced: does nothing
eq(any.closed, false);
client(srv.ep, curveClient(zmq.curve_keypair()));
admitted(srv, "any CURVE key with \"*\"");

// Address rules under CURVE.
ctx.auth({ curve: "*", deny: ["127.0.0.1"] });
client(srv.ep, curveClient(zmq.curve_keypair()));
refused(srv, "denied address under CURVE");
ctx.auth({ curve: "*", allow: ["10.1.2.3"] });
client(srv.ep, curveClient(zmq.curve_keypair()));
refused(srv, "address not allowed under CURVE");
ctx.auth({ curve: [listed.public], allow: ["127.0.0.1", "::1"] });
client(srv.ep, curveClient(listed));
admitted(srv, "allowed address and listed key");

// PLAIN: right and wrong password.
ctx.auth({ plain: { admin: "secret", guest: "guest" } });
srv = server([[zmq.PLAIN_SERVER, 1]]);
const wrong = client(srv.ep, [[zmq.PLAIN_USERNAME, "admin"], [zmq.PLAIN_PASSWORD, "guess"]]);
refused(srv, "wrong PLAIN password");
wrong.close();
client(srv.ep, [[zmq.PLAIN_USERNAME, "admin"], [zmq.PLAIN_PASSWORD, "secret"]]);
admitted(srv, "right PLAIN password");

// NULL: libzmq asks only for servers with a ZAP_DOMAIN.
auth = ctx.auth({ deny: ["127.0.0.1"], domain: "global" });
srv = server([[zmq.ZAP_DOMAIN, "global"]]);
client(srv.ep);
refused(srv, "denied address under NULL");
ctx.auth({ allow: ["127.0.0.1"] });
srv = server([[zmq.ZAP_DOMAIN, "global"]]);
client(srv.ep);
admitted(srv, "allowed address under NULL");
ctx.auth({ allow: ["127.0.0.1"], domain: "other" });
srv = server([[zmq.ZAP_DOMAIN, "global"]]);
client(srv.ep);
refused(srv, "a ZAP domain the authenticator does not serve");

// close(): stopped, idempotent; the ZAP endpoint is free again.
auth = ctx.auth();
eq(auth.close(), 0);
eq(auth.close(), 0);
eq(auth.closed, true);
eq(String(auth), "[Authenticator closed]");
const own = ctx.socket(zmq.REP);
own.bind("inproc://zeromq.zap.01");
throws(() => ctx.auth(), zmq.ZmqError, "EADDRINUSE");
own.unbind("inproc://zeromq.zap.01"); // close() alone frees the name later (libzmq's reaper)
own.close();
throws(() => ctx.socket(zmq.PUSH).bind("inproc://zeromq.zap.01"), zmq.ZmqError, "EINVAL");

// term() with an authenticator running and a client mid-handshake: no hang.
auth = ctx.auth({ curve: [listed.public] });
srv = server(curveServer);
client(srv.ep, curveClient(listed));
admitted(srv, "before term");
ctx.term();
eq(auth.closed, true);
throws(() => ctx.auth(), zmq.ZmqError, "ETERM");

// A context collected with its authenticator running terminates.
{
  const other = new zmq.Context();
  other.auth({ curve: "*" });
}
console.log("auth ok");
