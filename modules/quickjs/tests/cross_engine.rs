//! `examples/cross_engine.rs` runs: a JS runtime and a Lua state, on two
//! threads, share one context and talk over inproc (REQ/REP and PUB/SUB, each
//! engine binding once and connecting once). The example asserts the
//! exchange itself; this checks it ran to the end. The timeout only turns a
//! hang into a failure.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

#[test]
fn js_and_lua_share_one_context() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.args(["run", "--quiet", "-p", "zmq-quickjs", "--example", "cross_engine"])
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."));
    let out = test_process::run(cmd, None, Duration::from_secs(30 * 60));
    out.assert_ok("cargo run --example cross_engine");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", out.stdout);
    assert!(lines[0].starts_with("hello from Lua; Lua got news #"), "{}", out.stdout);
    assert_eq!(lines[1], "Lua served hello");
}
