#!/usr/bin/python3
"""pyzmq side of the CURVE tests (tests/tests/curve.rs); same roles as
tests/scripts/js/curve.js:

    curve.py server
    curve.py client EP KEY right|wrong|plain WAIT_MS
"""
import sys

import zmq

ctx = zmq.Context()
role = sys.argv[1]
if role == "server":
    public, secret = zmq.curve_keypair()
    s = ctx.socket(zmq.REP)
    s.curve_server = True
    s.curve_secretkey = secret
    s.bind("tcp://127.0.0.1:*")
    print("endpoint", s.getsockopt(zmq.LAST_ENDPOINT).decode(), public.decode(), flush=True)
    while True:
        s.send(b"welcome " + s.recv())
elif role == "client":
    ep, key, mode, wait = sys.argv[2:6]
    s = ctx.socket(zmq.REQ)
    s.linger = 0
    if mode != "plain":
        public, secret = zmq.curve_keypair()
        s.curve_serverkey = key.encode() if mode == "right" else zmq.curve_keypair()[0]
        s.curve_publickey = public
        s.curve_secretkey = secret
    s.rcvtimeo = int(wait)
    s.connect(ep)
    s.send(b"hello from pyzmq")
    try:
        print("accepted", s.recv().decode(), flush=True)
    except zmq.Again:
        print("rejected", flush=True)
    s.close()
else:
    raise SystemExit(f"unknown role {role}")
