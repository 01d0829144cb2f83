//! Zero-copy sends: large Lua strings are *lent* to libzmq
//! (`zmq_msg_init_data`) instead of copied into a new message.
//!
//! Lua strings never move and never change, so libzmq may read one for as
//! long as Lua keeps it. While a message holds a string, the string is kept
//! in the *anchor table* (a `luaL_ref` in a table that the `send` closure has
//! as upvalue). libzmq's free callback may run on any thread (an I/O thread
//! after writing the message, the reaper at close), so it only queues the
//! anchor in [`Loans`]; the script's thread releases queued anchors at its
//! next `send` or `recv`.
//!
//! Why it is opt-in ([`crate::enable_zero_copy`]): a lent string must outlive
//! every message made from it. Closing a Lua state runs every finalizer
//! before it frees any object, and those finalizers close this state's
//! sockets and terminate its contexts, and `zmq_ctx_term` returns only after
//! libzmq has dropped every message. That holds as long as nothing outside
//! the state keeps one of its contexts or sockets alive: true in `zlua` and
//! in `zmq.so` (scripts cannot hand them out), not necessarily in a Rust host,
//! which can take a socket's core handle (`LuaSocket::socket`) or its
//! explicit context and keep it after dropping the `Lua`.
//!
//! Only strings of at least [`LEND_MIN`] bytes are lent: below that, a copy
//! costs less than the bookkeeping.

use std::os::raw::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use zmq_script as zs;

/// Smallest string that is lent rather than copied.
pub(crate) const LEND_MIN: usize = 16 * 1024;

/// The few libzmq calls lending needs (libzmq is linked through zmq-script).
mod ffi {
    use std::os::raw::{c_int, c_void};

    /// `zmq_msg_t`: 64 opaque bytes, 8-aligned.
    #[repr(C, align(8))]
    pub struct Msg(pub [u8; 64]);

    pub type FreeFn = unsafe extern "C" fn(data: *mut c_void, hint: *mut c_void);

    extern "C" {
        pub fn zmq_msg_init_data(
            msg: *mut Msg,
            data: *mut c_void,
            size: usize,
            ffn: Option<FreeFn>,
            hint: *mut c_void,
        ) -> c_int;
        pub fn zmq_msg_send(msg: *mut Msg, s: *mut c_void, flags: c_int) -> c_int;
        pub fn zmq_msg_close(msg: *mut Msg) -> c_int;
    }
}

/// One state's lent strings coming back.
#[derive(Default)]
pub(crate) struct Loans {
    /// Lending is allowed (see the module documentation).
    pub(crate) enabled: AtomicBool,
    /// Something is in `returned`.
    pending: AtomicBool,
    /// Anchors whose message libzmq has freed.
    returned: Mutex<Vec<c_int>>,
}

impl Loans {
    /// True if anchors wait to be released.
    #[inline]
    pub(crate) fn pending(&self) -> bool {
        self.pending.load(Ordering::Acquire)
    }

    /// The anchors to release now.
    pub(crate) fn take(&self) -> Vec<c_int> {
        self.pending.store(false, Ordering::Release);
        std::mem::take(&mut *self.returned.lock().unwrap_or_else(|p| p.into_inner()))
    }
}

/// The hint of one lent message.
struct Loan {
    loans: Arc<Loans>,
    anchor: c_int,
}

/// libzmq's free callback: queue the anchor (never touches Lua; any thread).
unsafe extern "C" fn give_back(_data: *mut c_void, hint: *mut c_void) {
    let loan = Box::from_raw(hint as *mut Loan);
    let _ = catch_unwind(AssertUnwindSafe(|| {
        loan.loans.returned.lock().unwrap_or_else(|p| p.into_inner()).push(loan.anchor);
        loan.loans.pending.store(true, Ordering::Release);
    }));
}

/// Send `data` (the bytes of the string anchored as `anchor`) without
/// copying and without waiting. True if sent: libzmq then owns the anchor
/// and gives it back through `loans`. False if not (would block, any error,
/// or the socket is closed): the anchor is either back in `loans` already or,
/// if `Err`, still the caller's to release; the caller then sends by copy,
/// which waits or reports the error exactly as usual.
pub(crate) fn lend(sock: &zs::Socket, data: &[u8], flags: i32, anchor: c_int, loans: &Arc<Loans>) -> Result<bool, ()> {
    if data.len() > i32::MAX as usize {
        return Err(());
    }
    let loan = Box::into_raw(Box::new(Loan { loans: loans.clone(), anchor }));
    let mut msg = ffi::Msg([0; 64]);
    let rc = unsafe {
        ffi::zmq_msg_init_data(&mut msg, data.as_ptr() as *mut c_void, data.len(), Some(give_back), loan as *mut c_void)
    };
    if rc != 0 {
        drop(unsafe { Box::from_raw(loan) });
        return Err(());
    }
    // From here on, closing `msg` gives the anchor back.
    let sent = sock
        .with_raw(|s| unsafe { ffi::zmq_msg_send(&mut msg, s, flags | zs::constants::DONTWAIT) >= 0 })
        .unwrap_or(false);
    if !sent {
        unsafe { ffi::zmq_msg_close(&mut msg) };
    }
    Ok(sent)
}
