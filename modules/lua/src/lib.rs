//! # zmq-lua: the `zmq` module for Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT (mlua)
//!
//! A ratchet-like ZeroMQ API for scripts, on the engine-free core
//! [`zmq_script`]. The default is Lua 5.4 built in; the features `lua51`,
//! `lua52`, `lua53`, `luajit` (with `default-features = false`) pick another
//! version, and `compat.rs` holds everything that differs between them.
//! `crates/zlua` builds it with a vendored Lua 5.4, `modules/lua/loadable`
//! as `zmq.so` for a stock interpreter of any of the five.
//!
//! | piece | what it is |
//! |---|---|
//! | [`open`] | builds the module table (`zmq.new`, `zmq.context`, `zmq.poller`, `zmq.spawn`/`zmq.loop`, constants...) |
//! | [`install`] | the embedding call: makes `require "zmq"`, `require "ratchet"` and `require "ratchet.zmqsocket"` work in a host's [`mlua::Lua`] |
//! | [`terminate`] | terminates this state's contexts now (call it before `std::process::exit`) |
//! | `socket.rs`, `context.rs`, `poller.rs`, `auth.rs` | the userdata and their Rust primitives |
//! | `raw.rs` | `send`/`recv`'s common case as plain C functions (the hot path) |
//! | `buffer.rs` | `zmq.buffer(size)` and `recv_into`: receiving into reused memory (plain C functions) |
//! | `compat.rs` | what differs between Lua versions (user values, `lua_callk`, integers) |
//! | `lua/base.lua`, `lua/zmq.lua` | the Lua half: version helpers and error values, then the method tables |
//! | `lua/scheduler.lua`, `lua/ratchet.lua` | the coroutine scheduler (`zmq.spawn`/`zmq.loop`); the ratchet shim |
//!
//! The mlua callbacks never raise a ZeroMQ error: they return `nil, code,
//! errno, message` and the Lua half raises a `zmq.Error`; the C hot path of
//! `send`/`recv` (`raw.rs`) raises the same `zmq.Error` itself, once no Rust
//! value with a destructor is live (see `error.rs`). A hidden default
//! context, created on first use, belongs to the Lua state and is terminated
//! when the state is closed (or by `zmq.term()`, or before `os.exit`).
//!
//! ```
//! let lua = mlua::Lua::new();
//! zmq_lua::install(&lua)?;
//! lua.load(r#"
//!     local zmq = require "zmq"
//!     local pull = zmq.new("PULL")
//!     local endpoint = pull:bind_to_random_port("tcp://127.0.0.1")
//!     local push <close> = zmq.new("PUSH")
//!     push:connect(endpoint)
//!     push:send("hello")
//!     assert(pull:recv() == "hello")
//! "#).exec()?;
//! # Ok::<(), mlua::Error>(())
//! ```
//!
//! Signals are the host's business: a host that wants Ctrl-C to end a
//! blocking call installs [`zmq_script::signal`] handlers and an
//! [`zmq_script::interrupt`] hook (as `zlua` and `zmq.so` do).

mod auth;
mod buffer;
mod compat;
mod context;
mod convert;
mod error;
mod library;
mod loan;
pub mod memory;
mod message;
mod poller;
mod raw;
mod scheduler;
mod socket;
mod uri;

pub use context::{context_userdata, default_context, set_default_context, LuaContext};
pub use memory::set_memory_limit;
pub use poller::LuaPoller;
pub use socket::{socket_userdata, LuaSocket};
/// The engine this module is built for, so a host needs no dependency line of its own.
pub use mlua;
/// The engine-free core: contexts and sockets a host makes and shares with scripts.
pub use zmq_script;
pub use uri::parse as parse_uri;

use mlua::{Function, Lua, Table, UserDataFields, Value};

const MODULE_KEY: &str = "zmq-lua.module";
const GUARD_KEY: &str = "zmq-lua.state-guard";
const TERM_ALL_KEY: &str = "zmq-lua.term-all";
/// The Lua half, in the order it runs (see each file's header).
const BASE_LUA: &str = include_str!("lua/base.lua");
const SCHEDULER_LUA: &str = include_str!("lua/scheduler.lua");
const ZMQ_LUA: &str = include_str!("lua/zmq.lua");
const RATCHET_LUA: &str = include_str!("lua/ratchet.lua");

