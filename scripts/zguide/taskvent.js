// Task ventilator
// Binds PUSH socket to tcp://localhost:5557
// Sends batch of tasks to workers via that socket
//
// usage: qjs taskvent.js [workers_endpoint] [sink_endpoint] [tasks]
//   workers_endpoint  where to bind for the workers (default tcp://*:5557)
//   sink_endpoint     where the sink is (default tcp://localhost:5558)
//   tasks             how many tasks to send (default 100)
import * as zmq from "zmq";
import * as std from "std";
import * as os from "os";

const workers_endpoint = scriptArgs[1] ?? "tcp://*:5557";
const sink_endpoint = scriptArgs[2] ?? "tcp://localhost:5558";
const tasks = scriptArgs[3] !== undefined ? Number(scriptArgs[3]) : 100;

const context = new zmq.Context();

// Socket to send messages on
const sender = context.socket(zmq.PUSH);
sender.bind(workers_endpoint);

// Socket to send start of batch message on
const sink = context.socket(zmq.PUSH);
sink.connect(sink_endpoint);

std.out.printf("Press Enter when the workers are ready: ");
std.in.getline();
console.log("Sending tasks to workers…");

// The first message is "0" and signals start of batch
sink.send("0");

// Send the tasks
let total_msec = 0; // Total expected cost in msecs
for (let task_nbr = 0; task_nbr < tasks; task_nbr++) {
  // Random workload from 1 to 100msecs
  const workload = Math.floor(Math.random() * 100) + 1;
  total_msec += workload;
  sender.send(String(workload));
}
console.log(`Total expected cost: ${total_msec} msec`);
os.sleep(1000); // Give 0MQ time to deliver

sink.close();
sender.close();
context.term();
