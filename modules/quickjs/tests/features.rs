//! The feature `host` (on by default) is what brings in the host pieces: a
//! host that builds zmq-quickjs with `default-features = false` gets the
//! `"zmq"` module alone and does not compile `zmq-quickjs-host`. Checked with
//! nested cargo runs in the same target directory (only zmq-quickjs itself
//! is rebuilt with the other feature set); the timeouts only turn a hang
//! into a failure.

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

/// Longest a nested cargo run may take (a cold build compiles libzmq and QuickJS).
const LIMIT: Duration = Duration::from_secs(30 * 60);

/// `cargo args...` in the workspace root; its stdout, or a panic with everything it printed.
fn cargo(args: &[&str]) -> String {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.args(args)
        .current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."));
    let out = test_process::run(cmd, None, LIMIT);
    out.assert_ok(&format!("cargo {}", args.join(" ")));
    out.stdout
}

/// The packages in zmq-quickjs's normal dependency tree, one per line.
fn dependencies(features: &[&str]) -> String {
    let mut args = vec!["tree", "-p", "zmq-quickjs", "-e", "normal", "--prefix", "none"];
    args.extend_from_slice(features);
    cargo(&args)
}

#[test]
fn the_host_crate_is_a_dependency_only_with_the_host_feature() {
    let without = dependencies(&["--no-default-features"]);
    assert!(
        without.contains("zmq-script"),
        "unexpected cargo tree output:\n{without}"
    );
    assert!(!without.contains("zmq-quickjs-host"), "without `host`:\n{without}");
    let with = dependencies(&[]);
    assert!(with.contains("zmq-quickjs-host"), "with the default features:\n{with}");
}

#[test]
fn without_the_host_feature_install_serves_zmq_alone() {
    let report = cargo(&[
        "run",
        "--quiet",
        "-p",
        "zmq-quickjs",
        "--no-default-features",
        "--example",
        "module_only",
    ]);
    // The message went through, and no host globals exist.
    assert_eq!(report.trim(), "hello undefined undefined undefined");
}
