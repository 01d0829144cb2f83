//! [`LuaPoller`]: libzmq's own polling model (`zmq.poller()`), over the
//! core's [`zs::Poller`].
//!
//! The Rust poller holds the targets; the Lua values that go with them (the
//! socket object itself, so that `event.socket` is the very object passed to
//! `add`, and the user data) live in the userdata's user value, a Lua table
//! kept in the same order, so that the garbage collector sees them.

use crate::convert;
use crate::error::{bad_arg, function, Fail, Res};
use crate::socket::LuaSocket;
use mlua::{AnyUserData, Lua, Table, Value};
use std::cell::RefCell;
use zmq_script as zs;
use zs::PollTarget;

/// A poller object.
pub struct LuaPoller {
    poller: RefCell<zs::Poller<()>>,
}

fn this(v: &Value, fname: &str) -> Res<AnyUserData> {
    match v {
        Value::UserData(ud) if ud.is::<LuaPoller>() => Ok(ud.clone()),
        other => Err(Fail::Arg(format!(
            "bad self to '{fname}' (zmq poller expected, got {}; call it as poller:{fname}(...))",
            crate::error::type_name(other)
        ))),
    }
}

fn target(v: &Value, fname: &str) -> Res<PollTarget> {
    match v {
        Value::UserData(ud) if ud.is::<LuaSocket>() => Ok(PollTarget::Socket(ud.borrow::<LuaSocket>()?.sock.clone())),
        Value::Integer(_) | Value::Number(_) => Ok(PollTarget::Fd(convert::i32_arg(v, 1, fname, None)?)),
        other => Err(bad_arg(1, fname, "zmq socket or file descriptor", other)),
    }
}

fn events_arg(v: &Value, n: usize, fname: &str) -> Res<i16> {
    let e = match v {
        Value::Nil => None,
        v => Some(convert::int_arg(v, n, fname, None)?),
    };
    Ok(zs::poll_events(e)?)
}

fn timeout_arg(v: &Value, n: usize, fname: &str) -> Res<i64> {
    convert::int_arg(v, n, fname, Some(-1))
}

/// The event table for entry `index`: `{socket = s | fd = n, events = e, user_data = d}`.
fn event(lua: &Lua, entries: &Table, index: usize, events: i16) -> mlua::Result<Table> {
    let entry: Table = entries.raw_get(index + 1)?;
    let ev = lua.create_table_with_capacity(0, 3)?;
    let target: Value = entry.raw_get(1)?;
    match target {
        Value::UserData(_) => ev.raw_set("socket", target)?,
        other => ev.raw_set("fd", other)?,
    }
    ev.raw_set("events", events)?;
    ev.raw_set("user_data", entry.raw_get::<Value>(2)?)?;
    Ok(ev)
}

fn wait_all(lua: &Lua, ud: &AnyUserData, max: usize, timeout: i64) -> Res<Option<Vec<Table>>> {
    let p = ud.borrow::<LuaPoller>()?;
    let found = p.poller.borrow_mut().wait_all(max, timeout)?;
    if found.is_empty() {
        return Ok(None);
    }
    let entries: Table = ud.user_value()?;
    let mut out = Vec::with_capacity(found.len());
    for e in found {
        out.push(event(lua, &entries, e.index, e.events)?);
    }
    Ok(Some(out))
}

/// Fill `c` with `poller` and its primitives (`poller_add`...).
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    c.set(
        "poller",
        function(lua, |lua, ()| {
            let ud = lua.create_any_userdata(LuaPoller { poller: RefCell::new(zs::Poller::new()) })?;
            ud.set_user_value(lua.create_table()?)?;
            Ok(ud)
        })?,
    )?;
    c.set(
        "poller_add",
        function(lua, |lua, (p, t, events, data): (Value, Value, Value, Value)| {
            let ud = this(&p, "add")?;
            let target = target(&t, "add")?;
            let events = events_arg(&events, 2, "add")?;
            ud.borrow::<LuaPoller>()?.poller.borrow_mut().add(target, events, ())?;
            let entries: Table = ud.user_value()?;
            let entry = lua.create_table()?;
            entry.raw_set(1, t)?;
            entry.raw_set(2, data)?;
            entries.raw_push(entry)?;
            Ok(true)
        })?,
    )?;
    c.set(
        "poller_modify",
        function(lua, |_, (p, t, events): (Value, Value, Value)| {
            let ud = this(&p, "modify")?;
            let target = target(&t, "modify")?;
            let events = events_arg(&events, 2, "modify")?;
            ud.borrow::<LuaPoller>()?.poller.borrow_mut().modify(&target, events)?;
            Ok(true)
        })?,
    )?;
    c.set(
        "poller_remove",
        function(lua, |_, (p, t): (Value, Value)| {
            let ud = this(&p, "remove")?;
            let target = target(&t, "remove")?;
            let poller = ud.borrow::<LuaPoller>()?;
            let mut poller = poller.poller.borrow_mut();
            let index = poller.entries().iter().position(|e| e.target.same(&target));
            poller.remove(&target)?;
            if let Some(i) = index {
                let entries: Table = ud.user_value()?;
                let n = entries.raw_len();
                for k in (i + 1)..n {
                    entries.raw_set(k, entries.raw_get::<Value>(k + 1)?)?;
                }
                entries.raw_set(n, Value::Nil)?;
            }
            Ok(true)
        })?,
    )?;
    c.set(
        "poller_size",
        function(lua, |_, p: Value| Ok(this(&p, "size")?.borrow::<LuaPoller>()?.poller.borrow().len()))?,
    )?;
    c.set(
        "poller_wait",
        function(lua, |lua, (p, timeout): (Value, Value)| {
            let ud = this(&p, "wait")?;
            let timeout = timeout_arg(&timeout, 1, "wait")?;
            Ok(wait_all(lua, &ud, 1, timeout)?.and_then(|mut v| v.pop()))
        })?,
    )?;
    c.set(
        "poller_wait_all",
        function(lua, |lua, (p, n, timeout): (Value, Value, Value)| {
            let ud = this(&p, "wait_all")?;
            let n = zs::event_count(convert::int_arg(&n, 1, "wait_all", None)?)?;
            let timeout = timeout_arg(&timeout, 2, "wait_all")?;
            wait_all(lua, &ud, n, timeout)
        })?,
    )?;
    Ok(())
}
