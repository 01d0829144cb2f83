//! How blocking calls stay interruptible.
//!
//! Every blocking wait in the core (recv, send, poll, proxy) waits in slices
//! of at most [`SLICE_MS`] and, between slices and whenever a system call
//! returns EINTR, asks the calling thread's interrupt hook whether to go on.
//! A hook that returns an error ends the call with that error; the runners
//! install one that checks for SIGINT/SIGTERM, an embedding host one that
//! checks its own flag. Without a hook, EINTR is simply retried.

use crate::error::Result;
use std::cell::RefCell;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Longest single wait inside a blocking call, in milliseconds.
pub const SLICE_MS: i64 = 100;

/// A host's answer to "may this blocking call go on?": `Ok(())` to continue.
pub type Hook = Rc<dyn Fn() -> Result<()>>;

thread_local! {
    static HOOK: RefCell<Option<Hook>> = const { RefCell::new(None) };
}

/// Install (or with `None` remove) this thread's interrupt hook; returns the previous one.
pub fn set_hook(hook: Option<Hook>) -> Option<Hook> {
    HOOK.with(|h| std::mem::replace(&mut *h.borrow_mut(), hook))
}

/// Ask the current hook whether to continue (always `Ok` without a hook).
pub fn check() -> Result<()> {
    let hook = HOOK.with(|h| h.borrow().clone());
    match hook {
        Some(f) => f(),
        None => Ok(()),
    }
}

/// When a blocking call has to give up: never (`None`) or at an instant.
#[derive(Clone, Copy, Debug)]
pub struct Deadline(Option<Instant>);

impl Deadline {
    /// From a libzmq-style timeout: negative means forever.
    pub fn from_ms(ms: i64) -> Deadline {
        if ms < 0 {
            Deadline(None)
        } else {
            Deadline(Instant::now().checked_add(Duration::from_millis(ms as u64)))
        }
    }

    /// A deadline that never comes.
    pub fn never() -> Deadline {
        Deadline(None)
    }

    /// Milliseconds to wait in the next slice: at most [`SLICE_MS`], 0 once expired.
    pub fn next_slice(&self) -> i64 {
        match self.0 {
            None => SLICE_MS,
            Some(end) => {
                let left = end.saturating_duration_since(Instant::now());
                // Round up so that a 0.4 ms remainder still waits instead of spinning.
                let ms = left.as_micros().div_ceil(1000) as i64;
                ms.min(SLICE_MS)
            }
        }
    }

    /// True once the deadline has passed.
    pub fn expired(&self) -> bool {
        matches!(self.0, Some(end) if Instant::now() >= end)
    }
}

/// Sleep until `deadline` in slices, consulting the hook between them.
pub fn sleep(deadline: Deadline) -> Result<()> {
    loop {
        check()?;
        if deadline.expired() {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(deadline.next_slice().max(1) as u64));
    }
}
