//! Library-level functions: `version`, `has`, `strerror`, `proxy`,
//! `proxy_steerable`, and the CURVE/Z85 helpers.

use crate::convert;
use crate::error::{bad_arg, function, Res};
use crate::socket::LuaSocket;
use mlua::{Lua, Table, Value};
use zmq_script as zs;

fn socket_arg(v: &Value, n: usize, fname: &str) -> Res<zs::Socket> {
    match v {
        Value::UserData(ud) if ud.is::<LuaSocket>() => Ok(ud.borrow::<LuaSocket>()?.socket().clone()),
        other => Err(bad_arg(n, fname, "zmq socket", other)),
    }
}

/// Fill `c` with the library functions.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    c.set("version", function(lua, |_, ()| Ok(zs::version()))?)?;
    c.set(
        "has",
        function(lua, |_, cap: Value| Ok(zs::has(&convert::string_arg(&cap, 1, "has")?)))?,
    )?;
    c.set(
        "strerror",
        function(lua, |_, errno: Value| {
            let errno = convert::i32_arg(&errno, 1, "strerror", None)?;
            Ok(zs::error::strerror(errno))
        })?,
    )?;
    c.set("curve_keypair", function(lua, |_, ()| Ok(zs::curve_keypair()?))?)?;
    c.set(
        "curve_public",
        function(lua, |_, secret: Value| Ok(zs::curve_public(&convert::string_arg(&secret, 1, "curve_public")?)?))?,
    )?;
    c.set(
        "z85_encode",
        function(lua, |_, data: Value| {
            let Value::String(s) = &data else { return Err(bad_arg(1, "z85_encode", "string", &data)) };
            Ok(zs::z85_encode(&s.as_bytes())?)
        })?,
    )?;
    c.set(
        "z85_decode",
        function(lua, |lua, text: Value| {
            let text = convert::string_arg(&text, 1, "z85_decode")?;
            Ok(lua.create_string(zs::z85_decode(&text)?)?)
        })?,
    )?;
    c.set(
        "proxy",
        function(lua, |_, (front, back, capture): (Value, Value, Value)| {
            let front = socket_arg(&front, 1, "proxy")?;
            let back = socket_arg(&back, 2, "proxy")?;
            let capture = match &capture {
                Value::Nil => None,
                v => Some(socket_arg(v, 3, "proxy")?),
            };
            zs::proxy(&front, &back, capture.as_ref())?;
            Ok(true)
        })?,
    )?;
    c.set(
        "proxy_steerable",
        function(lua, |_, (front, back, capture, control): (Value, Value, Value, Value)| {
            let front = socket_arg(&front, 1, "proxy_steerable")?;
            let back = socket_arg(&back, 2, "proxy_steerable")?;
            let capture = match &capture {
                Value::Nil => None,
                v => Some(socket_arg(v, 3, "proxy_steerable")?),
            };
            let control = socket_arg(&control, 4, "proxy_steerable")?;
            zs::proxy_steerable(&front, &back, capture.as_ref(), &control)?;
            Ok(true)
        })?,
    )?;
    Ok(())
}
