// Request-reply broker: clients (REQ) connect to a ROUTER, workers (REP) to a
// DEALER, and zmq.proxy() shuttles requests and replies between the two.
// Clients and workers come and go independently; the broker spreads requests
// over the workers that are connected.
//
// usage: qjs broker.js [frontend] [backend]
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

// A ROUTER prefixes each request with the client's identity; the DEALER passes
// the whole message to a worker and its reply back, identity first, so the
// ROUTER knows which client to answer.
zmq.proxy(frontend, backend);
