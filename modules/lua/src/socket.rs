//! [`LuaSocket`]: the socket userdata and the Rust primitives behind its
//! methods.
//!
//! The methods a script calls are assembled in `lua/zmq.lua` (one plain
//! table set as `__index`). `send`/`recv` there are thin Lua functions over
//! [`send`]/[`recv`] here: those try once without blocking and, when the
//! socket is not ready, either wait here (outside the coroutine scheduler)
//! or report "would block" so that the Lua half can pause the coroutine.

use crate::convert;
use crate::loan::Loans;
use crate::error::{bad_arg, function, Fail, Res};
use mlua::{AnyUserData, Lua, Table, UserDataRef, Value};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use zmq_script as zs;
use zs::constants::{DONTWAIT, POLLIN, POLLOUT};

/// A socket as Lua holds it. Closed by `close()`, `__close`, or when
/// collected (Drop is the finalizer); the core keeps every case safe.
///
/// The state lives in a boxed [`SockCell`] that the hot-path C functions
/// reach through the userdata's user value and a shared [`Slot`] (see
/// `raw.rs`); dropping the socket empties the slot.
pub struct LuaSocket {
    cell: Box<SockCell>,
    slot: Rc<Slot>,
}

/// Where the C half finds a socket's cell: null once the socket is dropped.
pub(crate) type Slot = Cell<*const SockCell>;

/// What a socket object holds.
pub struct SockCell {
    pub(crate) sock: zs::Socket,
    /// `set_timeout` in ms; negative: wait as long as it takes.
    timeout_ms: Cell<i64>,
    /// The state's lent strings (`loan.rs`).
    pub(crate) loans: Arc<Loans>,
}

impl Drop for LuaSocket {
    fn drop(&mut self) {
        self.slot.set(std::ptr::null());
    }
}

impl std::ops::Deref for LuaSocket {
    type Target = SockCell;
    fn deref(&self) -> &SockCell {
        &self.cell
    }
}

impl LuaSocket {
    /// Wrap a core socket (e.g. one the host made, for
    /// `lua.create_any_userdata`). Such a socket works like any other; its
    /// calls take the general path (no C fast path, no lending).
    pub fn new(sock: zs::Socket) -> LuaSocket {
        LuaSocket::with_loans(sock, Arc::new(Loans::default()))
    }

    /// Wrap a core socket of a state whose lent strings are `loans`.
    pub(crate) fn with_loans(sock: zs::Socket, loans: Arc<Loans>) -> LuaSocket {
        let cell = Box::new(SockCell { sock, timeout_ms: Cell::new(-1), loans });
        let slot = Rc::new(Cell::new(&*cell as *const SockCell));
        LuaSocket { cell, slot }
    }
}

impl SockCell {
    /// The core socket.
    pub fn socket(&self) -> &zs::Socket {
        &self.sock
    }

    /// Send `data`. `Ok(false)`: it would block and `block` is false; with
    /// `block`, wait as long as the socket's timeout allows.
    fn send_bytes(&self, data: &[u8], flags: i32, block: bool) -> zs::Result<bool> {
        if flags & DONTWAIT != 0 {
            return self.sock.send(data, flags).map(|_| true);
        }
        if self.sock.try_send(data, flags)?.is_some() {
            return Ok(true);
        }
        if !block {
            return Ok(false);
        }
        self.send_wait(data, flags).map(|_| true)
    }

    /// Send `data`, waiting as long as the socket's timeout allows (the C
    /// half calls this after an attempt without waiting found it would block).
    /// Running out of the timeout is ETIMEDOUT; without one, SNDTIMEO gives EAGAIN.
    pub(crate) fn send_wait(&self, data: &[u8], flags: i32) -> zs::Result<()> {
        self.sock.send_timeout(data, flags, self.timeout_ms.get()).map(|_| ())
    }

    /// Receive one part, waiting as [`SockCell::send_wait`] does.
    pub(crate) fn recv_wait(&self, flags: i32) -> zs::Result<zs::Frame> {
        self.sock.recv_timeout(flags, self.timeout_ms.get())
    }

    /// Receive one part into `buf`, waiting as [`SockCell::recv_wait`] does (`buffer.rs`).
    pub(crate) fn recv_into_wait(&self, buf: &mut [u8], flags: i32) -> zs::Result<(usize, bool)> {
        self.sock.recv_into_timeout(buf, flags, self.timeout_ms.get())
    }

    /// Receive one part. `Ok(None)`: it would block and `block` is false.
    fn recv_frame(&self, flags: i32, block: bool) -> zs::Result<Option<zs::Frame>> {
        if flags & DONTWAIT != 0 {
            return self.sock.recv(flags).map(Some);
        }
        if let Some(frame) = self.sock.try_recv(flags)? {
            return Ok(Some(frame));
        }
        if !block {
            return Ok(None);
        }
        self.recv_wait(flags).map(Some)
    }
}

