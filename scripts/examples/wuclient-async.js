// Weather update client, async: the zguide's wuclient with `for await`.
// Connects a SUB socket to the weather server (scripts/zguide/wuserver.js),
// collects updates for one zipcode and prints their average temperature;
// a timer reports progress while the updates arrive.
//
// usage: qjs wuclient-async.js [zipcode] [endpoint] [updates]
//   zipcode   the subscription filter (default "10001 ", New York City)
//   endpoint  where the server is (default tcp://localhost:5556)
//   updates   how many updates to collect (default 100)
import * as zmq from "zmq";

const filter = scriptArgs[1] ?? "10001 ";
const endpoint = scriptArgs[2] ?? "tcp://localhost:5556";
const updates = scriptArgs[3] !== undefined ? Number(scriptArgs[3]) : 100;

console.log("Collecting updates from weather server…");
const context = new zmq.Context();
const subscriber = context.socket(zmq.SUB);
subscriber.connect(endpoint);
subscriber.setsockopt(zmq.SUBSCRIBE, filter);

let received = 0;
const progress = setInterval(() => console.error(`${received} of ${updates} updates`), 1000);

let total_temp = 0;
const decoder = new TextDecoder();
for await (const [message] of subscriber) {
  const [zipcode, temperature, relhumidity] = decoder.decode(message).split(" ").map(Number);
  total_temp += temperature;
  if (++received === updates) break;
}
clearInterval(progress);
console.log(`Average temperature for zipcode '${filter}' was ${Math.trunc(total_temp / updates)}F`);

subscriber.close();
context.term();
