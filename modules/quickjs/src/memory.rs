//! Memory limits: a runtime whose scripts must stay under a bound.
//!
//! QuickJS counts against `JS_SetMemoryLimit` only what goes through its own
//! allocator. A received message of [`ZERO_COPY_MIN`](crate::convert) bytes or
//! more normally becomes an ArrayBuffer that wraps libzmq's memory without a
//! copy: invisible to the limit (and to the GC threshold), so a script under a
//! 64 MiB limit could keep gigabytes of messages. [`set_memory_limit`] sets the
//! runtime's limit *and* switches the runtime to copying every received
//! message into the QuickJS heap, where it is counted: past the limit, `recv`
//! throws QuickJS's catchable out-of-memory error (an `InternalError`) and the
//! message is dropped. See docs/design.md, "Resource limits", for the cost.

use rquickjs::{qjs, Ctx, JsLifetime};
use std::cell::RefCell;

thread_local! {
    /// Runtimes (by pointer) of this thread that copy received messages.
    /// A QuickJS runtime never changes threads; [`Registration`] removes its
    /// entry when the runtime is freed.
    static COPYING: RefCell<Vec<usize>> = const { RefCell::new(Vec::new()) };
}

/// Kept in the runtime's userdata: the runtime's entry in `COPYING` lives
/// exactly as long as the runtime.
struct Registration(usize);

impl Drop for Registration {
    fn drop(&mut self) {
        let _ = COPYING.try_with(|c| c.borrow_mut().retain(|&rt| rt != self.0));
    }
}

// SAFETY: Registration holds no JS value, so it has no lifetime to change.
unsafe impl<'js> JsLifetime<'js> for Registration {
    type Changed<'to> = Registration;
}

/// Limit the runtime of `ctx` to `bytes` of QuickJS heap (0: no limit) and
/// count received messages against it: they are copied into the heap
/// instead of wrapped (zero-copy) while a limit is set. `qjs --memory-limit`
/// calls this; a host sandboxing scripts should too, rather than
/// `Runtime::set_memory_limit` alone.
pub fn set_memory_limit(ctx: &Ctx<'_>, bytes: usize) -> rquickjs::Result<()> {
    // SAFETY: `ctx` is a live context; its runtime outlives this call.
    let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
    // SAFETY: as above; QuickJS takes any size (0 = unlimited).
    unsafe { qjs::JS_SetMemoryLimit(rt, bytes as _) };
    let key = rt as usize;
    if ctx.userdata::<Registration>().is_none() {
        ctx.store_userdata(Registration(key))
            .map_err(|_| rquickjs::Error::Unknown)?;
    }
    COPYING.with(|c| {
        let mut c = c.borrow_mut();
        c.retain(|&r| r != key);
        if bytes != 0 {
            c.push(key);
        }
    });
    Ok(())
}

/// Whether received messages must be copied into the heap of `ctx`'s runtime.
///
/// # Safety
/// `ctx` is a live QuickJS context.
#[inline]
pub(crate) unsafe fn copies_received(ctx: *mut qjs::JSContext) -> bool {
    let rt = qjs::JS_GetRuntime(ctx) as usize;
    COPYING.with(|c| {
        let c = c.borrow();
        !c.is_empty() && c.contains(&rt)
    })
}
