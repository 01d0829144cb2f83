//! Signal handling shared by the runners and the loadable Lua module.
//!
//! [`install`] puts a handler on the given signals *without* `SA_RESTART`, so
//! that a blocking libzmq call returns EINTR at once; the handler only records
//! the signal (and, if asked, calls the handler that was there before, e.g.
//! stock `lua`'s Ctrl-C handler). The interrupt hook then reads [`pending`].
//!
//! A blocking call checks [`pending`] and then waits inside libzmq; a signal
//! that lands between the two (the thread preempted there, or the signal
//! delivered to another thread) would leave the wait to run forever. So a
//! blocking call holds a [`Waiting`] guard, and a signal that arrives while
//! one is held arms a one-shot timer that delivers the same signal to the
//! installing thread [`REDELIVER_MS`] later, until a check has seen it.

use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicI32, AtomicUsize, Ordering};

static PENDING: AtomicI32 = AtomicI32::new(0);
const MAX_SIGNAL: usize = 65;
static PREVIOUS: [AtomicUsize; MAX_SIGNAL] = [const { AtomicUsize::new(0) }; MAX_SIGNAL];
/// Per signal, the POSIX timer that redelivers it to the installing thread, as `timer_t` + 1
/// (glibc's first timer is 0); 0: none.
static TIMERS: [AtomicUsize; MAX_SIGNAL] = [const { AtomicUsize::new(0) }; MAX_SIGNAL];
/// True while the installing thread holds a [`Waiting`] guard.
static WAITING: AtomicBool = AtomicBool::new(false);
/// True while a redelivery timer may be armed.
static ARMED: AtomicBool = AtomicBool::new(false);

/// How long after a signal that found a blocking call starting it is delivered again.
pub const REDELIVER_MS: i64 = 5;

thread_local! {
    static INSTALLED_HERE: Cell<bool> = const { Cell::new(false) };
}

extern "C" fn on_signal(sig: libc::c_int) {
    // SAFETY: __errno_location returns this thread's errno slot, always valid. It is restored
    // at the end: the interrupted code may be about to read the errno of its last call.
    let errno = unsafe { libc::__errno_location() };
    let saved = unsafe { *errno };
    PENDING.store(sig, Ordering::SeqCst);
    if WAITING.load(Ordering::SeqCst) {
        arm(sig);
    }
    if let Some(slot) = PREVIOUS.get(sig as usize) {
        let prev = slot.load(Ordering::SeqCst);
        if prev != 0
            && prev != libc::SIG_DFL
            && prev != libc::SIG_IGN
            && prev != on_signal as *const () as usize
        {
            // SAFETY: `prev` was a plain one-argument handler (checked at install).
            let f: extern "C" fn(libc::c_int) = unsafe { std::mem::transmute(prev) };
            f(sig);
        }
    }
    // SAFETY: as above.
    unsafe { *errno = saved };
}

/// Arm `sig`'s redelivery timer (async-signal-safe: atomics and timer_settime).
fn arm(sig: libc::c_int) {
    let Some(slot) = TIMERS.get(sig as usize).map(|t| t.load(Ordering::SeqCst)) else {
        return;
    };
    if slot == 0 {
        return;
    }
    let timer = slot - 1;
    ARMED.store(true, Ordering::SeqCst);
    let spec = libc::itimerspec {
        it_interval: libc::timespec { tv_sec: 0, tv_nsec: 0 },
        it_value: libc::timespec { tv_sec: 0, tv_nsec: REDELIVER_MS * 1_000_000 },
    };
    // SAFETY: `timer` is a timer_t made by timer_create in `redelivery_timer` and never
    // deleted; timer_settime is async-signal-safe; `spec` is a local.
    unsafe { libc::timer_settime(timer as libc::timer_t, 0, &spec, std::ptr::null_mut()) };
}

/// Stop every redelivery timer (after the blocking call it was for returned).
fn disarm() {
    // SAFETY: itimerspec is plain data; all zeroes disarms a timer.
    let zero: libc::itimerspec = unsafe { std::mem::zeroed() };
    for slot in &TIMERS {
        let timer = slot.load(Ordering::SeqCst);
        if timer != 0 {
            // SAFETY: as in `arm`.
            unsafe { libc::timer_settime((timer - 1) as libc::timer_t, 0, &zero, std::ptr::null_mut()) };
        }
    }
}

