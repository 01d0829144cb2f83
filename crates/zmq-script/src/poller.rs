//! [`Poller`]: the semantics of libzmq's `zmq_poller` (add/modify/remove
//! sockets or raw file descriptors with user data, wait for one event or up
//! to n), built on the stable `zmq_poll`.
//!
//! Waits run in slices (see [`crate::interrupt`]), retry EINTR, and rotate
//! the starting entry so that a busy socket cannot starve the others.

use crate::constants::{POLLERR, POLLIN, POLLOUT, POLLPRI};
use crate::error::{Error, Result};
use crate::interrupt::{self, Deadline};
use crate::socket::{Locked, Socket};
use std::os::unix::io::RawFd;

/// What a poller entry watches.
#[derive(Clone, Debug)]
pub enum PollTarget {
    Socket(Socket),
    Fd(RawFd),
}

/// The events argument of `add`/`modify`: POLLIN when absent; a mask of the
/// POLL* bits that fits libzmq's `short` (EINVAL otherwise).
pub fn poll_events(events: Option<i64>) -> Result<i16> {
    let e = events.unwrap_or(POLLIN as i64);
    i16::try_from(e).map_err(|_| Error::invalid(format!("invalid poll events {e:#x}")))
}

/// The `n_events` argument of `wait_all`: at least 1 (a `WrongType` otherwise,
/// which JavaScript throws as a TypeError, as the reference module does).
pub fn event_count(n: i64) -> Result<usize> {
    if n <= 0 {
        return Err(Error::WrongType(format!("n_events must be at least 1, not {n}")));
    }
    usize::try_from(n).map_err(|_| Error::OutOfRange(format!("n_events {n} is too large")))
}

impl PollTarget {
    /// Same socket (identity, not equality) or same descriptor number.
    pub fn same(&self, other: &PollTarget) -> bool {
        match (self, other) {
            (PollTarget::Socket(a), PollTarget::Socket(b)) => a.same(b),
            (PollTarget::Fd(a), PollTarget::Fd(b)) => a == b,
            _ => false,
        }
    }
}

/// One registered entry.
#[derive(Debug)]
pub struct PollEntry<T> {
    pub target: PollTarget,
    pub events: i16,
    pub data: T,
}

/// One readiness report: which entry (by index into [`Poller::entries`]) and what it can do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollEvent {
    pub index: usize,
    pub events: i16,
}

/// A set of sockets and descriptors to wait on, each with user data `T`.
#[derive(Debug)]
pub struct Poller<T> {
    entries: Vec<PollEntry<T>>,
    cursor: usize,
}

impl<T> Default for Poller<T> {
    fn default() -> Self {
        Poller {
            entries: Vec::new(),
            cursor: 0,
        }
    }
}

fn check_events(events: i16) -> Result<()> {
    if events & !(POLLIN | POLLOUT | POLLERR | POLLPRI) != 0 {
        Err(Error::invalid(format!(
            "invalid poll events {events:#x}: use POLLIN, POLLOUT, POLLERR, POLLPRI"
        )))
    } else {
        Ok(())
    }
}

