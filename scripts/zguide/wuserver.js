// Weather update server
// Binds PUB socket to tcp://*:5556
// Publishes random weather updates
//
// usage: qjs wuserver.js [endpoint] [updates]
//   endpoint  where to bind (default tcp://*:5556)
//   updates   how many updates to publish before exiting (default: forever)
import * as zmq from "zmq";

const endpoint = scriptArgs[1] ?? "tcp://*:5556";
const updates = scriptArgs[2] !== undefined ? Number(scriptArgs[2]) : Infinity;

// Prepare our context and publisher
const context = new zmq.Context();
const publisher = context.socket(zmq.PUB);
publisher.bind(endpoint);

const randof = (num) => Math.floor(Math.random() * num);
const pad5 = (n) => String(n).padStart(5, "0");

for (let sent = 0; sent < updates; sent++) {
  // Get values that will fool the boss
  const zipcode = randof(100000);
  const temperature = randof(215) - 80;
  const relhumidity = randof(50) + 10;

  // Send message to all subscribers
  publisher.send(`${pad5(zipcode)} ${temperature} ${relhumidity}`);
}
publisher.close();
context.term();
