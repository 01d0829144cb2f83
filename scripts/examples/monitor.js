// A socket monitor: prints a socket's connection events as peers come and go,
// next to the messages the socket receives.
//   qjs monitor.js [endpoint] [disconnects]
// Binds a PULL socket at endpoint (default tcp://127.0.0.1:5563). With
// `disconnects`, ends after that many peers have gone; otherwise runs until Ctrl-C.
// Try it: qjs monitor.js, then in another terminal
//   qjs -e 'import * as zmq from "zmq"; const s = new zmq.Context().socket(zmq.PUSH); s.connect("tcp://127.0.0.1:5563"); s.send("hi")'
import * as zmq from "zmq";

const endpoint = scriptArgs[1] ?? "tcp://127.0.0.1:5563";
const disconnects = scriptArgs[2] === undefined ? Infinity : Number(scriptArgs[2]);

const ctx = new zmq.Context();
const pull = ctx.socket(zmq.PULL);
// The monitor is a socket of its own on which the events arrive. Start it
// before bind() to see EVENT_LISTENING too.
const events = pull.monitor(zmq.EVENT_ALL);
pull.bind(endpoint);
console.log("listening on " + pull.getsockopt("LAST_ENDPOINT"));

const poller = new zmq.Poller();
poller.add(events, zmq.POLLIN, "event");
poller.add(pull, zmq.POLLIN, "message");

let gone = 0;
while (gone < disconnects) {
  const ready = poller.wait(-1);
  if (ready.user_data === "event") {
    // { event: zmq.EVENT_ACCEPTED, name: "EVENT_ACCEPTED", value: fd/errno/interval, endpoint }
    const ev = events.recv_event();
    console.log(`${ev.name} ${ev.endpoint}`);
    if (ev.event === zmq.EVENT_DISCONNECTED) gone++;
  } else {
    console.log("message: " + pull.recv_str());
  }
}
events.close();
pull.close();
ctx.term();
