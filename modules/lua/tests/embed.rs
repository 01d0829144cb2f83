//! The embedding API: `install`, `open`, `terminate`, and what closing a
//! host's Lua state does to the module's contexts.
use mlua::{Lua, Table};
use zmq_script as zs;

fn pull_peer() -> (zs::Context, zs::Socket, String) {
    let ctx = zs::Context::new().unwrap();
    let pull = ctx.socket(zs::constants::socket_type::PULL).unwrap();
    let ep = pull.bind_to_random_port("tcp://127.0.0.1").unwrap();
    pull.set("RCVTIMEO", zs::OptionValue::Int(10_000)).unwrap();
    (ctx, pull, ep)
}

#[test]
fn install_makes_require_work() {
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    lua.load(
        r#"
        local zmq = require "zmq"
        assert(zmq.PUB == 1 and type(zmq.new) == "function")
        local zs = require "ratchet.zmqsocket"
        assert(zs.new == zmq.new and ratchet.zmqsocket == zs)
        assert(require "ratchet" == ratchet)
    "#,
    )
    .exec()
    .unwrap();
}

#[test]
fn open_returns_the_same_table() {
    let lua = Lua::new();
    let a: Table = zmq_lua::open(&lua).unwrap();
    let b: Table = zmq_lua::open(&lua).unwrap();
    assert_eq!(a, b);
    lua.globals().set("zmq", a).unwrap();
    lua.load("assert(zmq.new('PAIR'):type() == 'PAIR')").exec().unwrap();
}

#[test]
fn states_are_independent() {
    let l1 = Lua::new();
    let l2 = Lua::new();
    let c1 = zmq_lua::default_context(&l1).unwrap();
    let c2 = zmq_lua::default_context(&l2).unwrap();
    assert!(!c1.same(&c2));
    assert!(c1.same(&zmq_lua::default_context(&l1).unwrap()));
}

#[test]
fn closing_the_state_terminates_the_default_context_and_delivers() {
    let (_ctx, pull, ep) = pull_peer();
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    lua.load(format!(
        r#"
        local zmq = require "zmq"
        local push = zmq.new("PUSH")
        push:connect("{ep}")
        for i = 1, 5 do push:send("m" .. i) end
        keep = push
        local ctx = zmq.context()
        local other = ctx:socket("PUSH")
        other:connect("{ep}")
        other:send("explicit")
        keep2 = other
    "#
    ))
    .exec()
    .unwrap();
    let default = zmq_lua::default_context(&lua).unwrap();
    drop(lua);
    assert!(default.is_terminated());
    let mut got: Vec<Vec<u8>> = (0..6).map(|_| pull.recv(0).unwrap().to_vec()).collect();
    got.sort();
    assert_eq!(got[0], b"explicit");
    assert_eq!(got[1], b"m1");
}

#[test]
fn terminate_closes_everything_now() {
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    lua.load(
        r#"
        local zmq = require "zmq"
        s1 = zmq.new("PUB")
        c = zmq.context()
        s2 = c:socket("PUB")
    "#,
    )
    .exec()
    .unwrap();
    zmq_lua::terminate(&lua).unwrap();
    lua.load(
        r#"
        local zmq = require "zmq"
        local ok, e = pcall(s1.send, s1, "x"); assert(not ok and e.code == "ETERM", tostring(e))
        local ok, e = pcall(s2.send, s2, "x"); assert(not ok and e.code == "ETERM", tostring(e))
        assert(zmq.new("PUB"):send("x"))   -- a new default context
    "#,
    )
    .exec()
    .unwrap();
}

#[test]
fn errors_reach_the_host_as_values() {
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    let err = lua.load("require('zmq').new('PULL'):recv(1)").exec().unwrap_err();
    let text = err.to_string();
    assert!(text.contains("[EAGAIN] Resource temporarily unavailable"), "{text}");
}

#[test]
fn parse_uri_is_public() {
    assert_eq!(zmq_lua::parse_uri("zmq:sub:tcp://a:1").unwrap(), ("SUB", "tcp://a:1"));
}

/// Without `enable_zero_copy`, a host may keep a context of the state (here
/// an explicit one, reached through a socket's core handle) and read after
/// dropping the `Lua`: messages are copies, never views of freed strings.
#[test]
fn large_messages_outlive_the_state_unless_zero_copy_is_enabled() {
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    lua.load(
        r#"
        local zmq = require "zmq"
        ctx = zmq.context()
        push = ctx:socket("PUSH")
        push:bind("inproc://host-keeps")
    "#,
    )
    .exec()
    .unwrap();
    let push: mlua::AnyUserData = lua.globals().get("push").unwrap();
    let ctx = push.borrow::<zmq_lua::LuaSocket>().unwrap().socket().context();
    drop(push);
    let pull = ctx.socket(zs::constants::socket_type::PULL).unwrap();
    pull.connect("inproc://host-keeps").unwrap();
    lua.load(
        r#"
        for i = 1, 8 do push:send(string.rep(string.char(64 + i), 64 * 1024)) end
        collectgarbage()
    "#,
    )
    .exec()
    .unwrap();
    drop(lua);
    expect_eight_large(&pull, zs::constants::DONTWAIT);
}

