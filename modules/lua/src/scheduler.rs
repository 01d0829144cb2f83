//! The Rust side of the coroutine scheduler (`zmq.spawn`/`zmq.loop`, written
//! in `lua/scheduler.lua`): one core [`Reactor`] wait over every socket and file
//! descriptor that a paused coroutine waits for, a blocking wait on one
//! descriptor (`zmq.wait_readable`/`zmq.wait_writable` outside a coroutine),
//! a monotonic clock, and an interruptible sleep.

use crate::convert;
use crate::error::{bad_arg, function, Res};
use crate::socket::LuaSocket;
use mlua::{Lua, Table, Value};
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use zmq_script as zs;
use zs::interrupt::Deadline;
use zs::reactor::Source;
use zs::Reactor;

/// Seconds since the first call in this process (a monotonic clock).
pub fn now() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64()
}

/// Wait until one of `items[i]` (a socket, or a raw file descriptor as an
/// integer) can do `events[i]` or `timeout_ms` passes (negative: no limit):
/// one core [`Reactor`] wait. Returns the events per item (0: not ready).
/// A socket that is closed, or whose context is shutting down, is reported
/// ready with POLLERR so that the coroutine waiting for it wakes up and
/// meets the error itself; so is a descriptor that hung up.
fn poll(items: &Table, events: &Table, timeout_ms: i64) -> Res<Vec<i64>> {
    let n = items.raw_len();
    let mut out = vec![0i64; n];
    let mut reactor = Reactor::new();
    let mut broken = false;
    for (i, slot) in out.iter_mut().enumerate() {
        let v: Value = items.raw_get(i + 1)?;
        let ev: i64 = events.raw_get(i + 1)?;
        let source = match &v {
            Value::UserData(ud) => {
                let sock = ud.borrow::<LuaSocket>()?.sock.clone();
                if sock.is_closed() || sock.context().is_terminated() {
                    *slot = zs::constants::POLLERR as i64;
                    broken = true;
                }
                Source::Socket(sock)
            }
            Value::Integer(fd) if *fd >= 0 && *fd <= i32::MAX as i64 => Source::Fd(*fd as i32),
            other => return Err(bad_arg(1, "poll", "zmq socket or file descriptor", other)),
        };
        reactor.add(source, ev as i16, None);
    }
    if broken {
        return Ok(out);
    }
    let until = (timeout_ms >= 0).then(|| Instant::now() + Duration::from_millis(timeout_ms as u64));
    if reactor.is_empty() && until.is_none() {
        return Ok(out);
    }
    for r in reactor.wait(until)? {
        out[r.index] = r.events as i64;
    }
    Ok(out)
}

/// Block until `fd` can do `events` or `timeout_ms` passes (negative: no
/// limit): true if it can (or hung up), false on timeout.
fn wait_fd(fd: i64, events: i16, timeout_ms: i64) -> Res<bool> {
    let mut reactor = Reactor::new();
    let deadline = (timeout_ms >= 0).then(|| Instant::now() + Duration::from_millis(timeout_ms as u64));
    reactor.add(Source::Fd(fd as i32), events, deadline);
    Ok(reactor.wait(None)?.iter().any(|r| r.events != 0))
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
    c.set(
        "wait_fd",
        function(lua, |_, (fd, events, timeout): (Value, i64, Value)| {
            let fd = match fd {
                Value::Integer(fd) if (0..=i32::MAX as i64).contains(&fd) => fd,
                other => return Err(bad_arg(1, "wait_fd", "file descriptor", &other)),
            };
            let ms = convert::seconds_to_ms(&timeout, 2, "wait_fd")?;
            wait_fd(fd, events as i16, ms)
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
