// A client for curve-server.js: connects with the server's public key (and a
// key pair of its own), sends one message and prints the reply.
//
// usage: qjs curve-client.js SERVER_PUBLIC_KEY [endpoint] [message] [timeout_ms] [client_secret]
//   endpoint       the server (default tcp://localhost:5561)
//   message        what to send (default "hello")
//   timeout_ms     how long to wait for the reply (default 5000)
//   client_secret  this client's Z85 secret key (default: a new key pair), for a server
//                  that admits listed keys only (curve-auth-server.js)
// Exits with 1 if no reply comes: with a wrong server key the handshake fails
// silently and the request is never delivered; the same if an authenticating server
// does not know this client's key.
import * as zmq from "zmq";
import * as std from "std";

const server_key = scriptArgs[1];
if (!server_key) {
  console.error("usage: qjs curve-client.js SERVER_PUBLIC_KEY [endpoint] [message] [timeout_ms] [client_secret]");
  std.exit(2);
}
const endpoint = scriptArgs[2] ?? "tcp://localhost:5561";
const message = scriptArgs[3] ?? "hello";
const timeout_ms = scriptArgs[4] !== undefined ? Number(scriptArgs[4]) : 5000;

const keys = scriptArgs[5] !== undefined
  ? { public: zmq.curve_public(scriptArgs[5]), secret: scriptArgs[5] }
  : zmq.curve_keypair();
const ctx = new zmq.Context();
const client = ctx.socket(zmq.REQ);
client.setsockopt(zmq.CURVE_SERVERKEY, server_key);
client.setsockopt(zmq.CURVE_PUBLICKEY, keys.public);
client.setsockopt(zmq.CURVE_SECRETKEY, keys.secret);
client.setsockopt(zmq.RCVTIMEO, timeout_ms);
client.setsockopt(zmq.LINGER, 0);
client.connect(endpoint);

client.send(message);
const reply = client.recv_str();
if (reply === undefined) {
  console.log(`no reply within ${timeout_ms} ms: wrong server key, unknown client key, or no server`);
  std.exit(1);
}
console.log(reply);
client.close();
ctx.term();
