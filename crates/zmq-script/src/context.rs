//! [`Context`]: a libzmq context that knows its sockets.
//!
//! A context is terminated only after all of its sockets are closed, whatever
//! order the owners drop in: every [`Socket`] holds a strong reference to its
//! context, and the context keeps weak references to its sockets so that
//! [`Context::term`] can close the ones still open first.

use crate::error::{Error, Result};
use crate::guard;
use crate::options::{context_id, Access, CONTEXT_OPTIONS};
use crate::raw::{RawContext, RawSocket};
use crate::lease::Lease;
use crate::socket::{Socket, SocketInner};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};

/// A ZeroMQ context. Cheap to clone; clones share the same libzmq context and
/// may be used from several threads.
#[derive(Clone)]
pub struct Context {
    pub(crate) inner: Arc<ContextInner>,
    /// Set on a handle made by [`Context::lease`].
    pub(crate) lease: Option<Arc<Lease>>,
}

pub(crate) struct ContextInner {
    /// The authenticator (see [`crate::auth`]). Declared before `raw`, so that
    /// dropping the context stops its thread before the libzmq context goes.
    pub(crate) auth: crate::auth::Slot,
    /// `None` once terminated.
    raw: Mutex<Option<RawContext>>,
    /// Sockets created here that may still be open.
    sockets: Mutex<Vec<Weak<SocketInner>>>,
    /// Set by `term()` and `shutdown()`: blocking calls on other threads end with ETERM.
    pub(crate) terminating: AtomicBool,
    /// THREAD_SCHED_POLICY and THREAD_PRIORITY as set so far (checked together).
    scheduling: Mutex<(i32, i32)>,
    /// Sockets created and not closed yet (counted without locking any socket,
    /// since a proxy may hold its sockets for a long time).
    pub(crate) open: std::sync::atomic::AtomicUsize,
    /// MAX_SOCKETS as the script set it; libzmq gets a larger value (see `guard::slots_for`).
    max_sockets: std::sync::atomic::AtomicI32,
    /// Bind state of this context's inproc endpoints (see [`crate::inproc`]).
    pub(crate) inproc: Mutex<crate::inproc::InprocNames>,
}

