//! Running out of file descriptors (issue 14): under `ulimit -n 32` and `64`,
//! contexts, sockets, bind/connect/accept, monitors and proxies give a
//! catchable EMFILE, never an abort (libzmq 4.3.5 asserted in epoll.cpp when a
//! context's first socket could not get an fd for its threads' pollers; see
//! the epoll/reaper/io_thread/ctx patches in crates/zmq-sys/build.rs). Each
//! script makes things until EMFILE, closes everything, makes them again and
//! proves the process still works (tests/scripts/{js,lua}/fdlimit.*). Without
//! the libzmq patches the `contexts` cases die with SIGABRT (exit 134).

use integration_tests::{Engine, Proc};
use std::process::Command;

/// Run `fdlimit CASE` in `engine` with the soft and hard fd limit set to `limit`.
fn run(engine: Engine, case: &str, limit: u32) {
    engine.prepare();
    let inner = engine.command("fdlimit", &[case]);
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!("ulimit -n {limit} && exec \"$0\" \"$@\""))
        .arg(inner.get_program())
        .args(inner.get_args());
    for (k, v) in inner.get_envs() {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let name = format!("{} fdlimit {case} (ulimit -n {limit})", engine.name());
    let out = Proc::spawn(&name, cmd).finish();
    assert!(
        out.ok() && out.stdout.contains("alive") && out.stdout.contains("EMFILE after"),
        "{name}: {}",
        out.describe()
    );
}

macro_rules! cases {
    ($($name:ident: $engine:ident $case:literal $limit:literal;)*) => {
        $(
            #[test]
            fn $name() {
                run(Engine::$engine, $case, $limit);
            }
        )*
    };
}

cases! {
    qjs_contexts_32: Qjs "contexts" 32;
    qjs_contexts_64: Qjs "contexts" 64;
    qjs_sockets_32: Qjs "sockets" 32;
    qjs_sockets_64: Qjs "sockets" 64;
    qjs_connect_32: Qjs "connect" 32;
    qjs_connect_64: Qjs "connect" 64;
    qjs_monitors_32: Qjs "monitors" 32;
    qjs_monitors_64: Qjs "monitors" 64;
    qjs_proxy_32: Qjs "proxy" 32;
    qjs_proxy_64: Qjs "proxy" 64;
    zlua_contexts_32: Zlua "contexts" 32;
    zlua_contexts_64: Zlua "contexts" 64;
    zlua_sockets_32: Zlua "sockets" 32;
    zlua_sockets_64: Zlua "sockets" 64;
    zlua_connect_32: Zlua "connect" 32;
    zlua_connect_64: Zlua "connect" 64;
    zlua_monitors_32: Zlua "monitors" 32;
    zlua_monitors_64: Zlua "monitors" 64;
    zlua_proxy_32: Zlua "proxy" 32;
    zlua_proxy_64: Zlua "proxy" 64;
    lua54_contexts_64: Lua54 "contexts" 64;
    lua54_sockets_64: Lua54 "sockets" 64;
}
