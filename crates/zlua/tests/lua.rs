//! The Lua test files (tests/lua/*.lua, asserts inside) under both `zlua`
//! and a stock `lua5.4` with `zmq.so`.
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
    ($($name:ident => $file:literal,)*) => {
        mod zlua {
            $(#[test] fn $name() { super::lua_file(super::Interp::Zlua, $file) })*
        }
        mod lua54 {
            $(#[test] fn $name() { super::lua_file(super::Interp::Lua54, $file) })*
        }
    };
}

lua_tests! {
    socket => "socket.lua",
    errors => "errors.lua",
    timeouts => "timeouts.lua",
    gc => "gc.lua",
    context => "context.lua",
    poller => "poller.lua",
    scheduler => "scheduler.lua",
    library => "library.lua",
    ratchet_shim => "ratchet_shim.lua",
    robustness => "robustness.lua",
    fast_path => "fast_path.lua",
    lend => "lend.lua",
    monitor_proxy => "monitor_proxy.lua",
    auth => "auth.lua",
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
