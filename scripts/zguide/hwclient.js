// Hello World client
// Connects REQ socket to tcp://localhost:5555
// Sends "Hello" to server, expects "World" back
//
// usage: qjs hwclient.js [endpoint] [requests]
//   endpoint  where the server is (default tcp://localhost:5555)
//   requests  how many requests to send (default 10)
import * as zmq from "zmq";

const endpoint = scriptArgs[1] ?? "tcp://localhost:5555";
const requests = scriptArgs[2] !== undefined ? Number(scriptArgs[2]) : 10;

console.log("Connecting to hello world server…");
const context = new zmq.Context();
const requester = context.socket(zmq.REQ);
requester.connect(endpoint);

for (let request_nbr = 0; request_nbr < requests; request_nbr++) {
  console.log(`Sending Hello ${request_nbr}…`);
  requester.send("Hello");
  const reply = requester.recv_str();
  console.log(`Received ${reply} ${request_nbr}`);
}
requester.close();
context.term();
