// libzmq abort paths the fuzzers found (tests/tests/bad_input.rs). Each case
// does something a script can do; the promise is a catchable error (or it
// just works) and the process alive: the script ends printing "alive".
//   qjs found.js CASE [ARG]
import * as zmq from "zmq";
import * as os from "os";

const [, what, arg] = scriptArgs;
const ctx = new zmq.Context();
const attempt = (label, fn) => {
  try {
    console.log(label, fn());
  } catch (e) {
    console.log(label, "refused", e.code || e.name);
  }
};

switch (what) {
  case "disconnect_parked":
  case "unbind_parked": {
    // A ROUTER connects to an inproc endpoint nobody has bound yet (libzmq
    // parks the connection), then disconnects from it (or unbinds it);
    // later another socket binds the endpoint.
    const a = ctx.socket(zmq.ROUTER);
    a.connect("inproc://parked");
    attempt(what, () => (what === "disconnect_parked" ? a.disconnect("inproc://parked") : a.unbind("inproc://parked")));
    a.events();
    const b = ctx.socket(zmq.PULL);
    attempt("bind", () => b.bind("inproc://parked"));
    break;
  }
  case "close_parked": {
    // A socket connects several times to an inproc name nobody has bound and
    // is closed; then a PAIR binds the name (or, every other round, term()
    // settles it with libzmq's own PAIR). A PAIR keeps one pipe and ends the
    // others, which the closed socket had half-ended: a segfault, some rounds in ten.
    for (let round = 0; round < 200; round++) {
      const c = new zmq.Context();
      const a = c.socket(zmq.DEALER);
      for (let i = 0; i < 5; i++) a.connect("inproc://parked");
      a.close();
      if (round % 2 === 0) {
        const p = c.socket(zmq.PAIR);
        p.bind("inproc://parked");
        p.close();
      }
      c.term();
    }
    // What a closed socket queued for a parked connection reaches a later bind (LINGER).
    const push = ctx.socket(zmq.PUSH);
    push.connect("inproc://later");
    push.send("queued before close");
    push.close();
    const pull = ctx.socket(zmq.PULL);
    pull.setsockopt(zmq.RCVTIMEO, 5000);
    pull.bind("inproc://later");
    console.log("got", pull.recv_str());
    break;
  }
  case "max_sockets_parked": {
    // Every socket slot in use while an inproc connection is parked, then term().
    attempt("MAX_SOCKETS", () => ctx.set(zmq.MAX_SOCKETS, 1));
    const a = ctx.socket(zmq.DEALER);
    attempt("connect", () => a.connect("inproc://nobody"));
    attempt("term", () => ctx.term());
    break;
  }
  case "use_fd": {
    // USE_FD naming an inherited socket descriptor (ARG).
    const s = ctx.socket(zmq.PULL);
    attempt("use_fd", () => {
      s.setsockopt(zmq.USE_FD, Number(arg));
      return s.bind(scriptArgs[3] || "tcp://127.0.0.1:*");
    });
    if (scriptArgs[3]) {
      s.setsockopt(zmq.RCVTIMEO, 10000);
      console.log("got", s.recv_str());
    } else {
      os.sleep(500); // the test pokes the descriptor meanwhile
    }
    s.close();
    break;
  }
  default:
    throw new Error("unknown case " + what);
}
ctx.term();
console.log("alive");
