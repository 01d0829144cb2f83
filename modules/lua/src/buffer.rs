//! `zmq.buffer(size)` and `socket:recv_into(buffer[, flags])`: receiving
//! into memory the script reuses, with no Lua string made per message.
//!
//! A buffer is a plain full userdata made here (not an mlua one): a
//! [`Header`] (a magic word, so a foreign userdata is never mistaken for a
//! buffer; its capacity; the length of the last message received into it)
//! followed by `size` bytes. Its metatable (in the registry under
//! [`MAGIC`]'s address) gives `buf:size()` (also `#buf`) and
//! `buf:tostring([n])`, the first `n` bytes as a string (by default the
//! bytes of the last message received, cut to the size).
//!
//! `recv_into` is a C closure in the shape of `recv` (`raw.rs`, same first
//! three upvalues: full path, scheduler state, `raise`): it receives without
//! waiting, blocks here when no `zmq.loop()` runs, and hands anything else
//! (a coroutine that must pause, odd arguments) to the full path in
//! `lua/zmq.lua`, which calls [`recv_into_c`] (`C.socket_recv_into`).
//! It returns the message's size (larger than the buffer when the message
//! did not fit: the core's rule) and whether more parts follow.

use crate::compat;
use crate::raw::{call_full, cell, flags, guarded, no_scheduler, push_fields, raise, Outcome};
use mlua::{ffi, Function, Lua, Table};
use std::os::raw::{c_int, c_void};
use zmq_script as zs;
use zs::constants::DONTWAIT;

/// Its address marks buffers (and is the registry key of their metatable).
static MAGIC: u8 = 0;

fn magic() -> *const c_void {
    &MAGIC as *const u8 as *const c_void
}

/// The start of every buffer userdata; its `cap` bytes follow.
#[repr(C)]
struct Header {
    magic: *const c_void,
    cap: usize,
    /// Bytes of the last message received into it (at most `cap`).
    len: usize,
}

/// The largest buffer: what one message can be (2 GiB).
const MAX_SIZE: i64 = i32::MAX as i64;

/// The buffer at stack index `idx` and its bytes, if it is one.
///
/// # Safety
/// `l` is a live state and `idx` an acceptable index. The result is used only while the
/// userdata stays on the stack (Lua does not move full userdata).
unsafe fn buffer_at<'a>(l: *mut ffi::lua_State, idx: c_int) -> Option<(&'a mut Header, &'a mut [u8])> {
    if ffi::lua_type(l, idx) != ffi::LUA_TUSERDATA {
        return None;
    }
    let h = ffi::lua_touserdata(l, idx) as *mut Header;
    let size = ffi::lua_rawlen(l, idx);
    if h.is_null() || size < std::mem::size_of::<Header>() || (*h).magic != magic() {
        return None;
    }
    let cap = (*h).cap;
    if size != std::mem::size_of::<Header>() + cap {
        return None;
    }
    let data = (h as *mut u8).add(std::mem::size_of::<Header>());
    Some((&mut *h, std::slice::from_raw_parts_mut(data, cap)))
}

/// Push `nil, code, errno, message` for `e`; returns 4.
///
/// # Safety
/// `l` has room for four values; it may raise a memory error only (no Rust value with a
/// destructor is live in the callers when it does: `e` is dropped first).
unsafe fn push_error(l: *mut ffi::lua_State, e: zs::Error) -> c_int {
    ffi::lua_pushnil(l);
    push_fields(l, e);
    4
}

fn not_a_buffer() -> zs::Error {
    zs::Error::invalid("recv_into(buffer, flags): buffer must be made by zmq.buffer(size)")
}

