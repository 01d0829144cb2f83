//! The same perf roles straight on the libzmq C API (`zmq_msg_t`, no core),
//! i.e. what libzmq's own C perf tools measure.

use crate::protocol::{lat_line, thr_line};
use std::ffi::CString;
use std::os::raw::{c_int, c_void};
use std::time::Instant;
use zmq_sys::*;

unsafe fn sock(ctx: *mut c_void, kind: u32) -> *mut c_void {
    sock_hwm(ctx, kind, crate::protocol::HWM)
}

unsafe fn sock_hwm(ctx: *mut c_void, kind: u32, hwm: c_int) -> *mut c_void {
    let s = zmq_socket(ctx, kind as c_int);
    zmq_setsockopt(s, ZMQ_SNDHWM as c_int, &hwm as *const c_int as *const c_void, 4);
    zmq_setsockopt(s, ZMQ_RCVHWM as c_int, &hwm as *const c_int as *const c_void, 4);
    s
}

unsafe fn recv(s: *mut c_void, msg: &mut zmq_msg_t) -> bool {
    zmq_msg_recv(msg, s, 0) >= 0
}

/// Run one role on raw libzmq.
pub fn run(role: &str, args: &[String]) -> Result<Option<String>, String> {
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    let num = |i: usize| arg(i).parse::<u64>().unwrap_or(0);
    let fail = |what: &str| format!("{what}: {}", zmq_script::Error::last());
    unsafe {
        let ctx = zmq_ctx_new();
        let mut msg = zmq_msg_t::default();
        zmq_msg_init(&mut msg);
        let out = match role {
            "thr-recv" => {
                let (ep, size, count) = (CString::new(arg(0)).unwrap(), num(1) as usize, num(2));
                let s = sock(ctx, ZMQ_PULL);
                if zmq_bind(s, ep.as_ptr()) != 0 {
                    return Err(fail("bind"));
                }
                recv(s, &mut msg);
                let start = Instant::now();
                for _ in 1..count {
                    if !recv(s, &mut msg) {
                        return Err(fail("recv"));
                    }
                }
                let line = thr_line(count - 1, size, start.elapsed().as_secs_f64());
                zmq_close(s);
                Some(line)
            }
            "thr-send" => {
                let (ep, size, count) = (CString::new(arg(0)).unwrap(), num(1) as usize, num(2));
                let s = sock(ctx, ZMQ_PUSH);
                zmq_connect(s, ep.as_ptr());
                let buf = vec![b'x'; size];
                for _ in 0..count {
                    if zmq_send(s, buf.as_ptr() as *const c_void, size, 0) < 0 {
                        return Err(fail("send"));
                    }
                }
                let linger: c_int = 60_000;
                zmq_setsockopt(s, ZMQ_LINGER as c_int, &linger as *const c_int as *const c_void, 4);
                zmq_close(s);
                None
            }
            "lat-rep" => {
                let (ep, count) = (CString::new(arg(0)).unwrap(), num(2));
                let s = sock(ctx, ZMQ_REP);
                if zmq_bind(s, ep.as_ptr()) != 0 {
                    return Err(fail("bind"));
                }
                for _ in 0..count {
                    recv(s, &mut msg);
                    zmq_msg_send(&mut msg, s, 0);
                }
                zmq_close(s);
                None
            }
            "lat-req" => {
                let (ep, size, count) = (CString::new(arg(0)).unwrap(), num(1) as usize, num(2));
                let s = sock(ctx, ZMQ_REQ);
                zmq_connect(s, ep.as_ptr());
                let buf = vec![b'x'; size];
                let start = Instant::now();
                for _ in 0..count {
                    zmq_send(s, buf.as_ptr() as *const c_void, size, 0);
                    recv(s, &mut msg);
                }
                let line = lat_line(count, start.elapsed().as_secs_f64());
                zmq_close(s);
                Some(line)
            }
            "thr-inproc" => {
                let (size, count, hwm) = (num(0) as usize, num(1), num(2) as c_int);
                let ep = CString::new("inproc://thr").unwrap();
                let pull = sock_hwm(ctx, ZMQ_PULL, hwm);
                zmq_bind(pull, ep.as_ptr());
                let push = sock_hwm(ctx, ZMQ_PUSH, hwm);
                zmq_connect(push, ep.as_ptr());
                let buf = vec![b'x'; size];
                let start = Instant::now();
                let (mut sent, mut received) = (0u64, 0u64);
                while received < count {
                    while sent < count && zmq_send(push, buf.as_ptr() as *const c_void, size, ZMQ_DONTWAIT as c_int) >= 0 {
                        sent += 1;
                    }
                    while zmq_msg_recv(&mut msg, pull, ZMQ_DONTWAIT as c_int) >= 0 {
                        received += 1;
                    }
                }
                let line = thr_line(count, size, start.elapsed().as_secs_f64());
                zmq_close(push);
                zmq_close(pull);
                Some(line)
            }
            "lat-inproc" => {
                let (size, count) = (num(0) as usize, num(1));
                let ep = CString::new("inproc://lat").unwrap();
                let rep = sock(ctx, ZMQ_REP);
                zmq_bind(rep, ep.as_ptr());
                let req = sock(ctx, ZMQ_REQ);
                zmq_connect(req, ep.as_ptr());
                let buf = vec![b'x'; size];
                let start = Instant::now();
                for _ in 0..count {
                    zmq_send(req, buf.as_ptr() as *const c_void, size, 0);
                    recv(rep, &mut msg);
                    zmq_msg_send(&mut msg, rep, 0);
                    recv(req, &mut msg);
                }
                let line = lat_line(count, start.elapsed().as_secs_f64());
                zmq_close(req);
                zmq_close(rep);
                Some(line)
            }
            _ => return Err(format!("unknown role {role}")),
        };
        zmq_msg_close(&mut msg);
        zmq_ctx_term(ctx);
        Ok(out)
    }
}