/// Lock `m`, going on with the data if a panicking thread poisoned it.
pub(crate) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl Context {
    /// A new context (`zmq_ctx_new`).
    pub fn new() -> Result<Context> {
        let raw = RawContext::new()?;
        let max = zmq_sys::ZMQ_MAX_SOCKETS_DFLT as i32;
        // SAFETY: `raw` is the live context just created and owned here.
        crate::error::check(unsafe { zmq_sys::zmq_ctx_set(raw.ptr(), 2, guard::slots_for(max)) })?;
        Ok(Context {
            lease: None,
            inner: Arc::new(ContextInner {
                auth: Mutex::new(None),
                raw: Mutex::new(Some(raw)),
                sockets: Mutex::new(Vec::new()),
                terminating: AtomicBool::new(false),
                scheduling: Mutex::new((-1, -1)),
                open: std::sync::atomic::AtomicUsize::new(0),
                max_sockets: std::sync::atomic::AtomicI32::new(max),
                inproc: Mutex::new(Default::default()),
            }),
        })
    }

    /// A new socket of `kind` (0..=11, see [`crate::constants::socket_type`]),
    /// with LINGER set to [`crate::DEFAULT_LINGER_MS`]. At most MAX_SOCKETS
    /// sockets are open at once (`EMFILE` beyond).
    ///
    /// Errors: `EINVAL` for an unknown or draft type, `ETERM` after `term()`,
    /// `EMFILE` when MAX_SOCKETS is reached.
    pub fn socket(&self, kind: i32) -> Result<Socket> {
        guard::socket_type(kind)?;
        if self.lease.as_ref().is_some_and(|l| l.ended()) {
            return Err(Error::Zmq(zmq_sys::errno::ETERM));
        }
        if self.open_sockets() >= self.inner.max_sockets.load(Ordering::Relaxed) as usize {
            return Err(Error::Zmq(libc::EMFILE));
        }
        let raw = {
            let ctx = lock(&self.inner.raw);
            let ctx = ctx.as_ref().ok_or(Error::Zmq(zmq_sys::errno::ETERM))?;
            RawSocket::new(ctx, kind)?
        };
        raw.set_int(zmq_sys::ZMQ_LINGER as i32, crate::DEFAULT_LINGER_MS)?;
        let socket = Socket::from_raw(raw, kind, self.clone());
        if let Some(lease) = &self.lease {
            lease.add(&socket.inner);
        }
        self.inner.open.fetch_add(1, Ordering::SeqCst);
        let mut sockets = lock(&self.inner.sockets);
        if sockets.len() >= 64 && sockets.len() == sockets.capacity() {
            sockets.retain(|w| w.strong_count() > 0);
        }
        sockets.push(Arc::downgrade(&socket.inner));
        Ok(socket)
    }

    /// Set a context option (`zmq_ctx_set`). Values on which libzmq would abort
    /// later are refused with `EINVAL`/`EPERM` (see [`crate::guard`]).
    pub fn set(&self, option: i32, value: i32) -> Result<()> {
        if !CONTEXT_OPTIONS
            .iter()
            .any(|o| o.id == option && o.access.writable())
        {
            return Err(Error::UnknownOption(format!("context option {option}")));
        }
        let mut sched = lock(&self.inner.scheduling);
        let (mut policy, mut priority) = *sched;
        match option {
            context_id::THREAD_PRIORITY => priority = value,
            context_id::THREAD_SCHED_POLICY => policy = value,
            _ => {}
        }
        guard::context_option(option, value, policy, priority)?;
        let ctx = lock(&self.inner.raw);
        let ctx = ctx.as_ref().ok_or(Error::Zmq(zmq_sys::errno::ETERM))?;
        let libzmq_value = if option == context_id::MAX_SOCKETS { guard::slots_for(value) } else { value };
        // SAFETY: `ctx` is borrowed from the locked `raw` slot, so the context is live (it is
        // only terminated after being taken out of the slot); guard::context_option refused the
        // values libzmq would abort on.
        crate::error::check(unsafe { zmq_sys::zmq_ctx_set(ctx.ptr(), option, libzmq_value) })?;
        if option == context_id::MAX_SOCKETS {
            self.inner.max_sockets.store(value, Ordering::Relaxed);
        }
        *sched = (policy, priority);
        Ok(())
    }

    /// Read a context option (`zmq_ctx_get`).
    pub fn get(&self, option: i32) -> Result<i32> {
        if option == context_id::THREAD_SCHED_POLICY {
            // libzmq 4.3 cannot read THREAD_SCHED_POLICY back; we remember it.
            return Ok(lock(&self.inner.scheduling).0);
        }
        if option == context_id::MAX_SOCKETS {
            if self.is_terminated() {
                return Err(Error::Zmq(zmq_sys::errno::ETERM));
            }
            return Ok(self.inner.max_sockets.load(Ordering::Relaxed));
        }
        if !CONTEXT_OPTIONS
            .iter()
            .any(|o| o.id == option && o.access != Access::WriteOnly)
        {
            return Err(Error::UnknownOption(format!("context option {option}")));
        }
        let ctx = lock(&self.inner.raw);
        let ctx = ctx.as_ref().ok_or(Error::Zmq(zmq_sys::errno::ETERM))?;
        // SAFETY: `ctx` is borrowed from the locked `raw` slot, so the context is live.
        crate::error::check(unsafe { zmq_sys::zmq_ctx_get(ctx.ptr(), option) })
    }

    /// `zmq_ctx_shutdown`: blocking calls on this context's sockets end with
    /// ETERM; sockets stay open until closed. Idempotent.
    pub fn shutdown(&self) -> Result<()> {
        if let Some(lease) = &self.lease {
            lease.end();
            return Ok(());
        }
        // Parked inproc connections are settled while a bind can still be made (see crate::inproc).
        lock(&self.inner.inproc).settle();
        let ctx = lock(&self.inner.raw);
        if let Some(ctx) = ctx.as_ref() {
            self.inner.terminating.store(true, Ordering::SeqCst);
            // SAFETY: `ctx` is borrowed from the locked `raw` slot, so the context is live.
            crate::error::check(unsafe { zmq_sys::zmq_ctx_shutdown(ctx.ptr()) })?;
        }
        Ok(())
    }

    /// Close every socket still open (keeping its LINGER, an infinite one
    /// capped at [`crate::DEFAULT_LINGER_MS`]), then terminate the context.
    /// Returns after pending messages are delivered or the lingers ran out.
    /// Idempotent; sockets of a terminated context report ETERM when used.
    pub fn term(&self) -> Result<()> {
        Context::term_all(std::slice::from_ref(self))
    }

    /// `term()` for several contexts at once: every open socket of every
    /// context is closed first, so their lingers run at the same time, and
    /// the call returns within one linger rather than one per context.
    pub fn term_all(contexts: &[Context]) -> Result<()> {
        let raws: Vec<RawContext> = contexts.iter().filter_map(Context::close_for_term).collect();
        for raw in raws {
            raw.terminate(); // every socket is closed, so this ends within the lingers
        }
        Ok(())
    }

    /// Like `term()`, but without waiting: every open socket is closed now
    /// (keeping its LINGER) and the libzmq context terminates on a background
    /// thread, joined by [`crate::wait_for_terminations`] and at exit. For
    /// finalizers that must not block, so that several contexts linger at once.
    pub fn term_later(&self) {
        drop(self.close_for_term()); // RawContext's Drop terminates in the background
    }

    /// A handle on this context to lend a script: the
    /// same libzmq context, so its sockets meet the host's and other scripts'
    /// over `inproc://`; but its `term()`/`shutdown()` only close the sockets
    /// made through it (and its clones) and refuse new ones (ETERM), never
    /// terminating the context, which stays the owner's to terminate.
    pub fn lease(&self) -> Context {
        Context { inner: self.inner.clone(), lease: Some(Arc::new(Lease::default())) }
    }

    /// True for a handle made by [`Context::lease`].
    pub fn is_lease(&self) -> bool {
        self.lease.is_some()
    }

    /// True once `term()` ran (on a lease: once the lease or the context ended).
    pub fn is_terminated(&self) -> bool {
        self.lease.as_ref().is_some_and(|l| l.ended()) || lock(&self.inner.raw).is_none()
    }

    /// What `term()` does first: end a lease, or close the sockets and hand over the libzmq context.
    fn close_for_term(&self) -> Option<RawContext> {
        match &self.lease {
            Some(lease) => {
                lease.end();
                None
            }
            None => self.inner.close_for_term(),
        }
    }

    /// Number of sockets of this context that are still open.
    pub fn open_sockets(&self) -> usize {
        self.inner.open.load(Ordering::SeqCst)
    }

    /// True if both handles refer to the same libzmq context.
    pub fn same(&self, other: &Context) -> bool {
        Arc::ptr_eq(&self.inner, &other.inner)
    }
}

