//! What differs between the Lua versions this crate builds for (features
//! `lua51`, `lua52`, `lua53`, `lua54`, `luajit`), in one place. Everything
//! else in the crate is version-free; `lua/base.lua` picks its own few helpers
//! at load time (see its header).
//!
//! | | 5.4 | 5.3 | 5.2 | 5.1, LuaJIT |
//! |---|---|---|---|---|
//! | user value of a socket (its holder, `raw.rs`) | `lua_setiuservalue` slot 1 | the one user value | `[1]` of the user value table | `[1]` of the environment table |
//! | a C function may call Lua code that yields | `lua_callk` | `lua_callk` | `lua_callk` | no: [`CONTINUATIONS`] is false |
//! | integers | 64-bit subtype | 64-bit subtype | doubles: exact to 2^53 | doubles: exact to 2^53 |

use mlua::{ffi, Value};
use std::os::raw::{c_int, c_void};
use zmq_script as zs;

/// True if a C function can call Lua code that yields (`lua_callk`): on 5.1
/// and LuaJIT it cannot, so the hot-path C functions hand the would-block
/// case back to a Lua wrapper (`lua/zmq.lua`), which yields from Lua code.
pub(crate) const CONTINUATIONS: bool = !cfg!(any(feature = "lua51", feature = "luajit"));

/// True if Lua numbers have a 64-bit integer subtype (5.3, 5.4).
pub(crate) const INTEGERS: bool = cfg!(any(feature = "lua53", feature = "lua54"));

/// A new full userdata of `size` bytes with no user values of its own.
///
/// # Safety
/// `l` is a live state with room for one more value; it may raise a memory error.
pub(crate) unsafe fn new_userdata(l: *mut ffi::lua_State, size: usize) -> *mut c_void {
    #[cfg(feature = "lua54")]
    return ffi::lua_newuserdatauv(l, size, 0);
    #[cfg(not(feature = "lua54"))]
    return ffi::lua_newuserdata(l, size);
}

/// Pop the value on top of the stack into the hidden slot of the userdata at
/// absolute index `ud` (slot 1 of its user values on 5.4, the user value on
/// 5.3, `[1]` of its user value / environment table before).
///
/// # Safety
/// `l` is a live state inside a protected call (it may raise a memory error) with a
/// userdata at the absolute index `ud`, a value on top and room for two more values.
pub(crate) unsafe fn set_slot(l: *mut ffi::lua_State, ud: c_int) {
    #[cfg(feature = "lua54")]
    ffi::lua_setiuservalue(l, ud, 1);
    #[cfg(feature = "lua53")]
    ffi::lua_setuservalue(l, ud);
    #[cfg(not(any(feature = "lua53", feature = "lua54")))]
    {
        // 5.1/LuaJIT: mlua gives every userdata an (empty) environment table; 5.2: nil.
        if ffi::lua_getuservalue(l, ud) != ffi::LUA_TTABLE {
            ffi::lua_pop(l, 1);
            ffi::lua_createtable(l, 1, 0);
            ffi::lua_pushvalue(l, -1);
            ffi::lua_setuservalue(l, ud);
        }
        ffi::lua_insert(l, -2);
        ffi::lua_rawseti(l, -2, 1);
        ffi::lua_pop(l, 1);
    }
}

/// Push the hidden slot of the value at `idx` (a userdata) and return its
/// type. Pushes exactly one value; never raises (raw reads only).
///
/// # Safety
/// `l` is a live state with a userdata at `idx` (not a pseudo-index) and room for two
/// more values.
#[inline]
pub(crate) unsafe fn push_slot(l: *mut ffi::lua_State, idx: c_int) -> c_int {
    #[cfg(feature = "lua54")]
    return ffi::lua_getiuservalue(l, idx, 1);
    #[cfg(feature = "lua53")]
    return ffi::lua_getuservalue(l, idx);
    #[cfg(not(any(feature = "lua53", feature = "lua54")))]
    {
        if ffi::lua_getuservalue(l, idx) != ffi::LUA_TTABLE {
            return ffi::lua_type(l, -1); // not ours: the caller checks the type
        }
        let t = ffi::lua_rawgeti(l, -1, 1);
        ffi::lua_remove(l, -2);
        t
    }
}

/// Call the function below the `nargs` arguments on top of the stack with
/// every result kept, where the called code may yield: `finish` continues
/// after a yield (5.2+). Only built where [`CONTINUATIONS`] holds.
///
/// # Safety
/// As `lua_callk`: `l` is the state of a running C function whose frame holds no Rust
/// value with a destructor (a yield or an error abandons it).
#[cfg(not(any(feature = "lua51", feature = "luajit")))]
pub(crate) unsafe fn call_yieldable(l: *mut ffi::lua_State, nargs: c_int) {
    #[cfg(feature = "lua52")]
    {
        unsafe extern "C-unwind" fn finish(l: *mut ffi::lua_State) -> c_int {
            ffi::lua_gettop(l)
        }
        ffi::lua_callk(l, nargs, ffi::LUA_MULTRET, 0, Some(finish));
    }
    #[cfg(not(feature = "lua52"))]
    {
        unsafe extern "C-unwind" fn finish(l: *mut ffi::lua_State, _status: c_int, _ctx: ffi::lua_KContext) -> c_int {
            ffi::lua_gettop(l)
        }
        ffi::lua_callk(l, nargs, ffi::LUA_MULTRET, 0, Some(finish));
    }
}

/// Largest magnitude a double holds exactly with every integer below it: 2^53.
const EXACT: u64 = 1 << 53;

/// An integer as a Lua value. Without an integer subtype (5.1, 5.2, LuaJIT)
/// a value beyond ±2^53 would be rounded: that is an `EINVAL` error naming
/// the value (`recv()` still gives the 8 raw bytes), never a silent rounding.
/// With one, a value beyond the 64-bit range (an unsigned option) is a float.
pub(crate) fn integer(i: i128, what: &str) -> zs::Result<Value> {
    match i64::try_from(i) {
        Ok(n) if INTEGERS || n.unsigned_abs() <= EXACT => Ok(Value::Integer(n as ffi::lua_Integer)),
        Err(_) if INTEGERS => Ok(Value::Number(i as f64)),
        _ => Err(zs::Error::invalid(format!(
            "{what} {i} is beyond 2^53 and this Lua has no integer type to hold it exactly (recv() gives the raw bytes)"
        ))),
    }
}
