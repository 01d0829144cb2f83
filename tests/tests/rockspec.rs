//! Issue 12: `luarocks make` with the rockspec at the repository root builds
//! and installs the module for the Lua that luarocks targets; a script of
//! that Lua then finds `zmq` and `ratchet.zmqsocket` in the tree. Each
//! version goes into a temporary tree of its own (`luarocks --tree DIR`), one
//! after the other (the builds share target/lua/rock).

use integration_tests::repo_root;
use std::process::Command;
use std::time::Duration;
use test_process::TempDir;

const SCRIPT: &str = r#"
local zmq = require "zmq"
assert(package.loaded.zmq and debug.getinfo(1, "S"))
local pull = zmq.new("PULL")
local ep = pull:bind_to_random_port("tcp://127.0.0.1")
local push = zmq.new("PUSH")
push:connect(ep)
push:send("through the rock")
assert(pull:recv() == "through the rock")
require "ratchet.zmqsocket"
assert(ratchet.zmqsocket.prepare_uri("req:tcp://127.0.0.1:10025").type == "REQ")
print("rock ok " .. (jit and "luajit" or _VERSION))
"#;

fn install_and_require(version: &str) {
    let tree = TempDir::new("rock");
    let mut make = Command::new("luarocks");
    make.current_dir(repo_root()).args(["--lua-version", version, "--tree"]).arg(tree.path()).arg("make");
    let out = test_process::run(make, None, Duration::from_secs(600));
    out.assert_ok(&format!("luarocks --lua-version {version} make"));

    let so = tree.path().join(format!("lib/lua/{version}/zmq.so"));
    assert!(so.exists(), "{} missing: {out:#?}", so.display());
    let mut lua = Command::new(format!("lua{version}"));
    lua.env("LUA_CPATH", format!("{}/lib/lua/{version}/?.so", tree.path().display()))
        .env("LUA_PATH", format!("{}/share/lua/{version}/?.lua", tree.path().display()))
        .args(["-e", SCRIPT]);
    let ran = test_process::run(lua, None, Duration::from_secs(60));
    ran.assert_ok(&format!("lua{version} with the installed rock"));
    assert!(ran.stdout.contains(&format!("rock ok Lua {version}")), "{ran:#?}");
}

#[test]
fn luarocks_make_installs_for_lua54_and_lua51() {
    install_and_require("5.4");
    install_and_require("5.1");
}
