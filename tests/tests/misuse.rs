//! Use after close, close twice, term twice, a socket from a terminated
//! context, a poller holding a closed socket, proxy over closed sockets:
//! catchable errors with code names, never a crash (issue #7, "Teardown and
//! faults"). The asserts are inside tests/scripts/{js,lua}/misuse.*; each
//! script prints "ok <checks>".

use integration_tests::Engine;

fn misuse(engine: Engine) {
    let out = engine.run("misuse", &[]);
    out.assert_ok();
    let n: usize = out.line("ok").parse().unwrap();
    assert!(n > 80, "only {n} checks ran: {}", out.describe());
}

#[test]
fn qjs_misuse_raises_coded_errors() {
    misuse(Engine::Qjs);
}

#[test]
fn zlua_misuse_raises_coded_errors() {
    misuse(Engine::Zlua);
}

#[test]
fn lua54_misuse_raises_coded_errors() {
    misuse(Engine::Lua54);
}
