//! 1M messages through a PUSH/PULL pipeline and through a PUB/SUB pair with
//! the high-water marks raised, between two processes over tcp: nothing
//! lost, nothing duplicated, order kept, checked by sequence numbers in the
//! receiving script (issue #7, "Teardown and faults"). Each pair crosses
//! engines, so every engine's send and receive paths carry a million
//! messages (tests/scripts/{js,lua}/seq.*).

use integration_tests::{finish_all, Engine};

const N: u32 = 1_000_000;

/// Start the binding side (`pull` / `pub`), then the connecting side.
fn run(binder: Engine, binder_role: &str, connector: Engine, connector_role: &str) {
    binder.prepare();
    connector.prepare();
    let n = N.to_string();
    let mut b = binder.start("seq", &[binder_role, &n]);
    let eps = b.wait_line("endpoints");
    let eps: Vec<&str> = eps.split_whitespace().collect();
    assert_eq!(eps.len(), 2, "endpoints line: {eps:?}");
    let c = connector.start("seq", &[connector_role, &n, eps[0], eps[1]]);
    let outs = finish_all(vec![b, c]);
    let (receiver, sender) = if binder_role == "pull" { (&outs[0], &outs[1]) } else { (&outs[1], &outs[0]) };
    assert_eq!(receiver.line("received"), n, "{}", receiver.describe());
    assert_eq!(sender.line("sent"), n, "{}", sender.describe());
}

#[test]
fn push_pull_1m_qjs_to_zlua() {
    run(Engine::Zlua, "pull", Engine::Qjs, "push");
}

#[test]
fn push_pull_1m_lua54_to_qjs() {
    run(Engine::Qjs, "pull", Engine::Lua54, "push");
}

#[test]
fn pub_sub_1m_qjs_to_lua54() {
    run(Engine::Qjs, "pub", Engine::Lua54, "sub");
}

#[test]
fn pub_sub_1m_zlua_to_qjs() {
    run(Engine::Zlua, "pub", Engine::Qjs, "sub");
}
