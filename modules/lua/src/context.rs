//! Contexts: the hidden default context that `zmq.new()` uses, and explicit
//! [`LuaContext`] objects from `zmq.context()`.
//!
//! The default context lives in a userdata kept in the Lua registry, so it
//! belongs to one Lua state: when the state is closed its finalizer runs
//! [`zs::Context::term_later`] (which closes the sockets still open, keeping
//! their LINGER, at most [`zs::DEFAULT_LINGER_MS`], and terminates in the
//! background so that all of the state's contexts linger at once; the state
//! guard in lib.rs waits for them). The order in which Lua finalizes sockets
//! and this holder does not matter: every socket keeps its context alive and
//! a closed socket stays closed.

use crate::convert;
use crate::error::{bad_arg, function, Fail, Res};
use mlua::{AnyUserData, Lua, Table, UserDataRef, Value};
use zmq_script as zs;

const DEFAULT_KEY: &str = "zmq-lua.default-context";

/// Owner of the hidden default context; terminates it when collected.
struct DefaultContext(zs::Context);

impl Drop for DefaultContext {
    fn drop(&mut self) {
        self.0.term_later();
    }
}

/// An explicit context. Collecting it does not close its sockets: they keep
/// the libzmq context alive until they are closed.
pub struct LuaContext {
    pub(crate) ctx: zs::Context,
}

impl LuaContext {
    /// Wrap a core context (for `lua.create_any_userdata`; [`context_userdata`] also makes sure
    /// the module's methods are registered).
    pub fn new(ctx: zs::Context) -> LuaContext {
        LuaContext { ctx }
    }

    /// The core context.
    pub fn context(&self) -> &zs::Context {
        &self.ctx
    }
}

/// The default context of this Lua state, created on first use (what
/// `zmq.new()` uses), e.g. for a host that wants an inproc peer of a script.
pub fn default_context(lua: &Lua) -> mlua::Result<zs::Context> {
    match default_ctx(lua) {
        Ok(c) => Ok(c),
        Err(Fail::Zmq(e)) => Err(mlua::Error::external(e)),
        Err(Fail::Lua(e)) => Err(e),
        Err(Fail::Arg(m)) => Err(mlua::Error::runtime(m)),
    }
}

pub(crate) fn default_ctx(lua: &Lua) -> Res<zs::Context> {
    if let Value::UserData(ud) = lua.named_registry_value::<Value>(DEFAULT_KEY)? {
        if let Ok(holder) = ud.borrow::<DefaultContext>() {
            return Ok(holder.0.clone());
        }
    }
    let ctx = new_context(lua)?;
    let holder = lua.create_any_userdata(DefaultContext(ctx.clone()))?;
    lua.set_named_registry_value(DEFAULT_KEY, holder)?;
    Ok(ctx)
}

/// The host's context, shared by this state (see [`set_default_context`]).
struct SharedContext(zs::Context);

/// Share `context` with this Lua state: from now on the hidden default context
/// behind `zmq.new()` and every `zmq.context()` are leases of it
/// ([`zs::Context::lease`]), so the state's sockets meet the host's and other
/// engines' over `inproc://`, and the state's `term()` calls (and closing the
/// state) close only its own sockets; the host terminates the context. Call
/// it before scripts make sockets (a default context already made is
/// replaced, its sockets closed). Errors only if Lua fails to allocate.
pub fn set_default_context(lua: &Lua, context: &zs::Context) -> mlua::Result<()> {
    lua.set_app_data(SharedContext(context.clone()));
    term_default(lua)
}

/// A new context for `zmq.context()` or the default one: a lease of the shared context, if any.
fn new_context(lua: &Lua) -> zs::Result<zs::Context> {
    match lua.app_data_ref::<SharedContext>() {
        Some(shared) => Ok(shared.0.lease()),
        None => zs::Context::new(),
    }
}

/// A context object (`zmq.context()`'s kind) for a core context the host
/// made; works before any `require "zmq"`.
pub fn context_userdata(lua: &Lua, context: zs::Context) -> mlua::Result<AnyUserData> {
    crate::open(lua)?;
    create(lua, context)
}

/// Terminate the default context now (if it exists): its sockets are closed
/// and a later `zmq.new()` starts a new one. Errors are not expected.
pub fn term_default(lua: &Lua) -> mlua::Result<()> {
    if let Value::UserData(ud) = lua.named_registry_value::<Value>(DEFAULT_KEY)? {
        lua.unset_named_registry_value(DEFAULT_KEY)?;
        if let Ok(holder) = ud.borrow::<DefaultContext>() {
            let _ = holder.0.term();
        }
    }
    Ok(())
}

