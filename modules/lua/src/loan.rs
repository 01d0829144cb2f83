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

use std::os::raw::c_int;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use zmq_script as zs;

/// Smallest string that is lent rather than copied.
pub(crate) const LEND_MIN: usize = 16 * 1024;

/// One state's lent strings coming back.
#[derive(Default)]
pub(crate) struct Loans {
    /// Lending is allowed (see the module documentation).
    pub(crate) enabled: AtomicBool,
    /// Something is in `returned`.
    pending: AtomicBool,
    /// The state has a memory limit (`crate::memory`): Lua allocations may
    /// then fail (raise), so `recv` pushes received bytes under protection.
    pub(crate) limited: AtomicBool,
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

    /// libzmq is done with the message of `anchor` (called on any thread; never touches Lua).
    fn give_back(&self, anchor: c_int) {
        let _ = catch_unwind(AssertUnwindSafe(|| {
            self.returned.lock().unwrap_or_else(|p| p.into_inner()).push(anchor);
            self.pending.store(true, Ordering::Release);
        }));
    }
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
    let owner = loans.clone();
    // SAFETY: Lua strings never move or change while anchored, and the anchor
    // is released only after `give_back` ran (see the module documentation).
    let made = unsafe { zs::Frame::from_external(data.as_ptr(), data.len(), Box::new(move || owner.give_back(anchor))) };
    // If libzmq refused the message, the release already ran: the anchor comes back through `loans`.
    let Ok(mut frame) = made else { return Ok(false) };
    // From here on, dropping `frame` unsent gives the anchor back.
    Ok(sock.send_frame(&mut frame, flags | zs::constants::DONTWAIT).is_ok())
}
