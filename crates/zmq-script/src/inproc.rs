//! What a context knows about its inproc endpoints, for the guards that keep
//! libzmq 4.3's inproc handling from aborting.
//!
//! libzmq *parks* a connect to an inproc endpoint nobody has bound yet and
//! completes it when a socket binds the name (or, at termination, binds a
//! throw-away socket itself). Two things go wrong with a parked connection:
//! disconnecting or unbinding it frees its pipes while libzmq keeps them
//! parked (a later bind or the termination then aborts or touches freed
//! memory), and a CONFLATE pipe loses the handshake message the bind reads
//! (also an abort). Closing the connecting socket while its connections are
//! parked lets their pipes terminate half-way: a later bind of the name by a
//! PAIR (libzmq's own, at termination, or a script's) then touches a freed
//! pipe (a segfault the JS fuzzer found, `tests/tests/bad_input.rs` repeats).
//!
//! So a socket closed with parked connections is kept open in libzmq, in
//! *limbo*, until each of them has met a bind ([`InprocNames::on_bind`] closes
//! it then), and before the context terminates every still parked name is
//! bound by a ROUTER of ours, the *settler* ([`InprocNames::settle`]):
//! a ROUTER takes every pipe, where libzmq's PAIR would terminate all but one.
//! The settler is made with the first parked connection (which fails with
//! EMFILE if no socket slot is left for it), so that termination never needs
//! a socket slot: libzmq aborts when it cannot make its PAIR.

use crate::raw::RawSocket;
use std::collections::HashMap;

/// One inproc name: bound now, and how many times it was ever bound.
#[derive(Default, Clone, Copy)]
struct Name {
    bound: bool,
    binds: u64,
}

/// True if a connect to `endpoint` that got `token` has not met a bind since.
fn waiting(names: &HashMap<String, Name>, endpoint: &str, token: u64) -> bool {
    let n = names.get(endpoint).copied().unwrap_or_default();
    !n.bound && n.binds == token
}

/// A socket closed by its owner while some of its connections were parked.
struct Limbo {
    /// Held open: dropping it closes the socket.
    #[allow(dead_code)]
    sock: RawSocket,
    parked: Vec<(String, u64)>,
}

/// The inproc names of one context, its parked connections and its sockets in limbo.
#[derive(Default)]
pub(crate) struct InprocNames {
    names: HashMap<String, Name>,
    /// Every connection made while its name was unbound, with its token (pruned as they meet binds).
    parked: Vec<(String, u64)>,
    limbo: Vec<Limbo>,
    /// The ROUTER that binds still parked names before termination.
    settler: Option<RawSocket>,
}

impl InprocNames {
    /// True if a socket of the context has `endpoint` bound now.
    pub(crate) fn bound(&self, endpoint: &str) -> bool {
        self.names.get(endpoint).is_some_and(|n| n.bound)
    }

    /// A token for a connect made now: [`InprocNames::still_parked`] tells
    /// whether that connection is still waiting for a bind.
    pub(crate) fn connect_token(&self, endpoint: &str) -> Option<u64> {
        let n = self.names.get(endpoint).copied().unwrap_or_default();
        (!n.bound).then_some(n.binds)
    }

    /// A connection to `endpoint` was made with `token` (from [`InprocNames::connect_token`]).
    pub(crate) fn on_parked_connect(&mut self, endpoint: &str, token: u64) {
        let names = &self.names;
        self.parked.retain(|(e, t)| waiting(names, e, *t));
        self.parked.push((endpoint.to_string(), token));
    }

    /// True if a connect that got `token` has not met a bind since.
    pub(crate) fn still_parked(&self, endpoint: &str, token: u64) -> bool {
        waiting(&self.names, endpoint, token)
    }

    /// `endpoint` was bound: its parked connections are complete, and the
    /// sockets in limbo with no other parked connection are closed now.
    pub(crate) fn on_bind(&mut self, endpoint: &str) {
        let n = self.names.entry(endpoint.to_string()).or_default();
        n.bound = true;
        n.binds += 1;
        let names = &self.names;
        // Dropping a RawSocket closes it.
        self.limbo.retain_mut(|l| {
            l.parked.retain(|(e, token)| waiting(names, e, *token));
            !l.parked.is_empty()
        });
    }

    pub(crate) fn on_unbind(&mut self, endpoint: &str) {
        if let Some(n) = self.names.get_mut(endpoint) {
            n.bound = false;
        }
    }

    /// Keep `sock`, closed by its owner, open until its `parked` connections
    /// (those still parked) have met a bind; close it now if none is left.
    pub(crate) fn close_or_keep(&mut self, sock: RawSocket, mut parked: Vec<(String, u64)>) {
        parked.retain(|(e, token)| self.still_parked(e, *token));
        if !parked.is_empty() {
            self.limbo.push(Limbo { sock, parked });
        }
    }

    /// True once the settler exists (see the module notes).
    pub(crate) fn has_settler(&self) -> bool {
        self.settler.is_some()
    }

    /// Keep `router` as the settler (see the module notes).
    pub(crate) fn set_settler(&mut self, router: RawSocket) {
        let _ = router.set_int(zmq_sys::ZMQ_LINGER as i32, 0);
        self.settler.get_or_insert(router);
    }

    /// Before the context shuts down or terminates: bind every name a connection
    /// still waits for with the settler (while the connecting sockets are open),
    /// then close the sockets in limbo. Later parked connections are settled the
    /// same way; after a shutdown there are none (connect fails with ETERM).
    pub(crate) fn settle(&mut self) {
        let Some(settler) = self.settler.take() else {
            return; // no connection was ever parked
        };
        let mut waiting: Vec<String> = Vec::new();
        for (e, token) in &self.parked {
            if self.still_parked(e, *token) && !waiting.contains(e) {
                waiting.push(e.clone());
            }
        }
        for e in waiting {
            let Ok(name) = std::ffi::CString::new(e.as_str()) else {
                continue;
            };
            // SAFETY: `settler` is a live socket of ours; `name` is a NUL-terminated string.
            if unsafe { zmq_sys::zmq_bind(settler.ptr(), name.as_ptr()) } == 0 {
                self.on_bind(&e);
            }
        }
        self.parked.clear();
        self.limbo.clear();
        self.settler = Some(settler);
    }

    /// The settler, to close after the context's sockets at termination.
    pub(crate) fn take_settler(&mut self) -> Option<RawSocket> {
        self.settler.take()
    }
}