/// `C.buffer_new(size)` → a buffer, or `nil, code, errno, message` (the Lua
/// `zmq.buffer` raises it).
///
/// # Safety
/// Lua calls it as a C function.
unsafe extern "C-unwind" fn buffer_new(l: *mut ffi::lua_State) -> c_int {
    let size = if ffi::lua_type(l, 1) == ffi::LUA_TNUMBER && ffi::lua_isinteger(l, 1) != 0 {
        ffi::lua_tointeger(l, 1) as i64
    } else {
        -1
    };
    if !(0..=MAX_SIZE).contains(&size) {
        return push_error(l, zs::Error::invalid("zmq.buffer(size): size must be an integer from 0 to 2^31-1"));
    }
    let cap = size as usize;
    let h = compat::new_userdata(l, std::mem::size_of::<Header>() + cap) as *mut Header;
    // Only plain values here; the bytes start zeroed so that tostring never shows stale memory.
    std::ptr::write(h, Header { magic: magic(), cap, len: 0 });
    std::ptr::write_bytes((h as *mut u8).add(std::mem::size_of::<Header>()), 0, cap);
    if ffi::lua_rawgetp(l, ffi::LUA_REGISTRYINDEX, magic()) == ffi::LUA_TNIL {
        ffi::lua_pop(l, 1);
        ffi::lua_createtable(l, 0, 3);
        ffi::lua_createtable(l, 0, 2);
        ffi::lua_pushcfunction(l, buffer_size);
        ffi::lua_setfield(l, -2, c"size".as_ptr());
        ffi::lua_pushcfunction(l, buffer_tostring);
        ffi::lua_setfield(l, -2, c"tostring".as_ptr());
        ffi::lua_setfield(l, -2, c"__index".as_ptr());
        ffi::lua_pushcfunction(l, buffer_size);
        ffi::lua_setfield(l, -2, c"__len".as_ptr());
        ffi::lua_pushboolean(l, 0);
        ffi::lua_setfield(l, -2, c"__metatable".as_ptr());
        ffi::lua_pushvalue(l, -1);
        ffi::lua_rawsetp(l, ffi::LUA_REGISTRYINDEX, magic());
    }
    ffi::lua_setmetatable(l, -2);
    1
}

/// `buf:size()` and `#buf` → the capacity in bytes.
///
/// # Safety
/// Lua calls it as a C function (a method: the buffer at index 1).
unsafe extern "C-unwind" fn buffer_size(l: *mut ffi::lua_State) -> c_int {
    match buffer_at(l, 1) {
        Some((h, _)) => ffi::lua_pushinteger(l, h.cap as ffi::lua_Integer),
        None => ffi::lua_pushnil(l),
    }
    1
}

/// `buf:tostring([n])` → the first `n` bytes (default: the last message
/// received into it, cut to the size; `n` is clamped to 0..size).
///
/// # Safety
/// Lua calls it as a C function (a method: the buffer at index 1).
unsafe extern "C-unwind" fn buffer_tostring(l: *mut ffi::lua_State) -> c_int {
    let Some((h, data)) = buffer_at(l, 1) else {
        ffi::lua_pushnil(l);
        return 1;
    };
    let n = if ffi::lua_type(l, 2) == ffi::LUA_TNUMBER {
        (ffi::lua_tointeger(l, 2) as i64).clamp(0, h.cap as i64) as usize
    } else {
        h.len
    };
    ffi::lua_pushlstring(l, data.as_ptr() as *const _, n);
    1
}

/// Receive into the buffer: `Done((size, more))`, `Full` if it would block and must not block
/// here (`may_block` false), `Failed` otherwise. It does not raise.
fn receive(s: &crate::socket::SockCell, buf: &mut [u8], f: i32, may_block: bool) -> Outcome<(usize, bool)> {
    // Flags the core refuses go to it unchanged, so that its error names them.
    let first = if f & !DONTWAIT != 0 { f } else { f | DONTWAIT };
    match s.socket().recv_into(buf, first) {
        Ok(r) => Outcome::Done(r),
        Err(e) if e.is_again() && f & DONTWAIT == 0 => {
            if !may_block {
                return Outcome::Full;
            }
            match s.recv_into_wait(buf, f) {
                Ok(r) => Outcome::Done(r),
                Err(e) => Outcome::Failed(e),
            }
        }
        Err(e) => Outcome::Failed(e),
    }
}

