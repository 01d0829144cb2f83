//! Background termination of contexts whose last handle was dropped.
//!
//! `zmq_ctx_term` waits for the LINGER of the context's sockets. When a host
//! drops several contexts one after the other (a Lua state closing, a runtime
//! torn down), waiting for each in turn would add their lingers up; instead
//! each terminates on its own thread and they linger in parallel. Before the
//! process exits (an `atexit` handler, which also runs when a loadable module
//! is unloaded) and whenever a host calls [`wait_for_terminations`], the
//! pending terminations are joined, so queued messages are still delivered
//! within the lingers. `Context::term()` itself stays synchronous.

use std::sync::{Mutex, Once};
use std::thread::JoinHandle;

static PENDING: Mutex<Vec<JoinHandle<()>>> = Mutex::new(Vec::new());
static AT_EXIT: Once = Once::new();

extern "C" fn wait_at_exit() {
    wait_for_terminations();
}

/// Terminate the context `ctx` (a `void *`) on a background thread.
///
/// # Safety
/// `ctx` must be the address of a live libzmq context, handed over: the caller
/// neither uses nor terminates it afterwards.
pub(crate) unsafe fn terminate_in_background(ctx: usize) {
    // SAFETY: `wait_at_exit` is an `extern "C" fn()` that lives as long as the program.
    AT_EXIT.call_once(|| unsafe {
        libc::atexit(wait_at_exit);
    });
    let spawned = std::thread::Builder::new()
        .name("zmq-ctx-term".into())
        // SAFETY: the caller handed `ctx` over (see # Safety); only this thread uses it.
        .spawn(move || unsafe { crate::raw::term_blocking(ctx) });
    match spawned {
        Ok(handle) => {
            let mut pending = crate::context::lock(&PENDING);
            pending.retain(|h| !h.is_finished());
            pending.push(handle);
        }
        // No thread to spare: terminate here and now.
        // SAFETY: the spawn failed, so the closure (and its copy of `ctx`) never ran; we still
        // own the context the caller handed over.
        Err(_) => unsafe { crate::raw::term_blocking(ctx) },
    }
}

/// Wait until every context dropped so far has terminated (each within its
/// sockets' lingers). Hosts may call it before exiting; an `atexit` handler
/// calls it anyway.
pub fn wait_for_terminations() {
    let handles = std::mem::take(&mut *crate::context::lock(&PENDING));
    for handle in handles {
        let _ = handle.join();
    }
}
