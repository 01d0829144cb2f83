// Calls every function, method and getter that modules/quickjs/zmq.d.ts declares.
// crates/doc-tests/tests/typescript.rs type-checks it with `tsc --strict`, compiles it
// and runs the output under qjs: the asserts below check that the declared types are
// the types the module returns.
import * as zmq from "zmq";
import zmqDefault from "zmq";

function check(cond: boolean, what: string): void {
  if (!cond) throw new Error(`sample.ts: ${what}`);
}

// Library functions.
const [major, minor, patch]: [number, number, number] = zmq.version();
check(major === 4 && typeof minor === "number" && typeof patch === "number", "version");
const ipc: 0 | 1 = zmq.has("ipc");
check(ipc === 1 && zmq.has("something else") === 0, "has");
const keys: { public: string; secret: string } = zmq.curve_keypair();
check(zmq.curve_public(keys.secret) === keys.public, "curve_public");
const z85: string = zmq.z85_encode(new Uint8Array([0x86, 0x4f, 0xd2, 0x6f, 0xb5, 0x59, 0xf7, 0x5b]));
check(z85 === "HelloWorld", "z85_encode");
const raw: Uint8Array = zmq.z85_decode(z85);
check(raw.length === 8 && raw[0] === 0x86, "z85_decode");
const table: zmq.SocketOptionInfo[] = zmq.socket_options();
check(table.some((row) => row.name === "LINGER" && row.type === "int" && row.access === "RW"), "socket_options");
const ff: Uint8FFArray = new Uint8FFArray(2);
check(zmq.Uint8FFArray === Uint8Array && ff instanceof Uint8Array, "Uint8FFArray");
check(zmqDefault.PUB === zmq.PUB && zmqDefault.version === zmq.version, "default export");

// Context.
const ctx = new zmq.Context();
check(ctx.set(zmq.BLOCKY, false) === 0 && ctx.set("MAX_SOCKETS", 256) === 0, "Context.set");
const ioThreads: number = ctx.get(zmq.IO_THREADS);
check(ioThreads === 1 && ctx.get("max_sockets") === 256, "Context.get");
check(!ctx.terminated, "Context.terminated");
const auth: zmq.Authenticator = ctx.auth({ allow: ["127.0.0.1"], curve: [keys.public], plain: { admin: "secret" } });
check(!auth.closed && String(auth) === "[Authenticator]", "Context.auth");
const config: zmq.AuthConfig = { curve: "*", domain: "global" };
check(ctx.auth(config).close() === 0 && auth.closed, "Authenticator.close");

// Sockets: endpoints, options.
const pull: zmq.Socket = ctx.socket(zmq.PULL);
const push = ctx.socket("PUSH");
check(pull.bind("inproc://sample") === 0 && push.connect("inproc://sample") === 0, "bind/connect");
const endpoint: string = pull.bind_to_random_port();
check(endpoint.startsWith("tcp://127.0.0.1:"), "bind_to_random_port");
check(pull.unbind(endpoint) === 0, "unbind");
check(push.connect(endpoint) === 0 && push.disconnect(endpoint) === 0, "disconnect");
const type: zmq.SocketType = pull.type;
check(type === zmq.PULL && !pull.closed && String(pull) === "[Socket PULL]" && pull.toString() === "[Socket PULL]", "type/closed/toString");

const linger: number = pull.getsockopt(zmq.LINGER);
const maxmsg: bigint = pull.getsockopt("MAXMSGSIZE");
const last: string = pull.getsockopt(zmq.LAST_ENDPOINT);
const rid: Uint8Array = pull.getsockopt(zmq.ROUTING_ID);
check(linger === 1000 && maxmsg === -1n && last.startsWith("tcp://") && rid.length === 0, "getsockopt");
check(pull.getsockopt_int("zmq_linger") === 1000 && pull.getsockopt_bigint(zmq.MAXMSGSIZE) === -1n, "typed getters");
check(pull.getsockopt_str(zmq.LAST_ENDPOINT) === last, "getsockopt_str");
check(pull.getsockopt_uint8ffarray(zmq.ROUTING_ID).length === 0 && pull.getsockopt_uint8array("ROUTING_ID").length === 0, "bytes getters");
check(pull.setsockopt(zmq.RCVTIMEO, 5000) === 0 && pull.setsockopt(zmq.IMMEDIATE, true) === 0, "setsockopt int/bool");
check(pull.setsockopt(zmq.MAXMSGSIZE, 1n << 20n) === 0 && pull.setsockopt("MAXMSGSIZE", 4096) === 0, "setsockopt int64");
check(pull.setsockopt(zmq.ROUTING_ID, "me") === 0 && pull.getsockopt_str(zmq.ROUTING_ID) === "me", "setsockopt bytes");
const sub = ctx.socket(zmq.SUB);
check(sub.setsockopt(zmq.SUBSCRIBE, null) === 0 && sub.setsockopt("UNSUBSCRIBE", new Uint8Array(0)) === 0, "setsockopt null");
sub.close();

