//! `examples/stepping_host.rs` runs: a host with its own frame loop drives a
//! script's async code with `run::step` (the example asserts what the script
//! saw); this checks it ran to the end. The timeout only turns a hang into a failure.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

#[test]
fn a_host_steps_the_loop_from_its_own() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.args(["run", "--quiet", "-p", "zmq-quickjs", "--example", "stepping_host"])
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."));
    let out = test_process::run(cmd, None, Duration::from_secs(30 * 60));
    out.assert_ok("cargo run --example stepping_host");
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines[0], "script saw 10 frames, its timer ticked: true",
        "{}",
        out.stdout
    );
    assert!(lines[1].starts_with("host ran "), "{}", out.stdout);
}
