//! Every row of the core's option table through the Lua API, by name and by
//! constant, with values of the row's type; and every constant by name.
use mlua::Lua;
use zmq_script::options::{Access, OptionType, SOCKET_OPTIONS};

fn lua() -> Lua {
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    lua.load("zmq = require 'zmq'").exec().unwrap();
    lua
}

/// A Lua expression for a value of the option's type (the core's own test uses the same samples).
fn sample(name: &str, kind: OptionType) -> &'static str {
    match (name, kind) {
        ("USE_FD", _) => "-1",
        ("ROUTING_ID" | "IDENTITY", _) => r#""id\0\255""#,
        ("SOCKS_PROXY", _) => r#""127.0.0.1:1080""#,
        ("BINDTODEVICE", _) => r#""lo""#,
        ("TCP_ACCEPT_FILTER", _) => r#""127.0.0.1""#,
        (_, OptionType::Bool) => "true",
        (_, OptionType::Int) => "1",
        (_, OptionType::Int64) => "4096",
        (_, OptionType::Uint64) => "1",
        (_, OptionType::String) => r#""sample""#,
        (_, OptionType::Binary) => r#""bin\0ary""#,
        (_, OptionType::CurveKey) => "(zmq.curve_keypair())",
    }
}

#[test]
fn every_option_through_lua() {
    let lua = lua();
    let mut checked = 0;
    for opt in SOCKET_OPTIONS {
        if (opt.name.starts_with("GSSAPI_") && !zmq_script::has("gssapi"))
            || (opt.name.starts_with("VMCI_") && !zmq_script::has("vmci"))
        {
            continue;
        }
        let value = sample(opt.name, opt.kind);
        let body = match opt.access {
            Access::ReadWrite => format!(
                r#"
                local v = {value}
                assert(s:setsockopt(name, v) == true)
                local back = s:getsockopt(name)
                assert(back == v, name .. ": " .. tostring(back) .. " ~= " .. tostring(v))
                assert(s:getsockopt(zmq[name]) == v or zmq[name] ~= id, name .. " by constant")
                assert(s:setsockopt(id, v) == true)
                "#
            ),
            Access::WriteOnly => format!(
                r#"
                assert(s:setsockopt(name, {value}) == true)
                assert(s:setsockopt(id, {value}) == true)
                local ok, e = pcall(s.getsockopt, s, name)
                assert(not ok and e.code == "EINVAL", name .. " is write-only")
                "#
            ),
            Access::ReadOnly => format!(
                r#"
                local v = s:getsockopt(name)
                assert(v ~= nil)
                local ok, e = pcall(s.setsockopt, s, name, {value})
                assert(not ok and e.code == "EINVAL", name .. " is read-only")
                "#
            ),
        };
        let script = format!(
            "local name, id = '{}', {}\nlocal s <close> = zmq.new({})\n{body}",
            opt.name, opt.id, opt.socket_type
        );
        lua.load(&script).set_name(format!("={}", opt.name)).exec().unwrap_or_else(|e| panic!("{}: {e}", opt.name));
        checked += 1;
    }
    assert!(checked >= 70, "checked {checked}");
}

#[test]
fn every_constant_by_name() {
    let lua = lua();
    let zmq: mlua::Table = lua.globals().get("zmq").unwrap();
    for (name, value) in zmq_script::constants::all() {
        let got: i64 = zmq.get(*name).unwrap_or_else(|e| panic!("zmq.{name}: {e}"));
        assert_eq!(got, *value, "zmq.{name}");
    }
}

#[test]
fn option_value_types_are_checked() {
    let lua = lua();
    lua.load(
        r#"
        local s = zmq.new("DEALER")
        local function msg(...) local ok, e = pcall(...) assert(not ok) return e end
        assert(msg(s.setsockopt, s, "LINGER", "1").message:find("option LINGER takes an integer, not string"))
        assert(msg(s.setsockopt, s, "LINGER", 1.5).message:find("not a number with a fraction"))
        assert(msg(s.setsockopt, s, "ROUTING_ID", 7).message:find("takes a string or bytes, not number"))
        assert(msg(s.setsockopt, s, "LINGER", 2^40).code == "EINVAL")
        assert(msg(s.setsockopt, s, "AFFINITY", -1).code == "EINVAL")
        assert(s:setsockopt("LINGER", 2.0) == true and s:getsockopt("LINGER") == 2)
        assert(msg(s.setsockopt, s, "ROUTING_ID", nil).code == "EINVAL")   -- nil is the empty value: too short
        assert(zmq.new("SUB"):setsockopt("SUBSCRIBE", nil) == true)
    "#,
    )
    .exec()
    .unwrap();
}
