//! The Rust side of the coroutine scheduler (`zmq.spawn`/`zmq.loop`, written
//! in `lua/zmq.lua`): one poll over every socket that a paused coroutine
//! waits for, a monotonic clock, and an interruptible sleep.

use crate::convert;
use crate::error::{bad_arg, function, Res};
use crate::socket::LuaSocket;
use mlua::{Lua, Table, Value};
use std::sync::OnceLock;
use std::time::Instant;
use zmq_script as zs;
use zs::interrupt::Deadline;
use zs::PollTarget;

/// Seconds since the first call in this process (a monotonic clock).
pub fn now() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Wait until one of `socks[i]` can do `events[i]` or `timeout_ms` passes
/// (negative: no limit). Returns the events per socket (0: not ready).
/// A socket that is closed, or whose context is shutting down, is reported
/// ready with POLLERR so that the coroutine waiting for it wakes up and
/// meets the error itself.
fn poll(socks: &Table, events: &Table, timeout_ms: i64) -> Res<Vec<i64>> {
    let n = socks.raw_len();
    let mut out = vec![0i64; n];
    let mut poller: zs::Poller<usize> = zs::Poller::new();
    let mut broken = false;
    for (i, slot) in out.iter_mut().enumerate() {
        let v: Value = socks.raw_get(i + 1)?;
        let ev: i64 = events.raw_get(i + 1)?;
        let Value::UserData(ud) = &v else { return Err(bad_arg(1, "poll", "zmq socket", &v)) };
        let sock = ud.borrow::<LuaSocket>()?.sock.clone();
        if sock.is_closed() || sock.context().is_terminated() {
            *slot = zs::constants::POLLERR as i64;
            broken = true;
            continue;
        }
        poller.add(PollTarget::Socket(sock), ev as i16, i)?;
    }
    if broken {
        return Ok(out);
    }
    match poller.wait_all(n.max(1), timeout_ms) {
        Ok(found) => {
            for e in found {
                let i = poller.entries()[e.index].data;
                out[i] = e.events as i64;
            }
            Ok(out)
        }
        Err(e) if e.is_gone() => {
            // Let every waiter retry and meet the error in its own coroutine.
            Ok(vec![zs::constants::POLLERR as i64; n])
        }
        Err(e) => Err(e.into()),
    }
}

/// Fill `c` with `poll`, `now` and `sleep`.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    c.set(
        "poll",
        function(lua, |_, (socks, events, timeout): (Table, Table, Value)| {
            let timeout = convert::int_arg(&timeout, 3, "poll", Some(-1))?;
            poll(&socks, &events, timeout)
        })?,
    )?;
    c.set("now", lua.create_function(|_, ()| Ok(now()))?)?;
    c.set(
        "sleep",
        function(lua, |_, secs: Value| {
            let ms = match &secs {
                Value::Integer(_) | Value::Number(_) => convert::seconds_to_ms(&secs, 1, "sleep")?.max(0),
                other => return Err(bad_arg(1, "sleep", "number", other)),
            };
            zs::interrupt::sleep(Deadline::from_ms(ms))?;
            Ok(true)
        })?,
    )?;
    Ok(())
}
