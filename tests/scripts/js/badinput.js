// Bad input arriving from a peer (tests/tests/bad_input.rs).
//   qjs badinput.js recv_str   PULL; prints "endpoint EP"; for each message until
//                              "end", prints "str CP,CP,..." (the code points of
//                              recv_str(), hex)
//   qjs badinput.js maxmsgsize MAX   PULL with MAXMSGSIZE MAX; prints "endpoint EP";
//                              receives "before", then "after N" (the oversized
//                              message in between never arrives); exits
import * as zmq from "zmq";
import { assert, eq } from "./util.js";

const [, role, max] = scriptArgs;
const ctx = new zmq.Context();
const s = ctx.socket(zmq.PULL);
if (role === "maxmsgsize") {
  s.setsockopt(zmq.MAXMSGSIZE, Number(max));
  eq(s.getsockopt(zmq.MAXMSGSIZE), BigInt(max), "MAXMSGSIZE");
}
console.log("endpoint", s.bind_to_random_port("tcp://127.0.0.1"));
if (role === "recv_str") {
  for (;;) {
    const t = s.recv_str();
    if (t === "end") break;
    assert(typeof t === "string", "a string");
    console.log("str " + [...t].map((c) => c.codePointAt(0).toString(16)).join(","));
  }
} else if (role === "maxmsgsize") {
  eq(s.recv_str(), "before", "first message");
  const m = s.recv();
  assert(m.length <= Number(max), `a message of ${m.length} bytes got through MAXMSGSIZE ${max}`);
  const t = String.fromCharCode(...m);
  assert(t.startsWith("after "), `expected "after N", got ${JSON.stringify(t.slice(0, 40))}`);
  console.log("got", t);
} else {
  throw new Error("unknown role " + role);
}
s.close();
ctx.term();
