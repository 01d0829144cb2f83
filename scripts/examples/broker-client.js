// A client for broker.js: sends requests and prints the replies.
//
// usage: qjs broker-client.js [frontend] [requests]
//   frontend  the broker's frontend (default tcp://localhost:5559)
//   requests  how many requests to send (default 10)
import * as zmq from "zmq";

const frontend = scriptArgs[1] ?? "tcp://localhost:5559";
const requests = scriptArgs[2] !== undefined ? Number(scriptArgs[2]) : 10;

const ctx = new zmq.Context();
const socket = ctx.socket(zmq.REQ);
socket.setsockopt(zmq.RCVTIMEO, 10000); // no broker or worker: give up instead of waiting forever
socket.connect(frontend);

for (let i = 1; i <= requests; i++) {
  socket.send(`request ${i}`);
  const reply = socket.recv_str();
  if (reply === undefined) throw new Error(`no reply to request ${i} within 10 s`);
  console.log(reply);
}
socket.close();
ctx.term();