/// With it, large strings are lent; the state's own contexts are terminated
/// before the strings are freed, so queued messages still arrive intact.
#[test]
fn zero_copy_messages_arrive_after_the_state_closes() {
    let (_ctx, pull, ep) = pull_peer();
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    zmq_lua::enable_zero_copy(&lua);
    lua.globals().set("ep", ep).unwrap();
    lua.load(
        r#"
        local zmq = require "zmq"
        local push = zmq.new("PUSH")
        push:connect(ep)
        for i = 1, 8 do push:send(string.rep(string.char(64 + i), 64 * 1024)) end
        collectgarbage() -- the socket too: it closes while its strings are lent
    "#,
    )
    .exec()
    .unwrap();
    drop(lua);
    expect_eight_large(&pull, 0);
}

/// Receive the eight 64 KiB messages ('A'..'H' repeated) both tests send, intact and in order.
fn expect_eight_large(pull: &zs::Socket, flags: i32) {
    for i in 1..=8u8 {
        let f = pull.recv(flags).unwrap();
        assert!(f.data().len() == 64 * 1024 && f.data().iter().all(|&b| b == 64 + i), "message {i}");
    }
}

/// A socket the host made and wrapped with `LuaSocket::new` works in
/// scripts like any other (through the general path).
#[test]
fn host_wrapped_sockets_work() {
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    zmq_lua::enable_zero_copy(&lua);
    lua.load(r#"require "zmq""#).exec().unwrap();
    let ctx = zmq_lua::default_context(&lua).unwrap();
    let pull = ctx.socket(zs::constants::socket_type::PULL).unwrap();
    pull.bind("inproc://wrapped").unwrap();
    let push = ctx.socket(zs::constants::socket_type::PUSH).unwrap();
    lua.globals().set("push", lua.create_any_userdata(zmq_lua::LuaSocket::new(push)).unwrap()).unwrap();
    lua.load(
        r#"
        push:connect("inproc://wrapped")
        assert(push:send("small") == true)
        assert(push:send(string.rep("L", 100000)) == true)
        assert(push:send(42) == true)
        push:close()
        local ok, err = pcall(push.send, push, "x")
        assert(not ok and err.code == "ENOTSOCK")
    "#,
    )
    .exec()
    .unwrap();
    assert_eq!(pull.recv(0).unwrap().data(), b"small");
    assert_eq!(pull.recv(0).unwrap().data(), vec![b'L'; 100000].as_slice());
    assert_eq!(pull.recv(0).unwrap().data(), 42i32.to_ne_bytes());
}

/// A socket the host made works in a state that never ran `require "zmq"`.
#[test]
fn a_host_socket_works_without_require() {
    let (_ctx, pull, ep) = pull_peer();
    let push = pull.context().socket(zs::constants::socket_type::PUSH).unwrap();
    let lua = Lua::new();
    lua.globals().set("push", zmq_lua::socket_userdata(&lua, push).unwrap()).unwrap();
    lua.globals().set("ep", ep).unwrap();
    lua.load(r#"push:connect(ep); assert(push:send("no require needed") == true)"#).exec().unwrap();
    assert_eq!(pull.recv(0).unwrap().data(), b"no require needed");
    let ctx = zmq_lua::context_userdata(&lua, zs::Context::new().unwrap()).unwrap();
    lua.globals().set("ctx", ctx).unwrap();
    lua.load(r#"assert(ctx:socket("PAIR"):type() == "PAIR"); ctx:term()"#).exec().unwrap();
}

/// With the host's context shared, `zmq.new()` and `zmq.context()` are leases of it: the
/// script meets the host over inproc, and its `term()` calls leave the context running.
#[test]
fn a_shared_context_backs_new_and_context() {
    let shared = zs::Context::new().unwrap();
    let pull = shared.socket(zs::constants::socket_type::PULL).unwrap();
    pull.bind("inproc://shared-with-lua").unwrap();
    pull.set("RCVTIMEO", zs::OptionValue::Int(10_000)).unwrap();
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    zmq_lua::set_default_context(&lua, &shared).unwrap();
    lua.load(
        r#"
        local zmq = require "zmq"
        local a = zmq.new("PUSH")
        a:connect("inproc://shared-with-lua")
        a:send("from zmq.new")
        local ctx = zmq.context()
        local b = ctx:socket("PUSH")
        b:connect("inproc://shared-with-lua")
        b:send("from zmq.context")
        ctx:term()                       -- closes b only
        assert(b:closed() and not a:closed())
        zmq.term()                       -- closes a only
        assert(a:closed())
    "#,
    )
    .exec()
    .unwrap();
    let mut got = vec![pull.recv(0).unwrap().data().to_vec(), pull.recv(0).unwrap().data().to_vec()];
    got.sort();
    assert_eq!(got, vec![b"from zmq.context".to_vec(), b"from zmq.new".to_vec()]);
    assert!(!shared.is_terminated());
    drop(lua);
    assert_eq!(shared.open_sockets(), 1, "only the host's own socket is left");
    shared.term().unwrap();
}

/// The host sees the error's text and where the script raised it.
#[test]
fn errors_reach_the_host_with_text_and_traceback() {
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    let err = lua
        .load("local function bind_twice() require('zmq').new('PULL'):bind('nope') end\nbind_twice()")
        .set_name("=host-script")
        .exec()
        .unwrap_err();
    let text = err.to_string();
    assert!(text.contains("[EINVAL]"), "{text}");
    assert!(text.contains("host-script:1"), "the script's line: {text}");
    assert!(text.contains("traceback"), "a traceback: {text}");
}
