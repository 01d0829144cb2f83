// A client for plain-server.js: logs in, sends one message and prints the reply.
//
// usage: qjs plain-client.js USER PASSWORD [endpoint] [message] [timeout_ms]
//   endpoint    the server (default tcp://localhost:5564)
//   message     what to send (default "hello")
//   timeout_ms  how long to wait for the reply (default 5000)
// Exits with 1 if no reply comes: the server refused the user name or password.
import * as zmq from "zmq";
import * as std from "std";

const [, user, password] = scriptArgs;
if (user === undefined || password === undefined) {
  console.error("usage: qjs plain-client.js USER PASSWORD [endpoint] [message] [timeout_ms]");
  std.exit(2);
}
const endpoint = scriptArgs[3] ?? "tcp://localhost:5564";
const message = scriptArgs[4] ?? "hello";
const timeout_ms = scriptArgs[5] !== undefined ? Number(scriptArgs[5]) : 5000;

const ctx = new zmq.Context();
const client = ctx.socket(zmq.REQ);
client.setsockopt(zmq.PLAIN_USERNAME, user);
client.setsockopt(zmq.PLAIN_PASSWORD, password);
client.setsockopt(zmq.RCVTIMEO, timeout_ms);
client.setsockopt(zmq.LINGER, 0);
client.connect(endpoint);

client.send(message);
const reply = client.recv_str();
if (reply === undefined) {
  console.log(`no reply within ${timeout_ms} ms: wrong user name or password, or no server`);
  std.exit(1);
}
console.log(reply);
client.close();
ctx.term();
