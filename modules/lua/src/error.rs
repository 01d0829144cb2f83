//! How failures reach Lua.
//!
//! An error raised from an mlua callback reaches Lua as opaque mlua userdata,
//! so the mlua callbacks of this module never raise a ZeroMQ or argument
//! error themselves (only mlua's own failures, such as out of memory, which
//! mlua raises after the callback has returned). Each one returns:
//!
//! | outcome | values returned to the Lua half |
//! |---|---|
//! | success | the results |
//! | ZeroMQ failure | `nil, code, errno, message` (`nil, "EAGAIN", 11, "Resource temporarily unavailable"`) |
//! | bad argument | `nil, message` (`nil, "bad argument #1 to 'bind' (string expected, got nil)"`) |
//!
//! and the Lua half (`lua/base.lua`) raises a `zmq.Error` table (fields
//! `code`, `errno`, `message`, `__tostring` → `[EAGAIN] Resource temporarily
//! unavailable`) or the plain message with `error(value, 2)`, so the error
//! points at the script's line. [`Fail`] and [`function`] are the one
//! conversion for the mlua callbacks.
//!
//! The one place that raises from native code is the hot path in `raw.rs`:
//! `send`/`recv` there are plain `lua_CFunction`s that raise a `zmq.Error`
//! by `lua_call`ing the Lua `raise_from_c` (built from the same core error:
//! code, errno, message), and may raise or yield through the full path's
//! `lua_callk`. Lua unwinds those with `longjmp`, which skips Rust
//! destructors, so they raise only from their own frame once every Rust
//! value with a destructor (the core error, its message, a received frame)
//! has been dropped; see `raw.rs`.

use mlua::{FromLuaMulti, Function, IntoLua, IntoLuaMulti, Lua, Value};
use zmq_script as zs;

/// Why a call failed.
pub(crate) enum Fail {
    /// A ZeroMQ (or core) error: becomes a `zmq.Error` table.
    Zmq(zs::Error),
    /// A wrong argument type: becomes a plain message, as `luaL_argerror` gives.
    Arg(String),
    /// An error inside mlua itself (out of memory...): raised as is.
    Lua(mlua::Error),
}

impl From<zs::Error> for Fail {
    fn from(e: zs::Error) -> Fail {
        Fail::Zmq(e)
    }
}

impl From<mlua::Error> for Fail {
    fn from(e: mlua::Error) -> Fail {
        Fail::Lua(e)
    }
}

/// Result of a callback body.
pub(crate) type Res<T> = Result<T, Fail>;

impl Fail {
    /// The values the Lua half expects for this failure.
    pub(crate) fn into_values(self, lua: &Lua) -> mlua::Result<(Value, Value, Value, Value)> {
        match self {
            Fail::Zmq(e) => Ok((
                Value::Nil,
                e.code().into_lua(lua)?,
                Value::Integer(e.errno() as i64),
                e.message().into_lua(lua)?,
            )),
            Fail::Arg(m) => Ok((Value::Nil, m.into_lua(lua)?, Value::Nil, Value::Nil)),
            Fail::Lua(e) => Err(e),
        }
    }
}

/// `bad argument #n to 'fname' (expected expected, got <type>)`.
pub(crate) fn bad_arg(n: usize, fname: &str, expected: &str, got: &Value) -> Fail {
    Fail::Arg(format!("bad argument #{n} to '{fname}' ({expected} expected, got {})", type_name(got)))
}

/// `bad argument #n to 'fname' (message)`.
pub(crate) fn bad_arg_msg(n: usize, fname: &str, message: &str) -> Fail {
    Fail::Arg(format!("bad argument #{n} to '{fname}' ({message})"))
}

/// The name Lua's `type()` would give, with this module's own userdata named.
pub(crate) fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Nil => "nil",
        Value::Boolean(_) => "boolean",
        Value::Integer(_) | Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Table(_) => "table",
        Value::Function(_) => "function",
        Value::Thread(_) => "thread",
        Value::UserData(ud) => {
            if ud.is::<crate::socket::LuaSocket>() {
                "zmq socket"
            } else if ud.is::<crate::context::LuaContext>() {
                "zmq context"
            } else if ud.is::<crate::poller::LuaPoller>() {
                "zmq poller"
            } else {
                "userdata"
            }
        }
        _ => "userdata",
    }
}

/// A Lua function around `f` that returns `f`'s results, or the failure
/// values described in the module docs.
pub(crate) fn function<A, R, F>(lua: &Lua, f: F) -> mlua::Result<Function>
where
    A: FromLuaMulti,
    R: IntoLuaMulti,
    F: Fn(&Lua, A) -> Res<R> + 'static,
{
    lua.create_function(move |lua, args: A| match f(lua, args) {
        Ok(r) => r.into_lua_multi(lua),
        Err(fail) => fail.into_values(lua)?.into_lua_multi(lua),
    })
}
