//! ZAP authentication (issue #17) against a client nobody here wrote: a pyzmq REQ
//! connects to a JS or Lua server protected by `auth()`, under each mechanism —
//! CURVE with a listed and an unlisted key, PLAIN with the right and a wrong
//! password, NULL (with a ZAP domain) from an allowed and from a denied address.
//!
//! "Rejected" means no reply within a second (the client never gets in; the
//! server-side refusal event is checked by the engines' own tests); "accepted"
//! must come within 10 s.

use integration_tests::{Engine, Peer};
use zmq_script::curve_keypair;

const ACCEPT_WAIT_MS: &str = "10000";
const REJECT_WAIT_MS: &str = "1000";

/// Start `engine`'s auth server in `mode`; run the pyzmq client for each (client args, verdict).
fn check(engine: Engine, mode: &[&str], clients: &[(&[&str], &str)]) {
    engine.prepare();
    let mut server = engine.start("auth", mode);
    let line = server.wait_line("endpoint");
    let (ep, key) = line.split_once(' ').expect("endpoint and key");
    for (args, want) in clients {
        let wait = if *want == "accepted" {
            ACCEPT_WAIT_MS
        } else {
            REJECT_WAIT_MS
        };
        let mut all = vec![ep, key, wait];
        all.extend_from_slice(args);
        let out = Peer::Python.start("auth", &all).finish();
        out.assert_ok();
        let got = out
            .lines
            .iter()
            .map(|(_, l)| l.as_str())
            .find(|l| l.starts_with("accepted") || l.starts_with("rejected"));
        let got = got.unwrap_or_else(|| panic!("no verdict: {}", out.describe()));
        assert!(
            got.starts_with(want),
            "pyzmq client {args:?} against a {} {mode:?} server: {got:?}, expected {want}",
            engine.name()
        );
        if *want == "accepted" {
            assert_eq!(got, "accepted welcome hello from pyzmq");
        }
    }
    assert!(server.try_exit().is_none(), "the {} server died", engine.name());
    server.kill();
}

fn curve(engine: Engine) {
    let (listed_public, listed_secret) = curve_keypair().unwrap();
    let (other_public, other_secret) = curve_keypair().unwrap();
    check(
        engine,
        &["curve", &listed_public],
        &[
            (&["curve", &other_public, &other_secret], "rejected"),
            (&["curve", &listed_public, &listed_secret], "accepted"),
            (&["null"], "rejected"),
        ],
    );
}

fn plain(engine: Engine) {
    check(
        engine,
        &["plain"],
        &[
            (&["plain", "admin", "guess"], "rejected"),
            (&["plain", "root", "secret"], "rejected"),
            (&["plain", "admin", "secret"], "accepted"),
        ],
    );
}

fn null(engine: Engine) {
    check(engine, &["null-allow"], &[(&["null"], "accepted")]);
    check(engine, &["null-deny"], &[(&["null"], "rejected")]);
}

#[test]
fn qjs_curve_pyzmq_client() {
    curve(Engine::Qjs);
}

#[test]
fn qjs_plain_pyzmq_client() {
    plain(Engine::Qjs);
}

#[test]
fn qjs_null_pyzmq_client() {
    null(Engine::Qjs);
}

#[test]
fn zlua_curve_pyzmq_client() {
    curve(Engine::Zlua);
}

#[test]
fn zlua_plain_pyzmq_client() {
    plain(Engine::Zlua);
}

#[test]
fn lua54_null_pyzmq_client() {
    null(Engine::Lua54);
}

#[test]
fn lua54_curve_pyzmq_client() {
    curve(Engine::Lua54);
}
