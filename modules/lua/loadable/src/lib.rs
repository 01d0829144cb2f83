//! `zmq.so`: the `zmq` module for a stock `lua5.4` (or, built with the
//! feature `lua51`, `lua52`, `lua53` or `luajit`, for that interpreter).
//!
//! ```text
//! scripts/lua/build-module.sh            # leaves target/lua/zmq.so
//! LUA_CPATH="target/lua/?.so" lua5.4 script.lua
//! scripts/lua/build-module.sh --lua 5.1  # leaves target/lua/5.1/zmq.so
//! ```
//!
//! Entry points: `luaopen_zmq` (`require "zmq"`), `luaopen_ratchet` and
//! `luaopen_ratchet_zmqsocket` (`require "ratchet"`, `require
//! "ratchet.zmqsocket"`, found through the `ratchet.so` link next to it).
//!
//! Ctrl-C: stock `lua` stops a running script from its SIGINT handler by
//! setting a hook, which cannot end a call blocked inside libzmq. On first
//! load this module adds its own SIGINT handler in front of that one (which
//! it still calls), and an interrupt hook that ends the blocking call with
//! an `EINTR` error. A process whose SIGINT was left at its default (or
//! ignored) is left alone.

use mlua::{Lua, Table};
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use zmq_script as zs;

/// Every luaopen_*: the SIGINT handling below, and zero-copy sends (no
/// context or socket of the state can outlive it: only scripts hold them).
fn prepare(lua: &Lua) {
    install_interrupt();
    zmq_lua::enable_zero_copy(lua);
}

/// Add the SIGINT handling described above, once per process.
fn install_interrupt() {
    static DONE: AtomicBool = AtomicBool::new(false);
    if DONE.swap(true, Ordering::SeqCst) {
        return;
    }
    // SAFETY: reading the current SIGINT action into a zeroed local (sigaction is plain data)
    // with a null `act` changes nothing.
    let previous_is_plain_handler = unsafe {
        let mut old: libc::sigaction = std::mem::zeroed();
        libc::sigaction(libc::SIGINT, std::ptr::null(), &mut old) == 0
            && old.sa_sigaction != libc::SIG_DFL
            && old.sa_sigaction != libc::SIG_IGN
            && old.sa_flags & libc::SA_SIGINFO == 0
    };
    if previous_is_plain_handler && zs::signal::install(&[libc::SIGINT], true).is_ok() {
        zs::interrupt::set_signal_hook(Some(Rc::new(|| match zs::signal::take() {
            Some(_) => Err(zs::Error::Interrupted),
            None => Ok(()),
        })));
    }
}

/// `require "zmq"`.
#[mlua::lua_module(name = "zmq")]
fn zmq(lua: &Lua) -> mlua::Result<Table> {
    prepare(lua);
    zmq_lua::open(lua)
}

/// `require "ratchet"` (through `ratchet.so`, a link to this file).
#[mlua::lua_module(name = "ratchet")]
fn ratchet(lua: &Lua) -> mlua::Result<Table> {
    prepare(lua);
    zmq_lua::ratchet(lua)
}

/// `require "ratchet.zmqsocket"`: Lua finds `luaopen_ratchet_zmqsocket` in `ratchet.so`.
#[mlua::lua_module(name = "ratchet_zmqsocket")]
fn ratchet_zmqsocket(lua: &Lua) -> mlua::Result<Table> {
    prepare(lua);
    zmq_lua::ratchet(lua)?.get("zmqsocket")
}