pub(crate) fn this(v: &Value, fname: &str) -> Res<UserDataRef<LuaContext>> {
    match v {
        Value::UserData(ud) if ud.is::<LuaContext>() => Ok(ud.borrow::<LuaContext>()?),
        other => Err(Fail::Arg(format!(
            "bad self to '{fname}' (zmq context expected, got {}; call it as context:{fname}(...))",
            crate::error::type_name(other)
        ))),
    }
}

/// Create a context userdata.
pub(crate) fn create(lua: &Lua, ctx: zs::Context) -> mlua::Result<AnyUserData> {
    lua.create_any_userdata(LuaContext { ctx })
}

/// Fill `c` with `new` (socket on the default context), `context` and the
/// context primitives (`context_socket`...), and `term`.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    c.set(
        "new",
        function(lua, |lua, kind: Value| {
            let kind = convert::socket_type(&kind, 1, "new")?;
            let sock = default_ctx(lua)?.socket(kind)?;
            Ok(crate::socket::create(lua, sock)?)
        })?,
    )?;
    c.set(
        "context",
        function(lua, |lua, io_threads: Value| {
            let ctx = new_context(lua)?;
            // A lease shares the host's context: its I/O threads are the host's choice.
            if !io_threads.is_nil() && !ctx.is_lease() {
                ctx.set(zs::options::context_id::IO_THREADS, convert::i32_arg(&io_threads, 1, "context", None)?)?;
            }
            Ok(create(lua, ctx)?)
        })?,
    )?;
    c.set("term", function(lua, |lua, ()| Ok(term_default(lua).map(|_| true)?))?)?;
    c.set(
        "open_sockets",
        function(lua, |lua, ()| {
            if let Value::UserData(ud) = lua.named_registry_value::<Value>(DEFAULT_KEY)? {
                if let Ok(holder) = ud.borrow::<DefaultContext>() {
                    return Ok(holder.0.open_sockets());
                }
            }
            Ok(0)
        })?,
    )?;
    c.set(
        "context_open_sockets",
        function(lua, |_, c: Value| Ok(this(&c, "open_sockets")?.ctx.open_sockets()))?,
    )?;
    c.set(
        "context_socket",
        function(lua, |lua, (c, kind): (Value, Value)| {
            let c = this(&c, "socket")?;
            let kind = convert::socket_type(&kind, 1, "socket")?;
            Ok(crate::socket::create(lua, c.ctx.socket(kind)?)?)
        })?,
    )?;
    c.set(
        "context_set",
        function(lua, |_, (c, opt, value): (Value, Value, Value)| {
            let c = this(&c, "set")?;
            let id = convert::context_option(&opt, "set")?;
            let value = match &value {
                Value::Boolean(b) => *b as i32,
                Value::Integer(_) | Value::Number(_) => convert::i32_arg(&value, 2, "set", None)?,
                other => return Err(bad_arg(2, "set", "integer", other)),
            };
            c.ctx.set(id, value)?;
            Ok(true)
        })?,
    )?;
    c.set(
        "context_get",
        function(lua, |_, (c, opt): (Value, Value)| {
            let c = this(&c, "get")?;
            Ok(c.ctx.get(convert::context_option(&opt, "get")?)?)
        })?,
    )?;
    c.set(
        "context_shutdown",
        function(lua, |_, c: Value| {
            this(&c, "shutdown")?.ctx.shutdown()?;
            Ok(true)
        })?,
    )?;
    c.set(
        "context_term",
        function(lua, |_, c: Value| {
            this(&c, "term")?.ctx.term()?;
            Ok(true)
        })?,
    )?;
    c.set(
        "term_all",
        function(lua, |lua, list: Table| {
            // Every context of the state together, so their lingers overlap.
            let mut all = Vec::new();
            for v in list.sequence_values::<Value>() {
                if let Ok(c) = this(&v?, "term_all") {
                    all.push(c.ctx.clone());
                }
            }
            if let Value::UserData(ud) = lua.named_registry_value::<Value>(DEFAULT_KEY)? {
                lua.unset_named_registry_value(DEFAULT_KEY)?;
                if let Ok(holder) = ud.borrow::<DefaultContext>() {
                    all.push(holder.0.clone());
                }
            }
            zs::Context::term_all(&all)?;
            Ok(true)
        })?,
    )?;
    c.set(
        "context_tostring",
        lua.create_function(|_, c: Value| {
            Ok(match &c {
                Value::UserData(ud) if ud.is::<LuaContext>() => {
                    let ctx = ud.borrow::<LuaContext>()?;
                    let state = if ctx.ctx.is_terminated() { " (terminated)" } else { "" };
                    format!("zmq context{state}: {:p}", ud.to_pointer())
                }
                other => crate::error::type_name(other).to_string(),
            })
        })?,
    )?;
    Ok(())
}
