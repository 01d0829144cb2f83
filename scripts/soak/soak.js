// The JS half of scripts/soak.sh: a mixed workload that runs for SECONDS and
// fails (exit 1) on any lost, altered or reordered message. Every round uses
// tcp, ipc and inproc; PUB/SUB with a new subscriber connection (a reconnect)
// each round; REQ/REP; socket and context churn; a monitor; CURVE; async I/O
// (many receives pending on one socket, sends awaited) on the event loop.
//   qjs soak.js SECONDS IPC_DIR
import * as zmq from "zmq";
import * as os from "os";

const [, secondsArg, ipcDir] = scriptArgs;
const seconds = Number(secondsArg);
const BATCH = 200; // numbered messages per stream and round
const TIMEOUT = 10000; // ms: a lost message fails the run instead of hanging it

function check(cond, what) {
  if (!cond) throw new Error("soak.js: " + what);
}

const ctx = new zmq.Context();
const timed = (s) => (s.setsockopt(zmq.RCVTIMEO, TIMEOUT), s.setsockopt(zmq.SNDTIMEO, TIMEOUT), s);

// Long-lived: a PUB on tcp (monitored), a REP on ipc, a CURVE REP on tcp, a PULL on inproc.
const pub = timed(ctx.socket(zmq.PUB));
const pubEndpoint = pub.bind_to_random_port("tcp://127.0.0.1");
const monitor = pub.monitor();
const rep = timed(ctx.socket(zmq.REP));
rep.bind(`ipc://${ipcDir}/soak-js-rep`);
const keys = zmq.curve_keypair();
const curveRep = timed(ctx.socket(zmq.REP));
curveRep.setsockopt(zmq.CURVE_SERVER, 1);
curveRep.setsockopt(zmq.CURVE_SECRETKEY, keys.secret);
const curveEndpoint = curveRep.bind_to_random_port("tcp://127.0.0.1");
const pull = timed(ctx.socket(zmq.PULL));
pull.bind("inproc://soak-pull");

let messages = 0;
let events = 0;

/// PUB/SUB over tcp with a fresh subscriber (a new connection): wait until a
/// probe arrives (the subscription is in place), then BATCH numbered messages in order.
function pubsub(round) {
  const sub = timed(ctx.socket(zmq.SUB));
  sub.setsockopt(zmq.SUBSCRIBE, "");
  sub.connect(pubEndpoint);
  sub.setsockopt(zmq.RCVTIMEO, 20);
  for (let i = 0; ; i++) {
    check(i < TIMEOUT / 20, "subscriber never joined");
    pub.send("probe");
    if (sub.recv_str() !== undefined) break;
  }
  while (sub.recv_str(zmq.DONTWAIT) !== undefined) {} // late probes
  sub.setsockopt(zmq.RCVTIMEO, TIMEOUT);
  for (let i = 0; i < BATCH; i++) pub.send(`${round}:${i}`);
  for (let i = 0; i < BATCH; i++) {
    let got = sub.recv_str();
    // Probes still on the wire come first (in order), never after a numbered message.
    while (i === 0 && got === "probe") got = sub.recv_str();
    check(got === `${round}:${i}`, `pub/sub: expected ${round}:${i}, got ${got}`);
  }
  messages += BATCH;
  sub.close();
}

/// REQ/REP over ipc with a new REQ each round.
function reqrep(round) {
  const req = timed(ctx.socket(zmq.REQ));
  req.connect(`ipc://${ipcDir}/soak-js-rep`);
  for (let i = 0; i < 20; i++) {
    req.send(`q${round}:${i}`);
    const q = rep.recv_str();
    check(q === `q${round}:${i}`, `req/rep: request ${q}`);
    rep.send(`a${round}:${i}`);
    const a = req.recv_str();
    check(a === `a${round}:${i}`, `req/rep: reply ${a}`);
  }
  messages += 40;
  req.close();
}

