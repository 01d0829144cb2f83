//! Issue 16: every library crate packages (`cargo package`) as a crate of
//! its own, with its path dependencies resolved to the sibling crates being
//! packaged. Offline: the workspace build already fetched every dependency.
//! (The full verification build, which compiles each packaged crate from its
//! tarball, takes minutes; it is run by hand, see docs/embedding.md.)

use integration_tests::repo_root;
use std::process::Command;
use std::time::Duration;

const LIBRARIES: [&str; 5] = ["zmq-script-sys", "zmq-script", "zmq-quickjs-host", "zmq-quickjs", "zmq-lua"];

#[test]
fn every_library_crate_packages() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.current_dir(repo_root()).args(["package", "--offline", "--allow-dirty", "--no-verify"]);
    for lib in LIBRARIES {
        cmd.args(["-p", lib]);
    }
    let out = test_process::run(cmd, None, Duration::from_secs(600));
    out.assert_ok("cargo package");
    for lib in LIBRARIES {
        let krate = repo_root().join(format!("target/package/{lib}-0.1.0.crate"));
        assert!(krate.exists(), "{} missing:\n{}", krate.display(), out.stderr);
    }
}
