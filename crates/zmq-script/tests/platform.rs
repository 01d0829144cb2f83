//! libzmq is built with the features of its Linux platform (crates/zmq-sys/build.rs,
//! `platform_defines`): each test fails on a build that falls back to portable code.
mod common;

use common::*;
use zmq_script::constants::socket_type::*;
use zmq_script::Context;

#[test]
fn an_interface_name_is_an_address() {
    let ctx = Context::new().unwrap();
    let s = socket(&ctx, PULL);
    s.bind("tcp://lo:*").unwrap();
    assert!(s.last_endpoint().unwrap().starts_with("tcp://127.0.0.1:"));
}

#[test]
fn ipc_wildcard_binds_a_fresh_path() {
    let ctx = Context::new().unwrap();
    let s = socket(&ctx, PULL);
    s.bind("ipc://*").unwrap();
    let endpoint = s.last_endpoint().unwrap();
    let path = endpoint.strip_prefix("ipc://").unwrap();
    assert!(std::path::Path::new(path).exists(), "{endpoint}");
}

fn open_fds() -> usize {
    std::fs::read_dir("/proc/self/fd").unwrap().count()
}

#[test]
fn a_socket_costs_one_descriptor_and_children_do_not_inherit_it() {
    let ctx = Context::new().unwrap();
    let first = socket(&ctx, PAIR); // starts the context's threads
    let before = open_fds();
    let sockets: Vec<_> = (0..10).map(|_| socket(&ctx, PAIR)).collect();
    // An eventfd per mailbox; the portable build used a socketpair (two descriptors).
    assert_eq!(open_fds() - before, sockets.len());
    let fd = first.fd().unwrap();
    // SAFETY: fcntl F_GETFD only reads the flags of a descriptor the socket owns.
    let flags = unsafe { libc::fcntl(fd, libc::F_GETFD) };
    assert!(flags & libc::FD_CLOEXEC != 0, "mailbox fd {fd} lacks FD_CLOEXEC");
}
