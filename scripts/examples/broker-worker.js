// A worker for broker.js: answers requests forwarded by the broker.
//
// usage: qjs broker-worker.js [backend] [name] [count]
//   backend  the broker's backend (default tcp://localhost:5560)
//   name     how the worker signs its replies (default worker-<pid>)
//   count    how many requests to serve before exiting (default: forever)
import * as zmq from "zmq";
import * as os from "os";

const backend = scriptArgs[1] ?? "tcp://localhost:5560";
const name = scriptArgs[2] ?? `worker-${os.getpid()}`;
const count = scriptArgs[3] !== undefined ? Number(scriptArgs[3]) : Infinity;

const ctx = new zmq.Context();
const socket = ctx.socket(zmq.REP);
socket.connect(backend);

for (let served = 0; served < count; served++) {
  const request = socket.recv_str();
  console.log(`${name}: ${request}`);
  socket.send(`${request} done by ${name}`);
}
socket.close();
ctx.term();
