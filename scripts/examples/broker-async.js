// Request-reply broker, async: the zguide's rrbroker with Promises instead of
// a poller. Clients (REQ) connect to a ROUTER, workers (REP) to a DEALER; two
// `for await` loops move each request to a worker and each reply back, on
// one event loop. It serves the same clients and workers as broker.js.
//
// usage: qjs broker-async.js [frontend] [backend]
//   frontend  where clients connect (default tcp://*:5559)
//   backend   where workers connect (default tcp://*:5560)
// Runs until Ctrl-C (exit status 130) or SIGTERM (143).
import * as zmq from "zmq";

const frontend_endpoint = scriptArgs[1] ?? "tcp://*:5559";
const backend_endpoint = scriptArgs[2] ?? "tcp://*:5560";

const ctx = new zmq.Context();
const frontend = ctx.socket(zmq.ROUTER);
frontend.bind(frontend_endpoint);
const backend = ctx.socket(zmq.DEALER);
backend.bind(backend_endpoint);
console.log(`broker: clients on ${frontend_endpoint}, workers on ${backend_endpoint}`);

// Every message, identity frames included, passes through unchanged: the
// ROUTER prefixes a request with its client's identity, the DEALER hands the
// reply back with it, so the ROUTER knows which client to answer.
async function forward(from, to) {
  for await (const frames of from) await to.send_multipart_async(frames);
}

await Promise.all([forward(frontend, backend), forward(backend, frontend)]);
