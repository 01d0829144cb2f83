//! Helpers shared by the core tests: sockets that cannot hang a test.
#![allow(dead_code)]

use std::sync::mpsc;
use std::time::Duration;
use zmq_script::{Context, OptionValue, Socket};

/// Run `f` on its own thread and fail the test if it takes longer than `secs`.
pub fn within<F: FnOnce() + Send + 'static>(secs: u64, f: F) {
    let (tx, rx) = mpsc::channel();
    let handle = std::thread::spawn(move || {
        f();
        let _ = tx.send(());
    });
    match rx.recv_timeout(Duration::from_secs(secs)) {
        Ok(()) => handle.join().expect("test thread panicked"),
        Err(mpsc::RecvTimeoutError::Disconnected) => {
            if let Err(e) = handle.join() {
                std::panic::resume_unwind(e);
            }
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("test did not finish within {secs} s"),
    }
}

/// A socket with LINGER 0 and 5 s receive/send timeouts, so a broken test fails instead of hanging.
pub fn socket(ctx: &Context, kind: i32) -> Socket {
    let s = ctx.socket(kind).unwrap();
    s.set("LINGER", OptionValue::Int(0)).unwrap();
    s.set("RCVTIMEO", OptionValue::Int(5000)).unwrap();
    s.set("SNDTIMEO", OptionValue::Int(5000)).unwrap();
    s
}

/// `a` binds a random tcp port on 127.0.0.1, `b` connects to it.
pub fn tcp_pair(ctx: &Context, a: i32, b: i32) -> (Socket, Socket) {
    let sa = socket(ctx, a);
    let endpoint = sa.bind_to_random_port("tcp://127.0.0.1").unwrap();
    let sb = socket(ctx, b);
    sb.connect(&endpoint).unwrap();
    (sa, sb)
}

/// A unique inproc endpoint name.
pub fn inproc(tag: &str) -> String {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    format!("inproc://test-{tag}-{}", N.fetch_add(1, Ordering::Relaxed))
}

/// Send `msg` on `pubs` until `sub` receives something (PUB/SUB slow joiner); returns what arrived.
pub fn sync_pubsub(publisher: &Socket, sub: &Socket, msg: &[u8]) -> Vec<u8> {
    for _ in 0..200 {
        publisher.send(msg, 0).unwrap();
        if sub.wait_for(zmq_script::constants::POLLIN, 50).unwrap() {
            return sub.recv(0).unwrap().to_vec();
        }
    }
    panic!("subscriber never received anything");
}
