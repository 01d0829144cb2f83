//! [`Reactor`]: the one waiting mechanism of an event loop. A set of
//! interests — a [`Socket`] with POLLIN/POLLOUT, or a raw descriptor that
//! should become readable/writable — each with an optional deadline, and one
//! [`Reactor::wait`] that does a single `zmq_poll` over all of them.
//!
//! The engines' event loops (the QuickJS host's run loop with its pending
//! promises and fd handlers, Lua's `zmq.loop` scheduler) build one reactor per
//! turn, wait, and act on what it reports. The rules of waiting live here:
//!
//! - waits run in slices of at most [`crate::interrupt::SLICE_MS`]; a signal
//!   (EINTR) or the interrupt hook ends the wait with its error
//!   ([`Error::Interrupted`] for Ctrl-C);
//! - a socket whose context is shutting down, or that was closed, is reported
//!   ready (with the events asked for): the waiter retries its operation and
//!   meets ETERM/ENOTSOCK from the socket itself;
//! - an interest whose deadline passed is reported `expired`.
//!
//! `zmq_poll` on the socket itself is level-correct. A host that watches the
//! socket's ZMQ_FD instead ([`Reactor::watch_list`]) sees only edges: after a
//! wake-up it must keep draining while the socket stays ready (ZMQ_EVENTS),
//! or a message that arrived during the drain is never noticed;
//! [`Reactor::ready_now`] answers exactly that question.

use crate::constants::{POLLERR, POLLIN, POLLOUT};
use crate::error::{Error, Result};
use crate::interrupt::{self, Deadline};
use crate::socket::Socket;
use std::os::unix::io::RawFd;
use std::time::Instant;

/// What an interest waits on.
#[derive(Clone, Debug)]
pub enum Source {
    /// A ZeroMQ socket (POLLIN: a message can be received; POLLOUT: one can be sent).
    Socket(Socket),
    /// A raw file descriptor (POLLIN: readable; POLLOUT: writable).
    Fd(RawFd),
}

/// One thing to wait for.
#[derive(Clone, Debug)]
pub struct Interest {
    pub source: Source,
    /// POLLIN and/or POLLOUT.
    pub events: i16,
    /// When to give up on it (reported as `expired`).
    pub deadline: Option<Instant>,
}

/// What [`Reactor::wait`] reports for one interest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ready {
    /// Index of the interest, in the order they were added.
    pub index: usize,
    /// The events that are ready, of those asked for, plus POLLERR (0 when only expired).
    pub events: i16,
    /// The interest's deadline has passed.
    pub expired: bool,
}

/// A set of interests to wait on together (see the module documentation).
#[derive(Debug, Default)]
pub struct Reactor {
    interests: Vec<Interest>,
}

impl Reactor {
    /// An empty reactor.
    pub fn new() -> Reactor {
        Reactor::default()
    }

    /// Add an interest; returns its index (what [`Ready::index`] reports).
    pub fn add(&mut self, source: Source, events: i16, deadline: Option<Instant>) -> usize {
        self.interests.push(Interest {
            source,
            events,
            deadline,
        });
        self.interests.len() - 1
    }

    /// Remove every interest.
    pub fn clear(&mut self) {
        self.interests.clear();
    }

    /// The interests, in the order they were added.
    pub fn interests(&self) -> &[Interest] {
        &self.interests
    }

    /// Number of interests.
    pub fn len(&self) -> usize {
        self.interests.len()
    }

    /// True if nothing is waited for.
    pub fn is_empty(&self) -> bool {
        self.interests.is_empty()
    }

    /// The earliest deadline of any interest.
    pub fn earliest_deadline(&self) -> Option<Instant> {
        self.interests.iter().filter_map(|i| i.deadline).min()
    }

