//! Pending operations of the Promise API (`recv_async`, `recv_str_async`,
//! `recv_multipart_async`, `send_async`, `send_multipart_async`): per socket
//! one FIFO per direction, settled strictly in call order.
//!
//! - A call first tries at once (`try_recv`/`try_send`): a ready socket
//!   settles the promise without waiting for the loop. Otherwise the
//!   operation is queued behind the others of its direction.
//! - RCVTIMEO/SNDTIMEO, read when the call is made, give the deadline: the
//!   promise rejects with `ZmqError` code `EAGAIN` when it passes (at once
//!   for a timeout of 0 or DONTWAIT).
//! - The host's run loop waits for every queue's socket in one reactor wait
//!   ([`ZmqEvents`], an [`EventSource`]) and drains each ready queue while
//!   the socket takes or gives messages.
//! - `close()` and `term()` reject the pending operations of the sockets
//!   they closed, with the error the core gives (ENOTSOCK, ETERM).
//! - The queue holds the Socket object, so a socket with pending operations
//!   is not collected before they settle.

use crate::error::zmq_error;
use crate::socket::SocketData;
use rquickjs::{qjs, Ctx, Function, JsLifetime, Promise, Value};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::time::{Duration, Instant};
use zmq_script as zs;
use zs::constants::DONTWAIT;
#[cfg(feature = "host")]
use zs::constants::{POLLIN, POLLOUT};
#[cfg(feature = "host")]
use zs::reactor::{Ready, Source};

/// What a pending operation does once the socket is ready.
pub(crate) enum Kind {
    /// One part, as a Uint8Array (`text`: as a string).
    Recv { flags: i32, text: bool },
    /// Every part of the next message, as an array of Uint8Array.
    RecvMultipart { flags: i32 },
    /// One part (its bytes copied when the call was made).
    Send { data: Vec<u8>, flags: i32 },
    /// A multipart message (each part copied when the call was made).
    SendMultipart { parts: Vec<Vec<u8>>, flags: i32 },
}

impl Kind {
    fn is_send(&self) -> bool {
        matches!(self, Kind::Send { .. } | Kind::SendMultipart { .. })
    }

    fn flags(&self) -> i32 {
        match self {
            Kind::Recv { flags, .. }
            | Kind::RecvMultipart { flags }
            | Kind::Send { flags, .. }
            | Kind::SendMultipart { flags, .. } => *flags,
        }
    }
}

/// What one successful attempt produced.
enum Got {
    Frame(zs::Frame),
    Text(zs::Frame),
    Frames(Vec<zs::Frame>),
    Sent(usize),
}

/// `Ok(None)` for EAGAIN.
fn again_as_none<T>(r: zs::Result<T>) -> zs::Result<Option<T>> {
    match r {
        Ok(v) => Ok(Some(v)),
        Err(e) if e.is_again() => Ok(None),
        Err(e) => Err(e),
    }
}

/// One attempt without waiting (the core's non-blocking calls).
fn attempt(sock: &zs::Socket, kind: &Kind) -> zs::Result<Option<Got>> {
    match kind {
        Kind::Recv { flags, text } => Ok(sock
            .try_recv(*flags)?
            .map(|f| if *text { Got::Text(f) } else { Got::Frame(f) })),
        Kind::RecvMultipart { flags } => Ok(again_as_none(sock.recv_multipart(flags | DONTWAIT))?.map(Got::Frames)),
        Kind::Send { data, flags } => Ok(sock.try_send(data, *flags)?.map(Got::Sent)),
        Kind::SendMultipart { parts, flags } => {
            Ok(again_as_none(sock.send_multipart(parts, flags | DONTWAIT))?.map(Got::Sent))
        }
    }
}

/// The JS value of a result.
fn to_value<'js>(ctx: &Ctx<'js>, got: Got) -> rquickjs::Result<Value<'js>> {
    let c = ctx.as_raw().as_ptr();
    let own = |raw: qjs::JSValue| -> rquickjs::Result<Value<'js>> {
        // SAFETY: `raw` is a new value owned by us (or the exception marker, checked first).
        if unsafe { qjs::JS_IsException(raw) } {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(unsafe { Value::from_raw(ctx.clone(), raw) })
        }
    };
    match got {
        // SAFETY: `c` is the live context of `ctx`.
        Got::Frame(f) => own(unsafe { crate::convert::frame_to_uint8array_raw(c, f) }),
        Got::Text(f) => own(crate::convert::new_text_raw(ctx, f.data())?),
        Got::Frames(frames) => {
            let arr = rquickjs::Array::new(ctx.clone())?;
            for (i, f) in frames.into_iter().enumerate() {
                // SAFETY: as above.
                arr.set(i, own(unsafe { crate::convert::frame_to_uint8array_raw(c, f) })?)?;
            }
            Ok(arr.into_value())
        }
        Got::Sent(n) => Ok(Value::new_number(ctx.clone(), n as f64)),
    }
}

/// One queued operation.
struct Op<'js> {
    kind: Kind,
    deadline: Option<Instant>,
    resolve: Function<'js>,
    reject: Function<'js>,
}