/// Borrow argument `v` as a socket (argument #0 in messages: `self`).
pub(crate) fn this(v: &Value, fname: &str) -> Res<UserDataRef<LuaSocket>> {
    match v {
        Value::UserData(ud) if ud.is::<LuaSocket>() => Ok(ud.borrow::<LuaSocket>()?),
        other => Err(Fail::Arg(format!(
            "bad self to '{fname}' (zmq socket expected, got {}; call it as socket:{fname}(...))",
            crate::error::type_name(other)
        ))),
    }
}

/// A socket object for a core socket the host made (in any context); works
/// before any `require "zmq"` (the module's methods are registered first).
pub fn socket_userdata(lua: &Lua, socket: zs::Socket) -> mlua::Result<AnyUserData> {
    crate::open(lua)?;
    create(lua, socket)
}

/// A new socket userdata.
pub(crate) fn create(lua: &Lua, sock: zs::Socket) -> mlua::Result<AnyUserData> {
    let s = LuaSocket::with_loans(sock, crate::raw::state_loans(lua));
    let slot = s.slot.clone();
    let ud = lua.create_any_userdata(s)?;
    crate::raw::attach(lua, &ud, &slot)?;
    Ok(ud)
}

/// Fill `c` with the socket primitives (`socket_bind`, `socket_send`...).
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    type Endpoint = fn(&zs::Socket, &str) -> zs::Result<()>;
    let endpoint_calls: [(&str, Endpoint); 4] = [
        ("bind", zs::Socket::bind),
        ("connect", zs::Socket::connect),
        ("unbind", zs::Socket::unbind),
        ("disconnect", zs::Socket::disconnect),
    ];
    for (name, call) in endpoint_calls {
        c.set(
            format!("socket_{name}"),
            function(lua, move |_, (s, ep): (Value, Value)| {
                let s = this(&s, name)?;
                let ep = convert::string_arg(&ep, 1, name)?;
                call(&s.sock, &ep)?;
                Ok(true)
            })?,
        )?;
    }

    // send(self, data, more_or_flags, block) -> true | false (would block) | nil, err...
    c.set(
        "socket_send",
        lua.create_function(|lua, (s, data, more, block): (Value, Value, Value, bool)| {
            match send(&s, &data, &more, block) {
                Ok(sent) => Ok((Value::Boolean(sent), Value::Nil, Value::Nil, Value::Nil)),
                Err(fail) => fail.into_values(lua),
            }
        })?,
    )?;

    // recv(self, flags, block) -> data, more | false (would block) | nil, err...
    c.set(
        "socket_recv",
        lua.create_function(|lua, (s, flags, block): (Value, Value, bool)| match recv(lua, &s, &flags, block) {
            Ok(Some((data, more))) => Ok((data, Value::Boolean(more), Value::Nil, Value::Nil)),
            Ok(None) => Ok((Value::Boolean(false), Value::Nil, Value::Nil, Value::Nil)),
            Err(fail) => fail.into_values(lua),
        })?,
    )?;

    // monitor(self, events) -> a SUB socket on which the events arrive.
    c.set(
        "socket_monitor",
        function(lua, |lua, (s, events): (Value, Value)| {
            let s = this(&s, "monitor")?;
            let events = match events {
                Value::Nil => None,
                v => Some(convert::i32_arg(&v, 1, "monitor", None)?),
            };
            let sub = s.sock.monitor(events)?;
            Ok(create(lua, sub)?)
        })?,
    )?;
    c.set(
        "socket_bind_to_random_port",
        function(lua, |_, (s, address): (Value, Value)| {
            let s = this(&s, "bind_to_random_port")?;
            let address = match address {
                Value::Nil => None,
                v => Some(convert::string_arg(&v, 1, "bind_to_random_port")?),
            };
            Ok(s.sock.bind_to_random_port(address.as_deref())?)
        })?,
    )?;
    // multipart_flags(n, flags) -> flags of the first, middle and last parts (the core's plan).
    c.set(
        "multipart_flags",
        function(lua, |_, (n, flags): (Value, Value)| {
            let n = convert::int_arg(&n, 1, "send_multipart", None)?;
            let flags = convert::i32_arg(&flags, 2, "send_multipart", Some(0))?;
            let plan = zs::Multipart::new(usize::try_from(n).unwrap_or(0), flags)?;
            let last = usize::try_from(n).unwrap_or(1).saturating_sub(1);
            Ok((plan.flags(0), plan.flags(1.min(last)), plan.flags(last)))
        })?,
    )?;
    c.set(
        "socket_close",
        function(lua, |_, s: Value| {
            this(&s, "close")?.sock.close()?;
            Ok(true)
        })?,
    )?;
    c.set(
        "socket_closed",
        function(lua, |_, s: Value| Ok(this(&s, "closed")?.sock.is_closed()))?,
    )?;
    c.set(
        "socket_getsockopt",
        function(lua, |lua, (s, name): (Value, Value)| {
            let s = this(&s, "getsockopt")?;
            let opt = convert::socket_option(&name, "getsockopt")?;
            let v = s.sock.get_option(opt)?;
            convert::option_to_lua(lua, opt, v)
        })?,
    )?;
    c.set(
        "socket_setsockopt",
        function(lua, |_, (s, name, value): (Value, Value, Value)| {
            let s = this(&s, "setsockopt")?;
            let opt = convert::socket_option(&name, "setsockopt")?;
            s.sock.set_option(opt, convert::option_value(opt, &value)?)?;
            Ok(true)
        })?,
    )?;
    c.set(
        "socket_set_timeout",
        function(lua, |_, (s, secs): (Value, Value)| {
            let s = this(&s, "set_timeout")?;
            s.timeout_ms.set(convert::seconds_to_ms(&secs, 1, "set_timeout")?);
            Ok(true)
        })?,
    )?;
    c.set(
        "socket_get_timeout",
        function(lua, |_, s: Value| {
            let ms = this(&s, "get_timeout")?.timeout_ms.get();
            Ok(if ms < 0 { Value::Integer(-1) } else { Value::Number(ms as f64 / 1000.0) })
        })?,
    )?;
    c.set(
        "socket_get_fd",
        function(lua, |_, s: Value| Ok(this(&s, "get_fd")?.sock.fd()?))?,
    )?;
    c.set(
        "socket_events",
        function(lua, |_, s: Value| Ok(this(&s, "events")?.sock.events()?))?,
    )?;
    c.set(
        "socket_is_readable",
        function(lua, |_, s: Value| Ok(this(&s, "is_readable")?.sock.events()? & POLLIN != 0))?,
    )?;
    c.set(
        "socket_is_writable",
        function(lua, |_, s: Value| Ok(this(&s, "is_writable")?.sock.events()? & POLLOUT != 0))?,
    )?;
    c.set(
        "socket_is_rcvmore",
        function(lua, |_, s: Value| Ok(this(&s, "is_rcvmore")?.sock.rcvmore()?))?,
    )?;
    c.set(
        "socket_last_endpoint",
        function(lua, |_, s: Value| Ok(this(&s, "last_endpoint")?.sock.last_endpoint()?))?,
    )?;
    c.set(
        "socket_type",
        function(lua, |_, s: Value| {
            let s = this(&s, "type")?;
            Ok(zs::constants::socket_type::name(s.sock.kind()).unwrap_or("UNKNOWN"))
        })?,
    )?;
    c.set(
        "socket_same",
        function(lua, |_, (a, b): (Value, Value)| {
            let a = this(&a, "same")?;
            Ok(match &b {
                Value::UserData(ud) if ud.is::<LuaSocket>() => a.sock.same(&ud.borrow::<LuaSocket>()?.sock),
                _ => false,
            })
        })?,
    )?;
    c.set(
        "is_socket",
        lua.create_function(|_, v: Value| Ok(matches!(&v, Value::UserData(ud) if ud.is::<LuaSocket>())))?,
    )?;
    c.set(
        "socket_tostring",
        lua.create_function(|_, s: Value| {
            Ok(match &s {
                Value::UserData(ud) if ud.is::<LuaSocket>() => {
                    let sock = ud.borrow::<LuaSocket>()?;
                    let kind = zs::constants::socket_type::name(sock.sock.kind()).unwrap_or("?");
                    let state = if sock.sock.is_closed() { " (closed)" } else { "" };
                    format!("zmq socket {kind}{state}: {:p}", ud.to_pointer())
                }
                other => crate::error::type_name(other).to_string(),
            })
        })?,
    )?;
    Ok(())
}

fn send(s: &Value, data: &Value, more: &Value, block: bool) -> Res<bool> {
    let s = this(s, "send")?;
    let flags = convert::send_flags(more)?;
    let mut scratch = [0u8; 8];
    let sent = match data {
        Value::String(st) => s.send_bytes(&st.as_bytes(), flags, block)?,
        Value::Nil => s.send_bytes(&[], flags, block)?,
        Value::Integer(i) => s.send_bytes(zs::Payload::from_integer(*i).bytes(&mut scratch), flags, block)?,
        Value::Number(n) => s.send_bytes(zs::Payload::from_number(*n)?.bytes(&mut scratch), flags, block)?,
        other => return Err(bad_arg(1, "send", "string, integer or nil", other)),
    };
    Ok(sent)
}

fn recv(lua: &Lua, s: &Value, flags: &Value, block: bool) -> Res<Option<(Value, bool)>> {
    let s = this(s, "recv")?;
    let flags = convert::i32_arg(flags, 1, "recv", Some(0))?;
    match s.recv_frame(flags, block)? {
        Some(frame) => Ok(Some((convert::bytes(lua, frame.data())?, frame.more()))),
        None => Ok(None),
    }
}