    /// Wait until an interest is ready or expired, or `until` passes (`None`:
    /// no limit besides the interests' deadlines). Returns what is ready or
    /// expired — empty only when `until` passed first.
    ///
    /// Errors: the interrupt hook's error (`Interrupted` on Ctrl-C), or a
    /// `zmq_poll` failure other than EINTR. Waiting with no interests and no
    /// `until` is refused (`EFAULT`) since it could never return.
    pub fn wait(&self, until: Option<Instant>) -> Result<Vec<Ready>> {
        let limit = match (until, self.earliest_deadline()) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let deadline = match limit {
            Some(t) => deadline_at(t),
            None => Deadline::never(),
        };
        if self.interests.is_empty() {
            if limit.is_none() {
                return Err(Error::Invalid {
                    errno: libc::EFAULT,
                    message: "waiting forever with nothing to wait for would never return".into(),
                });
            }
            interrupt::sleep(deadline)?;
            return Ok(Vec::new());
        }
        let mut items: Vec<zmq_sys::zmq_pollitem_t> = Vec::with_capacity(self.interests.len());
        loop {
            let mut out = Vec::new();
            {
                // Keep every socket locked (so open) while libzmq looks at it.
                let mut locks = Vec::new();
                items.clear();
                for (index, interest) in self.interests.iter().enumerate() {
                    let (socket, fd) = match &interest.source {
                        Source::Socket(s) => match s.lock() {
                            Ok(l) if !l.terminating() => {
                                let p = l.ptr();
                                locks.push(l);
                                (p, 0)
                            }
                            // Closed or shutting down: the retry meets the socket's error.
                            _ => {
                                out.push(Ready {
                                    index,
                                    events: interest.events,
                                    expired: false,
                                });
                                (std::ptr::null_mut(), -1)
                            }
                        },
                        Source::Fd(fd) => (std::ptr::null_mut(), *fd),
                    };
                    items.push(zmq_sys::zmq_pollitem_t {
                        socket,
                        fd,
                        events: interest.events,
                        revents: 0,
                    });
                }
                let slice = if out.is_empty() { deadline.next_slice() } else { 0 };
                // SAFETY: `items` holds open sockets (locked above) or plain descriptors
                // (a negative fd is ignored by poll), and outlives the call.
                let rc = unsafe { zmq_sys::zmq_poll(items.as_mut_ptr(), items.len() as _, slice as _) };
                if rc < 0 {
                    // SAFETY: reads this thread's errno.
                    let errno = unsafe { zmq_sys::zmq_errno() };
                    if errno == zmq_sys::errno::ETERM {
                        // A context shut down under us: report every socket so the waiters retry.
                        for (index, i) in self.interests.iter().enumerate() {
                            if matches!(i.source, Source::Socket(_)) && !out.iter().any(|r| r.index == index) {
                                out.push(Ready {
                                    index,
                                    events: i.events,
                                    expired: false,
                                });
                            }
                        }
                    } else if errno != libc::EINTR {
                        return Err(Error::Zmq(errno));
                    }
                }
            }
            let now = Instant::now();
            // Closed sockets (or all, after ETERM) are in `out` already: skip them in one pass.
            out.sort_by_key(|r| r.index);
            let mut reported = out.iter().map(|r| r.index).peekable();
            let mut fresh = Vec::new();
            for (index, (item, interest)) in items.iter().zip(&self.interests).enumerate() {
                if reported.next_if_eq(&index).is_some() {
                    continue;
                }
                let expired = interest.deadline.is_some_and(|d| now >= d);
                // POLLERR (for a descriptor: also a hang-up) is reported whatever was asked.
                let events = item.revents & (interest.events | POLLERR);
                if events != 0 || expired {
                    fresh.push(Ready { index, events, expired });
                }
            }
            out.extend(fresh);
            if !out.is_empty() {
                out.sort_by_key(|r| r.index);
                return Ok(out);
            }
            interrupt::check()?;
            if deadline.expired() {
                return Ok(Vec::new());
            }
        }
    }

    /// The indices of socket interests that are ready now by ZMQ_EVENTS (which
    /// also processes the socket's pending commands), and of closed ones.
    /// A host that waits on ZMQ_FD must not wait while this is not empty.
    pub fn ready_now(&self) -> Vec<usize> {
        self.interests
            .iter()
            .enumerate()
            .filter(|(_, i)| match &i.source {
                Source::Socket(s) => s.events().map(|e| e & i.events != 0).unwrap_or(true),
                Source::Fd(_) => false,
            })
            .map(|(index, _)| index)
            .collect()
    }

    /// The descriptors a foreign event loop should watch for these interests:
    /// `(fd, events)`. A socket is watched through its ZMQ_FD, which signals
    /// (edge-triggered, as POLLIN) any change of the socket's state, whether
    /// the interest is POLLIN or POLLOUT; a raw fd with its own events.
    /// Closed sockets are left out (check [`Reactor::ready_now`]).
    pub fn watch_list(&self) -> Vec<(RawFd, i16)> {
        let mut out: Vec<(RawFd, i16)> = Vec::new();
        for i in &self.interests {
            let entry = match &i.source {
                Source::Socket(s) => match s.fd() {
                    Ok(fd) => (fd, POLLIN),
                    Err(_) => continue,
                },
                Source::Fd(fd) => (*fd, i.events & (POLLIN | POLLOUT)),
            };
            match out.iter_mut().find(|(fd, _)| *fd == entry.0) {
                Some(e) => e.1 |= entry.1,
                None => out.push(entry),
            }
        }
        out
    }
}

/// A [`Deadline`] at `t` (now or in the past: expired).
fn deadline_at(t: Instant) -> Deadline {
    let left = t.saturating_duration_since(Instant::now());
    Deadline::from_ms(left.as_micros().div_ceil(1000) as i64)
}
