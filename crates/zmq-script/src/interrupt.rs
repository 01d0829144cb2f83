//! How blocking calls stay interruptible.
//!
//! Whenever a blocking call sees EINTR it asks the calling thread's interrupt
//! hook whether to go on; a hook that returns an error ends the call with
//! that error. Without a hook, EINTR is simply retried.
//!
//! Two kinds of hook:
//! - [`set_hook`]: checked on EINTR *and* every [`SLICE_MS`]: blocking
//!   send/recv then wait by polling in slices. For hosts whose interrupt comes
//!   from another thread (a flag, a deadline) rather than a signal.
//! - [`set_signal_hook`]: checked only on EINTR, so send/recv can block inside
//!   libzmq at full speed. Enough when the interrupt is a signal delivered to
//!   this thread by a handler without `SA_RESTART` (see [`crate::signal`]);
//!   this is what the runners use.
//!
//! Poller waits and proxies always run in slices.

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
    static SLICED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Install (or with `None` remove) this thread's interrupt hook, checked
/// between slices and on EINTR; returns the previous hook.
pub fn set_hook(hook: Option<Hook>) -> Option<Hook> {
    SLICED.with(|s| s.set(hook.is_some()));
    HOOK.with(|h| std::mem::replace(&mut *h.borrow_mut(), hook))
}

/// Install (or remove) a hook checked only when a call returns EINTR; returns the previous hook.
pub fn set_signal_hook(hook: Option<Hook>) -> Option<Hook> {
    SLICED.with(|s| s.set(false));
    HOOK.with(|h| std::mem::replace(&mut *h.borrow_mut(), hook))
}

/// True if blocking calls must wait in slices (a [`set_hook`] hook is installed).
pub fn sliced() -> bool {
    SLICED.with(|s| s.get())
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
