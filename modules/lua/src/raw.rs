//! The hot path: `send`/`recv` as plain `lua_CFunction`s.
//!
//! An mlua callback costs a few hundred nanoseconds (argument conversion,
//! userdata borrow, result packing); a message costs less than that in
//! libzmq. So the `send` and `recv` methods are C closures that do all of
//! their work themselves when they can:
//!
//! - a socket, a string/integer/nil, plain flags: try once without waiting;
//! - it would block and no `zmq.loop()` is running: block here (the same
//!   [`SockCell`] wait the full path uses, timeouts and Ctrl-C included);
//! - any ZeroMQ error: raise the `zmq.Error` here (through the Lua `raise`
//!   function, upvalue 3).
//!
//! Everything else (odd arguments, a coroutine of the scheduler that must
//! pause) goes to the full path, a Lua function of `lua/zmq.lua`, which may
//! yield (`lua_callk`) or raise. On 5.1 and LuaJIT, where a C function cannot
//! call Lua code that yields, the methods return nothing instead and their
//! Lua wrappers (`lua/zmq.lua`) call the full path. The upvalues of both closures:
//!
//! | # | what |
//! |---|---|
//! | 1 | the full path |
//! | 2 | the scheduler's state table: `[1]` is the coroutine `zmq.loop()` runs, nil when no loop runs |
//! | 3 | `raise(code, errno, message)`, which raises a `zmq.Error` |
//! | 4 | the anchor table of lent strings (see `loan.rs`) |
//!
//! Each socket's cell also holds its state's [`Loans`], so that lending and
//! releasing need no upvalue lookup.
//!
//! Strings of [`LEND_MIN`] bytes or more are lent to libzmq instead of copied
//! when the state allows it (`loan.rs`).
//!
//! Finding the socket without mlua: each socket userdata's hidden slot (its
//! first user value on 5.4; see `compat.rs` for the others) is a small
//! *holder* userdata made here ([`Holder`]): a magic word (so a
//! foreign userdata is never mistaken for one) and a counted pointer to the
//! socket's [`Slot`], which points at its [`SockCell`] until the
//! [`LuaSocket`](crate::LuaSocket) is dropped. Holder and socket share the
//! slot, so neither order of finalization leaves a dangling pointer, and a
//! socket reached after its finalizer (or a holder after its own) takes the
//! full path, which fails cleanly.
//!
//! Cost (callgrind, per call): ~100 instructions to find the socket, against
//! ~380 for the previous metatable-in-the-registry check.
//!
//! Raising: Lua raises with `longjmp`, which skips the destructors of the
//! Rust frames it crosses. So the Rust work runs inside [`guarded`],
//! whose values are all dropped when it returns, and only the two entry
//! points [`send_method`]/[`recv_method`] call what may raise: [`raise`]
//! (`lua_call` of upvalue 3, which always raises), [`call_full`] (the full
//! path may raise or yield), `luaL_ref` in [`lend`] and `lua_pushlstring`
//! (memory errors). Each is reached with only plain values live (pointers,
//! integers, references); the one exception, a received frame while its
//! bytes are pushed, would leak on a memory error, not dangle.

use crate::compat;
use crate::loan::{self, Loans, LEND_MIN};
use crate::socket::{Slot, SockCell};
use mlua::{ffi, AnyUserData, Function, Lua, Table};
use std::os::raw::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use std::sync::Arc;
use zmq_script as zs;
use zs::constants::{DONTWAIT, SNDMORE};

/// Its address marks holders (and is the registry key of their metatable).
static MAGIC: u8 = 0;

fn magic() -> *const c_void {
    &MAGIC as *const u8 as *const c_void
}

/// The first user value of every socket userdata.
#[repr(C)]
struct Holder {
    magic: *const c_void,
    /// `Rc::into_raw` of the socket's slot; null once the holder is finalized.
    slot: *const Slot,
}

/// `__gc` of holders: release the slot.
///
/// # Safety
/// Lua calls it as a metamethod: `l` is a live state with the finalized value at index 1
/// (checked to be a holder before use).
unsafe extern "C-unwind" fn holder_gc(l: *mut ffi::lua_State) -> c_int {
    let h = ffi::lua_touserdata(l, 1) as *mut Holder;
    if !h.is_null() && ffi::lua_rawlen(l, 1) == std::mem::size_of::<Holder>() && (*h).magic == magic() {
        let slot = std::mem::replace(&mut (*h).slot, std::ptr::null());
        if !slot.is_null() {
            drop(Rc::from_raw(slot));
        }
    }
    0
}

