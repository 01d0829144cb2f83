//! Running Lua scripts under both interpreters: `zlua`, and a stock `lua5.4`
//! with `target/lua/zmq.so` (built, and lua5.4 installed, by
//! scripts/lua/build-module.sh on first use).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Longest any one script may run before the test fails (it never should).
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The ways to run a script: `zlua`, and each stock interpreter with its own `zmq.so`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Interp {
    Zlua,
    Lua54,
    Lua51,
    Lua52,
    Lua53,
    LuaJit,
}

pub use test_process::repo_root;

/// Directory of the Lua test files.
pub fn lua_tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/lua")
}

/// Path of a script under scripts/lua.
pub fn example(name: &str) -> String {
    repo_root().join("scripts/lua").join(name).display().to_string()
}

/// A command running `args` under `interp`, with LUA_PATH reaching the test helpers.
pub fn command(interp: Interp, args: &[&str]) -> Command {
    let lua_path = format!("{}/?.lua;;", lua_tests_dir().display());
    let mut cmd = match interp {
        Interp::Zlua => Command::new(env!("CARGO_BIN_EXE_zlua")),
        Interp::Lua54 => test_process::lua54_command(),
        Interp::Lua51 => test_process::lua_command("5.1"),
        Interp::Lua52 => test_process::lua_command("5.2"),
        Interp::Lua53 => test_process::lua_command("5.3"),
        Interp::LuaJit => test_process::lua_command("luajit"),
    };
    cmd.env("LUA_PATH", lua_path).args(args).stdin(Stdio::null());
    cmd
}

pub use test_process::{finish, spawn, Outcome};

/// Run `args` under `interp` to the end.
pub fn run(interp: Interp, args: &[&str]) -> Outcome {
    finish(spawn(command(interp, args)), TIMEOUT)
}

/// Run `args` with `input` on stdin.
pub fn run_with_input(interp: Interp, args: &[&str], input: &str) -> Outcome {
    test_process::run(command(interp, args), Some(input), TIMEOUT)
}

/// A fresh ipc endpoint, unique to this process and call.
pub fn ipc_endpoint(tag: &str) -> String {
    static N: AtomicUsize = AtomicUsize::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir();
    format!("ipc://{}/zlua-test-{tag}-{}-{n}", dir.display(), std::process::id())
}

/// Send `sig` to a child.
pub fn signal(child: &Child, sig: i32) {
    unsafe { libc::kill(child.id() as i32, sig) };
}