// Messages.
check(push.send("hello") === 5 && pull.recv_str() === "hello", "send/recv_str");
check(push.send(42) === 4 && pull.recv_int() === 42, "recv_int");
check(push.send(42n) === 8 && pull.recv_bigint() === 42n, "recv_bigint");
check(push.send(null) === 0 && pull.recv()?.length === 0, "recv");
check(push.send(new Uint8Array([1, 2, 3]).buffer) === 3 && pull.recv_uint8ffarray()?.[2] === 3, "recv_uint8ffarray");
check(push.send(true, zmq.DONTWAIT) === 4 && pull.recv_uint8array(zmq.DONTWAIT)?.length === 4, "recv_uint8array");
check(push.send_multipart(["a", new Uint8Array([98]), 1.5]) === 10, "send_multipart");
const parts: Uint8Array[] | undefined = pull.recv_multipart();
check(parts !== undefined && parts.length === 3 && !pull.more(), "recv_multipart/more");
check(push.send("x", zmq.SNDMORE) === 1 && push.send("y") === 1, "SNDMORE");
check(pull.recv_str() === "x" && pull.more() && pull.recv_str() === "y" && !pull.more(), "more");
const nothing: string | undefined = pull.recv_str(zmq.DONTWAIT);
check(nothing === undefined && (pull.events() & zmq.POLLIN) === 0, "DONTWAIT/events");

// Errors.
try {
  pull.bind("inproc://sample");
  check(false, "bind twice");
} catch (e) {
  check(e instanceof zmq.ZmqError && e.code === "EADDRINUSE" && e.errno === zmq.EADDRINUSE, "ZmqError");
}
const made = new zmq.ZmqError("custom", zmq.EAGAIN, "EAGAIN");
check(made instanceof Error && made.code === "EAGAIN" && made.name === "ZmqError", "ZmqError constructor");

// Poller.
const poller = new zmq.Poller<zmq.Socket, string>();
check(poller.add(pull, zmq.POLLIN, "pull") === 0 && poller.size() === 1, "Poller.add/size");
check(poller.poll() === null && poller.poll_all(4) === null && poller.wait(0) === null, "poll nothing");
push.send("ready");
const event: zmq.PollerEvent<zmq.Socket, string> | null = poller.wait(5000);
check(event !== null && event.socket === pull && event.user_data === "pull" && event.events === zmq.POLLIN, "wait");
check(poller.poll_all(4)?.length === 1 && poller.wait_all(4, 0)?.length === 1, "wait_all/poll_all");
event?.socket.recv_str();
check(poller.modify(pull, zmq.POLLIN | zmq.POLLOUT) === 0 && poller.remove(pull) === 0 && poller.size() === 0, "modify/remove");
const fds = new zmq.Poller<zmq.Socket | number>();
fds.add(pull.getsockopt(zmq.FD));
check(fds.size() === 1, "fd poller");

// proxy(): returns only by throwing; on a context that is shut down, at once.
const other = new zmq.Context();
const front = other.socket(zmq.ROUTER);
const back = other.socket(zmq.DEALER);
check(other.shutdown() === 0, "shutdown");
try {
  zmq.proxy(front, back, null);
} catch (e) {
  check(e instanceof zmq.ZmqError && e.code === "ETERM", "proxy ETERM");
}
check(other.term() === 0 && other.terminated && front.closed, "term");

// proxy_steerable(): a TERMINATE already queued on the control socket ends it.
const front2 = ctx.socket(zmq.ROUTER);
const back2 = ctx.socket(zmq.DEALER);
const control = ctx.socket(zmq.PAIR);
control.bind("inproc://ts-control");
const steer = ctx.socket(zmq.PAIR);
steer.connect("inproc://ts-control");
steer.send("TERMINATE");
check(zmq.proxy_steerable(front2, back2, null, control) === 0, "proxy_steerable");

// monitor() and recv_event().
const watched = ctx.socket(zmq.PULL);
const events: zmq.Socket = watched.monitor(zmq.EVENT_LISTENING);
watched.bind("inproc://ts-watched");
const first: zmq.MonitorEvent | undefined = events.recv_event(zmq.DONTWAIT);
check(first === undefined || typeof first.name === "string", "recv_event");
for (const s of [front2, back2, control, steer, watched, events]) s.close();

// The Promise API and for await (module es2020: no top-level await).
async function promises(): Promise<void> {
  const sent: number = await push.send_async("async");
  const got: Uint8Array = await pull.recv_async();
  await push.send_async("text");
  const gotText: string = await pull.recv_str_async();
  const parts: number = await push.send_multipart_async(["a", "b"]);
  const frames: Uint8Array[] = await pull.recv_multipart_async();
  check(sent === 5 && got.length === 5 && gotText === "text" && parts === 2 && frames.length === 2, "async");
  await push.send_async("loop");
  for await (const message of pull) {
    const first: Uint8Array = message[0];
    check(first.length === 4, "for await");
    break;
  }
}

promises().then(() => {
  check(push.close() === 0 && pull.close() === 0 && pull.closed, "close");
  check(ctx.term() === 0, "term");
  console.log("sample ok");
});