/// Give socket userdata `ud` its holder, pointing at `slot`.
pub(crate) fn attach(lua: &Lua, ud: &AnyUserData, slot: &Rc<Slot>) -> mlua::Result<()> {
    let slot = slot.clone();
    // SAFETY: exec_raw runs the closure in protected mode with `ud` pushed at -1 and room for
    // three more values (this needs three at most: metatable, holder and, before 5.3, the
    // user value table). The pushes before `Rc::into_raw` may raise a
    // memory error, which only leaks the cloned `slot` (no destructor runs, nothing dangles);
    // after it nothing can raise, so the count goes to the holder exactly once.
    unsafe {
        lua.exec_raw::<()>(ud.clone(), move |l| {
            // The metatable first (it may raise a memory error: nothing to undo yet).
            if ffi::lua_rawgetp(l, ffi::LUA_REGISTRYINDEX, magic()) == ffi::LUA_TNIL {
                ffi::lua_pop(l, 1);
                ffi::lua_createtable(l, 0, 2);
                ffi::lua_pushcfunction(l, holder_gc);
                ffi::lua_setfield(l, -2, c"__gc".as_ptr());
                ffi::lua_pushboolean(l, 0);
                ffi::lua_setfield(l, -2, c"__metatable".as_ptr());
                ffi::lua_pushvalue(l, -1);
                ffi::lua_rawsetp(l, ffi::LUA_REGISTRYINDEX, magic());
            }
            let h = compat::new_userdata(l, std::mem::size_of::<Holder>()) as *mut Holder;
            // Only plain values from here: the slot's count is handed over exactly once (a
            // memory error in `set_slot` before 5.3 leaves the holder to its `__gc`).
            std::ptr::write(h, Holder { magic: magic(), slot: Rc::into_raw(slot) });
            ffi::lua_insert(l, -2);
            ffi::lua_setmetatable(l, -2);
            compat::set_slot(l, ffi::lua_absindex(l, -2));
        })
    }
}

/// The cell of the socket at stack index `idx`, if it is a live socket.
/// Pushes one value (left below the results): the caller first fills the
/// stack up to its last argument, so that the value never takes the place
/// of an absent argument.
///
/// # Safety
/// `l` is the state of the running C function, with room for two more values and
/// `idx` a valid stack index. The cell may only be used while the socket
/// userdata stays at `idx` (it keeps the socket, so the cell, alive) and before
/// anything that may run Lua code or a collection which could drop it: the
/// entry points use it only within this call.
#[inline]
pub(crate) unsafe fn cell<'a>(l: *mut ffi::lua_State, idx: c_int) -> Option<&'a SockCell> {
    if ffi::lua_type(l, idx) != ffi::LUA_TUSERDATA {
        return None;
    }
    if compat::push_slot(l, idx) != ffi::LUA_TUSERDATA {
        return None;
    }
    let h = ffi::lua_touserdata(l, -1) as *const Holder;
    if ffi::lua_rawlen(l, -1) != std::mem::size_of::<Holder>() || (*h).magic != magic() || (*h).slot.is_null() {
        return None;
    }
    (*(*h).slot).get().as_ref()
}

