// Hello World server
// Binds REP socket to tcp://*:5555
// Expects "Hello" from client, replies with "World"
//
// usage: qjs hwserver.js [endpoint] [requests] [work_ms]
//   endpoint  where to bind (default tcp://*:5555)
//   requests  how many requests to serve before exiting (default: forever)
//   work_ms   how long each "work" takes (default 1000)
import * as zmq from "zmq";
import * as os from "os";

const endpoint = scriptArgs[1] ?? "tcp://*:5555";
const requests = scriptArgs[2] !== undefined ? Number(scriptArgs[2]) : Infinity;
const work_ms = scriptArgs[3] !== undefined ? Number(scriptArgs[3]) : 1000;

// Socket to talk to clients
const context = new zmq.Context();
const responder = context.socket(zmq.REP);
responder.bind(endpoint);

for (let served = 0; served < requests; served++) {
  // Wait for next request from client
  const request = responder.recv_str();
  console.log(`Received ${request}`);

  // Do some 'work'
  os.sleep(work_ms);

  // Send reply back to client
  responder.send("World");
}
responder.close();
context.term();
