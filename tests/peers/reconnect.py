#!/usr/bin/python3
"""pyzmq side of the reconnect tests (tests/tests/reconnect.rs).

    reconnect.py server GEN [ENDPOINT]   ROUTER: answers "ping N" with "pong N GEN"
    reconnect.py pub GEN [ENDPOINT]      PUB: sends "tick GEN N" every 5 ms
    reconnect.py client ENDPOINT         DEALER: pings until it has had replies
                                          from generations 1 and 2
Servers bind ENDPOINT (or tcp://127.0.0.1:*), print "endpoint X" and run
until killed.
"""
import sys
import time

import zmq

ctx = zmq.Context()
role = sys.argv[1]
if role in ("server", "pub"):
    gen = sys.argv[2]
    s = ctx.socket(zmq.ROUTER if role == "server" else zmq.PUB)
    s.linger = 0
    s.bind(sys.argv[3] if len(sys.argv) > 3 else "tcp://127.0.0.1:*")
    print("endpoint", s.getsockopt(zmq.LAST_ENDPOINT).decode(), flush=True)
    n = 0
    while True:
        if role == "server":
            rid, msg = s.recv_multipart()
            word, seq = msg.decode().split()
            assert word == "ping", msg
            s.send_multipart([rid, f"pong {seq} {gen}".encode()])
        else:
            s.send(f"tick {gen} {n}".encode())
            n += 1
            time.sleep(0.005)
elif role == "client":
    s = ctx.socket(zmq.DEALER)
    s.linger = 0
    s.rcvtimeo = 100
    s.connect(sys.argv[2])
    seq, seen, after = 0, set(), 0
    deadline = time.monotonic() + 60
    while after < 20:
        if time.monotonic() > deadline:
            raise SystemExit(f"no progress: generations seen {sorted(seen)}")
        s.send(f"ping {seq}".encode())
        try:
            while True:
                word, n, gen = s.recv().decode().split()
                if int(n) == seq:
                    break  # (older replies are stale)
        except zmq.Again:
            continue  # lost with the old connection: ask again
        if gen not in seen:
            seen.add(gen)
            print("gen", gen, flush=True)
        if gen == "2":
            after += 1
        seq += 1
    print("done", seq, flush=True)
else:
    raise SystemExit(f"unknown role {role}")
