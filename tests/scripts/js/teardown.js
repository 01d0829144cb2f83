// Scripts that end in awkward states; the test measures how long the process
// takes to exit after it prints "done" (promise: the documented linger + 1 s).
//   qjs teardown.js CASE ABSENT_TCP ABSENT_IPC
import * as zmq from "zmq";
import * as std from "std";
import { assert, eq, expectZmqError } from "./util.js";

const [, what, absentTcp, absentIpc] = scriptArgs;

// A PUSH socket with messages queued for a peer that never comes.
function queued(ctx, endpoint, type = zmq.PUSH) {
  const s = ctx.socket(type);
  s.connect(endpoint);
  for (let i = 0; i < 10; i++) {
    const m = "undeliverable " + i;
    eq(s.send(m), m.length, "send");
  }
  return s;
}

switch (what) {
  case "absent_open": {
    // Sent to absent peers; the sockets and their context left open at the end.
    const ctx = new zmq.Context();
    queued(ctx, absentTcp);
    queued(ctx, absentIpc, zmq.DEALER);
    console.log("done");
    break;
  }
  case "contexts_open": {
    // Three contexts, each with messages queued for absent peers, left open.
    // (Kept referenced: a context collected while the script runs is
    // terminated then, keeping LINGER.)
    globalThis.keep = [];
    for (let i = 0; i < 3; i++) {
      const ctx = new zmq.Context();
      keep.push(ctx, queued(ctx, i == 1 ? absentIpc : absentTcp));
    }
    console.log("done");
    break;
  }
  case "absent_closed": {
    // The script closes and terminates itself: LINGER (1000 ms) is kept.
    const ctx = new zmq.Context();
    const s = queued(ctx, absentTcp);
    const d = queued(ctx, absentIpc, zmq.DEALER);
    console.log("done");
    s.close();
    d.close();
    ctx.term();
    break;
  }
  case "linger_forever": {
    // LINGER -1 is honoured while open but capped when the socket closes.
    const ctx = new zmq.Context();
    const s = queued(ctx, absentTcp);
    s.setsockopt(zmq.LINGER, -1);
    eq(s.getsockopt(zmq.LINGER), -1, "LINGER");
    const t = queued(ctx, absentIpc);
    t.setsockopt(zmq.LINGER, -1);
    console.log("done");
    s.close();
    ctx.term();
    break;
  }
  case "left_open": {
    // Every kind of object left open: contexts, sockets of every type, bound
    // and connected, messages queued both ways, a REQ waiting for its reply,
    // a poller holding sockets, LINGER -1 on some.
    const types = [zmq.PAIR, zmq.PUB, zmq.SUB, zmq.REQ, zmq.REP, zmq.DEALER, zmq.ROUTER, zmq.PULL, zmq.PUSH,
      zmq.XPUB, zmq.XSUB, zmq.STREAM];
    const keep = [];
    for (let c = 0; c < 3; c++) {
      const ctx = new zmq.Context();
      const poller = new zmq.Poller();
      for (const t of types) {
        const s = ctx.socket(t);
        const ep = s.bind_to_random_port("tcp://127.0.0.1");
        if (t !== zmq.STREAM) s.connect(absentTcp);
        if (c === 1) s.setsockopt(zmq.LINGER, -1);
        poller.add(s, zmq.POLLIN, t);
        keep.push(s, ep);
      }
      const a = ctx.socket(zmq.PAIR);
      const b = ctx.socket(zmq.PAIR);
      a.bind(`inproc://pair${c}`);
      b.connect(`inproc://pair${c}`);
      a.send("unread");
      b.send("unread too");
      const req = ctx.socket(zmq.REQ);
      const rep = ctx.socket(zmq.REP);
      rep.bind(`inproc://req${c}`);
      req.connect(`inproc://req${c}`);
      req.send("question nobody answers");
      const push = ctx.socket(zmq.PUSH);
      push.connect(absentIpc);
      for (let i = 0; i < 100; i++) push.send("x".repeat(1000));
      keep.push(ctx, poller, a, b, req, rep, push);
    }
    // Contexts that were dropped but whose sockets are still referenced.
    for (let i = 0; i < 3; i++) keep.push(queued(new zmq.Context(), absentTcp));
    globalThis.keep = keep;
    console.log("done");
    break;
  }
  case "term_open": {
    // term() with sockets open (messages queued for absent peers): it closes
    // them and returns; the sockets then report ETERM.
    const ctx = new zmq.Context();
    const s = queued(ctx, absentTcp);
    const d = queued(ctx, absentIpc, zmq.DEALER);
    const r = ctx.socket(zmq.PULL);
    r.bind("inproc://term");
    console.log("done");
    eq(ctx.term(), 0, "term");
    expectZmqError(() => s.send("x"), "ETERM", "send after term");
    expectZmqError(() => r.recv(zmq.DONTWAIT), "ETERM", "recv after term");
    assert(d.closed, "closed after term");
    eq(ctx.terminated, true, "terminated");
    console.log("termed");
    break;
  }
  case "throw_mid_recv": {
    // An uncaught exception thrown by a receive call in the middle of a
    // multipart message, with sockets open and messages queued.
    const ctx = new zmq.Context();
    queued(ctx, absentTcp);
    const a = ctx.socket(zmq.PAIR);
    const b = ctx.socket(zmq.PAIR);
    a.bind("inproc://mid");
    b.connect("inproc://mid");
    a.send_multipart(["abc", "second part", "third part"]);
    console.log("done");
    b.recv_int(); // 3 bytes: TypeError, uncaught; two parts still pending
    console.log("not reached");
    break;
  }
  case "exit_mid_send": {
    // std.exit() with messages queued for absent peers.
    const ctx = new zmq.Context();
    queued(ctx, absentTcp);
    queued(ctx, absentIpc);
    console.log("done");
    std.exit(3);
    break;
  }
  case "exit_contexts_open": {
    // std.exit() with three contexts holding messages for absent peers.
    // (Kept referenced: a context collected while the script runs is
    // terminated then, keeping LINGER.)
    globalThis.keep = [];
    for (let i = 0; i < 3; i++) {
      const ctx = new zmq.Context();
      keep.push(ctx, queued(ctx, i == 1 ? absentIpc : absentTcp));
    }
    console.log("done");
    std.exit(3);
    break;
  }
  default:
    throw new Error("unknown case " + what);
}