/// The pending operations of one socket.
struct Queue<'js> {
    sock: zs::Socket,
    /// The Socket object's data (alive as long as `obj`), whose `recv_queued` mirrors `recv`.
    data: *const SocketData,
    /// The Socket object: kept alive while operations are pending (held, never read).
    #[allow(dead_code)]
    obj: Value<'js>,
    recv: VecDeque<Op<'js>>,
    send: VecDeque<Op<'js>>,
}

impl<'js> Queue<'js> {
    fn dir(&mut self, send: bool) -> &mut VecDeque<Op<'js>> {
        if send {
            &mut self.send
        } else {
            &mut self.recv
        }
    }
}

/// A settlement to apply once no state is borrowed.
type Settlement<'js> = (Op<'js>, zs::Result<Got>);

/// Per-runtime state: the queues, by the address of their socket's [`SocketData`].
pub(crate) struct AsyncOps<'js> {
    queues: RefCell<BTreeMap<usize, Queue<'js>>>,
    /// For the last `ZmqEvents::interests`: interest index → (queue key, is send).
    #[cfg_attr(not(feature = "host"), allow(dead_code))]
    last: RefCell<Vec<(usize, bool)>>,
    /// The event source is registered with the host's run loop.
    #[cfg_attr(not(feature = "host"), allow(dead_code))]
    registered: Cell<bool>,
}

// SAFETY: the only `'js` values (socket objects, resolving functions) belong to
// the runtime whose userdata holds the state; `Changed` only renames the lifetime.
unsafe impl<'js> JsLifetime<'js> for AsyncOps<'js> {
    type Changed<'to> = AsyncOps<'to>;
}

impl AsyncOps<'_> {
    /// Create the state if it does not exist yet.
    pub(crate) fn ensure(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
        if ctx.userdata::<AsyncOps>().is_none() {
            let state = AsyncOps {
                queues: RefCell::new(BTreeMap::new()),
                last: RefCell::new(Vec::new()),
                registered: Cell::new(false),
            };
            ctx.store_userdata(state).map_err(|_| rquickjs::Error::Unknown)?;
        }
        Ok(())
    }
}

/// The timeout option of the direction of `kind`, in ms (0 with DONTWAIT).
fn timeout_of(sock: &zs::Socket, kind: &Kind) -> zs::Result<i64> {
    if kind.flags() & DONTWAIT != 0 {
        return Ok(0);
    }
    let id = if kind.is_send() {
        zs::options::id::SNDTIMEO
    } else {
        zs::options::id::RCVTIMEO
    };
    let v = sock.get_option(zs::options::socket_option_by_id(id)?)?;
    Ok(v.as_i64().unwrap_or(-1))
}

/// Start an operation on the socket `obj` (whose data is `data`): try at once
/// if nothing of its direction is pending, else queue it. Returns the promise.
pub(crate) fn start<'js>(
    ctx: &Ctx<'js>,
    obj: Value<'js>,
    data: &SocketData,
    kind: Kind,
) -> rquickjs::Result<Value<'js>> {
    let sock = data.inner();
    let key = data as *const SocketData as usize;
    let send = kind.is_send();
    let busy = match ctx.userdata::<AsyncOps>() {
        Some(s) => s
            .queues
            .borrow()
            .get(&key)
            .is_some_and(|q| if send { !q.send.is_empty() } else { !q.recv.is_empty() }),
        None => false,
    };
    if !busy {
        match attempt(sock, &kind) {
            Ok(Some(got)) => return settled(ctx, false, to_value(ctx, got)?),
            Ok(None) => {}
            Err(e) => return settled(ctx, true, zmq_error(ctx, &e)?),
        }
    }
    // It has to wait: its timeout is the one set now.
    let timeout = match timeout_of(sock, &kind) {
        Ok(0) => return settled(ctx, true, zmq_error(ctx, &zs::Error::Zmq(libc::EAGAIN))?),
        Ok(t) => t,
        Err(e) => return settled(ctx, true, zmq_error(ctx, &e)?),
    };
    let (promise, resolve, reject) = Promise::new(ctx)?;
    AsyncOps::ensure(ctx)?;
    let deadline = (timeout >= 0).then(|| Instant::now() + Duration::from_millis(timeout as u64));
    let state = ctx.userdata::<AsyncOps>().ok_or(rquickjs::Error::Unknown)?;
    let mut queues = state.queues.borrow_mut();
    let q = queues.entry(key).or_insert_with(|| Queue {
        sock: sock.clone(),
        data,
        obj,
        recv: VecDeque::new(),
        send: VecDeque::new(),
    });
    q.dir(send).push_back(Op {
        kind,
        deadline,
        resolve,
        reject,
    });
    if !send {
        data.recv_queued.set(true);
    }
    Ok(promise.into_value())
}

