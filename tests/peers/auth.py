#!/usr/bin/python3
"""pyzmq client of the ZAP authentication tests (tests/tests/auth.rs):

    auth.py EP SERVERKEY WAIT_MS curve PUBLIC SECRET
    auth.py EP SERVERKEY WAIT_MS plain USER PASSWORD
    auth.py EP SERVERKEY WAIT_MS null

Sends one request; prints "accepted REPLY", or "rejected" if no reply came within WAIT_MS.
"""
import sys

import zmq

ep, server_key, wait, mechanism = sys.argv[1:5]
ctx = zmq.Context()
s = ctx.socket(zmq.REQ)
s.linger = 0
if mechanism == "curve":
    s.curve_serverkey = server_key.encode()
    s.curve_publickey = sys.argv[5].encode()
    s.curve_secretkey = sys.argv[6].encode()
elif mechanism == "plain":
    s.plain_username = sys.argv[5].encode()
    s.plain_password = sys.argv[6].encode()
elif mechanism != "null":
    raise SystemExit(f"unknown mechanism {mechanism}")
s.rcvtimeo = int(wait)
s.connect(ep)
s.send(b"hello from pyzmq")
try:
    print("accepted", s.recv().decode(), flush=True)
except zmq.Again:
    print("rejected", flush=True)
s.close()
ctx.term()
