// Task sink
// Binds PULL socket to tcp://localhost:5558
// Collects results from workers via that socket
//
// usage: qjs tasksink.js [endpoint] [tasks]
//   endpoint  where to bind (default tcp://*:5558)
//   tasks     how many results to collect (default 100)
import * as zmq from "zmq";
import * as std from "std";
import * as os from "os";

const endpoint = scriptArgs[1] ?? "tcp://*:5558";
const tasks = scriptArgs[2] !== undefined ? Number(scriptArgs[2]) : 100;

// Prepare our context and socket
const context = new zmq.Context();
const receiver = context.socket(zmq.PULL);
receiver.bind(endpoint);

// Wait for start of batch
receiver.recv_str();

// Start our clock now
const start_time = os.now();

// Process 100 confirmations
for (let task_nbr = 0; task_nbr < tasks; task_nbr++) {
  receiver.recv_str();
  std.out.printf((task_nbr % 10) === 0 ? ":" : ".");
  std.out.flush();
}
// Calculate and report duration of batch
console.log(`\nTotal elapsed time: ${Math.round(os.now() - start_time)} msec`);

receiver.close();
context.term();