impl ContextInner {
    /// A libzmq socket of this context that no [`Socket`] owns (the
    /// authenticator's). `ETERM` once terminated.
    pub(crate) fn raw_socket(&self, kind: i32) -> Result<RawSocket> {
        let ctx = lock(&self.raw);
        RawSocket::new(ctx.as_ref().ok_or(Error::Zmq(zmq_sys::errno::ETERM))?, kind)
    }

    /// First half of termination: wake calls blocked on other threads, close
    /// the sockets still open, and hand over the libzmq context (if not yet done).
    fn close_for_term(&self) -> Option<RawContext> {
        crate::auth::stop(&self.auth);
        // Parked inproc connections are settled while their sockets are open (see crate::inproc).
        let settler = {
            let mut names = lock(&self.inproc);
            names.settle();
            names.take_settler()
        };
        self.terminating.store(true, Ordering::SeqCst);
        // Calls blocked inside libzmq on other threads return ETERM and release
        // their socket, exactly as zmq_ctx_term itself would make them.
        if let Some(ctx) = lock(&self.raw).as_ref() {
            // SAFETY: `ctx` is borrowed from the locked `raw` slot, so the context is live.
            unsafe { zmq_sys::zmq_ctx_shutdown(ctx.ptr()) };
        }
        let sockets: Vec<Weak<SocketInner>> = std::mem::take(&mut *lock(&self.sockets));
        for socket in sockets.iter().filter_map(Weak::upgrade) {
            socket.close(true);
        }
        drop(settler);
        lock(&self.raw).take()
    }
}

impl Drop for ContextInner {
    /// The last handle is gone (every socket is closed): settle the parked inproc
    /// connections of sockets in limbo before the libzmq context terminates.
    fn drop(&mut self) {
        let mut names = lock(&self.inproc);
        names.settle();
        drop(names.take_settler());
    }
}

impl std::fmt::Debug for Context {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Context")
            .field("terminated", &self.is_terminated())
            .finish()
    }
}