impl<T> Poller<T> {
    /// An empty poller.
    pub fn new() -> Poller<T> {
        Poller::default()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True if nothing is registered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The entries, in the order they were added.
    pub fn entries(&self) -> &[PollEntry<T>] {
        &self.entries
    }

    fn position(&self, target: &PollTarget) -> Option<usize> {
        self.entries.iter().position(|e| e.target.same(target))
    }

    /// Register `target`. `EINVAL` if it is already registered or `events`
    /// has unknown bits; `ENOTSOCK` for a closed socket; `EBADF` for a negative fd.
    pub fn add(&mut self, target: PollTarget, events: i16, data: T) -> Result<()> {
        check_events(events)?;
        match &target {
            PollTarget::Socket(s) if s.is_closed() => return Err(Error::Closed),
            PollTarget::Fd(fd) if *fd < 0 => return Err(Error::Zmq(libc::EBADF)),
            _ => {}
        }
        if self.position(&target).is_some() {
            return Err(Error::invalid("already added to this poller"));
        }
        self.entries.push(PollEntry {
            target,
            events,
            data,
        });
        Ok(())
    }

    /// Change the events watched for `target`. `EINVAL` if it is not registered.
    pub fn modify(&mut self, target: &PollTarget, events: i16) -> Result<()> {
        check_events(events)?;
        let i = self
            .position(target)
            .ok_or_else(|| Error::invalid("not added to this poller"))?;
        self.entries[i].events = events;
        Ok(())
    }

    /// Unregister `target` and return its user data. `EINVAL` if it is not registered.
    pub fn remove(&mut self, target: &PollTarget) -> Result<T> {
        let i = self
            .position(target)
            .ok_or_else(|| Error::invalid("not added to this poller"))?;
        if self.cursor > i {
            self.cursor -= 1;
        }
        Ok(self.entries.remove(i).data)
    }

    /// Wait up to `timeout_ms` (negative: forever) for one event.
    /// `Ok(None)` on timeout. Waiting forever with no entries is refused (`EFAULT`,
    /// as `zmq_poller_wait` does) since it could never return.
    pub fn wait(&mut self, timeout_ms: i64) -> Result<Option<PollEvent>> {
        Ok(self.wait_all(1, timeout_ms)?.into_iter().next())
    }

    /// Wait up to `timeout_ms` for events; returns up to `max` of them (empty on timeout).
    pub fn wait_all(&mut self, max: usize, timeout_ms: i64) -> Result<Vec<PollEvent>> {
        event_count(max as i64)?;
        let deadline = Deadline::from_ms(timeout_ms);
        if self.entries.is_empty() {
            if timeout_ms < 0 {
                return Err(Error::Invalid {
                    errno: libc::EFAULT,
                    message: "waiting forever on an empty poller would never return".into(),
                });
            }
            interrupt::sleep(deadline)?;
            return Ok(Vec::new());
        }
        let mut items: Vec<zmq_sys::zmq_pollitem_t> = Vec::with_capacity(self.entries.len());
        loop {
            let ready = {
                // Keep every socket locked (so open) while libzmq looks at it.
                let mut locks: Vec<Locked<'_>> = Vec::new();
                items.clear();
                for e in &self.entries {
                    let (socket, fd) = match &e.target {
                        PollTarget::Socket(s) => {
                            let l = s.lock()?;
                            if l.terminating() {
                                return Err(Error::Zmq(zmq_sys::errno::ETERM));
                            }
                            let p = l.ptr();
                            locks.push(l);
                            (p, 0)
                        }
                        PollTarget::Fd(fd) => (std::ptr::null_mut(), *fd),
                    };
                    items.push(zmq_sys::zmq_pollitem_t {
                        socket,
                        fd,
                        events: e.events,
                        revents: 0,
                    });
                }
                // SAFETY: `items` holds `items.len()` poll items; each socket entry comes from a
                // lock kept in `locks` until after the poll, so those sockets are live and ours.
                let rc = unsafe {
                    zmq_sys::zmq_poll(
                        items.as_mut_ptr(),
                        items.len() as _,
                        deadline.next_slice() as _,
                    )
                };
                if rc < 0 {
                    // SAFETY: zmq_errno only reads the calling thread's errno.
                    let errno = unsafe { zmq_sys::zmq_errno() };
                    if errno != libc::EINTR {
                        return Err(Error::Zmq(errno));
                    }
                }
                rc > 0
            };
            if ready {
                let n = self.entries.len();
                let mut out = Vec::new();
                for k in 0..n {
                    let i = (self.cursor + k) % n;
                    if items[i].revents != 0 {
                        out.push(PollEvent {
                            index: i,
                            events: items[i].revents,
                        });
                        if out.len() == max {
                            break;
                        }
                    }
                }
                if let Some(last) = out.last() {
                    self.cursor = (last.index + 1) % n;
                    return Ok(out);
                }
            }
            interrupt::check()?;
            if deadline.expired() {
                return Ok(Vec::new());
            }
        }
    }
}
