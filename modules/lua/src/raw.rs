//! The hot path: `send`/`recv` as plain `lua_CFunction`s.
//!
//! An mlua callback costs a few hundred nanoseconds (argument conversion,
//! userdata borrow, result packing); a message costs less than that in
//! libzmq. So the `send` and `recv` methods are C closures that handle the
//! common case themselves (a socket, a string or integer, plain flags, the
//! operation succeeds without waiting) and otherwise call the full path, a
//! Lua function of `lua/zmq.lua` kept as their upvalue, which waits, pauses
//! the coroutine (`lua_callk` lets it yield) or raises the error.
//!
//! Finding the socket: each socket userdata's first user value is a light
//! userdata pointing to its boxed [`SockCell`] ([`attach`]), and the socket
//! metatable is kept in the registry. An argument is used only if its
//! metatable is that one: mlua swaps in another metatable before it drops a
//! collected socket, so a pointer is never followed after the cell is freed.

use crate::socket::SockCell;
use mlua::{ffi, AnyUserData, Function, Lua, Table};
use std::os::raw::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use zmq_script as zs;
use zs::constants::{DONTWAIT, SNDMORE};

/// Registry key (its address) of the socket metatable.
static SOCKET_MT: u8 = 0;

fn mt_key() -> *const c_void {
    &SOCKET_MT as *const u8 as *const c_void
}

/// Store `cell` in `ud`'s user value, and the socket metatable in the
/// registry the first time.
pub(crate) fn attach(lua: &Lua, ud: &AnyUserData, cell: *const SockCell) -> mlua::Result<()> {
    unsafe {
        lua.exec_raw::<()>(ud.clone(), |l| {
            ffi::lua_pushlightuserdata(l, cell as *mut c_void);
            ffi::lua_setiuservalue(l, -2, 1);
            if ffi::lua_rawgetp(l, ffi::LUA_REGISTRYINDEX, mt_key()) == ffi::LUA_TNIL {
                ffi::lua_pop(l, 1);
                if ffi::lua_getmetatable(l, -1) != 0 {
                    ffi::lua_rawsetp(l, ffi::LUA_REGISTRYINDEX, mt_key());
                }
            } else {
                ffi::lua_pop(l, 1);
            }
        })
    }
}

/// The cell of the socket at stack index `idx`, if it is a live socket.
unsafe fn cell<'a>(l: *mut ffi::lua_State, idx: c_int) -> Option<&'a SockCell> {
    if ffi::lua_type(l, idx) != ffi::LUA_TUSERDATA || ffi::lua_getmetatable(l, idx) == 0 {
        return None;
    }
    ffi::lua_rawgetp(l, ffi::LUA_REGISTRYINDEX, mt_key());
    let same = ffi::lua_rawequal(l, -1, -2) != 0;
    ffi::lua_pop(l, 2);
    if !same {
        return None;
    }
    ffi::lua_getiuservalue(l, idx, 1);
    let p = ffi::lua_touserdata(l, -1) as *const SockCell;
    ffi::lua_pop(l, 1);
    p.as_ref()
}

/// Flags from a `more`/`flags` argument: nil/false, true, or an integer.
unsafe fn flags(l: *mut ffi::lua_State, idx: c_int, allowed: i32) -> Option<i32> {
    match ffi::lua_type(l, idx) {
        ffi::LUA_TNONE | ffi::LUA_TNIL => Some(0),
        ffi::LUA_TBOOLEAN => Some(if ffi::lua_toboolean(l, idx) != 0 { SNDMORE } else { 0 }),
        ffi::LUA_TNUMBER if ffi::lua_isinteger(l, idx) != 0 => {
            let f = ffi::lua_tointeger(l, idx);
            (f >= 0 && f & !(allowed as i64) == 0).then_some(f as i32)
        }
        _ => None,
    }
}

