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
