//! [`Socket`]: a libzmq socket that is safe to use from a script.
//!
//! Blocking calls try the operation with DONTWAIT first. If it would block,
//! they either let libzmq block (honouring RCVTIMEO/SNDTIMEO, returning EINTR
//! on a signal and ETERM when the context shuts down), or, when the host
//! installed a sliced interrupt hook, poll the socket in short slices and ask
//! the hook between them (see [`crate::interrupt`]).

use crate::constants::{DONTWAIT, POLLIN, POLLOUT, SNDMORE};
use crate::context::{Context, ContextInner};
use crate::error::{check, Error, Result};
use crate::guard;
use crate::interrupt::{self, Deadline};
use crate::message::{Frame, Payload};
use crate::options::{self, id, OptionType, OptionValue, SocketOption};
use crate::raw::RawSocket;
use std::os::raw::{c_int, c_void};
use std::sync::atomic::Ordering;
use std::sync::{Arc, Mutex, MutexGuard};

/// A ZeroMQ socket. Clones share the same socket; it is closed by
/// [`Socket::close`], by its context's `term()`, or when the last clone drops.
#[derive(Clone)]
pub struct Socket {
    pub(crate) inner: Arc<SocketInner>,
}

pub(crate) struct SocketInner {
    state: Mutex<State>,
    kind: i32,
    ctx: Arc<ContextInner>,
    /// The lease the socket was made through, if any (see [`crate::lease`]).
    lease: Option<Arc<crate::lease::Lease>>,
}

struct State {
    sock: Option<RawSocket>,
    /// Closed by the context's term() rather than by the owner.
    by_term: bool,
    /// CONFLATE was set (libzmq cannot read it back).
    conflate: bool,
    /// inproc endpoints this socket has bound (see [`crate::inproc`]).
    inproc_binds: Vec<String>,
    /// inproc endpoints it connected to before they were bound, with their tokens.
    parked: Vec<(String, u64)>,
}

impl SocketInner {
    fn lock(&self) -> MutexGuard<'_, State> {
        crate::context::lock(&self.state)
    }

    /// Close the socket if open; an infinite LINGER is capped at the default.
    pub(crate) fn close(&self, by_term: bool) {
        let mut st = self.lock();
        if let Some(sock) = st.sock.take() {
            self.ctx.open.fetch_sub(1, std::sync::atomic::Ordering::SeqCst);
            if !st.inproc_binds.is_empty() {
                let mut names = crate::context::lock(&self.ctx.inproc);
                for e in st.inproc_binds.drain(..) {
                    names.on_unbind(&e);
                }
            }
            let linger = sock.get_int(zmq_sys::ZMQ_LINGER as c_int).unwrap_or(0);
            if linger < 0 {
                let _ = sock.set_int(zmq_sys::ZMQ_LINGER as c_int, crate::DEFAULT_LINGER_MS);
            }
            st.by_term = by_term;
            if st.parked.is_empty() || by_term {
                drop(sock);
            } else {
                let parked = std::mem::take(&mut st.parked);
                crate::context::lock(&self.ctx.inproc).close_or_keep(sock, parked);
            }
        }
    }


    pub(crate) fn is_closed(&self) -> bool {
        self.lock().sock.is_none()
    }
}

impl Drop for SocketInner {
    fn drop(&mut self) {
        self.close(false);
    }
}

/// Lets blocking helpers reach the socket pointer and its context flags.
pub(crate) struct Locked<'a> {
    guard: MutexGuard<'a, State>,
    ctx: &'a ContextInner,
}

