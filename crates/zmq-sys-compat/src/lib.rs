//! crates.io's `zmq-sys` API, served by our libzmq build (`zmq-script-sys`), for the `zmq`
//! crate that the integration tests use as an independent Rust peer. One libzmq per process.
pub use zmq_script_sys::*;