/// Push a receive's results, recording the length in the buffer; returns 2.
///
/// # Safety
/// `l` has room for two values and `h` is the header of a buffer on its stack.
unsafe fn push_received(l: *mut ffi::lua_State, h: &mut Header, (size, more): (usize, bool)) -> c_int {
    h.len = size.min(h.cap);
    ffi::lua_pushinteger(l, size as ffi::lua_Integer);
    ffi::lua_pushboolean(l, more as c_int);
    2
}

/// `socket:recv_into(buffer, flags)`: the C closure (see the module doc).
///
/// # Safety
/// Lua calls it as the closure [`register`] made (three upvalues, as `raw.rs`'s).
unsafe extern "C-unwind" fn recv_into_method(l: *mut ffi::lua_State) -> c_int {
    let nargs = ffi::lua_gettop(l);
    if nargs < 3 {
        ffi::lua_settop(l, 3);
    }
    let s = cell(l, 1);
    let b = buffer_at(l, 2);
    let f = flags(l, 3, DONTWAIT).filter(|_| ffi::lua_type(l, 3) != ffi::LUA_TBOOLEAN);
    let (Some(s), Some((h, data)), Some(f)) = (s, b, f) else {
        return call_full(l, nargs);
    };
    let may_block = f & DONTWAIT != 0 || no_scheduler(l);
    match guarded(|| receive(s, data, f, may_block)) {
        Outcome::Done(r) => push_received(l, h, r),
        Outcome::Failed(e) => raise(l, e),
        _ => call_full(l, nargs),
    }
}

/// `C.socket_recv_into(socket, buffer, flags, may_block)` for the full path:
/// `size, more`; `false` if it would block and `may_block` is false;
/// `nil, code, errno, message` on an error (bad arguments included).
///
/// # Safety
/// Lua calls it as a C function.
unsafe extern "C-unwind" fn recv_into_c(l: *mut ffi::lua_State) -> c_int {
    ffi::lua_settop(l, 4);
    let may_block = ffi::lua_toboolean(l, 4) != 0;
    let s = cell(l, 1);
    ffi::lua_settop(l, 4); // drop what `cell` pushed
    let Some(s) = s else {
        return push_error(l, zs::Error::Closed);
    };
    let Some((h, data)) = buffer_at(l, 2) else {
        return push_error(l, not_a_buffer());
    };
    let f = match ffi::lua_type(l, 3) {
        ffi::LUA_TNONE | ffi::LUA_TNIL => 0,
        ffi::LUA_TNUMBER if ffi::lua_isinteger(l, 3) != 0 => ffi::lua_tointeger(l, 3) as i32,
        _ => return push_error(l, zs::Error::invalid("recv_into(buffer, flags): flags must be an integer")),
    };
    match guarded(|| receive(s, data, f, may_block)) {
        Outcome::Done(r) => push_received(l, h, r),
        Outcome::Failed(e) => push_error(l, e),
        _ => {
            ffi::lua_pushboolean(l, 0);
            1
        }
    }
}

/// Fill `c` with `buffer_new`, `socket_recv_into` and
/// `fast_recv_into(full_recv_into, sched, raise)`, which returns the method.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    // SAFETY: plain C functions of the shape Lua calls (see each one's contract).
    unsafe {
        c.set("buffer_new", lua.create_c_function(buffer_new)?)?;
        c.set("socket_recv_into", lua.create_c_function(recv_into_c)?)?;
    }
    c.set(
        "fast_recv_into",
        lua.create_function(|lua, (full, sched, raise): (Function, Table, Function)| {
            // SAFETY: exec_raw pushes the three upvalues in the order `raw.rs` lays out;
            // lua_pushcclosure pops them and pushes the closure, read back as the Function.
            unsafe { lua.exec_raw::<Function>((full, sched, raise), |l| ffi::lua_pushcclosure(l, recv_into_method, 3)) }
        })?,
    )?;
    Ok(())
}
