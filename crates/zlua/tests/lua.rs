//! The Lua test files (tests/lua/*.lua, asserts inside) under `zlua` and
//! every stock interpreter (`lua5.1` ... `lua5.4`, `luajit`) with its own `zmq.so`.
mod support;

use support::{ipc_endpoint, lua_tests_dir, run, Interp};

fn lua_file(interp: Interp, name: &str) {
    let path = lua_tests_dir().join(name);
    let out = run(interp, &[path.to_str().unwrap()]);
    out.assert_ok(name);
    let stem = name.trim_end_matches(".lua");
    assert!(out.stdout.contains(&format!("{stem} ok")), "{name}: {out:#?}");
}

macro_rules! lua_tests {
    (every version: $($name:ident => $file:literal,)* 5.4 only: $($name54:ident => $file54:literal,)*) => {
        lua_tests!(@interp zlua Zlua $($name => $file,)* $($name54 => $file54,)*);
        lua_tests!(@interp lua54 Lua54 $($name => $file,)* $($name54 => $file54,)*);
        lua_tests!(@interp lua53 Lua53 $($name => $file,)*);
        lua_tests!(@interp lua52 Lua52 $($name => $file,)*);
        lua_tests!(@interp lua51 Lua51 $($name => $file,)*);
        lua_tests!(@interp luajit LuaJit $($name => $file,)*);
    };
    (@interp $module:ident $interp:ident $($name:ident => $file:literal,)*) => {
        mod $module {
            $(#[test] fn $name() { super::lua_file(super::Interp::$interp, $file) })*
        }
    };
}

// Every file runs on every version; files of 5.4-only syntax (`<close>`) end in `_close.lua`.
lua_tests! {
every version:
    socket => "socket.lua",
    errors => "errors.lua",
    timeouts => "timeouts.lua",
    gc => "gc.lua",
    context => "context.lua",
    poller => "poller.lua",
    scheduler => "scheduler.lua",
    library => "library.lua",
    ratchet_shim => "ratchet_shim.lua",
    ratchet_program => "ratchet_program.lua",
    robustness => "robustness.lua",
    fast_path => "fast_path.lua",
    lend => "lend.lua",
    monitor_proxy => "monitor_proxy.lua",
    auth => "auth.lua",
5.4 only:
    gc_close => "gc_close.lua",
    scheduler_close => "scheduler_close.lua",
}

/// Messages queued before `os.exit` reach the peer.
fn exit_delivers(interp: Interp) {
    let ctx = zmq_script::Context::new().unwrap();
    let pull = ctx.socket(zmq_script::constants::socket_type::PULL).unwrap();
    let ep = ipc_endpoint("exit");
    pull.bind(&ep).unwrap();
    pull.set("RCVTIMEO", zmq_script::OptionValue::Int(10_000)).unwrap();
    let out = run(interp, &[lua_tests_dir().join("exit.lua").to_str().unwrap(), &ep]);
    assert_eq!(out.code, Some(3), "{out:#?}");
    let mut got = Vec::new();
    for _ in 0..11 {
        got.push(String::from_utf8(pull.recv(0).unwrap().to_vec()).unwrap());
    }
    for i in 1..=10 {
        assert!(got.contains(&format!("msg {i}")), "{got:?}");
    }
    assert!(got.contains(&"from an explicit context".to_string()), "{got:?}");
}

#[test]
fn exit_delivers_zlua() {
    exit_delivers(Interp::Zlua)
}

#[test]
fn exit_delivers_lua54() {
    exit_delivers(Interp::Lua54)
}

#[test]
fn exit_delivers_lua51() {
    exit_delivers(Interp::Lua51)
}

#[test]
fn exit_delivers_luajit() {
    exit_delivers(Interp::LuaJit)
}

/// Lent strings of messages still queued at the end of a script are intact
/// at the peer, whether the script ends or calls os.exit(code, true).
fn exit_delivers_lent(interp: Interp, how: &str) {
    let ctx = zmq_script::Context::new().unwrap();
    let pull = ctx.socket(zmq_script::constants::socket_type::PULL).unwrap();
    let ep = ipc_endpoint("exit-lend");
    pull.bind(&ep).unwrap();
    pull.set("RCVTIMEO", zmq_script::OptionValue::Int(10_000)).unwrap();
    let out = run(interp, &[lua_tests_dir().join("exit_lend.lua").to_str().unwrap(), &ep, how]);
    assert_eq!(out.code, Some(if how == "exit" { 3 } else { 0 }), "{out:#?}");
    for i in 1..=20u8 {
        let got = pull.recv(0).unwrap().to_vec();
        let mut want = format!("{i:04}").into_bytes();
        want.resize(64 * 1024, b'`' + i);
        assert!(got == want, "message {i} of {interp:?}/{how} differs");
    }
}

#[test]
fn exit_delivers_lent_zlua() {
    exit_delivers_lent(Interp::Zlua, "end");
    exit_delivers_lent(Interp::Zlua, "exit");
}

#[test]
fn exit_delivers_lent_lua54() {
    exit_delivers_lent(Interp::Lua54, "end");
    exit_delivers_lent(Interp::Lua54, "exit");
}
