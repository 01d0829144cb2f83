// A CURVE server that admits listed clients only. CURVE alone encrypts, but admits any
// client that knows the server's public key (and that key is public by design); ctx.auth()
// checks each client's public key against a list (docs/security.md).
// It makes a new key pair at start and prints the public key; a real server would load its
// secret key from a file, and the list from its configuration.
//
// usage: qjs curve-auth-server.js ENDPOINT COUNT CLIENT_PUBLIC_KEY...
//   ENDPOINT           where to bind (e.g. tcp://*:5562)
//   COUNT              how many requests to answer before exiting ("forever" for no limit)
//   CLIENT_PUBLIC_KEY  the Z85 public keys of the clients admitted
// Try it with curve-client.js SERVER_PUBLIC_KEY ENDPOINT hello 2000 CLIENT_SECRET_KEY.
import * as zmq from "zmq";

const [, endpoint = "tcp://*:5562", countArg = "forever", ...clients] = scriptArgs;
const count = countArg === "forever" ? Infinity : Number(countArg);

const keys = zmq.curve_keypair();
const ctx = new zmq.Context();
const auth = ctx.auth({ curve: clients }); // only these client keys get in
const server = ctx.socket(zmq.REP);
server.setsockopt(zmq.CURVE_SERVER, 1);
server.setsockopt(zmq.CURVE_SECRETKEY, keys.secret);
server.bind(endpoint);
console.log(`server public key: ${keys.public}`);

for (let served = 0; served < count; served++) {
  const request = server.recv_str();
  console.log(`received "${request}"`);
  server.send(`echo: ${request}`);
}
auth.close();
server.close();
ctx.term();
