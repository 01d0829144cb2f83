//! CURVE (issue #7, "Bad input"): a server with a keypair accepts a client
//! that has the right server key and rejects one with a wrong server key (and
//! one without CURVE) — in JS and Lua scripts, across the two engines, and
//! against a pyzmq peer on either side. Keys made by our curve_keypair /
//! curve_public / z85 functions agree with pyzmq's.
//!
//! "Rejected" means no reply within a second (libzmq drops a failed
//! handshake silently); "accepted" must come within 10 s.

use integration_tests::{Engine, Peer, Side, PYTHON};
use std::process::Command;

const ACCEPT_WAIT_MS: &str = "10000";
const REJECT_WAIT_MS: &str = "1000";

fn handshake(server: Side, client: Side) {
    server.prepare();
    client.prepare();
    let mut s = server.start("curve", &["server"]);
    let line = s.wait_line("endpoint");
    let (ep, key) = line.split_once(' ').expect("endpoint and key");
    assert_eq!(key.len(), 40, "a Z85 public key: {key:?}");
    // The right key again at the end: the server is alive and still serving.
    for (mode, wait, want) in [
        ("right", ACCEPT_WAIT_MS, "accepted"),
        ("wrong", REJECT_WAIT_MS, "rejected"),
        ("plain", REJECT_WAIT_MS, "rejected"),
        ("right", ACCEPT_WAIT_MS, "accepted"),
    ] {
        let out = client.start("curve", &["client", ep, key, mode, wait]).finish();
        out.assert_ok();
        let got =
            out.lines.iter().map(|(_, l)| l.as_str()).find(|l| l.starts_with("accepted") || l.starts_with("rejected"));
        let got = got.unwrap_or_else(|| panic!("no verdict: {}", out.describe()));
        assert!(
            got.starts_with(want),
            "{} client with the {mode} server key against a {} server: {got:?}, expected {want}",
            client.name(),
            server.name()
        );
        if want == "accepted" {
            assert!(got.starts_with("accepted welcome hello from"), "{got:?}");
        }
    }
    assert!(s.try_exit().is_none(), "the {} server died", server.name());
    s.kill();
}

#[test]
fn qjs_server_qjs_client() {
    handshake(Side::Ours(Engine::Qjs), Side::Ours(Engine::Qjs));
}

#[test]
fn zlua_server_zlua_client() {
    handshake(Side::Ours(Engine::Zlua), Side::Ours(Engine::Zlua));
}

#[test]
fn qjs_server_lua54_client() {
    handshake(Side::Ours(Engine::Qjs), Side::Ours(Engine::Lua54));
}

#[test]
fn zlua_server_qjs_client() {
    handshake(Side::Ours(Engine::Zlua), Side::Ours(Engine::Qjs));
}

#[test]
fn qjs_server_pyzmq_client() {
    handshake(Side::Ours(Engine::Qjs), Side::Peer(Peer::Python));
}

#[test]
fn zlua_server_pyzmq_client() {
    handshake(Side::Ours(Engine::Zlua), Side::Peer(Peer::Python));
}

#[test]
fn pyzmq_server_qjs_client() {
    handshake(Side::Peer(Peer::Python), Side::Ours(Engine::Qjs));
}

#[test]
fn pyzmq_server_zlua_client() {
    handshake(Side::Peer(Peer::Python), Side::Ours(Engine::Zlua));
}

/// curve_public and z85_decode of our engines agree with pyzmq, and keys
/// our engines generate are valid for pyzmq.
#[test]
fn keys_and_z85_agree_with_pyzmq() {
    Peer::Python.require();
    let py = |code: &str| {
        let out = Command::new(PYTHON).args(["-c", code]).output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let pair = py("import zmq; p, s = zmq.curve_keypair(); print(p.decode(), s.decode())");
    let (public, secret) = pair.trim().split_once(' ').unwrap();
    let z85 = py("from zmq.utils import z85; print(z85.encode(bytes(range(32))).decode())");
    let z85 = z85.trim();
    for engine in [Engine::Qjs, Engine::Zlua, Engine::Lua54] {
        let out = engine.run("curve", &["keys", secret, z85]);
        out.assert_ok();
        assert_eq!(out.line("public"), public, "{}: curve_public of a pyzmq secret", engine.name());
        let want: String = (0..32u8).map(|b| format!("{b:02x}")).collect();
        assert_eq!(out.line("decoded"), want, "{}: z85_decode of pyzmq's z85", engine.name());
        let ours = out.line("keypair").to_string();
        let (p, s) = ours.split_once(' ').unwrap();
        let check = py(&format!(
            "import zmq; from zmq.utils import z85; print(zmq.curve_public({s:?}.encode()).decode() == {p:?}, len(z85.decode({p:?})))"
        ));
        assert_eq!(check.trim(), "True 32", "{}: our keypair is not valid for pyzmq: {ours}", engine.name());
    }
}
