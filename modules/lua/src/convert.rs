//! Lua values to core values and back: socket types, option names and
//! values, flags, timeouts. Every check a wrong Lua type can fail is here.

use crate::compat;
use crate::error::{bad_arg, bad_arg_msg, type_name, Fail, Res};
use mlua::{IntoLua, Lua, Value};
use zmq_script as zs;
use zs::options::{OptionType, SocketOption};
use zs::ScriptValue;
use zs::OptionValue;

/// A socket type: an upper-case name without `ZMQ_` (`"PUB"`), a constant
/// (`zmq.PUB`), or nil for `"PAIR"`. Unknown names and numbers are `EINVAL`.
pub(crate) fn socket_type(v: &Value, n: usize, fname: &str) -> Res<i32> {
    match v {
        Value::Nil => Ok(zs::constants::socket_type::PAIR),
        Value::String(s) => {
            Ok(zs::constants::socket_type::parse(&s.to_string_lossy())?)
        }
        Value::Integer(i) => Ok(i32::try_from(*i).unwrap_or(-1)),
        Value::Number(f) if f.fract() == 0.0 => Ok(if f.abs() < 1e9 { *f as i32 } else { -1 }),
        other => Err(bad_arg(n, fname, "socket type name or number", other)),
    }
}

/// A string argument (numbers are refused, unlike mlua's own conversion).
pub(crate) fn string_arg(v: &Value, n: usize, fname: &str) -> Res<String> {
    match v {
        Value::String(s) => match s.to_str() {
            Ok(s) => Ok(s.to_string()),
            Err(_) => Err(Fail::Zmq(zs::Error::invalid(format!("argument #{n} to '{fname}' is not valid UTF-8")))),
        },
        other => Err(bad_arg(n, fname, "string", other)),
    }
}

/// An integer argument; an integral float is accepted. `default` for nil when given.
pub(crate) fn int_arg(v: &Value, n: usize, fname: &str, default: Option<i64>) -> Res<i64> {
    match v {
        Value::Nil if default.is_some() => Ok(default.unwrap_or_default()),
        Value::Integer(i) => Ok(*i),
        Value::Number(f) if f.fract() == 0.0 && f.abs() < 9.2e18 => Ok(*f as i64),
        Value::Number(_) => Err(bad_arg_msg(n, fname, "number has no integer representation")),
        other => Err(bad_arg(n, fname, "integer", other)),
    }
}

/// An `i32` argument (flags, events, option ids).
pub(crate) fn i32_arg(v: &Value, n: usize, fname: &str, default: Option<i32>) -> Res<i32> {
    let i = int_arg(v, n, fname, default.map(i64::from))?;
    i32::try_from(i).map_err(|_| bad_arg_msg(n, fname, "value out of range"))
}

/// Seconds (a number; nil or negative = no limit) to milliseconds (-1 = no limit).
pub(crate) fn seconds_to_ms(v: &Value, n: usize, fname: &str) -> Res<i64> {
    let s = match v {
        Value::Nil => return Ok(-1),
        Value::Integer(i) => *i as f64,
        Value::Number(f) => *f,
        other => return Err(bad_arg(n, fname, "number", other)),
    };
    if s.is_nan() {
        return Err(bad_arg_msg(n, fname, "number expected, got nan"));
    }
    if s < 0.0 {
        return Ok(-1);
    }
    Ok((s * 1000.0).ceil().min(i64::MAX as f64 / 2.0) as i64)
}

/// `more` of `send(data, more)`: nil/false → 0, true → SNDMORE, or flags as a number.
pub(crate) fn send_flags(v: &Value) -> Res<i32> {
    match v {
        Value::Nil | Value::Boolean(false) => Ok(0),
        Value::Boolean(true) => Ok(zs::constants::SNDMORE),
        Value::Integer(_) | Value::Number(_) => i32_arg(v, 2, "send", None),
        other => Err(bad_arg(2, "send", "boolean or flags", other)),
    }
}

/// A socket option given by name (`"SUBSCRIBE"`) or number (`zmq.SUBSCRIBE`).
pub(crate) fn socket_option(v: &Value, fname: &str) -> Res<&'static SocketOption> {
    match v {
        Value::String(s) => Ok(zs::options::socket_option(&s.to_string_lossy())?),
        Value::Integer(_) | Value::Number(_) => Ok(zs::options::socket_option_by_id(i32_arg(v, 1, fname, None)?)?),
        other => Err(bad_arg(1, fname, "option name or number", other)),
    }
}

/// A context option id given by name (`"IO_THREADS"`) or number.
pub(crate) fn context_option(v: &Value, fname: &str) -> Res<i32> {
    match v {
        Value::String(s) => Ok(zs::options::context_option(&s.to_string_lossy())?.id),
        Value::Integer(_) | Value::Number(_) => i32_arg(v, 1, fname, None),
        other => Err(bad_arg(1, fname, "option name or number", other)),
    }
}

/// Hand a `setsockopt` value to the core's one conversion rule
/// ([`zs::options::convert`]): a Lua value becomes a [`ScriptValue`].
pub(crate) fn option_value(opt: &SocketOption, v: &Value) -> Res<OptionValue> {
    let bytes;
    let value = match v {
        Value::Nil => ScriptValue::Null,
        Value::Boolean(b) => ScriptValue::Bool(*b),
        Value::Integer(i) => ScriptValue::Int(*i as i128),
        Value::Number(f) => ScriptValue::Float(*f),
        Value::String(s) => {
            bytes = s.as_bytes();
            ScriptValue::Bytes(&bytes)
        }
        _ => ScriptValue::Other,
    };
    Ok(zs::options::convert(opt, value, type_name(v))?)
}

/// A `getsockopt` result as Lua sees it: integers, booleans for `Bool`
/// options, strings for the others.
/// Without an integer subtype (5.1, 5.2, LuaJIT) a 64-bit value beyond
/// ±2^53 is an `EINVAL` error, not a rounded number (see `compat.rs`).
pub(crate) fn option_to_lua(lua: &Lua, opt: &SocketOption, value: OptionValue) -> Res<Value> {
    let what = format!("the value of option {}", opt.name);
    Ok(match value {
        OptionValue::Int(i) if opt.kind == OptionType::Bool => Value::Boolean(i != 0),
        OptionValue::Int(i) => Value::Integer(i.into()),
        OptionValue::Int64(i) => compat::integer(i.into(), &what)?,
        OptionValue::Uint64(u) => compat::integer(u.into(), &what)?,
        OptionValue::Bytes(b) => Value::String(lua.create_string(&b)?),
    })
}

/// Bytes to a Lua string value.
pub(crate) fn bytes(lua: &Lua, b: &[u8]) -> mlua::Result<Value> {
    lua.create_string(b)?.into_lua(lua)
}