/// A promise already fulfilled with (or, `reject`, rejected with) `v`: the
/// cheap path of a call that completed at once.
fn settled<'js>(ctx: &Ctx<'js>, reject: bool, v: Value<'js>) -> rquickjs::Result<Value<'js>> {
    // SAFETY: `v` is a live value of this context; the call does not take it over,
    // and returns a new owned promise (or the exception marker, checked below).
    let raw = unsafe { qjs::JS_NewSettledPromise(ctx.as_raw().as_ptr(), reject, v.as_raw()) };
    if unsafe { qjs::JS_IsException(raw) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `raw` is a new value owned by us.
    Ok(unsafe { Value::from_raw(ctx.clone(), raw) })
}

/// Settle what can be settled in one direction of the queue `key`: drain
/// while the socket is ready (an error settles every operation behind it
/// too), then reject the operations whose deadline passed.
fn process<'js>(ctx: &Ctx<'js>, key: usize, send: bool) -> rquickjs::Result<()> {
    let mut done: Vec<Settlement<'js>> = Vec::new();
    let mut emptied = None;
    {
        let Some(state) = ctx.userdata::<AsyncOps>() else {
            return Ok(());
        };
        let mut queues = state.queues.borrow_mut();
        let Some(q) = queues.get_mut(&key) else {
            return Ok(());
        };
        let sock = q.sock.clone();
        let ops = q.dir(send);
        while let Some(op) = ops.front() {
            match attempt(&sock, &op.kind) {
                Ok(None) => break,
                Ok(Some(got)) => done.push((ops.pop_front().expect("front exists"), Ok(got))),
                Err(e) => done.push((ops.pop_front().expect("front exists"), Err(e))),
            }
        }
        let now = Instant::now();
        let mut i = 0;
        while i < ops.len() {
            if ops[i].deadline.is_some_and(|d| now >= d) {
                let op = ops.remove(i).expect("index in range");
                done.push((op, Err(zs::Error::Zmq(libc::EAGAIN))));
            } else {
                i += 1;
            }
        }
        if q.recv.is_empty() {
            // SAFETY: `q.obj` keeps the Socket object, and so its data, alive.
            unsafe { (*q.data).recv_queued.set(false) };
        }
        if q.recv.is_empty() && q.send.is_empty() {
            emptied = queues.remove(&key);
        }
    }
    for (op, result) in done {
        match result.map(|got| to_value(ctx, got)) {
            Ok(Ok(v)) => op.resolve.call::<_, ()>((v,))?,
            Ok(Err(e)) => return Err(e),
            Err(e) => op.reject.call::<_, ()>((zmq_error(ctx, &e)?,))?,
        }
    }
    drop(emptied); // releases the Socket object, with no state borrowed
    Ok(())
}

/// Reject the pending operations of every socket that is now closed (after
/// `close()` or a context's `term()`), with the error the core gives for it.
pub(crate) fn settle_closed(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let keys: Vec<usize> = match ctx.userdata::<AsyncOps>() {
        Some(s) => s
            .queues
            .borrow()
            .iter()
            .filter(|(_, q)| q.sock.is_closed())
            .map(|(k, _)| *k)
            .collect(),
        None => return Ok(()),
    };
    for key in keys {
        process(ctx, key, false)?;
        process(ctx, key, true)?;
    }
    Ok(())
}

/// The pending operations as the host's run loop sees them.
#[cfg(feature = "host")]
pub(crate) struct ZmqEvents;

#[cfg(feature = "host")]
impl crate::host::EventSource for ZmqEvents {
    fn interests(&self, ctx: &Ctx<'_>, reactor: &mut zs::Reactor) -> bool {
        let Some(state) = ctx.userdata::<AsyncOps>() else {
            return false;
        };
        let queues = state.queues.borrow();
        let mut last = state.last.borrow_mut();
        last.clear();
        for (key, q) in queues.iter() {
            for (send, ops, events) in [(false, &q.recv, POLLIN), (true, &q.send, POLLOUT)] {
                if !ops.is_empty() {
                    let deadline = ops.iter().filter_map(|op| op.deadline).min();
                    reactor.add(Source::Socket(q.sock.clone()), events, deadline);
                    last.push((*key, send));
                }
            }
        }
        !queues.is_empty()
    }

    fn dispatch(&self, ctx: &Ctx<'_>, ready: &[Ready]) -> rquickjs::Result<()> {
        let targets: Vec<(usize, bool)> = match ctx.userdata::<AsyncOps>() {
            Some(s) => {
                let last = s.last.borrow();
                ready.iter().filter_map(|r| last.get(r.index).copied()).collect()
            }
            None => return Ok(()),
        };
        for (key, send) in targets {
            process(ctx, key, send)?;
        }
        Ok(())
    }
}

/// Register [`ZmqEvents`] with the host's run loop (once per runtime).
#[cfg(feature = "host")]
pub(crate) fn register(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    AsyncOps::ensure(ctx)?;
    let first = ctx.userdata::<AsyncOps>().is_some_and(|s| !s.registered.replace(true));
    if first {
        crate::host::add_event_source(ctx, std::rc::Rc::new(ZmqEvents))?;
    }
    Ok(())
}
