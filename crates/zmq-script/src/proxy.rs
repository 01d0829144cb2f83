//! Proxies: forward messages between a frontend and a backend socket, as
//! `zmq_proxy`/`zmq_proxy_steerable` do, but interruptible (the wait runs in
//! slices and consults the interrupt hook) and ended by the context's term.

use crate::constants::{DONTWAIT, POLLIN, POLLOUT, SNDMORE};
use crate::error::{Error, Result};
use crate::interrupt;
use crate::message::Frame;
use crate::socket::{Locked, Socket};
use std::os::raw::c_int;

/// Message and byte counters of one side of a proxy.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SideStats {
    pub in_msgs: u64,
    pub in_bytes: u64,
    pub out_msgs: u64,
    pub out_bytes: u64,
}

/// Counters of a steerable proxy; the STATISTICS reply sends them as eight
/// 8-byte frames, frontend first, in the order of [`SideStats`]'s fields.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ProxyStats {
    pub frontend: SideStats,
    pub backend: SideStats,
}

/// Run a proxy until the context is terminated (`ETERM`) or the host
/// interrupts it (`Interrupted`). Each message from one side is sent to the
/// other and, if given, a copy to `capture`.
pub fn proxy(frontend: &Socket, backend: &Socket, capture: Option<&Socket>) -> Result<()> {
    run(frontend, backend, capture, None).map(|_| ())
}

/// Like [`proxy`], steered by messages on `control`: `PAUSE`, `RESUME`,
/// `TERMINATE` (ends the proxy, returns Ok) and `STATISTICS` (replies with
/// eight 8-byte counters).
pub fn proxy_steerable(
    frontend: &Socket,
    backend: &Socket,
    capture: Option<&Socket>,
    control: &Socket,
) -> Result<ProxyStats> {
    run(frontend, backend, capture, Some(control))
}

fn run(
    frontend: &Socket,
    backend: &Socket,
    capture: Option<&Socket>,
    control: Option<&Socket>,
) -> Result<ProxyStats> {
    // Lock each distinct socket once; `slot[i]` says which lock socket i uses.
    let all: Vec<&Socket> = [Some(frontend), Some(backend), capture, control]
        .into_iter()
        .flatten()
        .collect();
    let mut locks: Vec<Locked<'_>> = Vec::new();
    let mut owners: Vec<&Socket> = Vec::new();
    let mut slot = Vec::new();
    for s in &all {
        match owners.iter().position(|o| o.same(s)) {
            Some(i) => slot.push(i),
            None => {
                locks.push(s.lock()?);
                owners.push(s);
                slot.push(locks.len() - 1);
            }
        }
    }
    let front = slot[0];
    let back = slot[1];
    let capture_slot = capture.map(|_| slot[2]);
    let control_slot = control.map(|_| slot[slot.len() - 1]);

    let mut stats = ProxyStats::default();
    let mut paused = false;
    loop {
        if locks[front].terminating() {
            return Err(Error::Zmq(zmq_sys::errno::ETERM));
        }
        let mut items = Vec::with_capacity(3);
        let mut which = Vec::with_capacity(3);
        if !paused {
            items.push(item(&locks[front]));
            which.push(0);
            if back != front {
                items.push(item(&locks[back]));
                which.push(1);
            }
        }
        if let Some(c) = control_slot {
            items.push(item(&locks[c]));
            which.push(2);
        }
        // SAFETY: `items` holds `items.len()` poll items whose sockets come from `locks`, held
        // for the whole proxy, so they are live and used by no one else meanwhile.
        let rc = unsafe {
            zmq_sys::zmq_poll(
                items.as_mut_ptr(),
                items.len() as c_int,
                interrupt::SLICE_MS as _,
            )
        };
        if rc < 0 {
            // SAFETY: zmq_errno only reads the calling thread's errno.
            let errno = unsafe { zmq_sys::zmq_errno() };
            if errno != libc::EINTR {
                return Err(Error::Zmq(errno));
            }
        }
        if rc > 0 {
            for (it, w) in items.iter().zip(which.iter()) {
                if it.revents & POLLIN == 0 {
                    continue;
                }
                match w {
                    0 | 1 => {
                        let (from, to) = if *w == 0 {
                            (front, back)
                        } else {
                            (back, front)
                        };
                        let (m, b) =
                            forward(&locks[from], &locks[to], capture_slot.map(|c| &locks[c]))?;
                        let (src, dst) = if *w == 0 {
                            (&mut stats.frontend, &mut stats.backend)
                        } else {
                            (&mut stats.backend, &mut stats.frontend)
                        };
                        src.in_msgs += m;
                        src.in_bytes += b;
                        dst.out_msgs += m;
                        dst.out_bytes += b;
                    }
                    _ => {
                        let c = &locks[control_slot.expect("control polled only when given")];
                        let cmd = recv_frame(c, DONTWAIT)?;
                        match cmd.as_ref().map(|f| f.data()) {
                            Some(b"PAUSE") => paused = true,
                            Some(b"RESUME") => paused = false,
                            Some(b"TERMINATE") => return Ok(stats),
                            Some(b"STATISTICS") => send_stats(c, &stats)?,
                            _ => {}
                        }
                    }
                }
            }
        }
        interrupt::check()?;
    }
}

