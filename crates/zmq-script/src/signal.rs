//! Signal handling shared by the runners and the loadable Lua module.
//!
//! [`install`] puts a handler on the given signals *without* `SA_RESTART`, so
//! that a blocking libzmq call returns EINTR at once; the handler only records
//! the signal (and, if asked, calls the handler that was there before, e.g.
//! stock `lua`'s Ctrl-C handler). The interrupt hook then reads [`pending`].

use std::sync::atomic::{AtomicI32, AtomicUsize, Ordering};

static PENDING: AtomicI32 = AtomicI32::new(0);
const MAX_SIGNAL: usize = 65;
static PREVIOUS: [AtomicUsize; MAX_SIGNAL] = [const { AtomicUsize::new(0) }; MAX_SIGNAL];

extern "C" fn on_signal(sig: libc::c_int) {
    PENDING.store(sig, Ordering::SeqCst);
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
}

/// Record `signals` as they arrive. With `chain`, a plain handler that was
/// installed before is still called after recording.
pub fn install(signals: &[i32], chain: bool) -> std::io::Result<()> {
    for &sig in signals {
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
