// Cost per completed async operation with many pending at once, for zmq-bench:
//   qjs async-many.js <sockets> <operations>
// Queues <operations> recv_async() calls spread over <sockets> PULL sockets,
// then sends that many messages and awaits them all. Prints
// `MANY <sockets> <operations> <µs per operation>` and exits.
import * as zmq from "zmq";
import * as os from "os";

const sockets = Number(scriptArgs[1] ?? 1000);
const operations = Number(scriptArgs[2] ?? 10000);
const ctx = new zmq.Context();
ctx.set(zmq.MAX_SOCKETS, sockets + 16);
// One PUSH round-robins over every PULL: operations / sockets messages each.
const push = ctx.socket(zmq.PUSH);
push.setsockopt(zmq.SNDHWM, 0);
const pulls = [];
for (let i = 0; i < sockets; i++) {
  const pull = ctx.socket(zmq.PULL);
  pull.setsockopt(zmq.RCVHWM, 0);
  pull.bind(`inproc://many-${i}`);
  push.connect(`inproc://many-${i}`);
  pulls.push(pull);
}
const start = os.now();
const pending = [];
for (let k = 0; k < operations; k++) pending.push(pulls[k % sockets].recv_async());
for (let k = 0; k < operations; k++) push.send("x");
await Promise.all(pending);
const us = ((os.now() - start) * 1000) / operations;
console.log(`MANY ${sockets} ${operations} ${us.toFixed(3)}`);
for (const s of pulls.concat([push])) s.setsockopt(zmq.LINGER, 0);
ctx.term();
