#!/usr/bin/env python3
"""The perf roles of zmq-bench (see crates/zmq-bench/src/protocol.rs) in pyzmq."""
import sys
import time
import zmq


# HWM 100000 (crates/zmq-bench/src/protocol.rs), or what the runner gives thr-inproc.
def sock(ctx, kind, hwm=100000):
    s = ctx.socket(kind)
    s.setsockopt(zmq.SNDHWM, hwm)
    s.setsockopt(zmq.RCVHWM, hwm)
    return s


def main(role, args):
    ctx = zmq.Context()
    if role.endswith("inproc"):
        size, count = int(args[0]), int(args[1])
    else:
        endpoint, size, count = args[0], int(args[1]), int(args[2])
    buf = b"x" * size
    if role == "thr-recv":
        s = sock(ctx, zmq.PULL)
        s.bind(endpoint)
        s.recv(copy=False)
        start = time.perf_counter()
        for _ in range(count - 1):
            s.recv(copy=False)
        secs = time.perf_counter() - start
        rate = (count - 1) / secs
        print("THR %.0f %.3f" % (rate, rate * size / 1e6))
    elif role == "thr-send":
        s = sock(ctx, zmq.PUSH)
        s.connect(endpoint)
        for _ in range(count):
            s.send(buf)
        s.close(linger=60000)
    elif role == "lat-rep":
        s = sock(ctx, zmq.REP)
        s.bind(endpoint)
        for _ in range(count):
            s.send(s.recv())
    elif role == "lat-req":
        s = sock(ctx, zmq.REQ)
        s.connect(endpoint)
        start = time.perf_counter()
        for _ in range(count):
            s.send(buf)
            s.recv()
        print("LAT %.3f" % ((time.perf_counter() - start) * 1e6 / count))
    elif role == "thr-inproc":
        hwm = int(args[2])
        pull = sock(ctx, zmq.PULL, hwm)
        pull.bind("inproc://thr")
        push = sock(ctx, zmq.PUSH, hwm)
        push.connect("inproc://thr")
        sent = received = 0
        start = time.perf_counter()
        while received < count:
            try:
                while sent < count:
                    push.send(buf, zmq.DONTWAIT)
                    sent += 1
            except zmq.Again:
                pass
            try:
                while True:
                    pull.recv(zmq.DONTWAIT, copy=False)
                    received += 1
            except zmq.Again:
                pass
        secs = time.perf_counter() - start
        print("THR %.0f %.3f" % (count / secs, count / secs * size / 1e6))
    elif role == "lat-inproc":
        rep = sock(ctx, zmq.REP)
        rep.bind("inproc://lat")
        req = sock(ctx, zmq.REQ)
        req.connect("inproc://lat")
        start = time.perf_counter()
        for _ in range(count):
            req.send(buf)
            rep.send(rep.recv())
            req.recv()
        print("LAT %.3f" % ((time.perf_counter() - start) * 1e6 / count))
    else:
        sys.exit("unknown role " + role)
    ctx.destroy(linger=60000)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