/// A timer that delivers `sig` to the calling thread when armed (its `timer_t` + 1, as
/// [`TIMERS`] holds it); None if the system refuses.
fn redelivery_timer(sig: libc::c_int) -> Option<usize> {
    // SAFETY: sigevent is plain data (zeroed is valid); SIGEV_THREAD_ID with the calling
    // thread's id is what the Linux timer_create documents; `timer` is written on success.
    unsafe {
        let mut event: libc::sigevent = std::mem::zeroed();
        event.sigev_notify = libc::SIGEV_THREAD_ID;
        event.sigev_signo = sig;
        event.sigev_notify_thread_id = libc::gettid();
        let mut timer: libc::timer_t = std::ptr::null_mut();
        if libc::timer_create(libc::CLOCK_MONOTONIC, &mut event, &mut timer) != 0 {
            return None;
        }
        Some(timer as usize + 1)
    }
}

/// Held by a blocking call from its last [`pending`] check until it returns
/// (see the module notes). Free on threads that did not [`install`].
pub struct Waiting(bool);

/// Start a [`Waiting`] section: take it *before* the last check for a pending signal.
#[inline]
pub fn waiting() -> Waiting {
    let here = INSTALLED_HERE.with(|h| h.get());
    if here {
        WAITING.store(true, Ordering::SeqCst);
    }
    Waiting(here)
}

impl Waiting {
    /// Call right before each further check for a pending signal (after an EINTR):
    /// a signal that arrived before it is seen by that check, so its timer is stopped.
    #[inline]
    pub fn before_check(&self) {
        if self.0 && ARMED.swap(false, Ordering::SeqCst) {
            disarm();
        }
    }
}

impl Drop for Waiting {
    #[inline]
    fn drop(&mut self) {
        if self.0 {
            WAITING.store(false, Ordering::SeqCst);
            self.before_check(); // stops a timer still armed for this call
        }
    }
}

/// Record `signals` as they arrive. With `chain`, a plain handler that was
/// installed before is still called after recording. A blocking call on the
/// calling thread is then interrupted by them even when one arrives just before
/// it starts to wait (see the module notes).
pub fn install(signals: &[i32], chain: bool) -> std::io::Result<()> {
    INSTALLED_HERE.with(|h| h.set(true));
    for &sig in signals {
        if let Some(slot) = TIMERS.get(sig as usize) {
            if slot.load(Ordering::SeqCst) == 0 {
                if let Some(timer) = redelivery_timer(sig) {
                    slot.store(timer, Ordering::SeqCst);
                }
            }
        }
        // SAFETY: sigaction is plain data (zeroed is a valid empty value); `on_signal` is
        // async-signal-safe (atomics only, then the previous plain handler); `new`/`old` are
        // locals; an invalid `sig` is an error return, not UB.
        unsafe {
            let mut old: libc::sigaction = std::mem::zeroed();
            let mut new: libc::sigaction = std::mem::zeroed();
            new.sa_sigaction = on_signal as *const () as usize;
            new.sa_flags = 0; // no SA_RESTART: blocking calls must see EINTR
            libc::sigemptyset(&mut new.sa_mask);
            if libc::sigaction(sig, &new, &mut old) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            if let Some(slot) = PREVIOUS.get(sig as usize) {
                let plain = old.sa_flags & libc::SA_SIGINFO == 0;
                slot.store(
                    if chain && plain { old.sa_sigaction } else { 0 },
                    Ordering::SeqCst,
                );
            }
        }
    }
    Ok(())
}

/// The last signal recorded and not yet taken, if any.
pub fn pending() -> Option<i32> {
    match PENDING.load(Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}

/// Take the recorded signal, clearing it.
pub fn take() -> Option<i32> {
    match PENDING.swap(0, Ordering::SeqCst) {
        0 => None,
        s => Some(s),
    }
}
