//! The hot path: `send`/`recv` as plain `lua_CFunction`s.
//!
//! An mlua callback costs a few hundred nanoseconds (argument conversion,
//! userdata borrow, result packing); a message costs less than that in
//! libzmq. So `send`/`recv` in `lua/zmq.lua` first call [`fast_send`] /
//! [`fast_recv`], which handle only the common case (a socket, a string or
//! integer, plain flags, the operation succeeds without waiting) and
//! otherwise return `false`; the Lua half then takes the full path in
//! `socket.rs`, which waits, pauses the coroutine or reports the error. No
//! error is ever raised from here.
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

/// `fast_send(socket, data, more)` → true if sent now, else false.
unsafe extern "C-unwind" fn fast_send(l: *mut ffi::lua_State) -> c_int {
    let sent = catch_unwind(AssertUnwindSafe(|| {
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
    .unwrap_or(false);
    ffi::lua_pushboolean(l, sent as c_int);
    1
}

/// `fast_recv(socket, flags)` → data, more if a message was there, else false.
unsafe extern "C-unwind" fn fast_recv(l: *mut ffi::lua_State) -> c_int {
    let frame = catch_unwind(AssertUnwindSafe(|| {
        let s = cell(l, 1)?;
        let f = flags(l, 2, DONTWAIT).filter(|_| ffi::lua_type(l, 2) != ffi::LUA_TBOOLEAN)?;
        s.sock.recv(f | DONTWAIT).ok()
    }))
    .ok()
    .flatten();
    match frame {
        Some(frame) => {
            let data = frame.data();
            ffi::lua_pushlstring(l, data.as_ptr() as *const _, data.len());
            ffi::lua_pushboolean(l, frame.more() as c_int);
            2
        }
        None => {
            ffi::lua_pushboolean(l, 0);
            1
        }
    }
}

/// Fill `c` with `fast_send` and `fast_recv`.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    let send: Function = unsafe { lua.create_c_function(fast_send)? };
    let recv: Function = unsafe { lua.create_c_function(fast_recv)? };
    c.set("fast_send", send)?;
    c.set("fast_recv", recv)?;
    Ok(())
}
