//! The perf protocol every implementation speaks, so that the runner can
//! drive them all the same way.
//!
//! Roles (arguments after the program):
//! - `thr-recv <endpoint> <size> <count>`: bind PULL, receive `count` messages,
//!   print `THR <msgs_per_sec> <mb_per_sec>` (timed from the first message).
//! - `thr-send <endpoint> <size> <count>`: connect PUSH, send `count` messages.
//! - `lat-rep <endpoint> <size> <count>`: bind REP, echo `count` messages.
//! - `lat-req <endpoint> <size> <count>`: connect REQ, do `count` round trips,
//!   print `LAT <usec_per_round_trip>`.
//! - `thr-inproc <size> <count> <hwm>` / `lat-inproc <size> <count>`: both
//!   ends in one thread over inproc (scripts have no threads): the sender
//!   fills the queue with DONTWAIT until it would block, then the receiver
//!   drains it; both sockets of `thr-inproc` get SNDHWM/RCVHWM `hwm`
//!   ([`inproc_thr_hwm`]).

/// SNDHWM and RCVHWM of every benchmark socket: no sender blocks on them.
pub const HWM: i32 = 100_000;

/// The `hwm` the runner gives `thr-inproc` for messages of `size` bytes: the
/// queue holds at most about 16 MiB (the inproc pipe's limit is the sum of
/// both HWMs), so 64 KiB runs measure the binding, not the page faults of a
/// 1.3 GB queue; small messages keep [`HWM`].
pub fn inproc_thr_hwm(size: usize) -> i32 {
    (8 * 1024 * 1024 / size.max(1)).clamp(100, HWM as usize) as i32
}

/// One parsed result line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Measure {
    /// Messages per second and megabytes per second.
    Throughput(f64, f64),
    /// Microseconds per round trip.
    Latency(f64),
}

/// Parse the last `THR`/`LAT` line of a program's output.
pub fn parse(output: &str) -> Option<Measure> {
    output.lines().rev().find_map(|line| {
        let mut it = line.split_whitespace();
        match it.next()? {
            "THR" => Some(Measure::Throughput(it.next()?.parse().ok()?, it.next()?.parse().ok()?)),
            "LAT" => Some(Measure::Latency(it.next()?.parse().ok()?)),
            _ => None,
        }
    })
}

/// Format a throughput result line.
pub fn thr_line(count: u64, size: usize, secs: f64) -> String {
    let rate = count as f64 / secs;
    format!("THR {:.0} {:.3}", rate, rate * size as f64 / 1e6)
}

/// Format a latency result line (microseconds per round trip).
pub fn lat_line(count: u64, secs: f64) -> String {
    format!("LAT {:.3}", secs * 1e6 / count as f64)
}
