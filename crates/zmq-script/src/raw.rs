//! Owners of raw libzmq handles: each closes its handle exactly once, on drop,
//! and never panics doing so.

use crate::error::{Error, Result};
use std::os::raw::{c_int, c_void};

/// An owned `void *` context. [`RawContext::terminate`] runs `zmq_ctx_term`
/// (retrying EINTR) and waits; dropping it terminates on a background thread
/// (see [`crate::reaper`]), so that several contexts linger in parallel.
pub(crate) struct RawContext(*mut c_void);

// SAFETY: libzmq documents contexts as thread-safe (every zmq_ctx_* call may come from any
// thread), and the pointer is owned here: nothing else closes it.
unsafe impl Send for RawContext {}
// SAFETY: as for Send; `&RawContext` only hands out the pointer for zmq_ctx_* and zmq_socket calls.
unsafe impl Sync for RawContext {}

impl RawContext {
    pub(crate) fn new() -> Result<RawContext> {
        // SAFETY: zmq_ctx_new takes no arguments; a null result is handled below.
        let p = unsafe { zmq_sys::zmq_ctx_new() };
        if p.is_null() {
            Err(Error::last())
        } else {
            Ok(RawContext(p))
        }
    }

    pub(crate) fn ptr(&self) -> *mut c_void {
        self.0
    }

    /// Terminate now: returns once every socket's linger is over.
    pub(crate) fn terminate(mut self) {
        let p = std::mem::replace(&mut self.0, std::ptr::null_mut());
        // SAFETY: `p` is the live context this value owned; it is nulled above, so Drop will
        // not terminate it a second time.
        unsafe { term_blocking(p as usize) };
    }
}

/// `zmq_ctx_term`, retrying EINTR.
///
/// # Safety
/// `ctx` must be the address of a live libzmq context that no one uses or terminates
/// afterwards: the context is gone when this returns.
pub(crate) unsafe fn term_blocking(ctx: usize) {
    loop {
        // SAFETY: the caller hands over a live context (see # Safety); after an EINTR it is
        // still live and the call is repeated, after any other result it is not touched again.
        let rc = unsafe { zmq_sys::zmq_ctx_term(ctx as *mut c_void) };
        // SAFETY: zmq_errno only reads the calling thread's errno.
        if rc == 0 || unsafe { zmq_sys::zmq_errno() } != libc::EINTR {
            break;
        }
    }
}

impl Drop for RawContext {
    fn drop(&mut self) {
        if !self.0.is_null() {
            // SAFETY: a non-null pointer here is the live context this value owns, and this is
            // its last use: ownership passes to the reaper.
            unsafe { crate::reaper::terminate_in_background(self.0 as usize) };
        }
    }
}

/// An owned `void *` socket; dropping it runs `zmq_close`.
pub(crate) struct RawSocket(*mut c_void);

// SAFETY: libzmq sockets may be used from any thread as long as calls are not concurrent
// (a full memory barrier between threads): RawSocket is not Sync, and its owner
// (`socket::State`) keeps it behind a Mutex.
unsafe impl Send for RawSocket {}

impl RawSocket {
    pub(crate) fn new(ctx: &RawContext, kind: c_int) -> Result<RawSocket> {
        // SAFETY: `ctx` is borrowed, so its context is live (RawContext terminates only on
        // drop or by value); an unknown `kind` makes zmq_socket return null, handled below.
        let p = unsafe { zmq_sys::zmq_socket(ctx.ptr(), kind) };
        if p.is_null() {
            Err(Error::last())
        } else {
            Ok(RawSocket(p))
        }
    }

    pub(crate) fn ptr(&self) -> *mut c_void {
        self.0
    }
}

impl Drop for RawSocket {
    fn drop(&mut self) {
        // SAFETY: `self.0` is the live socket this value owns and this is its last use;
        // zmq_close only fails for an invalid pointer, which ownership rules out.
        unsafe { zmq_sys::zmq_close(self.0) };
    }
}

impl RawSocket {
    /// Read an `int` socket option.
    pub(crate) fn get_int(&self, option: c_int) -> Result<i32> {
        self.get_scalar::<c_int>(option)
    }

    /// Read a fixed-size (`int`, `int64_t`, `uint64_t`) socket option.
    pub(crate) fn get_scalar<T: Copy + Default>(&self, option: c_int) -> Result<T> {
        let mut value = T::default();
        let mut size = std::mem::size_of::<T>();
        // SAFETY: `self.0` is a live socket (closed only by our Drop) used from one thread at a
        // time (RawSocket is not Sync); `value` is writable for `size` bytes and libzmq writes
        // at most `size` bytes.
        let rc = unsafe { zmq_sys::zmq_getsockopt(self.0, option, &mut value as *mut T as *mut c_void, &mut size) };
        crate::error::check(rc)?;
        Ok(value)
    }

    /// Write an `int` socket option.
    pub(crate) fn set_int(&self, option: c_int, value: i32) -> Result<()> {
        self.set_bytes(option, &value.to_ne_bytes())
    }

    /// Write a socket option from its bytes (an empty value is passed as `(NULL, 0)`:
    /// PLAIN_USERNAME and friends reset the mechanism only for that).
    pub(crate) fn set_bytes(&self, option: c_int, value: &[u8]) -> Result<()> {
        let p = if value.is_empty() { std::ptr::null() } else { value.as_ptr() as *const c_void };
        // SAFETY: `self.0` is a live socket used from one thread at a time (see get_scalar);
        // `p` is null with length 0 or points at `value.len()` readable bytes.
        let rc = unsafe { zmq_sys::zmq_setsockopt(self.0, option, p, value.len()) };
        crate::error::check(rc).map(|_| ())
    }
}