/// The `zmq` module table for this Lua state, built on the first call and
/// the same table afterwards. Errors only if Lua itself fails (memory).
pub fn open(lua: &Lua) -> mlua::Result<Table> {
    if let Value::Table(t) = lua.named_registry_value::<Value>(MODULE_KEY)? {
        return Ok(t);
    }
    // Created before any socket or context, so finalized after all of them.
    lua.set_named_registry_value(GUARD_KEY, lua.create_any_userdata(StateGuard)?)?;
    let c = lua.create_table()?;
    socket::register(lua, &c)?;
    raw::register(lua, &c)?;
    buffer::register(lua, &c)?;
    context::register(lua, &c)?;
    auth::register(lua, &c)?;
    poller::register(lua, &c)?;
    scheduler::register(lua, &c)?;
    uri::register(lua, &c)?;
    message::register(lua, &c)?;
    library::register(lua, &c)?;

    let m = lua.create_table()?;
    for (name, value) in zmq_script::constants::all() {
        m.raw_set(*name, *value)?;
    }
    let base: Table = lua.load(BASE_LUA).set_name("=[zmq.base]").call((&c, &m))?;
    let scheduler: Table = lua.load(SCHEDULER_LUA).set_name("=[zmq.scheduler]").call((&c, &m, &base))?;
    let parts: Table = lua.load(ZMQ_LUA).set_name("=[zmq]").call((&c, &m, &base, scheduler))?;
    let socket_methods: Table = parts.get::<Table>("socket")?.get("__index")?;
    lua.load(RATCHET_LUA).set_name("=[zmq.ratchet]").call::<()>((&m, socket_methods, base))?;
    register_type::<LuaSocket>(lua, parts.get("socket")?)?;
    register_type::<LuaContext>(lua, parts.get("context")?)?;
    register_type::<LuaPoller>(lua, parts.get("poller")?)?;
    register_type::<auth::LuaAuth>(lua, parts.get("auth")?)?;
    lua.set_named_registry_value(TERM_ALL_KEY, parts.get::<Function>("term_all")?)?;
    lua.set_named_registry_value(MODULE_KEY, &m)?;
    Ok(m)
}

/// Finalized last when the state closes (Lua runs finalizers in reverse
/// order of creation): waits until every context the state's finalizers let
/// go has terminated. So closing a state returns only after its queued
/// messages are delivered or their lingers ran out — all lingering at once —
/// and before Lua frees any string a message still lends (see
/// [`enable_zero_copy`]).
struct StateGuard;

impl Drop for StateGuard {
    fn drop(&mut self) {
        zmq_script::wait_for_terminations();
    }
}

/// Give userdata of type `T` the metatable fields the Lua half built.
fn register_type<T: 'static>(lua: &Lua, meta: Table) -> mlua::Result<()> {
    let mut fields = Vec::new();
    for pair in meta.pairs::<String, Value>() {
        fields.push(pair?);
    }
    lua.register_userdata_type::<T>(move |reg| {
        for (name, value) in fields {
            reg.add_meta_field(name, value);
        }
    })
}

/// Make `require "zmq"` (and `require "ratchet"`, `require "ratchet.zmqsocket"`,
/// which also set the global `ratchet` as the original library does) work in
/// `lua`. The module is built on the first `require`.
pub fn install(lua: &Lua) -> mlua::Result<()> {
    lua.preload_module("zmq", lua.create_function(|lua, ()| open(lua))?)?;
    lua.preload_module("ratchet", lua.create_function(|lua, ()| ratchet(lua))?)?;
    lua.preload_module(
        "ratchet.zmqsocket",
        lua.create_function(|lua, ()| ratchet(lua)?.get::<Table>("zmqsocket"))?,
    )?;
    Ok(())
}

/// The ratchet compatibility table (`ratchet.zmqsocket.new`, `ratchet.new(fn)`...),
/// also set as the global `ratchet`.
pub fn ratchet(lua: &Lua) -> mlua::Result<Table> {
    let r: Table = open(lua)?.get("ratchet")?;
    if lua.globals().get::<Value>("ratchet")?.is_nil() {
        lua.globals().set("ratchet", &r)?;
    }
    Ok(r)
}

/// Let `send` lend strings of 16 KiB or more to libzmq instead of copying
/// them (zero-copy; the string is kept alive until libzmq has sent it). Call
/// it before or after the module is opened; `zlua` and `zmq.so` do.
///
/// The host's promise: no context or socket of this state outlives it. A
/// socket's core handle (`LuaSocket`'s `socket()`), or a context reached
/// through one, kept after the `Lua` is dropped could still hold a message
/// whose bytes belonged to a freed string. Without such handles every
/// context is terminated while the state closes (its finalizers run before
/// any object is freed), and termination waits for every message. (The
/// default context, [`default_context`], is safe either way: closing the
/// state terminates it, host sockets included.)
pub fn enable_zero_copy(lua: &Lua) {
    raw::state_loans(lua).enabled.store(true, std::sync::atomic::Ordering::Relaxed);
}

/// Terminate every context this Lua state created (the default one and
/// those of `zmq.context()`): open sockets are closed keeping their LINGER,
/// so queued messages are still delivered. Closing the Lua state does the
/// same; call this before a `std::process::exit` that skips it.
pub fn terminate(lua: &Lua) -> mlua::Result<()> {
    if let Value::Function(f) = lua.named_registry_value::<Value>(TERM_ALL_KEY)? {
        f.call::<()>(())?;
    }
    Ok(())
}
