//! [`Lease`]: a script's share of a context the host owns.
//!
//! A host that runs several scripts (one JS runtime and one Lua state, say)
//! on one libzmq context, so that they can meet over `inproc://`, lends each
//! of them a handle made by [`crate::Context::lease`]. Through it a script
//! makes sockets as usual, but its `term()` only closes the sockets it made
//! (they then report ETERM) and refuses new ones: the context itself, and
//! every other script's sockets on it, go on until the host terminates it.

use crate::context::lock;
use crate::socket::SocketInner;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, Weak};

/// The sockets one lease made, and whether its holder has ended it.
#[derive(Default)]
pub(crate) struct Lease {
    sockets: Mutex<Vec<Weak<SocketInner>>>,
    ended: AtomicBool,
}

impl Lease {
    /// Remember a socket made through this lease.
    pub(crate) fn add(&self, socket: &Arc<SocketInner>) {
        let mut sockets = lock(&self.sockets);
        if sockets.len() >= 64 && sockets.len() == sockets.capacity() {
            sockets.retain(|w| w.strong_count() > 0);
        }
        sockets.push(Arc::downgrade(socket));
    }

    /// End the lease: close its sockets still open (keeping their LINGER;
    /// they report ETERM from now on) and refuse new ones. Idempotent.
    pub(crate) fn end(&self) {
        self.ended.store(true, Ordering::SeqCst);
        let sockets = std::mem::take(&mut *lock(&self.sockets));
        for socket in sockets.iter().filter_map(Weak::upgrade) {
            socket.close(true);
        }
    }

    /// True once [`Lease::end`] ran.
    pub(crate) fn ended(&self) -> bool {
        self.ended.load(Ordering::SeqCst)
    }
}
