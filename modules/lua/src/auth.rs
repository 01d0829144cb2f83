//! `ctx:auth(config)` and `zmq.auth(config)` (the hidden default context):
//! the context's ZAP authenticator as a userdata with `:close()` and
//! `:closed()`. It also closes when collected and, on Lua 5.4, at the end of
//! a `local a <close> = ...` scope.
//!
//! The config table is converted as is into the core's [`zs::ConfigValue`]
//! (strings, sequence tables, tables with string keys; anything else is
//! named, not judged): the core validates it and the Lua half raises `EINVAL`.

use crate::context::{default_ctx, this};
use crate::error::{function, Res};
use mlua::{AnyUserData, Lua, Table, Value};
use zmq_script as zs;
use zs::ConfigValue;

/// What `auth()` returns. Collecting it closes the authenticator.
pub struct LuaAuth(zs::Authenticator);

impl Drop for LuaAuth {
    fn drop(&mut self) {
        let _ = self.0.close();
    }
}

fn start(lua: &Lua, ctx: &zs::Context, config: &Value) -> Res<AnyUserData> {
    let config = zs::AuthConfig::from_value(&config_value(config, 0)?)?;
    let auth = ctx.auth(config)?;
    Ok(lua.create_any_userdata(LuaAuth(auth))?)
}

fn auth_of(v: &Value, fname: &str) -> Res<mlua::UserDataRef<LuaAuth>> {
    match v {
        Value::UserData(ud) if ud.is::<LuaAuth>() => Ok(ud.borrow::<LuaAuth>()?),
        other => Err(crate::error::Fail::Arg(format!(
            "bad self to '{fname}' (zmq authenticator expected, got {}; call it as auth:{fname}())",
            crate::error::type_name(other)
        ))),
    }
}

/// Fill `c` with `auth` (default context), `context_auth`, `auth_close`, `auth_closed`, `auth_tostring`.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    c.set(
        "auth",
        function(lua, |lua, config: Value| start(lua, &default_ctx(lua)?, &config))?,
    )?;
    c.set(
        "context_auth",
        function(lua, |lua, (ctx, config): (Value, Value)| {
            let ctx = this(&ctx, "auth")?.ctx.clone();
            start(lua, &ctx, &config)
        })?,
    )?;
    c.set(
        "auth_close",
        function(lua, |_, a: Value| {
            auth_of(&a, "close")?.0.close()?;
            Ok(true)
        })?,
    )?;
    c.set(
        "auth_closed",
        function(lua, |_, a: Value| Ok(!auth_of(&a, "closed")?.0.is_running()))?,
    )?;
    c.set(
        "auth_tostring",
        lua.create_function(|_, a: Value| {
            Ok(match &a {
                Value::UserData(ud) if ud.is::<LuaAuth>() => {
                    let state = if ud.borrow::<LuaAuth>()?.0.is_running() {
                        ""
                    } else {
                        " (closed)"
                    };
                    format!("zmq authenticator{state}: {:p}", ud.to_pointer())
                }
                other => crate::error::type_name(other).to_string(),
            })
        })?,
    )?;
    Ok(())
}

/// The config table and its fields are containers; deeper values only strings.
const MAX_DEPTH: usize = 2;

/// A Lua value as the core's config value (see the module docs).
fn config_value(v: &Value, depth: usize) -> mlua::Result<ConfigValue> {
    Ok(match v {
        Value::Nil => ConfigValue::Absent,
        Value::String(s) => ConfigValue::Text(s.as_bytes().to_vec()),
        Value::Table(t) if depth < MAX_DEPTH => table_value(t, depth)?,
        other => ConfigValue::Other(format!("a {}", crate::error::type_name(other))),
    })
}

/// A sequence is a list, a table with string keys a map (an empty table is an empty list).
fn table_value(t: &Table, depth: usize) -> mlua::Result<ConfigValue> {
    let mut pairs = Vec::new();
    for pair in t.pairs::<Value, Value>() {
        pairs.push(pair?);
    }
    let n = pairs.len() as i64;
    if pairs
        .iter()
        .all(|(k, _)| matches!(k, Value::Integer(i) if (1..=n).contains(i)))
    {
        pairs.sort_by_key(|(k, _)| k.as_integer().unwrap_or(0));
        let items = pairs
            .iter()
            .map(|(_, v)| config_value(v, depth + 1))
            .collect::<mlua::Result<_>>()?;
        return Ok(ConfigValue::List(items));
    }
    let mut fields = Vec::new();
    for (k, v) in &pairs {
        let Value::String(key) = k else {
            return Ok(ConfigValue::Other("a table with mixed keys".into()));
        };
        fields.push((
            String::from_utf8_lossy(&key.as_bytes()).into_owned(),
            config_value(v, depth + 1)?,
        ));
    }
    Ok(ConfigValue::Map(fields))
}
