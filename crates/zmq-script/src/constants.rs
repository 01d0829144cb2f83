//! Every libzmq constant a script can name, without the `ZMQ_` prefix.
//!
//! [`all()`] lists them once (socket types, flags, poll events, monitor events,
//! mechanisms, errno values, context and socket options) so that both engines
//! export exactly the same set.

use crate::error::ERRNO_NAMES;
use crate::options::{CONTEXT_OPTIONS, SOCKET_OPTIONS};
use std::sync::OnceLock;

/// Socket types (`ZMQ_PAIR`...`ZMQ_STREAM`).
pub mod socket_type {
    pub const PAIR: i32 = 0;
    pub const PUB: i32 = 1;
    pub const SUB: i32 = 2;
    pub const REQ: i32 = 3;
    pub const REP: i32 = 4;
    pub const DEALER: i32 = 5;
    pub const ROUTER: i32 = 6;
    pub const PULL: i32 = 7;
    pub const PUSH: i32 = 8;
    pub const XPUB: i32 = 9;
    pub const XSUB: i32 = 10;
    pub const STREAM: i32 = 11;

    /// The 12 stable socket types by name, in libzmq order.
    pub static NAMES: [&str; 12] = [
        "PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB",
        "STREAM",
    ];

    /// `"PUB"` → 1 (also accepts `"ZMQ_PUB"`, `"zmq_pub"`, lower case, and the aliases XREQ/XREP).
    pub fn from_name(name: &str) -> Option<i32> {
        let upper = name.to_ascii_uppercase();
        let n = upper.strip_prefix("ZMQ_").unwrap_or(&upper);
        match n {
            "XREQ" => return Some(DEALER),
            "XREP" => return Some(ROUTER),
            _ => {}
        }
        NAMES.iter().position(|t| *t == n).map(|i| i as i32)
    }

    /// Like [`from_name`], with `EINVAL` ("unknown socket type 'X'") for an unknown name.
    pub fn parse(name: &str) -> crate::Result<i32> {
        from_name(name).ok_or_else(|| crate::Error::invalid(format!("unknown socket type '{name}'")))
    }

    /// 1 → `"PUB"`.
    pub fn name(kind: i32) -> Option<&'static str> {
        usize::try_from(kind)
            .ok()
            .and_then(|i| NAMES.get(i).copied())
    }
}

/// Send/recv flags.
pub const DONTWAIT: i32 = 1;
pub const SNDMORE: i32 = 2;
/// Message property: more parts follow.
pub const MORE: i32 = 1;

/// Poll events.
pub const POLLIN: i16 = 1;
pub const POLLOUT: i16 = 2;
pub const POLLERR: i16 = 4;
pub const POLLPRI: i16 = 8;

/// Socket monitor events by name.
pub static MONITOR_EVENTS: &[(&str, i32)] = &[
    ("EVENT_CONNECTED", 0x0001),
    ("EVENT_CONNECT_DELAYED", 0x0002),
    ("EVENT_CONNECT_RETRIED", 0x0004),
    ("EVENT_LISTENING", 0x0008),
    ("EVENT_BIND_FAILED", 0x0010),
    ("EVENT_ACCEPTED", 0x0020),
    ("EVENT_ACCEPT_FAILED", 0x0040),
    ("EVENT_CLOSED", 0x0080),
    ("EVENT_CLOSE_FAILED", 0x0100),
    ("EVENT_DISCONNECTED", 0x0200),
    ("EVENT_MONITOR_STOPPED", 0x0400),
    ("EVENT_HANDSHAKE_FAILED_NO_DETAIL", 0x0800),
    ("EVENT_HANDSHAKE_SUCCEEDED", 0x1000),
    ("EVENT_HANDSHAKE_FAILED_PROTOCOL", 0x2000),
    ("EVENT_HANDSHAKE_FAILED_AUTH", 0x4000),
    ("EVENT_ALL", EVENT_ALL),
];

/// Every monitor event: the default of `Socket::monitor` in both engines.
pub const EVENT_ALL: i32 = 0xFFFF;

/// Everything else of `zmq.h` a script may want by name.
static OTHER: &[(&str, i64)] = &[
    ("XREQ", 5),
    ("XREP", 6),
    ("DONTWAIT", DONTWAIT as i64),
    ("NOBLOCK", DONTWAIT as i64),
    ("SNDMORE", SNDMORE as i64),
    ("MORE", MORE as i64),
    ("SHARED", 3),
    ("SRCFD", 2),
    ("POLLIN", POLLIN as i64),
    ("POLLOUT", POLLOUT as i64),
    ("POLLERR", POLLERR as i64),
    ("POLLPRI", POLLPRI as i64),
    ("POLLITEMS_DFLT", 16),
    ("NULL", 0),
    ("PLAIN", 1),
    ("CURVE", 2),
    ("GSSAPI", 3),
    ("GSSAPI_NT_HOSTBASED", 0),
    ("GSSAPI_NT_USER_NAME", 1),
    ("GSSAPI_NT_KRB5_PRINCIPAL", 2),
    ("GROUP_MAX_LENGTH", 255),
    ("IO_THREADS_DFLT", 1),
    ("MAX_SOCKETS_DFLT", 1023),
    ("THREAD_PRIORITY_DFLT", -1),
    ("THREAD_SCHED_POLICY_DFLT", -1),
    ("STREAMER", 1),
    ("FORWARDER", 2),
    ("QUEUE", 3),
    ("HAUSNUMERO", 156_384_712),
    ("VERSION_MAJOR", 4),
    ("VERSION_MINOR", 3),
];

/// Every constant by name, in a stable order: socket types, flags, poll and
/// monitor events, mechanisms, context options, socket options, errno names.
pub fn all() -> &'static [(&'static str, i64)] {
    static ALL: OnceLock<Vec<(&'static str, i64)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let mut v: Vec<(&'static str, i64)> = Vec::new();
        let mut push = |name: &'static str, value: i64| {
            if !v.iter().any(|(n, _)| *n == name) {
                v.push((name, value));
            }
        };
        for (i, n) in socket_type::NAMES.iter().enumerate() {
            push(n, i as i64);
        }
        for (n, val) in OTHER {
            push(n, *val);
        }
        for (n, val) in MONITOR_EVENTS {
            push(n, *val as i64);
        }
        for o in CONTEXT_OPTIONS {
            push(o.name, o.id as i64);
        }
        for o in SOCKET_OPTIONS {
            push(o.name, o.id as i64);
        }
        for (n, val) in ERRNO_NAMES {
            push(n, *val as i64);
        }
        v
    })
}

/// Value of a constant by name (with or without `ZMQ_`).
pub fn value(name: &str) -> Option<i64> {
    let n = name.strip_prefix("ZMQ_").unwrap_or(name);
    all().iter().find(|(k, _)| *k == n).map(|(_, v)| *v)
}

/// Name of a monitor event value (`0x0001` → `"EVENT_CONNECTED"`).
pub fn monitor_event_name(event: i32) -> Option<&'static str> {
    MONITOR_EVENTS
        .iter()
        .find(|(_, v)| *v == event)
        .map(|(n, _)| *n)
}
