// A PLAIN server: clients log in with a user name and password, checked by ctx.auth().
// PLAIN sends the password in clear text: use it on a trusted network or inside a tunnel
// (docs/security.md), or use CURVE.
//
// usage: qjs plain-server.js [endpoint] [count]
//   endpoint  where to bind (default tcp://*:5564)
//   count     how many requests to answer before exiting (default: forever)
// Users: admin / secret and guest / guest. Try it with plain-client.js.
import * as zmq from "zmq";

const endpoint = scriptArgs[1] ?? "tcp://*:5564";
const count = scriptArgs[2] !== undefined ? Number(scriptArgs[2]) : Infinity;

const ctx = new zmq.Context();
const auth = ctx.auth({ plain: { admin: "secret", guest: "guest" } });
const server = ctx.socket(zmq.REP);
server.setsockopt(zmq.PLAIN_SERVER, 1);
server.bind(endpoint);
console.log(`listening on ${endpoint}`);

for (let served = 0; served < count; served++) {
  const request = server.recv_str();
  console.log(`received "${request}"`);
  server.send(`echo: ${request}`);
}
auth.close();
server.close();
ctx.term();
