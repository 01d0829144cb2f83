//! The 60-second soak run (issue 14): `scripts/soak.sh --seconds 60` runs the
//! mixed workload in qjs and zlua at once and fails on a lost or reordered
//! message, on RSS growth beyond its stated slope or on growing open fds (see
//! the script's header for the thresholds).

use integration_tests::{qjs, repo_root, zlua, Proc};

#[test]
fn soak_60_seconds_in_both_engines() {
    let root = repo_root();
    let mut cmd = std::process::Command::new(root.join("scripts/soak.sh"));
    cmd.current_dir(&root)
        .args(["--seconds", "60"])
        .env("ZMQ_IT_QJS", qjs())
        .env("ZMQ_IT_ZLUA", zlua())
        .env("SOAK_OUT", std::env::temp_dir().join(format!("zmq-soak-{}", std::process::id())));
    let out = Proc::spawn("soak.sh --seconds 60", cmd).finish_within(std::time::Duration::from_secs(300));
    assert!(out.ok() && out.stdout.contains("soak.sh: PASS"), "{}", out.describe());
    assert!(out.stdout.contains("js done rounds") && out.stdout.contains("lua done rounds"), "{}", out.describe());
}