/// The common case of `send`: true if sent at once. Every Rust value is
/// dropped when this returns (the caller may then let Lua longjmp).
unsafe fn try_send(l: *mut ffi::lua_State) -> bool {
    catch_unwind(AssertUnwindSafe(|| {
        let Some(s) = cell(l, 1) else { return false };
        let Some(f) = flags(l, 3, DONTWAIT | SNDMORE) else { return false };
        match ffi::lua_type(l, 2) {
            ffi::LUA_TSTRING => {
                let mut len = 0usize;
                let p = ffi::lua_tolstring(l, 2, &mut len) as *const u8;
                let data = std::slice::from_raw_parts(p, len);
                s.sock.send(data, f | DONTWAIT).is_ok()
            }
            ffi::LUA_TNUMBER if ffi::lua_isinteger(l, 2) != 0 => {
                let mut scratch = [0u8; 8];
                let payload = zs::Payload::from_integer(ffi::lua_tointeger(l, 2));
                s.sock.send(payload.bytes(&mut scratch), f | DONTWAIT).is_ok()
            }
            _ => false,
        }
    }))
    .unwrap_or(false)
}

/// The common case of `recv`: pushes `data, more` and returns true if a
/// message was there.
unsafe fn try_recv(l: *mut ffi::lua_State) -> bool {
    let frame = catch_unwind(AssertUnwindSafe(|| {
        let s = cell(l, 1)?;
        let f = flags(l, 2, DONTWAIT).filter(|_| ffi::lua_type(l, 2) != ffi::LUA_TBOOLEAN)?;
        s.sock.recv(f | DONTWAIT).ok()
    }))
    .ok()
    .flatten();
    match frame {
        Some(frame) => {
            // Only a memory error can raise here (and would leak this one frame).
            let data = frame.data();
            ffi::lua_pushlstring(l, data.as_ptr() as *const _, data.len());
            ffi::lua_pushboolean(l, frame.more() as c_int);
            true
        }
        None => false,
    }
}

/// Continuation of [`call_full`]: the full path's results are the results.
unsafe extern "C-unwind" fn finish(l: *mut ffi::lua_State, _status: c_int, _ctx: ffi::lua_KContext) -> c_int {
    ffi::lua_gettop(l)
}

/// Call the full path (upvalue 1, a Lua function) with this call's
/// arguments. It may yield (the scheduler) or raise; no Rust value is alive
/// here, so both are fine.
unsafe fn call_full(l: *mut ffi::lua_State) -> c_int {
    let nargs = ffi::lua_gettop(l);
    ffi::lua_pushvalue(l, ffi::lua_upvalueindex(1));
    ffi::lua_insert(l, 1);
    ffi::lua_callk(l, nargs, ffi::LUA_MULTRET, 0, Some(finish));
    finish(l, ffi::LUA_OK, 0)
}

/// `socket:send(data, more)`.
unsafe extern "C-unwind" fn send_method(l: *mut ffi::lua_State) -> c_int {
    if try_send(l) {
        ffi::lua_pushboolean(l, 1);
        return 1;
    }
    call_full(l)
}

/// `socket:recv(flags)`.
unsafe extern "C-unwind" fn recv_method(l: *mut ffi::lua_State) -> c_int {
    if try_recv(l) {
        return 2;
    }
    call_full(l)
}

/// Fill `c` with `fast_methods(full_send, full_recv)`, which returns the
/// `send` and `recv` methods: the common case here, the rest in the given
/// Lua functions.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    c.set(
        "fast_methods",
        lua.create_function(|lua, (full_send, full_recv): (Function, Function)| {
            let make = |f: Function, method: ffi::lua_CFunction| -> mlua::Result<Function> {
                unsafe { lua.exec_raw::<Function>(f, |l| ffi::lua_pushcclosure(l, method, 1)) }
            };
            Ok((make(full_send, send_method)?, make(full_recv, recv_method)?))
        })?,
    )?;
    Ok(())
}