/// PUSH/PULL over inproc, in order, with a 64 KiB payload now and then.
function inproc(round) {
  const push = timed(ctx.socket(zmq.PUSH));
  push.connect("inproc://soak-pull");
  const big = new Uint8Array(65536).fill(round & 0xff);
  for (let i = 0; i < BATCH; i++) push.send_multipart([`${round}:${i}`, i % 50 === 0 ? big : "small"]);
  for (let i = 0; i < BATCH; i++) {
    const [head, body] = pull.recv_multipart();
    const text = String.fromCharCode(...head);
    check(text === `${round}:${i}`, `inproc: expected ${round}:${i}, got ${text}`);
    check(i % 50 === 0 ? body.length === 65536 && body[65535] === (round & 0xff) : body.length === 5, "inproc body");
  }
  messages += BATCH;
  push.close();
}

/// A context of its own, with a tcp pair, created and terminated.
function churn(round) {
  const c = new zmq.Context();
  const a = timed(c.socket(zmq.PAIR));
  const b = timed(c.socket(zmq.PAIR));
  const ep = a.bind_to_random_port("tcp://127.0.0.1");
  b.connect(ep);
  b.send(`churn ${round}`);
  check(a.recv_str() === `churn ${round}`, "churn");
  a.close();
  b.close();
  c.term();
  messages += 1;
}

/// A CURVE client per round.
function curve(round) {
  const req = timed(ctx.socket(zmq.REQ));
  const mine = zmq.curve_keypair();
  req.setsockopt(zmq.CURVE_SERVERKEY, keys.public);
  req.setsockopt(zmq.CURVE_PUBLICKEY, mine.public);
  req.setsockopt(zmq.CURVE_SECRETKEY, mine.secret);
  req.connect(curveEndpoint);
  req.send(`secret ${round}`);
  check(curveRep.recv_str() === `secret ${round}`, "curve request");
  curveRep.send(`ok ${round}`);
  check(req.recv_str() === `ok ${round}`, "curve reply");
  req.close();
  messages += 2;
}

/// DEALER/ROUTER over tcp with Promises: BATCH receives pending on the ROUTER
/// before any send, replies awaited in order on the DEALER, a timer firing meanwhile.
async function asyncIo(round) {
  const router = timed(ctx.socket(zmq.ROUTER));
  const ep = router.bind_to_random_port("tcp://127.0.0.1");
  const dealer = timed(ctx.socket(zmq.DEALER));
  dealer.connect(ep);
  let ticks = 0;
  const timer = setInterval(() => ticks++, 1);
  const requests = [];
  for (let i = 0; i < BATCH; i++) requests.push(router.recv_multipart_async());
  const sent = [];
  for (let i = 0; i < BATCH; i++) sent.push(dealer.send_async(`${round}:${i}`));
  await Promise.all(sent);
  for (let i = 0; i < BATCH; i++) {
    const [id, body] = await requests[i];
    const text = new TextDecoder().decode(body);
    check(text === `${round}:${i}`, `async: expected ${round}:${i}, got ${text}`);
    await router.send_multipart_async([id, `re ${text}`]);
  }
  for (let i = 0; i < BATCH; i++) {
    const reply = await dealer.recv_str_async();
    check(reply === `re ${round}:${i}`, `async reply: ${reply}`);
  }
  clearInterval(timer);
  check(ticks >= 0, "timer");
  messages += 2 * BATCH;
  router.close();
  dealer.close();
}

const t0 = Date.now();
let round = 0;
while (Date.now() - t0 < seconds * 1000) {
  await asyncIo(round);
  pubsub(round);
  reqrep(round);
  inproc(round);
  churn(round);
  curve(round);
  while (monitor.recv_event(zmq.DONTWAIT) !== undefined) events++;
  round++;
  if (round % 50 === 0) console.log(`js round ${round} messages ${messages} events ${events}`);
}
for (const s of [pub, monitor, rep, curveRep, pull]) s.close();
ctx.term();
check(events > 0, "the monitor saw events");
console.log(`js done rounds ${round} messages ${messages} events ${events}`);
