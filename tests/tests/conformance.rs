//! The conformance table (`tests/conformance/cases.txt`) run by every engine:
//! the same call gives the same outcome and the same error code in JavaScript
//! and in Lua, because the core decides it (issue 13). Each engine's shim
//! (`tests/src/conformance.rs`) renders the table as one script; the asserts
//! are in the script's `check`, and this test requires every case to pass.

use integration_tests::{conformance, Engine, Proc};
use test_process::TempDir;

fn conformance(engine: Engine) {
    let cases = conformance::load();
    assert!(cases.len() >= 60, "the table has only {} cases", cases.len());
    let shim = engine.shim();
    let dir = TempDir::new("conformance");
    let script = dir.file(&format!("conformance.{}", shim.extension()), &shim.script(&cases));
    engine.prepare();
    let out = Proc::spawn(&format!("{} conformance", engine.name()), engine.command_for(script.as_ref(), &[])).finish();
    let failed: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("FAIL")).collect();
    assert!(failed.is_empty(), "{}: {} of {} cases failed:\n{}\n{}", engine.name(), failed.len(), cases.len(), failed.join("\n"), out.describe());
    out.assert_ok();
    let passed = out.stdout.lines().filter(|l| l.starts_with("pass ")).count();
    assert_eq!(passed, cases.len(), "{}: not every case ran: {}", engine.name(), out.describe());
    assert_eq!(out.line("cases"), format!("{} failures 0", cases.len()));
}

#[test]
fn qjs_conforms() {
    conformance(Engine::Qjs);
}

#[test]
fn zlua_conforms() {
    conformance(Engine::Zlua);
}

#[test]
fn lua54_conforms() {
    conformance(Engine::Lua54);
}

#[test]
fn lua53_conforms() {
    conformance(Engine::Lua53);
}

#[test]
fn lua52_conforms() {
    conformance(Engine::Lua52);
}

#[test]
fn lua51_conforms() {
    conformance(Engine::Lua51);
}

#[test]
fn luajit_conforms() {
    conformance(Engine::LuaJit);
}

/// The table itself parses and covers every kind of expectation.
#[test]
fn the_table_covers_every_outcome() {
    use conformance::Expect;
    let cases = conformance::load();
    let has = |f: &dyn Fn(&Expect) -> bool| cases.iter().any(|c| f(&c.expect));
    assert!(has(&|e| matches!(e, Expect::Ok)));
    assert!(has(&|e| matches!(e, Expect::Equals(_))));
    assert!(has(&|e| matches!(e, Expect::Prefix(_))));
    assert!(has(&|e| matches!(e, Expect::Truth(_))));
    assert!(has(&|e| matches!(e, Expect::Again)));
    assert!(has(&|e| matches!(e, Expect::Error(_))));
    assert!(has(&|e| matches!(e, Expect::Type(_))));
    assert!(has(&|e| matches!(e, Expect::Range(_))));
    assert!(has(&|e| matches!(e, Expect::ArgError)));
}
