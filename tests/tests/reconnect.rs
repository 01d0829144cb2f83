//! A peer that disappears and comes back (issue #7, "Teardown and faults"):
//! the server process is killed (SIGKILL: no goodbye on the wire) and a new
//! one binds the same endpoint; clients reconnect by themselves and go on.
//! - our DEALER clients (qjs, zlua, lua5.4) against a pyzmq ROUTER server;
//! - our SUB sockets against a pyzmq PUB: subscriptions are sent again;
//! - a pyzmq DEALER client against our ROUTER server (qjs, zlua), which is
//!   killed and restarted: our side re-binds the port.
//!
//! Each client retries a request that gets no answer within 100 ms (a
//! request in flight when the server dies is lost, as in any ZeroMQ
//! client), ignores stale replies, prints "gen G" the first time it hears
//! from server generation G, and ends after 20 answers from generation 2.

use integration_tests::{Engine, Peer, Side};

fn restart(server: Side, server_role: &str, client: Side, client_role: &str) {
    server.prepare();
    client.prepare();
    let mut s1 = server.start("reconnect", &[server_role, "1"]);
    let ep = s1.wait_line("endpoint");
    let mut c = client.start("reconnect", &[client_role, &ep]);
    c.wait_line("gen 1");
    s1.kill();
    let mut s2 = server.start("reconnect", &[server_role, "2", &ep]);
    assert_eq!(s2.wait_line("endpoint"), ep, "the second server binds the same endpoint");
    c.wait_line("gen 2");
    let out = c.finish();
    out.assert_ok();
    out.line("done");
    s2.kill();
}

#[test]
fn qjs_dealer_reconnects_to_restarted_pyzmq_router() {
    restart(Side::Peer(Peer::Python), "server", Side::Ours(Engine::Qjs), "client");
}

#[test]
fn zlua_dealer_reconnects_to_restarted_pyzmq_router() {
    restart(Side::Peer(Peer::Python), "server", Side::Ours(Engine::Zlua), "client");
}

#[test]
fn lua54_dealer_reconnects_to_restarted_pyzmq_router() {
    restart(Side::Peer(Peer::Python), "server", Side::Ours(Engine::Lua54), "client");
}

#[test]
fn qjs_sub_resubscribes_to_restarted_pyzmq_pub() {
    restart(Side::Peer(Peer::Python), "pub", Side::Ours(Engine::Qjs), "sub");
}

#[test]
fn zlua_sub_resubscribes_to_restarted_pyzmq_pub() {
    restart(Side::Peer(Peer::Python), "pub", Side::Ours(Engine::Zlua), "sub");
}

#[test]
fn pyzmq_dealer_reconnects_to_restarted_qjs_router() {
    restart(Side::Ours(Engine::Qjs), "server", Side::Peer(Peer::Python), "client");
}

#[test]
fn pyzmq_dealer_reconnects_to_restarted_zlua_router() {
    restart(Side::Ours(Engine::Zlua), "server", Side::Peer(Peer::Python), "client");
}
