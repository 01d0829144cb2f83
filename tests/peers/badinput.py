#!/usr/bin/python3
"""pyzmq side of tests/tests/bad_input.rs.

    badinput.py send EP HEX...   PUSH: sends each hex-encoded byte string, then "end"
    badinput.py oversize EP MAX  PUSH with a socket monitor: sends "before", then
                                 a message of 2*MAX bytes (over the receiver's
                                 MAXMSGSIZE); checks that the connection is dropped
                                 (EVENT_DISCONNECTED); then sends "after N" until
                                 the receiver has one (it exits; we are killed)
"""
import sys
import time

import zmq
from zmq.utils.monitor import recv_monitor_message

ctx = zmq.Context()
role, ep = sys.argv[1], sys.argv[2]
s = ctx.socket(zmq.PUSH)
if role == "send":
    s.linger = 5000
    s.connect(ep)
    for h in sys.argv[3:]:
        s.send(bytes.fromhex(h))
    s.send(b"end")
    s.close()
    # Explicitly: pyzmq does not terminate contexts at interpreter exit, and
    # unsent messages would be lost; term() waits for them (LINGER).
    ctx.term()
    print("sent", flush=True)
elif role == "oversize":
    limit = int(sys.argv[3])
    mon = s.get_monitor_socket(zmq.EVENT_HANDSHAKE_SUCCEEDED | zmq.EVENT_DISCONNECTED)
    s.connect(ep)

    def wait_event(kind, what):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if mon.poll(100):
                ev = recv_monitor_message(mon)
                if ev["event"] == kind:
                    return
        raise SystemExit(f"no {what} event")

    wait_event(zmq.EVENT_HANDSHAKE_SUCCEEDED, "connected")
    s.send(b"before")
    s.send(b"x" * (2 * limit))
    wait_event(zmq.EVENT_DISCONNECTED, "disconnected")
    print("disconnected", flush=True)
    wait_event(zmq.EVENT_HANDSHAKE_SUCCEEDED, "reconnected")
    print("reconnected", flush=True)
    n = 0
    while True:
        s.send(f"after {n}".encode())
        n += 1
        time.sleep(0.01)
else:
    raise SystemExit(f"unknown role {role}")
