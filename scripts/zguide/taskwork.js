// Task worker
// Connects PULL socket to tcp://localhost:5557
// Collects workloads from ventilator via that socket
// Connects PUSH socket to tcp://localhost:5558
// Sends results to sink via that socket
//
// usage: qjs taskwork.js [ventilator_endpoint] [sink_endpoint] [tasks]
//   ventilator_endpoint  where the ventilator is (default tcp://localhost:5557)
//   sink_endpoint        where the sink is (default tcp://localhost:5558)
//   tasks                how many tasks to do before exiting (default: forever)
import * as zmq from "zmq";
import * as std from "std";
import * as os from "os";

const ventilator_endpoint = scriptArgs[1] ?? "tcp://localhost:5557";
const sink_endpoint = scriptArgs[2] ?? "tcp://localhost:5558";
const tasks = scriptArgs[3] !== undefined ? Number(scriptArgs[3]) : Infinity;

const context = new zmq.Context();

// Socket to receive messages on
const receiver = context.socket(zmq.PULL);
receiver.connect(ventilator_endpoint);

// Socket to send messages to
const sender = context.socket(zmq.PUSH);
sender.connect(sink_endpoint);

// Process tasks forever
for (let done = 0; done < tasks; done++) {
  const string = receiver.recv_str();
  // Simple progress indicator for the viewer
  std.out.printf("%s.", string);
  std.out.flush();

  // Do the work
  os.sleep(Number(string));

  // Send results to sink
  sender.send("");
}
console.log("");
receiver.close();
sender.close();
context.term();
