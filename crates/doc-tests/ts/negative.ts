// Wrong calls that zmq.d.ts must reject: each line after `@ts-expect-error` has to be a
// type error, or tsc reports the directive as unused and the test fails.
import * as zmq from "zmq";

const ctx = new zmq.Context();
const sock = ctx.socket(zmq.PUB);

// @ts-expect-error: sockets come from Context.prototype.socket()
new zmq.Socket();
// @ts-expect-error: not a socket type name
ctx.socket("PUBLISHER");
// @ts-expect-error: not a socket type constant
ctx.socket(12);
// @ts-expect-error: an object is not message data
sock.send({ text: "hello" });
// @ts-expect-error: undefined is not message data (null is)
sock.send(undefined);
// @ts-expect-error: flags are a number
sock.send("x", "DONTWAIT");
// @ts-expect-error: recv_str() may return undefined (DONTWAIT, RCVTIMEO)
const text: string = sock.recv_str();
// @ts-expect-error: LINGER is an int option
sock.setsockopt(zmq.LINGER, "1000");
// @ts-expect-error: TYPE is read-only
sock.setsockopt(zmq.TYPE, 1);
// @ts-expect-error: SUBSCRIBE is write-only
sock.getsockopt(zmq.SUBSCRIBE);
// @ts-expect-error: MAXMSGSIZE reads as a BigInt
const max: number = sock.getsockopt(zmq.MAXMSGSIZE);
// @ts-expect-error: getsockopt_bigint() takes int64 options only
sock.getsockopt_bigint(zmq.LINGER);
// @ts-expect-error: not an option name
sock.getsockopt("LINGERING");
// @ts-expect-error: LINGER is a socket option, not a context option
ctx.set(zmq.LINGER, 1);
// @ts-expect-error: allow is a list of addresses, not a number
ctx.auth({ allow: 127 });
// @ts-expect-error: not an auth() field
ctx.auth({ allwo: ["127.0.0.1"] });
// @ts-expect-error: PLAIN passwords are strings
ctx.auth({ plain: { admin: 1234 } });
// @ts-expect-error: a default Poller takes sockets, not file descriptors
new zmq.Poller().add(0);
// @ts-expect-error: wait_all() needs the number of events
new zmq.Poller().wait_all();
// @ts-expect-error: proxy() needs two sockets
zmq.proxy(sock);
// @ts-expect-error: z85_decode() takes text
zmq.z85_decode(new Uint8Array(5));
// @ts-expect-error: version() is a tuple of numbers
const v: string = zmq.version()[0];
// @ts-expect-error: `closed` is read-only
sock.closed = true;
// @ts-expect-error: recv_async() gives a Promise, not the bytes
const now: Uint8Array = sock.recv_async();
// @ts-expect-error: send_multipart_async() takes an array of parts
sock.send_multipart_async("one");

export { text, max, v, now };
