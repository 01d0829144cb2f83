//! No hang at exit, ever (issue #7, "Teardown and faults").
//!
//! Each script ends in an awkward state — messages queued for a peer that
//! never comes, sockets and contexts left open, `term()` with sockets open,
//! an uncaught error in the middle of a multipart receive, LINGER -1, an
//! explicit exit — and must be gone within the documented linger (1000 ms)
//! plus 1 s of printing "done". The same scripts run through the embedding
//! APIs, where dropping the runtime / Lua state must take no longer.

use integration_tests::{embed, free_port, Engine, TempDir, EXIT_BOUND};

/// Run `teardown.{js,lua} case`; check the exit status and that the process
/// was gone within EXIT_BOUND of its "done" line.
fn case(engine: Engine, what: &str, status: i32) -> integration_tests::Outcome {
    let dir = TempDir::new("teardown");
    let tcp = format!("tcp://127.0.0.1:{}", free_port());
    let ipc = dir.ipc("absent");
    let out = engine.run("teardown", &[what, &tcp, &ipc]);
    out.assert_code(status);
    let took = out.ended.saturating_duration_since(out.line_time("done"));
    assert!(
        took <= EXIT_BOUND,
        "{} {what}: exit took {took:?} after \"done\" (bound: linger 1000 ms + 1 s): {}",
        engine.name(),
        out.describe()
    );
    assert!(!out.stdout.contains("not reached"), "{}", out.describe());
    out
}

macro_rules! cases {
    ($($name:ident: $engine:expr, $what:literal, $status:expr;)*) => {
        $(#[test] fn $name() { case($engine, $what, $status); })*
    };
}

cases! {
    qjs_absent_peer_sockets_left_open: Engine::Qjs, "absent_open", 0;
    zlua_absent_peer_sockets_left_open: Engine::Zlua, "absent_open", 0;
    lua54_absent_peer_sockets_left_open: Engine::Lua54, "absent_open", 0;
    qjs_absent_peer_closed_by_script: Engine::Qjs, "absent_closed", 0;
    zlua_absent_peer_closed_by_script: Engine::Zlua, "absent_closed", 0;
    lua54_absent_peer_closed_by_script: Engine::Lua54, "absent_closed", 0;
    qjs_infinite_linger_is_capped: Engine::Qjs, "linger_forever", 0;
    zlua_infinite_linger_is_capped: Engine::Zlua, "linger_forever", 0;
    lua54_infinite_linger_is_capped: Engine::Lua54, "linger_forever", 0;
    qjs_everything_left_open: Engine::Qjs, "left_open", 0;
    zlua_everything_left_open: Engine::Zlua, "left_open", 0;
    lua54_everything_left_open: Engine::Lua54, "left_open", 0;
    qjs_several_contexts_left_open: Engine::Qjs, "contexts_open", 0;
    zlua_several_contexts_left_open: Engine::Zlua, "contexts_open", 0;
    lua54_several_contexts_left_open: Engine::Lua54, "contexts_open", 0;
    qjs_exit_with_several_contexts_open: Engine::Qjs, "exit_contexts_open", 3;
    zlua_exit_with_several_contexts_open: Engine::Zlua, "exit_contexts_open", 3;
    lua54_exit_with_several_contexts_open: Engine::Lua54, "exit_contexts_open", 3;
    qjs_exit_mid_send: Engine::Qjs, "exit_mid_send", 3;
    zlua_exit_mid_send: Engine::Zlua, "exit_mid_send", 3;
    lua54_exit_mid_send: Engine::Lua54, "exit_mid_send", 3;
}

#[test]
fn qjs_term_with_sockets_open() {
    let out = case(Engine::Qjs, "term_open", 0);
    out.line("termed");
}

#[test]
fn zlua_term_with_sockets_open() {
    let out = case(Engine::Zlua, "term_open", 0);
    out.line("termed");
}

#[test]
fn lua54_term_with_sockets_open() {
    let out = case(Engine::Lua54, "term_open", 0);
    out.line("termed");
}

#[test]
fn qjs_uncaught_error_mid_recv() {
    let out = case(Engine::Qjs, "throw_mid_recv", 1);
    assert!(out.stderr.contains("TypeError"), "{}", out.describe());
}

#[test]
fn zlua_uncaught_error_mid_recv() {
    let out = case(Engine::Zlua, "throw_mid_recv", 1);
    assert!(out.stderr.contains("EINVAL"), "{}", out.describe());
}

#[test]
fn lua54_uncaught_error_mid_recv() {
    let out = case(Engine::Lua54, "throw_mid_recv", 1);
    assert!(out.stderr.contains("EINVAL"), "{}", out.describe());
}

// ---------------------------------------------------------------------------
// The embedding APIs: the host drops the runtime / Lua state.
// ---------------------------------------------------------------------------

/// Run a teardown case in-process; the drop must be within EXIT_BOUND.
fn embedded(js: bool, what: &str, expect_ok: bool) {
    let dir = TempDir::new("teardown-embed");
    let tcp = format!("tcp://127.0.0.1:{}", free_port());
    let ipc = dir.ipc("absent");
    let args = [what, tcp.as_str(), ipc.as_str()];
    let r = if js {
        embed::run_js(&Engine::Qjs.script("teardown"), &args)
    } else {
        embed::run_lua(&Engine::Zlua.script("teardown"), &args)
    };
    assert_eq!(r.result.is_ok(), expect_ok, "{what}: {:?}", r.result);
    assert!(
        r.teardown <= EXIT_BOUND,
        "{what}: dropping the {} took {:?} (bound: linger 1000 ms + 1 s)",
        if js { "runtime" } else { "Lua state" },
        r.teardown
    );
}

#[test]
fn js_embedding_drop_with_absent_peer() {
    embedded(true, "absent_open", true);
}

#[test]
fn js_embedding_drop_with_everything_open() {
    embedded(true, "left_open", true);
}

#[test]
fn js_embedding_drop_with_infinite_linger() {
    embedded(true, "linger_forever", true);
}

#[test]
fn js_embedding_drop_after_term_with_sockets_open() {
    embedded(true, "term_open", true);
}

#[test]
fn js_embedding_drop_after_uncaught_error_mid_recv() {
    embedded(true, "throw_mid_recv", false);
}

#[test]
fn js_embedding_drop_with_several_contexts_open() {
    embedded(true, "contexts_open", true);
}

#[test]
fn lua_embedding_drop_with_several_contexts_open() {
    embedded(false, "contexts_open", true);
}

#[test]
fn lua_embedding_drop_with_absent_peer() {
    embedded(false, "absent_open", true);
}

#[test]
fn lua_embedding_drop_with_everything_open() {
    embedded(false, "left_open", true);
}

#[test]
fn lua_embedding_drop_with_infinite_linger() {
    embedded(false, "linger_forever", true);
}

#[test]
fn lua_embedding_drop_after_term_with_sockets_open() {
    embedded(false, "term_open", true);
}

#[test]
fn lua_embedding_drop_after_uncaught_error_mid_recv() {
    embedded(false, "throw_mid_recv", false);
}
