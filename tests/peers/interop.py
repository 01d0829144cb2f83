#!/usr/bin/python3
"""The interop peer written with pyzmq (Debian python3-zmq, its own libzmq).

    interop.py ROLE [ENDPOINT CONTROL]

Binding roles (rep, pub, pull, router) bind tcp://127.0.0.1:* and print
"endpoints DATA CONTROL"; connecting roles (req, sub, push, dealer) get those
as arguments. Both sides send and check the same suite of messages (see
SUITE; tests/scripts/{js,lua}/interop.* have the same list), byte for byte.
Prints "ok ROLE" at the end; any mismatch raises (exit status 1).
"""
import struct
import sys

import zmq


def big():
    return bytes((i * 7 + 3) & 255 for i in range(1 << 20))


# Each message is a list of parts: (kind, value). The engines send each kind
# through their own typed path (strings, byte arrays, native 4/8-byte ints);
# here every part is plain bytes.
SUITE = [
    [("str", "hello")],
    [("bytes", bytes(range(256)))],
    [("str", "h\u00e9llo w\u00f6rld \u2713 \U0001f600")],
    [("bytes", b"")],
    [("i32", 0x01020304)],
    [("i32", -(2**31))],
    [("i32", 2**31 - 1)],
    [("i32", -2)],
    [("i64", 0x0102030405060708)],
    [("i64", -(2**63))],
    [("i64", 2**63 - 1)],
    [("i64", 2**40)],
    [("str", "part1"), ("bytes", b""), ("bytes", bytes(range(256))), ("i32", 7), ("i64", -(2**40)), ("str", "last")],
    [("bytes", big())],
    [("bytes", bytes(range(255, -1, -1)))],
]


def part_bytes(part):
    kind, v = part
    if kind == "str":
        return v.encode("utf-8")
    if kind == "bytes":
        return v
    if kind == "i32":
        return struct.pack("<i", v)  # host order (x86-64: little-endian)
    if kind == "i64":
        return struct.pack("<q", v)
    raise ValueError(kind)


def frames(msg):
    return [part_bytes(p) for p in msg]


def show(parts):
    return [p[:40] + (b"..." if len(p) > 40 else b"") for p in parts]


def check(got, want, what):
    if got != want:
        raise AssertionError(f"{what}: expected {show(want)}, got {show(got)}")


ROUTING_IDS = [b"dealer-1", b"\xffd2\x00x"]  # (a leading zero byte is reserved by libzmq)
SUBSCRIPTIONS = [b"A", b"\x00\xff"]  # a text prefix and a binary one
TOPICS_IN = [b"A", b"\x00\xffx"]  # match a subscription
TOPICS_OUT = [b"B-skip", b"C", b"\x00\xfe"]


def main():
    role = sys.argv[1]
    ctx = zmq.Context()
    wanted = [frames(m) for m in SUITE]

    def bind(kind):
        s = ctx.socket(kind)
        s.linger = 5000
        s.bind("tcp://127.0.0.1:*")
        return s, s.getsockopt(zmq.LAST_ENDPOINT).decode()

    def connect(kind, ep):
        s = ctx.socket(kind)
        s.linger = 5000
        s.connect(ep)
        return s

    if role in ("rep", "pub", "pull", "router"):
        kind = {"rep": zmq.REP, "pub": zmq.PUB, "pull": zmq.PULL, "router": zmq.ROUTER}[role]
        data, data_ep = bind(kind)
        control, control_ep = bind(zmq.PAIR)
        print("endpoints", data_ep, control_ep, flush=True)
    else:
        kind = {"req": zmq.REQ, "sub": zmq.SUB, "push": zmq.PUSH, "dealer": zmq.DEALER}[role]
        if role == "sub":
            data = ctx.socket(zmq.SUB)
            data.linger = 5000
            for t in SUBSCRIPTIONS:
                data.setsockopt(zmq.SUBSCRIBE, t)
            data.connect(sys.argv[2])
        elif role == "dealer":
            data = None
        else:
            data = connect(kind, sys.argv[2])
        control = connect(zmq.PAIR, sys.argv[3])

    if role == "rep":
        for i, want in enumerate(wanted):
            check(data.recv_multipart(), want, f"request {i}")
            data.send_multipart(want)
    elif role == "req":
        for i, want in enumerate(wanted):
            data.send_multipart(want)
            check(data.recv_multipart(), want, f"reply {i}")
    elif role == "push":
        for want in wanted:
            data.send_multipart(want)
        data.send(b"end")
        check([control.recv()], [b"ack"], "ack")
    elif role == "pull":
        for i, want in enumerate(wanted):
            check(data.recv_multipart(), want, f"message {i}")
        check(data.recv_multipart(), [b"end"], "end")
        control.send(b"ack")
    elif role == "pub":
        # Warm up until the subscriber has seen a message (its subscriptions are then in place).
        while not control.poll(10):
            data.send(b"A-warmup")
        check([control.recv()], [b"ready"], "ready")
        for want in wanted:
            for t in TOPICS_OUT:
                data.send_multipart([t] + want)
            for t in TOPICS_IN:
                data.send_multipart([t] + want)
        data.send(b"A-end")
        check([control.recv()], [b"ack"], "ack")
    elif role == "sub":
        check(data.recv_multipart(), [b"A-warmup"], "warm-up")
        control.send(b"ready")
        m = data.recv_multipart()
        while m == [b"A-warmup"]:
            m = data.recv_multipart()
        for i, want in enumerate(wanted):
            for j, t in enumerate(TOPICS_IN):
                if i or j:
                    m = data.recv_multipart()
                check(m, [t] + want, f"message {i} topic {t!r}")
        check(data.recv_multipart(), [b"A-end"], "end")
        control.send(b"ack")
    elif role == "router":
        nxt = {rid: 0 for rid in ROUTING_IDS}
        ended = set()
        while len(ended) < len(ROUTING_IDS):
            m = data.recv_multipart()
            rid = m[0]
            if rid not in nxt:
                raise AssertionError(f"unknown routing id {rid!r}")
            if m[1:] == [b"end"]:
                ended.add(rid)
                continue
            i = nxt[rid]
            check(m[1:], wanted[i], f"message {i} from {rid!r}")
            nxt[rid] = i + 1
            data.send_multipart([rid, b"to:" + rid] + wanted[i])
        for rid in ROUTING_IDS:
            if nxt[rid] != len(wanted):
                raise AssertionError(f"{nxt[rid]} messages from {rid!r}")
            data.send_multipart([rid, b"bye"])
        check([control.recv()], [b"ack"], "ack")
    elif role == "dealer":
        dealers = []
        for rid in ROUTING_IDS:
            d = ctx.socket(zmq.DEALER)
            d.linger = 5000
            d.setsockopt(zmq.ROUTING_ID, rid)
            d.connect(sys.argv[2])
            dealers.append((rid, d))
        for i, want in enumerate(wanted):
            for rid, d in dealers:
                d.send_multipart(want)
            for rid, d in dealers:
                check(d.recv_multipart(), [b"to:" + rid] + want, f"reply {i} to {rid!r}")
        for rid, d in dealers:
            d.send(b"end")
        for rid, d in dealers:
            check(d.recv_multipart(), [b"bye"], "bye")
        control.send(b"ack")
    else:
        raise SystemExit(f"unknown role {role}")
    print("ok", role, flush=True)


if __name__ == "__main__":
    main()
