//! The "zmq" ES module for rquickjs (work in progress).