impl Locked<'_> {
    /// The open socket (`lock()` only hands out a Locked for an open socket).
    pub(crate) fn raw(&self) -> &RawSocket {
        self.guard.sock.as_ref().expect("Locked is only made for an open socket")
    }

    pub(crate) fn ptr(&self) -> *mut c_void {
        self.raw().ptr()
    }

    /// True once the context is being terminated or shut down.
    pub(crate) fn terminating(&self) -> bool {
        self.ctx.terminating.load(Ordering::Relaxed)
    }

    /// Run `op(socket, flags)` until it succeeds: first with DONTWAIT; if it
    /// would block and `flags` lacks DONTWAIT, either call it blocking (libzmq
    /// honours `timeout_option`, RCVTIMEO/SNDTIMEO) or, with a sliced
    /// interrupt hook, wait for `events` in slices until the timeout.
    /// `op` is only ever given this socket's pointer, which is live and
    /// exclusively ours while `self` holds the lock: callers' `unsafe` blocks
    /// inside `op` rely on that.
    pub(crate) fn retry(
        &self,
        flags: i32,
        events: i16,
        timeout_option: c_int,
        mut op: impl FnMut(*mut c_void, c_int) -> c_int,
    ) -> Result<c_int> {
        let sock = self.ptr();
        // Taken before the check: a signal between the check and the wait is delivered again.
        let waiting = (flags & DONTWAIT == 0).then(crate::signal::waiting);
        if flags & DONTWAIT == 0 {
            // A signal that arrived while script code ran (no EINTR will come for it) ends the call.
            interrupt::check()?;
        }
        let mut deadline: Option<Deadline> = None;
        // Without a sliced hook a blocking call can go straight into libzmq.
        let mut try_flags = if flags & DONTWAIT == 0 && !interrupt::sliced() {
            flags
        } else {
            flags | DONTWAIT
        };
        loop {
            let rc = op(sock, try_flags);
            if rc >= 0 {
                return Ok(rc);
            }
            // SAFETY: zmq_errno only reads the calling thread's errno, set by `op` just now.
            let errno = unsafe { zmq_sys::zmq_errno() };
            if errno == libc::EINTR {
                if let Some(w) = &waiting {
                    w.before_check();
                }
                interrupt::check()?;
            } else if errno == libc::EAGAIN && flags & DONTWAIT == 0 && !interrupt::sliced() {
                if try_flags & DONTWAIT == 0 {
                    return Err(Error::Zmq(libc::EAGAIN)); // the timeout option ran out
                }
                if self.terminating() {
                    return Err(Error::Zmq(zmq_sys::errno::ETERM));
                }
                try_flags = flags;
            } else if errno == libc::EAGAIN && flags & DONTWAIT == 0 {
                let d = match deadline {
                    Some(d) => d,
                    None => *deadline
                        .insert(Deadline::from_ms(self.raw().get_int(timeout_option)? as i64)),
                };
                if !self.wait(events, d)? {
                    return Err(Error::Zmq(libc::EAGAIN));
                }
            } else {
                return Err(Error::Zmq(errno));
            }
        }
    }

    /// Wait until the socket has `events`; false if `deadline` passed first.
    pub(crate) fn wait(&self, events: i16, deadline: Deadline) -> Result<bool> {
        let mut item = zmq_sys::zmq_pollitem_t {
            socket: self.ptr(),
            fd: 0,
            events,
            revents: 0,
        };
        loop {
            if self.terminating() {
                return Err(Error::Zmq(zmq_sys::errno::ETERM));
            }
            let slice = deadline.next_slice();
            // SAFETY: `item` is one valid poll item whose socket is this locked, open socket.
            let rc = unsafe { zmq_sys::zmq_poll(&mut item, 1, slice as _) };
            if rc > 0 {
                return Ok(true);
            }
            if rc < 0 {
                // SAFETY: zmq_errno only reads the calling thread's errno.
                let errno = unsafe { zmq_sys::zmq_errno() };
                if errno != libc::EINTR {
                    return Err(Error::Zmq(errno));
                }
            }
            interrupt::check()?;
            if deadline.expired() {
                return Ok(false);
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Verb {
    Bind,
    Unbind,
    Connect,
    Disconnect,
}

impl Verb {
    /// The libzmq call of this verb.
    ///
    /// # Safety
    /// `sock` must be a live socket not used concurrently (its lock is held), and
    /// `endpoint` a NUL-terminated string that stays valid for the call.
    unsafe fn call(self, sock: *mut c_void, endpoint: *const std::os::raw::c_char) -> c_int {
        match self {
            Verb::Bind => zmq_sys::zmq_bind(sock, endpoint),
            Verb::Unbind => zmq_sys::zmq_unbind(sock, endpoint),
            Verb::Connect => zmq_sys::zmq_connect(sock, endpoint),
            Verb::Disconnect => zmq_sys::zmq_disconnect(sock, endpoint),
        }
    }
}

fn check_flags(flags: i32, allowed: i32) -> Result<()> {
    if flags & !allowed != 0 {
        Err(Error::invalid(format!("unsupported flags {flags:#x}")))
    } else {
        Ok(())
    }
}

impl Socket {
    pub(crate) fn from_raw(sock: RawSocket, kind: i32, ctx: Context) -> Socket {
        Socket {
            inner: Arc::new(SocketInner {
                state: Mutex::new(State {
                    sock: Some(sock),
                    by_term: false,
                    conflate: false,
                    inproc_binds: Vec::new(),
                    parked: Vec::new(),
                }),
                kind,
                ctx: ctx.inner,
                lease: ctx.lease,
            }),
        }
    }

    /// Lock the socket for one operation; `Closed` (or `ETERM` after the
    /// context's term()) if it is no longer open.
    pub(crate) fn lock(&self) -> Result<Locked<'_>> {
        let guard = self.inner.lock();
        if guard.sock.is_none() {
            return Err(if guard.by_term {
                Error::Zmq(zmq_sys::errno::ETERM)
            } else {
                Error::Closed
            });
        }
        Ok(Locked {
            guard,
            ctx: &self.inner.ctx,
        })
    }

    /// Run `f` with the raw `void *` socket (for calls the core does not wrap).
    /// The socket stays locked, and therefore open, while `f` runs.
    pub fn with_raw<R>(&self, f: impl FnOnce(*mut c_void) -> R) -> Result<R> {
        let l = self.lock()?;
        Ok(f(l.ptr()))
    }

    /// The socket type (`ZMQ_PUB`...).
    pub fn kind(&self) -> i32 {
        self.inner.kind
    }

    /// The context this socket belongs to.
    pub fn context(&self) -> Context {
        Context { inner: self.inner.ctx.clone(), lease: self.inner.lease.clone() }
    }

    /// True if both handles are the same socket.
    pub fn same(&self, other: &Socket) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }

    /// True once closed (by `close()`, or its context's `term()`).
    pub fn is_closed(&self) -> bool {
        self.inner.is_closed()
    }

    /// Close the socket, keeping its LINGER (an infinite one is capped at
    /// [`crate::DEFAULT_LINGER_MS`] so that exit never hangs). Idempotent.
    pub fn close(&self) -> Result<()> {
        self.inner.close(false);
        Ok(())
    }

    fn endpoint_call(&self, endpoint: &str, verb: Verb) -> Result<()> {
        let c = guard::endpoint(self.inner.kind, endpoint)?;
        let mut l = self.lock()?;
        if !endpoint.starts_with("inproc://") {
            // SAFETY: `l` holds the lock of the open socket; `c` is a CString alive for the call.
            return check(unsafe { verb.call(l.ptr(), c.as_ptr()) }).map(|_| ());
        }
        // inproc: keep track of binds and parked connections (see crate::inproc).
        let mut names = crate::context::lock(&self.inner.ctx.inproc);
        if matches!(verb, Verb::Connect) && names.connect_token(endpoint).is_some() && !names.has_settler() {
            // The connection will be parked: its settler has to exist first (made without
            // holding the names, as the context's lock comes before them).
            drop(names);
            let settler = self.inner.ctx.raw_socket(zmq_sys::ZMQ_ROUTER as c_int)?;
            names = crate::context::lock(&self.inner.ctx.inproc);
            names.set_settler(settler);
        }
        let st = &mut *l.guard;
        st.parked.retain(|(e, token)| names.still_parked(e, *token));
        let token = names.connect_token(endpoint);
        match verb {
            Verb::Connect if st.conflate => guard::conflate_connect(&names, endpoint)?,
            Verb::Bind => guard::zap_bind(self.inner.kind, endpoint)?,
            Verb::Disconnect | Verb::Unbind if st.parked.iter().any(|(e, _)| e == endpoint) => {
                return Err(guard::parked_disconnect(endpoint));
            }
            _ => {}
        }
        let sock = st.sock.as_ref().map(|s| s.ptr()).unwrap_or(std::ptr::null_mut());
        // SAFETY: `st` is the locked state of a socket `lock()` found open (Locked is only made
        // for one), so `sock` is live and not null; `c` is a CString alive for the call.
        check(unsafe { verb.call(sock, c.as_ptr()) })?;
        match verb {
            Verb::Bind => {
                names.on_bind(endpoint);
                st.inproc_binds.push(endpoint.to_string());
            }
            Verb::Unbind if st.inproc_binds.iter().any(|e| e == endpoint) => {
                names.on_unbind(endpoint);
                st.inproc_binds.retain(|e| e != endpoint);
            }
            Verb::Connect => {
                if let Some(token) = token {
                    st.parked.push((endpoint.to_string(), token));
                    names.on_parked_connect(endpoint, token);
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// `zmq_bind`. Errors: `EADDRINUSE`, `EINVAL` (malformed), `EPROTONOSUPPORT`...
    pub fn bind(&self, endpoint: &str) -> Result<()> {
        self.endpoint_call(endpoint, Verb::Bind)
    }

    /// `zmq_unbind`. `ENOENT` if the endpoint was not bound.
    pub fn unbind(&self, endpoint: &str) -> Result<()> {
        self.endpoint_call(endpoint, Verb::Unbind)
    }

    /// `zmq_connect`.
    pub fn connect(&self, endpoint: &str) -> Result<()> {
        self.endpoint_call(endpoint, Verb::Connect)
    }

    /// `zmq_disconnect`. `ENOENT` if not connected there.
    pub fn disconnect(&self, endpoint: &str) -> Result<()> {
        self.endpoint_call(endpoint, Verb::Disconnect)
    }

    /// Bind `address` (default [`RANDOM_PORT_ADDRESS`]) to a port the OS picks
    /// and return the resulting endpoint (`tcp://127.0.0.1:41234`).
    pub fn bind_to_random_port<'a>(&self, address: impl Into<Option<&'a str>>) -> Result<String> {
        let address = address.into().unwrap_or(RANDOM_PORT_ADDRESS);
        self.bind(&format!("{address}:*"))?;
        self.last_endpoint()
    }

    /// LAST_ENDPOINT as text.
    pub fn last_endpoint(&self) -> Result<String> {
        let v = self.get_option(options::socket_option_by_id(id::LAST_ENDPOINT)?)?;
        Ok(String::from_utf8_lossy(v.as_bytes().unwrap_or_default()).into_owned())
    }

    /// Send one part. `flags`: DONTWAIT, SNDMORE. Returns the byte count.
    /// Errors: `EAGAIN` (DONTWAIT, or SNDTIMEO ran out), `EFSM`, `EHOSTUNREACH`, `ETERM`...
    pub fn send(&self, data: &[u8], flags: i32) -> Result<usize> {
        check_flags(flags, DONTWAIT | SNDMORE)?;
        if data.len() > i32::MAX as usize {
            return Err(Error::Invalid {
                errno: libc::EMSGSIZE,
                message: "message larger than 2 GiB".into(),
            });
        }
        let l = self.lock()?;
        let (ptr, len) = (data.as_ptr() as *const c_void, data.len());
        let rc = l.retry(
            flags,
            POLLOUT,
            zmq_sys::ZMQ_SNDTIMEO as c_int,
            // SAFETY: retry passes the locked socket; `ptr` points at `len` bytes of `data`,
            // borrowed for the whole call (zmq_send copies them).
            |s, f| unsafe { zmq_sys::zmq_send(s, ptr, len, f) },
        )?;
        Ok(rc as usize)
    }

    /// Send a typed value as one part (see [`Payload`]).
    pub fn send_payload(&self, payload: &Payload<'_>, flags: i32) -> Result<usize> {
        let mut scratch = [0u8; 8];
        self.send(payload.bytes(&mut scratch), flags)
    }

    /// Send a prepared message (see [`Frame::from_bytes`], [`Frame::from_external`])
    /// with the usual flags, blocking and errors. On success libzmq owns the
    /// contents and `frame` is left empty; on error it is unchanged.
    pub fn send_frame(&self, frame: &mut Frame, flags: i32) -> Result<usize> {
        check_flags(flags, DONTWAIT | SNDMORE)?;
        let l = self.lock()?;
        let msg = frame.raw();
        let rc = l.retry(
            flags,
            POLLOUT,
            zmq_sys::ZMQ_SNDTIMEO as c_int,
            // SAFETY: retry passes the locked socket; `msg` is the initialised zmq_msg_t of
            // `frame`, borrowed mutably for the whole call.
            |s, f| unsafe { zmq_sys::zmq_msg_send(msg, s, f) },
        )?;
        Ok(rc as usize)
    }

    /// Send all `parts` as one multipart message (SNDMORE on all but the last).
    /// `flags` may add DONTWAIT (applies to the first part; later parts
    /// of a started message are always queued) or SNDMORE (to continue after).
    /// Errors: `OutOfRange` (EINVAL) for no parts, as [`Multipart::new`] decides.
    pub fn send_multipart<B: AsRef<[u8]>>(&self, parts: &[B], flags: i32) -> Result<usize> {
        let plan = Multipart::new(parts.len(), flags)?;
        let mut total = 0;
        for (i, part) in parts.iter().enumerate() {
            total += self.send(part.as_ref(), plan.flags(i))?;
        }
        Ok(total)
    }

    /// Receive one part. `flags`: DONTWAIT. Errors: `EAGAIN` (DONTWAIT, or
    /// RCVTIMEO ran out), `EFSM`, `ETERM`, `ENOTSUP` (socket cannot receive)...
    pub fn recv(&self, flags: i32) -> Result<Frame> {
        check_flags(flags, DONTWAIT)?;
        let l = self.lock()?;
        let mut frame = Frame::new();
        let msg = frame.raw();
        l.retry(
            flags,
            POLLIN,
            zmq_sys::ZMQ_RCVTIMEO as c_int,
            // SAFETY: retry passes the locked socket; `msg` is the initialised zmq_msg_t of the
            // local `frame`, which outlives the call.
            |s, f| unsafe { zmq_sys::zmq_msg_recv(msg, s, f) },
        )?;
        frame.set_more();
        Ok(frame)
    }

    /// Receive one part and hand its bytes and MORE flag to `f` without
    /// building a [`Frame`]: the cheapest way for an engine to copy a message
    /// into its own string or buffer. Same flags and errors as [`Socket::recv`].
    #[inline]
    pub fn recv_with<R>(&self, flags: i32, f: impl FnOnce(&[u8], bool) -> R) -> Result<R> {
        check_flags(flags, DONTWAIT)?;
        let l = self.lock()?;
        let mut msg = zmq_sys::zmq_msg_t::default();
        // SAFETY: `msg` is a local zmq_msg_t and zmq_msg_init cannot fail. It is closed below
        // (only a panic in `f` would skip that, which leaks the message but is not unsound).
        unsafe { zmq_sys::zmq_msg_init(&mut msg) };
        let p: *mut zmq_sys::zmq_msg_t = &mut msg;
        let received = l.retry(
            flags,
            POLLIN,
            zmq_sys::ZMQ_RCVTIMEO as c_int,
            // SAFETY: retry passes the locked socket; `p` points at the initialised local `msg`.
            |s, fl| unsafe { zmq_sys::zmq_msg_recv(p, s, fl) },
        );
        // SAFETY: on success `p` holds a received message of `size` bytes: zmq_msg_data points
        // at them until zmq_msg_close below, and the slice does not escape `f`.
        let out = received.map(|size| unsafe {
            let data: &[u8] = if size > 0 {
                std::slice::from_raw_parts(zmq_sys::zmq_msg_data(p) as *const u8, size as usize)
            } else {
                &[]
            };
            f(data, zmq_sys::zmq_msg_more(p) == 1)
        });
        // SAFETY: `p` is the initialised local message, closed exactly once here.
        unsafe { zmq_sys::zmq_msg_close(p) };
        out
    }

    /// Receive one part into the caller's `buf`, allocating nothing. Returns
    /// the part's size and whether more parts follow. The size is larger than
    /// `buf.len()` when the part did not fit: then only its first `buf.len()`
    /// bytes were written and the rest is dropped (as `zmq_recv` and pyzmq's
    /// `recv_into` do). Same flags and errors as [`Socket::recv`].
    #[inline]
    pub fn recv_into(&self, buf: &mut [u8], flags: i32) -> Result<(usize, bool)> {
        self.recv_with(flags, |data, more| {
            let n = data.len().min(buf.len());
            buf[..n].copy_from_slice(&data[..n]);
            (data.len(), more)
        })
    }

    /// [`Socket::recv_into`], waiting at most `timeout_ms` as [`Socket::recv_timeout`] does.
    pub fn recv_into_timeout(&self, buf: &mut [u8], flags: i32, timeout_ms: i64) -> Result<(usize, bool)> {
        self.within(POLLIN, flags, timeout_ms, |f| self.recv_into(&mut *buf, f))
    }

    /// One attempt to send without waiting: `Ok(None)` if the socket cannot take it now.
    pub fn try_send(&self, data: &[u8], flags: i32) -> Result<Option<usize>> {
        would_block_as_none(self.send(data, flags | DONTWAIT))
    }

    /// One attempt to receive without waiting: `Ok(None)` if nothing is there now.
    pub fn try_recv(&self, flags: i32) -> Result<Option<Frame>> {
        would_block_as_none(self.recv(flags | DONTWAIT))
    }

    /// Send, waiting at most `timeout_ms` for the socket to take it (negative:
    /// as [`Socket::send`], i.e. SNDTIMEO applies and gives EAGAIN). Running out
    /// of `timeout_ms` is [`Error::TimedOut`] (ETIMEDOUT).
    pub fn send_timeout(&self, data: &[u8], flags: i32, timeout_ms: i64) -> Result<usize> {
        self.within(POLLOUT, flags, timeout_ms, |f| self.send(data, f))
    }

    /// Receive, waiting at most `timeout_ms` (see [`Socket::send_timeout`]).
    pub fn recv_timeout(&self, flags: i32, timeout_ms: i64) -> Result<Frame> {
        self.within(POLLIN, flags, timeout_ms, |f| self.recv(f))
    }

    /// Run `attempt(flags)` until it succeeds or `timeout_ms` runs out, waiting for `events`.
    fn within<T>(&self, events: i16, flags: i32, timeout_ms: i64, mut attempt: impl FnMut(i32) -> Result<T>) -> Result<T> {
        if timeout_ms < 0 || flags & DONTWAIT != 0 {
            return attempt(flags);
        }
        interrupt::check()?;
        let deadline = Deadline::from_ms(timeout_ms);
        loop {
            match attempt(flags | DONTWAIT) {
                Err(e) if e.is_again() => {}
                other => return other,
            }
            if !self.wait_until(events, deadline)? {
                return Err(Error::TimedOut);
            }
        }
    }

    /// Receive every part of the next message. With DONTWAIT only the first
    /// part may be missing (`EAGAIN`); the rest are already queued.
    pub fn recv_multipart(&self, flags: i32) -> Result<Vec<Frame>> {
        let first = self.recv(flags)?;
        let mut more = first.more();
        let mut parts = vec![first];
        while more {
            let part = self.recv(0)?;
            more = part.more();
            parts.push(part);
        }
        Ok(parts)
    }

    /// Read an option by its table row.
    pub fn get_option(&self, opt: &SocketOption) -> Result<OptionValue> {
        if !opt.access.readable() {
            return Err(Error::Invalid {
                errno: libc::EINVAL,
                message: format!("option {} can only be set, not read", opt.name),
            });
        }
        let l = self.lock()?;
        let sock = l.raw();
        let id = opt.id as c_int;
        match opt.kind {
            OptionType::Int | OptionType::Bool => Ok(OptionValue::Int(sock.get_int(id)?)),
            OptionType::Int64 => Ok(OptionValue::Int64(sock.get_scalar(id)?)),
            OptionType::Uint64 => Ok(OptionValue::Uint64(sock.get_scalar(id)?)),
            OptionType::String | OptionType::Binary | OptionType::CurveKey => {
                // CURVE keys come back as 40 Z85 characters plus NUL when asked with 41 bytes.
                let mut buf = vec![0u8; if opt.kind == OptionType::CurveKey { 41 } else { 1024 }];
                let mut size = buf.len();
                // SAFETY: the socket is open and locked; `buf` is writable for `size` bytes.
                check(unsafe { zmq_sys::zmq_getsockopt(l.ptr(), id, buf.as_mut_ptr() as *mut c_void, &mut size) })?;
                buf.truncate(size);
                if opt.kind != OptionType::Binary && buf.last() == Some(&0) {
                    buf.pop();
                }
                Ok(OptionValue::Bytes(buf))
            }
        }
    }

    /// Write an option by its table row; `value` is converted as the table says
    /// (`WrongType`/`EINVAL` if it cannot be).
    pub fn set_option(&self, opt: &SocketOption, value: OptionValue) -> Result<()> {
        let value = options::coerce(opt, value)?;
        let mut l = self.lock()?;
        if opt.id == id::CONFLATE {
            l.guard.conflate = value.as_i64() != Some(0);
        }
        let sock = l.raw();
        let id = opt.id as c_int;
        match value {
            OptionValue::Int(v) if opt.kind == OptionType::Bool => sock.set_int(id, (v != 0) as i32),
            OptionValue::Int(v) if opt.id == id::USE_FD => {
                let fd = guard::use_fd(v)?;
                let rc = sock.set_int(id, fd);
                if rc.is_err() && fd >= 0 {
                    // SAFETY: `fd` is the duplicate guard::use_fd made for libzmq, which refused it.
                    unsafe { libc::close(fd) };
                }
                rc
            }
            OptionValue::Int(v) => {
                if opt.id == id::SNDHWM || opt.id == id::RCVHWM {
                    guard::settle_pipes(sock);
                }
                sock.set_int(id, v)
            }
            OptionValue::Int64(v) => sock.set_bytes(id, &v.to_ne_bytes()),
            OptionValue::Uint64(v) => sock.set_bytes(id, &v.to_ne_bytes()),
            OptionValue::Bytes(b) => sock.set_bytes(id, &b),
        }
    }

    /// Read an option by name (`"LINGER"`).
    pub fn get(&self, name: &str) -> Result<OptionValue> {
        self.get_option(options::socket_option(name)?)
    }

    /// Write an option by name.
    pub fn set(&self, name: &str, value: OptionValue) -> Result<()> {
        self.set_option(options::socket_option(name)?, value)
    }

    /// ZMQ_EVENTS: POLLIN/POLLOUT bits of what can be done now without blocking.
    /// Reading it also processes pending commands (see the FD integration notes).
    pub fn events(&self) -> Result<i16> {
        let l = self.lock()?;
        Ok(l.raw().get_int(zmq_sys::ZMQ_EVENTS as c_int)? as i16)
    }

    /// ZMQ_FD: the edge-triggered descriptor to watch in a foreign event loop.
    pub fn fd(&self) -> Result<i32> {
        let l = self.lock()?;
        l.raw().get_int(zmq_sys::ZMQ_FD as c_int)
    }

    /// ZMQ_RCVMORE: true if the last part received has more parts after it.
    pub fn rcvmore(&self) -> Result<bool> {
        let l = self.lock()?;
        Ok(l.raw().get_int(zmq_sys::ZMQ_RCVMORE as c_int)? != 0)
    }

    /// Wait until the socket can do `events` (POLLIN/POLLOUT) or `timeout_ms`
    /// passes (negative: forever). Returns false on timeout.
    pub fn wait_for(&self, events: i16, timeout_ms: i64) -> Result<bool> {
        self.wait_until(events, Deadline::from_ms(timeout_ms))
    }

    /// Wait until the socket can do `events` or `deadline` passes; false on timeout.
    /// Errors: `ETERM` when the context terminates, `Interrupted` on a signal.
    pub fn wait_until(&self, events: i16, deadline: Deadline) -> Result<bool> {
        let l = self.lock()?;
        l.wait(events, deadline)
    }
}

/// `Ok(None)` for EAGAIN, everything else as it is.
fn would_block_as_none<T>(r: Result<T>) -> Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_again() => Ok(None),
        Err(e) => Err(e),
    }
}

/// The address [`Socket::bind_to_random_port`] binds when given none.
pub const RANDOM_PORT_ADDRESS: &str = "tcp://127.0.0.1";

/// How the parts of one multipart message are sent: the flags of each part.
/// [`Socket::send_multipart`] uses it, and so does an engine that sends the
/// parts one call at a time (a Lua coroutine may pause between them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Multipart {
    count: usize,
    flags: i32,
}

impl Multipart {
    /// The plan for `count` parts sent with `flags` (DONTWAIT applies to the
    /// first part; SNDMORE continues the message after the last part).
    /// Errors: `OutOfRange` for no parts, EINVAL for other flags.
    pub fn new(count: usize, flags: i32) -> Result<Multipart> {
        check_flags(flags, DONTWAIT | SNDMORE)?;
        if count == 0 {
            return Err(Error::OutOfRange("send_multipart() needs at least one part".into()));
        }
        Ok(Multipart { count, flags })
    }

    /// The flags of part `index` (0-based).
    pub fn flags(&self, index: usize) -> i32 {
        let mut f = if index + 1 == self.count { self.flags & SNDMORE } else { SNDMORE };
        if index == 0 {
            f |= self.flags & DONTWAIT;
        }
        f
    }
}

impl std::fmt::Debug for Socket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Socket")
            .field(
                "kind",
                &crate::constants::socket_type::name(self.inner.kind),
            )
            .field("closed", &self.is_closed())
            .finish()
    }
}
