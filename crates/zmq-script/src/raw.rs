//! Owners of raw libzmq handles: each closes its handle exactly once, on drop,
//! and never panics doing so.

use crate::error::{Error, Result};
use std::os::raw::{c_int, c_void};

/// An owned `void *` context. [`RawContext::terminate`] runs `zmq_ctx_term`
/// (retrying EINTR) and waits; dropping it terminates on a background thread
/// (see [`crate::reaper`]), so that several contexts linger in parallel.
pub(crate) struct RawContext(*mut c_void);

// libzmq contexts are thread-safe.
unsafe impl Send for RawContext {}
unsafe impl Sync for RawContext {}

impl RawContext {
    pub(crate) fn new() -> Result<RawContext> {
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
        term_blocking(p as usize);
    }
}

/// `zmq_ctx_term`, retrying EINTR.
pub(crate) fn term_blocking(ctx: usize) {
    loop {
        let rc = unsafe { zmq_sys::zmq_ctx_term(ctx as *mut c_void) };
        if rc == 0 || unsafe { zmq_sys::zmq_errno() } != libc::EINTR {
            break;
        }
    }
}

impl Drop for RawContext {
    fn drop(&mut self) {
        if !self.0.is_null() {
            crate::reaper::terminate_in_background(self.0 as usize);
        }
    }
}

/// An owned `void *` socket; dropping it runs `zmq_close`.
pub(crate) struct RawSocket(*mut c_void);

// A socket may move between threads; the owner serialises access with a Mutex.
unsafe impl Send for RawSocket {}

impl RawSocket {
    pub(crate) fn new(ctx: &RawContext, kind: c_int) -> Result<RawSocket> {
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
