//! Issue 16: the library crates work as dependencies of a project outside
//! the workspace, as a host would add them (path dependencies, no `[patch]`,
//! no engine crates of its own). `tests/host-project` is copied to a temporary
//! directory, pointed at this checkout, built and run: a Lua state and a JS
//! runtime on one shared context. The build uses its own target directory
//! under `target/` (kept between runs) and this workspace's Cargo.lock, so it
//! needs no registry access beyond what the workspace already fetched.

use integration_tests::{crate_dir, repo_root};
use std::process::Command;
use std::time::Duration;
use test_process::TempDir;

#[test]
fn an_outside_project_embeds_both_modules_on_one_context() {
    let root = repo_root();
    let dir = TempDir::new("host-project");
    let manifest = std::fs::read_to_string(crate_dir().join("host-project/Cargo.toml.in")).unwrap();
    dir.file("Cargo.toml", &manifest.replace("@ROOT@", &root.display().to_string()));
    std::fs::create_dir_all(dir.path().join("src")).unwrap();
    dir.file("src/main.rs", &std::fs::read_to_string(crate_dir().join("host-project/src/main.rs")).unwrap());
    std::fs::copy(root.join("Cargo.lock"), dir.path().join("Cargo.lock")).unwrap();

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut cmd = Command::new(cargo);
    cmd.args(["run", "--quiet"])
        .current_dir(dir.path())
        .env("CARGO_TARGET_DIR", root.join("target/host-project"))
        .env_remove("RUSTFLAGS");
    let out = test_process::run(cmd, None, Duration::from_secs(40 * 60));
    out.assert_ok("cargo run in the outside project");
    assert_eq!(out.stdout, "from JS\nRangeError: boom\n", "{}", out.stderr);
    // No [patch] anywhere in what the host wrote.
    let written = std::fs::read_to_string(dir.path().join("Cargo.toml")).unwrap();
    assert!(!written.lines().any(|l| l.trim_start().starts_with("[patch")), "{written}");
}
