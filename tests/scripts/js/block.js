// Blocks forever in one call (nobody will send); prints "blocking" first.
//   qjs block.js recv|send|poll|proxy|recv_timeo
// With a second argument ENDPOINT, recv/poll bind a PULL there and end
// normally when a message arrives (printing "got <message>"): for stray
// signals that must not break the call.
import * as zmq from "zmq";

const [, kind, endpoint] = scriptArgs;
const ctx = new zmq.Context();
switch (kind) {
  case "recv": {
    const pull = ctx.socket(zmq.PULL);
    pull.bind(endpoint || "inproc://block");
    console.log("blocking");
    console.log("got", pull.recv_str());
    break;
  }
  case "recv_timeo": {
    // A long RCVTIMEO: a signal must not wait for it.
    const pull = ctx.socket(zmq.PULL);
    pull.setsockopt(zmq.RCVTIMEO, 3600 * 1000);
    pull.bind("inproc://block");
    console.log("blocking");
    console.log("got", pull.recv_str());
    break;
  }
  case "send": {
    // A PUSH socket with no peer at all: send blocks.
    const push = ctx.socket(zmq.PUSH);
    console.log("blocking");
    push.send("nobody takes this");
    break;
  }
  case "poll": {
    const pull = ctx.socket(zmq.PULL);
    pull.bind(endpoint || "inproc://block");
    const p = new zmq.Poller();
    p.add(pull, zmq.POLLIN);
    console.log("blocking");
    const ev = p.wait(-1);
    console.log("got", ev.socket.recv_str());
    break;
  }
  case "proxy": {
    const f = ctx.socket(zmq.ROUTER);
    const b = ctx.socket(zmq.DEALER);
    f.bind("inproc://front");
    b.bind("inproc://back");
    console.log("blocking");
    zmq.proxy(f, b);
    break;
  }
  default:
    throw new Error("unknown kind " + kind);
}
