//! Memory limits for a host's Lua state.
//!
//! Everything a Lua script can hold from ZeroMQ is a Lua value allocated by
//! the state's allocator (received messages become Lua strings, copied), so
//! the state's own limit already counts it. Past the limit Lua raises its
//! catchable "not enough memory" error (in `recv`, the message is dropped) and
//! the script goes on. Without a limit, an allocation the system refuses
//! aborts the process (mlua calls `handle_alloc_error`): a limit is the only
//! soft path, so a host that sandboxes scripts should set one.

use mlua::Lua;

/// Limit `lua` to `bytes` of Lua heap (0: no limit), as `zlua --memory-limit`
/// does. Returns the previous limit. Received messages count against it; a
/// `recv` that cannot allocate its string raises after releasing the message.
pub fn set_memory_limit(lua: &Lua, bytes: usize) -> mlua::Result<usize> {
    let previous = lua.set_memory_limit(bytes)?;
    crate::raw::state_loans(lua).limited.store(bytes != 0, std::sync::atomic::Ordering::Relaxed);
    Ok(previous)
}
