//! The baseline: the perf roles written in Rust on the core crate, as a
//! script binding would use it (blocking `send`/`recv` of owned frames).

use crate::protocol::{lat_line, thr_line, HWM};
use std::time::Instant;
use zmq_script::constants::socket_type::{PULL, PUSH, REP, REQ};
use zmq_script::constants::DONTWAIT;
use zmq_script::{Context, OptionValue, Result, Socket};

fn socket(ctx: &Context, kind: i32) -> Result<Socket> {
    socket_hwm(ctx, kind, HWM)
}

fn socket_hwm(ctx: &Context, kind: i32, hwm: i32) -> Result<Socket> {
    let s = ctx.socket(kind)?;
    s.set("SNDHWM", OptionValue::Int(hwm))?;
    s.set("RCVHWM", OptionValue::Int(hwm))?;
    Ok(s)
}

/// Run one role; returns the line to print (if the role reports one).
pub fn run(role: &str, args: &[String]) -> Result<Option<String>> {
    let ctx = Context::new()?;
    let arg = |i: usize| args.get(i).cloned().unwrap_or_default();
    let num = |i: usize| arg(i).parse::<u64>().unwrap_or(0);
    match role {
        "thr-recv" => {
            let (ep, size, count) = (arg(0), num(1) as usize, num(2));
            let s = socket(&ctx, PULL)?;
            s.bind(&ep)?;
            s.recv(0)?;
            let start = Instant::now();
            for _ in 1..count {
                s.recv(0)?;
            }
            Ok(Some(thr_line(count - 1, size, start.elapsed().as_secs_f64())))
        }
        "thr-send" => {
            let (ep, size, count) = (arg(0), num(1) as usize, num(2));
            let s = socket(&ctx, PUSH)?;
            s.connect(&ep)?;
            let buf = vec![b'x'; size];
            for _ in 0..count {
                s.send(&buf, 0)?;
            }
            // Everything may still be queued: give it time to reach the receiver.
            s.set("LINGER", OptionValue::Int(60_000))?;
            s.close()?;
            ctx.term()?;
            Ok(None)
        }
        "lat-rep" => {
            let (ep, count) = (arg(0), num(2));
            let s = socket(&ctx, REP)?;
            s.bind(&ep)?;
            for _ in 0..count {
                let f = s.recv(0)?;
                s.send(f.data(), 0)?;
            }
            Ok(None)
        }
        "lat-req" => {
            let (ep, size, count) = (arg(0), num(1) as usize, num(2));
            let s = socket(&ctx, REQ)?;
            s.connect(&ep)?;
            let buf = vec![b'x'; size];
            let start = Instant::now();
            for _ in 0..count {
                s.send(&buf, 0)?;
                s.recv(0)?;
            }
            Ok(Some(lat_line(count, start.elapsed().as_secs_f64())))
        }
        "thr-inproc" => {
            let (size, count, hwm) = (num(0) as usize, num(1), num(2) as i32);
            let pull = socket_hwm(&ctx, PULL, hwm)?;
            pull.bind("inproc://thr")?;
            let push = socket_hwm(&ctx, PUSH, hwm)?;
            push.connect("inproc://thr")?;
            let buf = vec![b'x'; size];
            let start = Instant::now();
            let (mut sent, mut received) = (0u64, 0u64);
            while received < count {
                while sent < count {
                    match push.send(&buf, DONTWAIT) {
                        Ok(_) => sent += 1,
                        Err(e) if e.is_again() => break,
                        Err(e) => return Err(e),
                    }
                }
                loop {
                    match pull.recv(DONTWAIT) {
                        Ok(_) => received += 1,
                        Err(e) if e.is_again() => break,
                        Err(e) => return Err(e),
                    }
                }
            }
            Ok(Some(thr_line(count, size, start.elapsed().as_secs_f64())))
        }
        "lat-inproc" => {
            let (size, count) = (num(0) as usize, num(1));
            let rep = socket(&ctx, REP)?;
            rep.bind("inproc://lat")?;
            let req = socket(&ctx, REQ)?;
            req.connect("inproc://lat")?;
            let buf = vec![b'x'; size];
            let start = Instant::now();
            for _ in 0..count {
                req.send(&buf, 0)?;
                let f = rep.recv(0)?;
                rep.send(f.data(), 0)?;
                req.recv(0)?;
            }
            Ok(Some(lat_line(count, start.elapsed().as_secs_f64())))
        }
        _ => Err(zmq_script::Error::invalid(format!("unknown role {role}"))),
    }
}
