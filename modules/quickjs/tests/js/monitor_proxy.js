// Socket monitors (monitor, recv_event) and the steerable proxy.
import * as zmq from "zmq";
import { assert, eq, throws, inproc } from "./assert.js";

const ctx = new zmq.Context();

// monitor(events) -> a Socket whose recv_event() returns the connection events.
const rep = ctx.socket(zmq.REP);
const events = rep.monitor(zmq.EVENT_LISTENING | zmq.EVENT_ACCEPTED | zmq.EVENT_DISCONNECTED);
assert(events instanceof zmq.Socket);
rep.bind("tcp://127.0.0.1:*");
const endpoint = rep.getsockopt("LAST_ENDPOINT");
let ev = events.recv_event();
eq(ev.event, zmq.EVENT_LISTENING);
eq(ev.name, "EVENT_LISTENING");
eq(ev.endpoint, endpoint);
eq(typeof ev.value, "number"); // the listening fd
const req = ctx.socket(zmq.REQ);
req.setsockopt(zmq.LINGER, 0);
req.connect(endpoint);
req.send("ping");
eq(rep.recv_str(), "ping");
ev = events.recv_event();
eq(ev.name, "EVENT_ACCEPTED");
eq(ev.endpoint, endpoint);
eq(events.recv_event(zmq.DONTWAIT), undefined); // nothing else: EAGAIN is undefined
req.close();
ev = events.recv_event();
eq(ev.name, "EVENT_DISCONNECTED");

// Default: every event; a connecting socket sees EVENT_CONNECTED (or a delay first).
const dealer = ctx.socket(zmq.DEALER);
dealer.setsockopt(zmq.LINGER, 0);
const all = dealer.monitor();
dealer.connect(endpoint);
let names = [];
for (let i = 0; i < 10 && !names.includes("EVENT_CONNECTED"); i++) names.push(all.recv_event().name);
assert(names.includes("EVENT_CONNECTED"), names.join(","));

// Bad arguments and non-event messages.
throws(() => rep.monitor(0x10000), zmq.ZmqError, "EINVAL");
throws(() => rep.monitor("all"), TypeError);
const [a, b] = [ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)];
const ep = inproc("not-events");
a.bind(ep);
b.connect(ep);
b.send("just one frame");
throws(() => a.recv_event(), zmq.ZmqError);
eq(a.recv_event(zmq.DONTWAIT), undefined);

// proxy_steerable(frontend, backend, capture, control): TERMINATE ends it with 0.
const front = ctx.socket(zmq.PULL);
const back = ctx.socket(zmq.PUSH);
const [control, steer] = [ctx.socket(zmq.PAIR), ctx.socket(zmq.PAIR)];
const cep = inproc("control");
control.bind(cep);
steer.connect(cep);
front.bind(inproc("front"));
back.bind(inproc("back"));
steer.send("TERMINATE");
eq(zmq.proxy_steerable(front, back, null, control), 0);
eq(typeof zmq.proxy_steerable, "function");
throws(() => zmq.proxy_steerable(front, back, null), TypeError);
throws(() => zmq.proxy_steerable(front, back, 5, control), TypeError);
throws(() => zmq.proxy_steerable("x", back, null, control), TypeError);

// A closed monitored socket: its monitor socket still closes cleanly.
rep.close();
for (const s of [events, all, dealer, a, b, front, back, control, steer]) eq(s.close(), 0);
eq(ctx.term(), 0);
