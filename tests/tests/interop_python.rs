//! Interop with pyzmq (Debian `python3-zmq` under /usr/bin/python3, with its
//! own system libzmq): REQ/REP, PUB/SUB with text and binary topic filters,
//! PUSH/PULL, DEALER/ROUTER with text and binary routing ids; every message
//! of the suite — text, UTF-8, empty parts, every byte value 0..255 (and
//! reversed), a 1 MiB binary part, 32/64-bit ints at their limits, a
//! six-part multipart — checked byte for byte on both sides, in both
//! directions (each pattern with our side binding and with pyzmq binding),
//! for qjs, zlua and lua5.4 + zmq.so. Scripts: tests/peers/interop.py,
//! tests/scripts/{js,lua}/interop.*.
//!
//! pyzmq missing is a failure, not a skip: scripts/setup-test-deps.sh installs it.

integration_tests::interop_matrix!(integration_tests::Peer::Python);
