// A CURVE-secured REP server: traffic is encrypted, and only clients that know
// the server's public key can talk to it (the handshake fails otherwise). Any such
// client gets in, whatever its own key: curve-auth-server.js admits listed keys only.
// It makes a new key pair at start and prints the public key for the clients;
// a real server would load its secret key from a file instead.
//
// usage: qjs curve-server.js [endpoint] [count]
//   endpoint  where to bind (default tcp://*:5561)
//   count     how many requests to answer before exiting (default: forever)
import * as zmq from "zmq";

const endpoint = scriptArgs[1] ?? "tcp://*:5561";
const count = scriptArgs[2] !== undefined ? Number(scriptArgs[2]) : Infinity;

const keys = zmq.curve_keypair();
const ctx = new zmq.Context();
const server = ctx.socket(zmq.REP);
server.setsockopt(zmq.CURVE_SERVER, 1); // this side of the handshake is the server
server.setsockopt(zmq.CURVE_SECRETKEY, keys.secret);
server.bind(endpoint);
console.log(`server public key: ${keys.public}`);

for (let served = 0; served < count; served++) {
  const request = server.recv_str();
  console.log(`received "${request}" (mechanism ${server.getsockopt(zmq.MECHANISM) === zmq.CURVE ? "CURVE" : "?"})`);
  server.send(`echo: ${request}`);
}
server.close();
ctx.term();
