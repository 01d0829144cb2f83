// zmq.Poller: size, add, modify, remove, wait, poll, wait_all, poll_all.
import * as zmq from "zmq";
import { assert, eq, pair, throws } from "./assert.js";

const ctx = new zmq.Context();
const [a, b] = pair(ctx);
const [c, d] = pair(ctx);

const poller = new zmq.Poller();
assert(poller instanceof zmq.Poller);
eq(poller.size(), 0);

// nothing registered: a bounded wait returns null, an infinite one is refused
eq(poller.poll(), null);
eq(poller.wait(10), null);
eq(poller.poll_all(4), null);
throws(() => poller.wait(-1), zmq.ZmqError, "EFAULT");

// add → 0; user_data is passed back; events default to POLLIN
const token = { name: "b" };
eq(poller.add(b, zmq.POLLIN, token), 0);
eq(poller.add(d, zmq.POLLIN), 0);
eq(poller.size(), 2);

// nothing to read yet
eq(poller.poll(), null);
eq(poller.wait(20), null);
eq(poller.wait_all(4, 20), null);

// one event: the very socket object, its user_data, the events
a.send("to b");
let ev = poller.wait(1000);
assert(ev !== null, "an event");
assert(ev.socket === b, "event.socket is the object passed to add()");
assert(ev.user_data === token, "user_data is the object passed to add()");
eq(ev.events, zmq.POLLIN);
eq(Object.keys(ev).sort(), ["events", "socket", "user_data"]);
eq(ev.socket.recv_str(), "to b");

// user_data defaults to undefined
c.send("to d");
ev = poller.wait(1000);
assert(ev.socket === d);
eq(ev.user_data, undefined);
assert("user_data" in ev);
d.recv();

// poll(): immediate
a.send("again");
let spins = 0;
while ((ev = poller.poll()) === null && spins++ < 1000) poller.wait(1);
assert(ev.socket === b);
b.recv();

// wait_all / poll_all: arrays of 1..n events, null when none
a.send("x");
c.send("y");
poller.wait(1000);
let all = poller.wait_all(4, 1000);
assert(Array.isArray(all));
for (let i = 0; i < 100 && all.length < 2; i++) all = poller.wait_all(4, 10);
eq(all.length, 2);
eq(new Set(all.map((e) => e.socket)).size, 2);
for (const e of all) {
  eq(e.events, zmq.POLLIN);
  assert(e.socket === b || e.socket === d);
  eq(e.user_data, e.socket === b ? token : undefined);
}
eq(poller.poll_all(1).length, 1, "at most n events");
eq(poller.wait_all(1, 0).length, 1);
b.recv();
d.recv();
eq(poller.poll_all(4), null);
eq(poller.wait_all(4, 10), null);

// n_events must be a positive integer
throws(() => poller.wait_all(0, 10), TypeError);
throws(() => poller.wait_all(-1, 10), TypeError);
throws(() => poller.poll_all(0), TypeError);
throws(() => poller.poll_all(), TypeError);
throws(() => poller.wait_all("4", 10), TypeError);
throws(() => poller.wait("10"), TypeError);

// modify → 0: POLLOUT on a writable socket; POLLIN|POLLOUT combined
eq(poller.modify(b, zmq.POLLOUT), 0);
ev = poller.wait(1000);
assert(ev.socket === b);
eq(ev.events, zmq.POLLOUT);
eq(ev.user_data, token, "modify keeps user_data");
a.send("both");
poller.modify(b, zmq.POLLIN | zmq.POLLOUT);
for (let i = 0; i < 100; i++) {
  ev = poller.wait(10);
  if (ev && ev.events === (zmq.POLLIN | zmq.POLLOUT)) break;
}
eq(ev.events, zmq.POLLIN | zmq.POLLOUT);
b.recv();

// remove → 0
eq(poller.remove(b), 0);
eq(poller.size(), 1);
eq(poller.remove(d), 0);
eq(poller.size(), 0);

// errors: registering twice, unknown sockets, bad events, wrong argument types
poller.add(b, zmq.POLLIN);
throws(() => poller.add(b, zmq.POLLIN), zmq.ZmqError, "EINVAL");
throws(() => poller.modify(d, zmq.POLLIN), zmq.ZmqError, "EINVAL");
throws(() => poller.remove(d), zmq.ZmqError, "EINVAL");
throws(() => poller.add(d, 64), zmq.ZmqError, "EINVAL");
throws(() => poller.add(d, 1 << 20), zmq.ZmqError, "EINVAL");
throws(() => poller.modify(b, 16), zmq.ZmqError, "EINVAL");
throws(() => poller.add({}, zmq.POLLIN), TypeError);
throws(() => poller.add("socket", zmq.POLLIN), TypeError);
throws(() => poller.add(), TypeError);
throws(() => poller.add(d, "POLLIN"), TypeError);
throws(() => poller.remove(null), TypeError);
throws(() => poller.add(-1, zmq.POLLIN), zmq.ZmqError, "EBADF");
const closed = ctx.socket(zmq.PULL);
closed.close();
throws(() => poller.add(closed, zmq.POLLIN), zmq.ZmqError, "ENOTSOCK");
// a socket closed while registered: wait reports ENOTSOCK until it is removed
const doomed = ctx.socket(zmq.PULL);
poller.add(doomed, zmq.POLLIN);
doomed.close();
throws(() => poller.wait(10), zmq.ZmqError, "ENOTSOCK");
eq(poller.remove(doomed), 0);
eq(poller.remove(b), 0);

// file descriptors: a socket's FD (edge-triggered) signals that its EVENTS
// may have changed; check EVENTS after each wakeup, as libzmq documents.
const fdPoller = new zmq.Poller();
const [e, f] = pair(ctx);
const fd = f.getsockopt(zmq.FD);
eq(typeof fd, "number");
eq(fdPoller.add(fd, zmq.POLLIN, "fd"), 0);
eq(f.events() & zmq.POLLIN, 0);
e.send("via fd");
const woke = fdPoller.wait(5000);
assert(woke !== null, "the FD woke up");
eq(woke.socket, fd, "an fd event carries the fd number");
eq(woke.user_data, "fd");
eq(woke.events, zmq.POLLIN);
for (let i = 0; i < 100 && !(f.events() & zmq.POLLIN); i++) fdPoller.wait(100);
eq(f.events() & zmq.POLLIN, zmq.POLLIN);
eq(f.recv_str(), "via fd");
eq(fdPoller.remove(fd), 0);
throws(() => fdPoller.remove(fd), zmq.ZmqError, "EINVAL");

// the spec's server loop shape: wait(-1) returns the event for the socket
const server = new zmq.Poller();
server.add(b, zmq.POLLIN);
a.send("hello");
const event = server.wait(-1);
eq(event.socket.recv_str(), "hello");

eq(ctx.term(), 0);