/// Flags from a `more`/`flags` argument: nil/false, true, or an integer.
///
/// # Safety
/// `l` is the state of the running C function and `idx` an acceptable stack index.
#[inline]
pub(crate) unsafe fn flags(l: *mut ffi::lua_State, idx: c_int, allowed: i32) -> Option<i32> {
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

/// What the C half made of a call.
pub(crate) enum Outcome<T> {
    /// Done: push this.
    Done(T),
    /// Raise this error.
    Failed(zs::Error),
    /// Let the full path (Lua) handle it.
    Full,
    /// Lend the string argument (`data`, `len` bytes) to libzmq: `send`
    /// anchors it first (that may raise, so no Rust frame may be live).
    Lend { sock: *const SockCell, data: *const u8, len: usize, flags: i32 },
}

/// True if no `zmq.loop()` is running (upvalue 2's `[1]` is nil): a call
/// that would block may then block here, as the full path would.
///
/// # Safety
/// `l` is the state of one of this file's closures while it runs (upvalue 2 is a table)
/// with room for one more value. It cannot raise (a raw read).
#[inline]
pub(crate) unsafe fn no_scheduler(l: *mut ffi::lua_State) -> bool {
    let t = ffi::lua_rawgeti(l, ffi::lua_upvalueindex(2), 1);
    ffi::lua_pop(l, 1);
    t == ffi::LUA_TNIL
}

/// Run `f` with panics turned into the full path. No Rust value `f` makes
/// outlives this call, so the caller may let Lua raise (longjmp) afterwards.
#[inline]
pub(crate) fn guarded<T>(f: impl FnOnce() -> Outcome<T>) -> Outcome<T> {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or(Outcome::Full)
}

/// Send `data` with the user's flags `f`: once without waiting, then (if it
/// would block and may block here) waiting.
///
/// # Safety
/// As [`no_scheduler`]. It does not raise.
unsafe fn send_data(l: *mut ffi::lua_State, s: &SockCell, data: &[u8], f: i32) -> Outcome<()> {
    match s.sock.send(data, f | DONTWAIT) {
        Ok(_) => Outcome::Done(()),
        Err(e) if e.is_again() && f & DONTWAIT == 0 => {
            if !no_scheduler(l) {
                return Outcome::Full; // a coroutine may have to pause
            }
            match s.send_wait(data, f) {
                Ok(()) => Outcome::Done(()),
                Err(e) => Outcome::Failed(e),
            }
        }
        Err(e) => Outcome::Failed(e),
    }
}

/// `send`'s C half. It does not raise.
///
/// # Safety
/// `l` is the state of [`send_method`] with at least 3 stack slots filled (index 2 is
/// `data`, 3 the flags); `s` is the cell [`cell`] found for index 1.
unsafe fn try_send(l: *mut ffi::lua_State, s: Option<&SockCell>) -> Outcome<()> {
    guarded(|| {
        let Some(s) = s else { return Outcome::Full };
        let Some(f) = flags(l, 3, DONTWAIT | SNDMORE) else { return Outcome::Full };
        match ffi::lua_type(l, 2) {
            ffi::LUA_TSTRING => {
                let mut len = 0usize;
                let p = ffi::lua_tolstring(l, 2, &mut len) as *const u8;
                if len >= LEND_MIN && s.loans.enabled.load(std::sync::atomic::Ordering::Relaxed) {
                    return Outcome::Lend { sock: s, data: p, len, flags: f };
                }
                // The string stays on the stack (argument 2) for the whole call.
                send_data(l, s, std::slice::from_raw_parts(p, len), f)
            }
            ffi::LUA_TNUMBER if ffi::lua_isinteger(l, 2) != 0 => {
                let mut scratch = [0u8; 8];
                let payload = zs::Payload::from_integer(ffi::lua_tointeger(l, 2));
                send_data(l, s, payload.bytes(&mut scratch), f)
            }
            ffi::LUA_TNIL => send_data(l, s, &[], f),
            _ => Outcome::Full,
        }
    })
}

/// `recv`'s C half. It does not raise.
///
/// # Safety
/// `l` is the state of [`recv_method`] with at least 2 stack slots filled; `s` is the
/// cell [`cell`] found for index 1.
unsafe fn try_recv(l: *mut ffi::lua_State, s: Option<&SockCell>) -> Outcome<zs::Frame> {
    guarded(|| {
        let Some(s) = s else { return Outcome::Full };
        if ffi::lua_type(l, 2) == ffi::LUA_TBOOLEAN {
            return Outcome::Full;
        }
        let Some(f) = flags(l, 2, DONTWAIT) else { return Outcome::Full };
        match s.sock.recv(f | DONTWAIT) {
            Ok(frame) => Outcome::Done(frame),
            Err(e) if e.is_again() && f & DONTWAIT == 0 => {
                if !no_scheduler(l) {
                    return Outcome::Full;
                }
                match s.recv_wait(f) {
                    Ok(frame) => Outcome::Done(frame),
                    Err(e) => Outcome::Failed(e),
                }
            }
            Err(e) => Outcome::Failed(e),
        }
    })
}

/// Raise `e` as a `zmq.Error` through the Lua `raise(code, errno, message)`
/// (upvalue 3). Never returns.
///
/// # Safety
/// `l` is the state of one of this file's closures while it runs, with room for four
/// values, and the caller's frame holds no Rust value with a destructor (Lua's
/// `longjmp` skips them): `e` itself is dropped here before Lua raises.
pub(crate) unsafe fn raise(l: *mut ffi::lua_State, e: zs::Error) -> c_int {
    ffi::lua_pushvalue(l, ffi::lua_upvalueindex(3));
    push_fields(l, e);
    ffi::lua_call(l, 3, 0);
    0
}

/// Push `code, errno, message` of `e` (the fields of a `zmq.Error`), then drop `e`.
///
/// # Safety
/// `l` is a live state with room for three values.
pub(crate) unsafe fn push_fields(l: *mut ffi::lua_State, e: zs::Error) {
    {
        let code = e.code();
        let message = e.message();
        ffi::lua_pushlstring(l, code.as_ptr() as *const _, code.len());
        ffi::lua_pushinteger(l, e.errno() as ffi::lua_Integer);
        ffi::lua_pushlstring(l, message.as_ptr() as *const _, message.len());
    } // `message` is freed before the caller lets Lua unwind.
    drop(e);
}

/// Release the anchors of the strings libzmq has given back, if any (the
/// socket at index 1 leads to its state's [`Loans`]).
///
/// # Safety
/// As [`release`].
#[inline(always)]
unsafe fn settle(l: *mut ffi::lua_State, s: Option<&SockCell>) {
    if let Some(s) = s {
        if s.loans.pending() {
            release(l, &s.loans);
        }
    }
}

/// Release every anchor `loans` has got back.
///
/// # Safety
/// `l` is the state of one of this file's closures while it runs (upvalue 4 is the anchor
/// table `loans` belongs to). It does not raise: `luaL_unref` only resets existing slots.
#[cold]
#[inline(never)]
unsafe fn release(l: *mut ffi::lua_State, loans: &Loans) {
    let anchors = catch_unwind(AssertUnwindSafe(|| loans.take())).unwrap_or_default();
    for &a in &anchors {
        // Resets an existing slot of the anchor table: allocates nothing, cannot raise.
        ffi::luaL_unref(l, ffi::lua_upvalueindex(4), a);
    }
}

/// Call the full path (upvalue 1, a Lua function) with this call's `nargs`
/// arguments. It may yield (the scheduler) or raise; no Rust value is alive
/// here, so both are fine.
///
/// # Safety
/// `l` is the state of one of this file's closures while it runs (upvalue 1 is the full
/// path), called with `nargs` arguments, and its caller holds no Rust value with a
/// destructor: on a yield or an error this frame is abandoned.
///
/// Where a C function cannot call Lua code that yields (5.1, LuaJIT: see
/// [`compat::CONTINUATIONS`]), it returns no value instead, and the Lua
/// wrapper that called this method runs the full path itself.
#[cfg(not(any(feature = "lua51", feature = "luajit")))]
pub(crate) unsafe fn call_full(l: *mut ffi::lua_State, nargs: c_int) -> c_int {
    ffi::lua_settop(l, nargs);
    ffi::lua_pushvalue(l, ffi::lua_upvalueindex(1));
    ffi::lua_insert(l, 1);
    compat::call_yieldable(l, nargs);
    ffi::lua_gettop(l)
}

/// Where continuations are missing: nothing to call here (see above).
///
/// # Safety
/// As the version above (this one touches nothing).
#[cfg(any(feature = "lua51", feature = "luajit"))]
pub(crate) unsafe fn call_full(_l: *mut ffi::lua_State, _nargs: c_int) -> c_int {
    0
}

/// Lend the string argument (2) of `send`: anchor it, hand it to libzmq,
/// or copy it if libzmq would not take it now. Only plain values are live
/// when `luaL_ref` (which may raise a memory error) runs.
///
/// # Safety
/// `l` is the state of [`send_method`] whose argument 2 is the string of `len` bytes at
/// `data`, and `sock` the cell of its argument 1 (both kept alive by the stack); the
/// caller holds no Rust value with a destructor.
unsafe fn lend(l: *mut ffi::lua_State, sock: *const SockCell, data: *const u8, len: usize, flags: i32) -> Outcome<()> {
    ffi::lua_pushvalue(l, 2);
    let anchor = ffi::luaL_ref(l, ffi::lua_upvalueindex(4));
    let lent = guarded(|| {
        match loan::lend(&(*sock).sock, std::slice::from_raw_parts(data, len), flags, anchor, &(*sock).loans) {
            Ok(true) => Outcome::Done(()),
            // Not taken: the anchor comes back through `Loans`.
            Ok(false) => Outcome::Full,
            // Never handed to libzmq: the anchor is still ours.
            Err(()) => Outcome::Lend { sock, data, len, flags },
        }
    });
    match lent {
        Outcome::Done(()) => return Outcome::Done(()),
        Outcome::Lend { .. } => ffi::luaL_unref(l, ffi::lua_upvalueindex(4), anchor),
        _ => {}
    }
    // Copy instead: this waits or fails exactly as a copied send does.
    guarded(|| send_data(l, &*sock, std::slice::from_raw_parts(data, len), flags))
}

/// `socket:send(data, more)`.
///
/// # Safety
/// Lua calls it as the closure [`register`] made (its four upvalues in place).
unsafe extern "C-unwind" fn send_method(l: *mut ffi::lua_State) -> c_int {
    let nargs = ffi::lua_gettop(l);
    if nargs < 3 {
        ffi::lua_settop(l, 3);
    }
    let s = cell(l, 1);
    settle(l, s);
    let outcome = match try_send(l, s) {
        // Matching moved the outcome: nothing with drop glue is live while
        // `luaL_ref` may raise.
        Outcome::Lend { sock, data, len, flags } => lend(l, sock, data, len, flags),
        other => other,
    };
    match outcome {
        Outcome::Done(()) => {
            ffi::lua_pushboolean(l, 1);
            1
        }
        Outcome::Failed(e) => raise(l, e),
        Outcome::Full | Outcome::Lend { .. } => call_full(l, nargs),
    }
}

/// `socket:recv(flags)`.
///
/// # Safety
/// Lua calls it as the closure [`register`] made (its four upvalues in place).
unsafe extern "C-unwind" fn recv_method(l: *mut ffi::lua_State) -> c_int {
    let nargs = ffi::lua_gettop(l);
    if nargs < 2 {
        ffi::lua_settop(l, 2);
    }
    let s = cell(l, 1);
    settle(l, s);
    match try_recv(l, s) {
        Outcome::Done(frame) => {
            // Only a memory error can raise here, and only under a memory
            // limit (mlua aborts otherwise): then the push is protected, so
            // that the frame (perhaps a lent string's message) is released.
            let limited = s.is_some_and(|s| s.loans.limited.load(std::sync::atomic::Ordering::Relaxed));
            if limited {
                if !push_protected(l, frame.data()) {
                    drop(frame);
                    ffi::lua_error(l); // the memory error, re-raised
                }
            } else {
                let data = frame.data();
                ffi::lua_pushlstring(l, data.as_ptr() as *const _, data.len());
            }
            ffi::lua_pushboolean(l, frame.more() as c_int);
            drop(frame);
            2
        }
        Outcome::Failed(e) => raise(l, e),
        Outcome::Full | Outcome::Lend { .. } => call_full(l, nargs),
    }
}

/// Push `data` as a Lua string inside `lua_pcall`: false (the error on the
/// stack) if Lua could not allocate it.
///
/// # Safety
/// `l` is a live Lua state with room for three stack slots.
#[cold]
unsafe fn push_protected(l: *mut ffi::lua_State, data: &[u8]) -> bool {
    // Safety: called only by lua_pcall below, with the light userdata and
    // length pushed there, which describe `data` for the whole call.
    unsafe extern "C-unwind" fn push(l: *mut ffi::lua_State) -> c_int {
        let p = ffi::lua_touserdata(l, 1) as *const std::os::raw::c_char;
        let n = ffi::lua_tointeger(l, 2) as usize;
        ffi::lua_pushlstring(l, p, n);
        1
    }
    // SAFETY: a light C function and a light userdata allocate nothing; `data`
    // outlives the call (the caller holds the frame until it returns).
    ffi::lua_pushcfunction(l, push);
    ffi::lua_pushlightuserdata(l, data.as_ptr() as *mut c_void);
    ffi::lua_pushinteger(l, data.len() as ffi::lua_Integer);
    ffi::lua_pcall(l, 2, 1, 0) == ffi::LUA_OK
}

/// This state's [`Loans`], created on first use.
pub(crate) fn state_loans(lua: &Lua) -> Arc<Loans> {
    struct StateLoans(Arc<Loans>);
    if let Some(l) = lua.app_data_ref::<StateLoans>() {
        return l.0.clone();
    }
    let loans = Arc::new(Loans::default());
    lua.set_app_data(StateLoans(loans.clone()));
    loans
}

/// Fill `c` with `fast_methods(full_send, full_recv, sched, raise)`, which
/// returns the `send` and `recv` methods: see the module documentation for
/// the roles of the arguments.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    // False on 5.1/LuaJIT: the Lua half wraps `send`/`recv` (see `call_full`).
    c.set("continuations", compat::CONTINUATIONS)?;
    c.set(
        "fast_methods",
        lua.create_function(|lua, (full_send, full_recv, sched, raise): (Function, Function, Table, Function)| {
            let anchors = lua.create_table()?;
            let make = |f: Function, method: ffi::lua_CFunction| -> mlua::Result<Function> {
                let upvalues = (f, sched.clone(), raise.clone(), anchors.clone());
                // SAFETY: exec_raw pushes the four upvalues in this order (the layout the
                // module doc describes and `method` expects); lua_pushcclosure pops them and
                // pushes the one result read back as the Function.
                unsafe {
 lua.exec_raw::<Function>(upvalues, |l| ffi::lua_pushcclosure(l, method, 4)) }
            };
            Ok((make(full_send, send_method)?, make(full_recv, recv_method)?))
        })?,
    )?;
    Ok(())
}
