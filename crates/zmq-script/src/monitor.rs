//! Socket monitoring, and the two-frame event libzmq sends parsed into a
//! [`MonitorEvent`].
//!
//! libzmq sends monitor events with a *blocking* send from inside the
//! monitored socket (and its I/O thread). With the default PAIR monitor
//! socket, a consumer that stops reading or goes away hangs the process. We
//! have libzmq publish on a PUB socket instead (`zmq_socket_monitor_versioned`)
//! and read it with a SUB: events a slow or closed reader cannot take are dropped.

use crate::constants::{monitor_event_name, socket_type};
use crate::error::{check, Error, Result};
use crate::message::Frame;
use crate::socket::Socket;
use std::ffi::CString;
use std::sync::atomic::{AtomicU64, Ordering};

/// One monitor event: what happened, its value (an fd, errno or interval,
/// depending on the event) and the endpoint concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MonitorEvent {
    pub event: i32,
    pub value: u32,
    pub endpoint: String,
}

impl MonitorEvent {
    /// `"EVENT_CONNECTED"`... (`"EVENT_UNKNOWN"` for values libzmq may add later).
    pub fn name(&self) -> &'static str {
        monitor_event_name(self.event).unwrap_or("EVENT_UNKNOWN")
    }

    /// Parse the two frames libzmq sends: 2-byte event + 4-byte value, then the endpoint.
    pub fn parse(frames: &[Frame]) -> Result<MonitorEvent> {
        match frames {
            [head, endpoint] => MonitorEvent::from_parts(head.data(), endpoint.data()),
            _ => Err(not_an_event()),
        }
    }

    /// Parse an event from the bytes of its two parts.
    pub fn from_parts(head: &[u8], endpoint: &[u8]) -> Result<MonitorEvent> {
        let head: &[u8; 6] = head.try_into().map_err(|_| not_an_event())?;
        Ok(MonitorEvent {
            event: u16::from_ne_bytes([head[0], head[1]]) as i32,
            value: u32::from_ne_bytes([head[2], head[3], head[4], head[5]]),
            endpoint: String::from_utf8_lossy(endpoint).into_owned(),
        })
    }
}

fn not_an_event() -> Error {
    Error::invalid("not a monitor event (expected 6 bytes, then an endpoint)")
}

impl Socket {
    /// Start monitoring `events` (a mask of `EVENT_*`, 16 bits; default
    /// [`crate::constants::EVENT_ALL`]) and return the socket on which they
    /// arrive; read them with [`Socket::recv_monitor_event`].
    /// Calling it again replaces the previous monitor.
    pub fn monitor(&self, events: impl Into<Option<i32>>) -> Result<Socket> {
        let events = events.into().unwrap_or(crate::constants::EVENT_ALL);
        if !(0..=0xFFFF).contains(&events) {
            return Err(Error::invalid(format!(
                "monitor events {events:#x}: use EVENT_* values (16 bits)"
            )));
        }
        static NEXT: AtomicU64 = AtomicU64::new(0);
        let n = NEXT.fetch_add(1, Ordering::Relaxed);
        let endpoint = format!("inproc://zmq-script-monitor-{}-{n}", std::process::id());
        let c = CString::new(endpoint.clone()).expect("no NUL in generated endpoint");
        self.with_raw(|s| {
            // SAFETY: with_raw keeps the socket locked and open while this runs; `c` is a
            // CString alive for the call.
            check(unsafe {
                zmq_sys::zmq_socket_monitor_versioned(
                    s,
                    c.as_ptr(),
                    events as u64,
                    1,
                    socket_type::PUB,
                )
            })
        })??;
        let sub = self.context().socket(socket_type::SUB)?;
        sub.set("SUBSCRIBE", crate::OptionValue::Bytes(Vec::new()))?;
        sub.connect(&endpoint)?;
        Ok(sub)
    }

    /// Receive one monitor event from a socket returned by [`Socket::monitor`].
    pub fn recv_monitor_event(&self, flags: i32) -> Result<MonitorEvent> {
        MonitorEvent::parse(&self.recv_multipart(flags)?)
    }
}