fn item(l: &Locked<'_>) -> zmq_sys::zmq_pollitem_t {
    zmq_sys::zmq_pollitem_t {
        socket: l.ptr(),
        fd: 0,
        events: POLLIN,
        revents: 0,
    }
}

/// Receive one part; `None` if nothing is queued (DONTWAIT).
fn recv_frame(l: &Locked<'_>, flags: i32) -> Result<Option<Frame>> {
    let mut f = Frame::new();
    let msg = f.raw();
    match l.retry(
        flags,
        POLLIN,
        zmq_sys::ZMQ_RCVTIMEO as c_int,
        // SAFETY: retry passes the locked socket; `msg` is the initialised message of the
        // local frame `f`, which outlives the call.
        |s, f| unsafe { zmq_sys::zmq_msg_recv(msg, s, f) },
    ) {
        Ok(_) => {
            f.set_more();
            Ok(Some(f))
        }
        Err(e) if e.is_again() && flags & DONTWAIT != 0 => Ok(None),
        Err(e) => Err(e),
    }
}

/// Move every queued message from `from` to `to`; returns (messages, bytes).
fn forward(from: &Locked<'_>, to: &Locked<'_>, capture: Option<&Locked<'_>>) -> Result<(u64, u64)> {
    let (mut msgs, mut bytes) = (0u64, 0u64);
    // At most a batch per call, so that the other direction gets its turn.
    for _ in 0..1000 {
        let Some(first) = recv_frame(from, DONTWAIT)? else {
            break;
        };
        let mut part = first;
        loop {
            let more = part.more();
            bytes += part.len() as u64;
            if let Some(c) = capture {
                let mut copy = Frame::new();
                // SAFETY: both are initialised messages of live frames; zmq_msg_copy releases
                // the empty `copy` and makes it share `part`'s contents.
                unsafe { zmq_sys::zmq_msg_copy(copy.raw(), part.raw()) };
                let cmsg = copy.raw();
                let flags = if more { SNDMORE } else { 0 } | DONTWAIT;
                let _ = c.retry(
                    flags,
                    POLLOUT,
                    zmq_sys::ZMQ_SNDTIMEO as c_int,
                    // SAFETY: retry passes the locked capture socket; `cmsg` is `copy`'s message.
                    |s, f| unsafe { zmq_sys::zmq_msg_send(cmsg, s, f) },
                );
            }
            let msg = part.raw();
            let flags = if more { SNDMORE } else { 0 };
            to.retry(
                flags,
                POLLOUT,
                zmq_sys::ZMQ_SNDTIMEO as c_int,
                // SAFETY: retry passes the locked destination socket; `msg` is `part`'s message.
                |s, f| unsafe { zmq_sys::zmq_msg_send(msg, s, f) },
            )?;
            if !more {
                break;
            }
            part = match recv_frame(from, 0)? {
                Some(p) => p,
                None => break,
            };
        }
        msgs += 1;
    }
    Ok((msgs, bytes))
}

fn send_stats(l: &Locked<'_>, s: &ProxyStats) -> Result<()> {
    let side = |x: &SideStats| [x.in_msgs, x.in_bytes, x.out_msgs, x.out_bytes];
    let values: Vec<u64> = side(&s.frontend)
        .into_iter()
        .chain(side(&s.backend))
        .collect();
    for (i, v) in values.iter().enumerate() {
        let bytes = v.to_ne_bytes();
        let flags = if i + 1 < values.len() { SNDMORE } else { 0 };
        l.retry(
            flags,
            POLLOUT,
            zmq_sys::ZMQ_SNDTIMEO as c_int,
            // SAFETY: retry passes the locked control socket; `bytes` is 8 readable bytes.
            |sock, f| unsafe { zmq_sys::zmq_send(sock, bytes.as_ptr() as *const _, 8, f) },
        )?;
    }
    Ok(())
}
