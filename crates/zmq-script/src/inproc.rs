//! What a context knows about its inproc endpoints, for the guards that keep
//! libzmq 4.3's inproc handling from aborting.
//!
//! libzmq *parks* a connect to an inproc endpoint nobody has bound yet and
//! completes it when a socket binds the name (or, at termination, binds a
//! throw-away socket itself). Two things go wrong with a parked connection:
//! disconnecting or unbinding it frees its pipes while libzmq keeps them
//! parked (a later bind or the termination then aborts or touches freed
//! memory), and a CONFLATE pipe loses the handshake message the bind reads
//! (also an abort). Closing the connecting socket is fine.

use std::collections::HashMap;

/// One inproc name: bound now, and how many times it was ever bound.
#[derive(Default, Clone, Copy)]
struct Name {
    bound: bool,
    binds: u64,
}

/// The inproc names of one context.
#[derive(Default)]
pub(crate) struct InprocNames(HashMap<String, Name>);

impl InprocNames {
    /// True if a socket of the context has `endpoint` bound now.
    pub(crate) fn bound(&self, endpoint: &str) -> bool {
        self.0.get(endpoint).is_some_and(|n| n.bound)
    }

    /// A token for a connect made now: [`InprocNames::still_parked`] tells
    /// whether that connection is still waiting for a bind.
    pub(crate) fn connect_token(&self, endpoint: &str) -> Option<u64> {
        let n = self.0.get(endpoint).copied().unwrap_or_default();
        (!n.bound).then_some(n.binds)
    }

    /// True if a connect that got `token` has not met a bind since.
    pub(crate) fn still_parked(&self, endpoint: &str, token: u64) -> bool {
        let n = self.0.get(endpoint).copied().unwrap_or_default();
        !n.bound && n.binds == token
    }

    pub(crate) fn on_bind(&mut self, endpoint: &str) {
        let n = self.0.entry(endpoint.to_string()).or_default();
        n.bound = true;
        n.binds += 1;
    }

    pub(crate) fn on_unbind(&mut self, endpoint: &str) {
        if let Some(n) = self.0.get_mut(endpoint) {
            n.bound = false;
        }
    }
}
