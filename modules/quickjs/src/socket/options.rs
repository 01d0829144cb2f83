//! Socket options from JavaScript: which option a constant or name means,
//! JS values to the core's [`ScriptValue`] and option values back to JS, and
//! the typed getters (`getsockopt_int`...). What a value may be, and every
//! error about it, is the core's decision (`zs::options::convert`).

use super::call::{int, owned, Args, Ret};
use super::SocketData;
use crate::convert;
use crate::error::{type_error, OrThrow};
use rquickjs::{Ctx, Value};
use zmq_script as zs;
use zs::{OptionType, OptionValue, ScriptValue, SocketOption};

/// The option row named by a constant (`zmq.LINGER`) or a string (`"LINGER"`).
pub(crate) fn option_of<'js>(ctx: &Ctx<'js>, name: &Value<'js>) -> rquickjs::Result<&'static SocketOption> {
    if let Some(s) = name.as_string() {
        let s = s.to_string()?;
        return zs::options::socket_option(&s).or_throw(ctx);
    }
    if name.is_number() {
        let id = convert::int_arg(ctx, Some(name), None, "option")?;
        return zs::options::socket_option_by_id(id).or_throw(ctx);
    }
    Err(type_error(
        ctx,
        &format!(
            "option must be a constant such as zmq.LINGER or a name such as \"LINGER\", not {}",
            convert::type_name(name)
        ),
    ))
}

/// An option value as the table types it: int → number, int64/uint64 →
/// BigInt, string/curve key → string, binary → Uint8Array.
fn option_to_js<'js>(ctx: &Ctx<'js>, opt: &SocketOption, v: OptionValue) -> rquickjs::Result<Value<'js>> {
    Ok(match v {
        OptionValue::Int(i) => Value::new_int(ctx.clone(), i),
        OptionValue::Int64(i) => Value::new_big_int(ctx.clone(), i)?,
        OptionValue::Uint64(u) => rquickjs::BigInt::from_u64(ctx.clone(), u)?.into_value(),
        OptionValue::Bytes(b) if opt.kind == OptionType::Binary => convert::new_uint8array(ctx, &b)?,
        OptionValue::Bytes(b) => rquickjs::String::from_str(ctx.clone(), &String::from_utf8_lossy(&b))?.into_value(),
    })
}

/// Hand a `setsockopt` value to the core's one conversion rule
/// ([`zs::options::convert`]): a JS value becomes a [`ScriptValue`].
fn option_from_js<'js>(ctx: &Ctx<'js>, opt: &SocketOption, v: &Value<'js>) -> rquickjs::Result<OptionValue> {
    let bytes;
    let value = if v.is_null() {
        ScriptValue::Null
    } else if let Some(b) = v.as_bool() {
        ScriptValue::Bool(b)
    } else if let Some(i) = v.as_int() {
        ScriptValue::Int(i as i128)
    } else if let Some(f) = v.as_float() {
        ScriptValue::Float(f)
    } else if v.is_big_int() {
        ScriptValue::Int(convert::bigint_i128(ctx, v)?)
    } else if let Some(b) = convert::string_bytes(ctx, v)? {
        bytes = b;
        ScriptValue::Bytes(bytes.as_slice())
    } else if let Some(b) = convert::buffer_bytes(ctx, v)? {
        bytes = b;
        ScriptValue::Bytes(bytes.as_slice())
    } else {
        ScriptValue::Other
    };
    zs::options::convert(opt, value, convert::type_name(v)).or_throw(ctx)
}

/// Which getter was called.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Any,
    Int,
    BigInt,
    Str,
    Bytes,
}

fn get_typed(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>, want: Want) -> Ret {
    let opt = option_of(ctx, &a.value(ctx, 0))?;
    let fits = match want {
        Want::Any => true,
        Want::Int => matches!(opt.kind, OptionType::Int | OptionType::Bool),
        Want::BigInt => matches!(opt.kind, OptionType::Int64 | OptionType::Uint64),
        Want::Str | Want::Bytes => matches!(opt.kind, OptionType::String | OptionType::Binary | OptionType::CurveKey),
    };
    if !fits {
        let getter = match opt.kind {
            OptionType::Int | OptionType::Bool => "getsockopt_int",
            OptionType::Int64 | OptionType::Uint64 => "getsockopt_bigint",
            OptionType::String | OptionType::CurveKey => "getsockopt_str",
            OptionType::Binary => "getsockopt_uint8ffarray",
        };
        return Err(type_error(
            ctx,
            &format!(
                "option {} is of type {}: read it with {getter}() or getsockopt()",
                opt.name,
                opt.kind.name()
            ),
        ));
    }
    let v = s.inner().get_option(opt).or_throw(ctx)?;
    let js = match (want, v) {
        (Want::Str, OptionValue::Bytes(b)) => {
            rquickjs::String::from_str(ctx.clone(), &String::from_utf8_lossy(&b))?.into_value()
        }
        (Want::Bytes, OptionValue::Bytes(b)) => convert::new_uint8array(ctx, &b)?,
        (_, v) => option_to_js(ctx, opt, v)?,
    };
    Ok(owned(js))
}

/// `getsockopt(option)` → number, BigInt, string or Uint8Array, as the option table types it.
pub(crate) fn getsockopt(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::Any)
}

/// `getsockopt_int(option)` → number (int options only, TypeError otherwise).
pub(crate) fn getsockopt_int(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::Int)
}

/// `getsockopt_bigint(option)` → BigInt (int64/uint64 options only).
pub(crate) fn getsockopt_bigint(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::BigInt)
}

/// `getsockopt_str(option)` → string (string, binary and key options).
pub(crate) fn getsockopt_str(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::Str)
}

/// `getsockopt_uint8ffarray(option)` (also `getsockopt_uint8array`) → Uint8Array.
pub(crate) fn getsockopt_bytes(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::Bytes)
}

/// `setsockopt(option, value)` → 0; TypeError/RangeError for a value the option cannot take.
pub(crate) fn setsockopt(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let opt = option_of(ctx, &a.value(ctx, 0))?;
    let v = option_from_js(ctx, opt, &a.value(ctx, 1))?;
    s.inner().set_option(opt, v).map(|_| int(0)).or_throw(ctx)
}

