// Weather update client
// Connects SUB socket to tcp://localhost:5556
// Collects weather updates and finds avg temp in zipcode
//
// usage: qjs wuclient.js [zipcode] [endpoint] [updates]
//   zipcode   the subscription filter (default "10001 ", New York City)
//   endpoint  where the server is (default tcp://localhost:5556)
//   updates   how many updates to collect (default 100)
import * as zmq from "zmq";

const filter = scriptArgs[1] ?? "10001 ";
const endpoint = scriptArgs[2] ?? "tcp://localhost:5556";
const updates = scriptArgs[3] !== undefined ? Number(scriptArgs[3]) : 100;

// Socket to talk to server
console.log("Collecting updates from weather server…");
const context = new zmq.Context();
const subscriber = context.socket(zmq.SUB);
subscriber.connect(endpoint);

// Subscribe to zipcode, default is NYC, 10001
subscriber.setsockopt(zmq.SUBSCRIBE, filter);

// Process the updates
let total_temp = 0;
for (let update_nbr = 0; update_nbr < updates; update_nbr++) {
  const string = subscriber.recv_str();
  const [zipcode, temperature, relhumidity] = string.split(" ").map(Number);
  total_temp += temperature;
}
console.log(`Average temperature for zipcode '${filter}' was ${Math.trunc(total_temp / updates)}F`);

subscriber.close();
context.term();
