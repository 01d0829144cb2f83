//! Interop with Perl ZMQ::FFI (Debian `libzmq-ffi-perl`, over the system
//! libzmq): REQ/REP, PUB/SUB with text and binary topic filters, PUSH/PULL,
//! DEALER/ROUTER with text and binary routing ids; every message
//! of the suite — text, UTF-8, empty parts, every byte value 0..255 (and
//! reversed), a 1 MiB binary part, 32/64-bit ints at their limits, a
//! six-part multipart — checked byte for byte on both sides, in both
//! directions (each pattern with our side binding and with ZMQ::FFI binding),
//! for qjs, zlua and lua5.4 + zmq.so. Scripts: tests/peers/interop.pl,
//! tests/scripts/{js,lua}/interop.*.
//!
//! ZMQ::FFI missing is a failure, not a skip: scripts/setup-test-deps.sh installs it.

use integration_tests::{binder_connector, Engine, Peer, Side};

const PEER: Peer = Peer::Perl;

/// `server` binds (rep, pub, pull, router), `client` connects (req, sub, push, dealer).
fn pattern(ours_binds: bool, engine: Engine, server: &str, client: &str) {
    let (binder, connector) =
        if ours_binds { (Side::Ours(engine), Side::Peer(PEER)) } else { (Side::Peer(PEER), Side::Ours(engine)) };
    let outs = binder_connector(binder, &[server], connector, &[client], "interop");
    assert_eq!(outs[0].line("ok"), server, "{}", outs[0].describe());
    assert_eq!(outs[1].line("ok"), client, "{}", outs[1].describe());
}

macro_rules! matrix {
    ($($name:ident: $ours_binds:expr, $engine:expr, $server:literal, $client:literal;)*) => {
        $(#[test] fn $name() { pattern($ours_binds, $engine, $server, $client); })*
    };
}

matrix! {
    qjs_req_to_peer_rep: false, Engine::Qjs, "rep", "req";
    qjs_rep_for_peer_req: true, Engine::Qjs, "rep", "req";
    qjs_sub_from_peer_pub: false, Engine::Qjs, "pub", "sub";
    qjs_pub_to_peer_sub: true, Engine::Qjs, "pub", "sub";
    qjs_push_to_peer_pull: false, Engine::Qjs, "pull", "push";
    qjs_pull_from_peer_push: true, Engine::Qjs, "pull", "push";
    qjs_dealers_to_peer_router: false, Engine::Qjs, "router", "dealer";
    qjs_router_for_peer_dealers: true, Engine::Qjs, "router", "dealer";
    zlua_req_to_peer_rep: false, Engine::Zlua, "rep", "req";
    zlua_rep_for_peer_req: true, Engine::Zlua, "rep", "req";
    zlua_sub_from_peer_pub: false, Engine::Zlua, "pub", "sub";
    zlua_pub_to_peer_sub: true, Engine::Zlua, "pub", "sub";
    zlua_push_to_peer_pull: false, Engine::Zlua, "pull", "push";
    zlua_pull_from_peer_push: true, Engine::Zlua, "pull", "push";
    zlua_dealers_to_peer_router: false, Engine::Zlua, "router", "dealer";
    zlua_router_for_peer_dealers: true, Engine::Zlua, "router", "dealer";
    lua54_req_to_peer_rep: false, Engine::Lua54, "rep", "req";
    lua54_rep_for_peer_req: true, Engine::Lua54, "rep", "req";
    lua54_sub_from_peer_pub: false, Engine::Lua54, "pub", "sub";
    lua54_pub_to_peer_sub: true, Engine::Lua54, "pub", "sub";
    lua54_push_to_peer_pull: false, Engine::Lua54, "pull", "push";
    lua54_pull_from_peer_push: true, Engine::Lua54, "pull", "push";
    lua54_dealers_to_peer_router: false, Engine::Lua54, "router", "dealer";
    lua54_router_for_peer_dealers: true, Engine::Lua54, "router", "dealer";
}
