//! A host with an event loop of its own (a frame loop, as in a game or a GUI)
//! that runs a script's async code one non-blocking step at a time.
//!
//! ```text
//! cargo run -p zmq-quickjs --example stepping_host
//! ```
//!
//! Once per frame the host sends the script a message over `inproc://` on the
//! context it shares with it, calls [`run::step`] (timers, promise jobs,
//! ready sockets and fd handlers; never waits) whenever it wakes up, and
//! sleeps in its own `poll()` on the descriptors the step names, at most
//! until the step's deadline or the next frame. The script awaits the frames with
//! `for await` while a timer of its own ticks, and ends when it has seen
//! ten frames; the host stops once the step reports the script idle.

use rquickjs::promise::PromiseState;
use rquickjs::{Context, Runtime};
use std::time::{Duration, Instant};
use zmq_quickjs::host::run;
use zmq_script as zs;

const SCRIPT: &str = r#"
import * as zmq from "zmq";
const ctx = new zmq.Context(); // a lease of the host's context
const frames = ctx.socket(zmq.PULL);
frames.bind("inproc://frames");
let ticks = 0;
const timer = setInterval(() => ticks++, 1);
let seen = 0;
for await (const [frame] of frames) {
  if (++seen === 10) break;
}
clearInterval(timer);
frames.close();
globalThis.result = `script saw ${seen} frames, its timer ticked: ${ticks > 0}`;
"#;

/// One frame of the host's own loop.
const FRAME: Duration = Duration::from_millis(5);

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shared = zs::Context::new()?;
    let rt = Runtime::new()?;
    let context = Context::full(&rt)?;
    let host = zmq_quickjs::install(&context, zmq_quickjs::Options::full().args(["frames.js"]))?;
    let (result, frames, steps) = context.with(|ctx| -> Result<(String, u32, u32), Box<dyn std::error::Error>> {
        zmq_quickjs::set_default_context(&ctx, &shared)?;
        let promise = run::eval_module(&ctx, "frames.js", SCRIPT).map_err(|e| caught(&ctx, e))?;
        let push = shared.socket(zs::constants::socket_type::PUSH)?;
        push.set("LINGER", zs::OptionValue::Int(0))?;
        push.connect("inproc://frames")?;
        let (mut frames, mut steps) = (0u32, 0u32);
        let started = Instant::now();
        let mut next_frame = started;
        loop {
            // The host's own work, once per frame.
            if Instant::now() >= next_frame {
                frames += 1;
                let _ = push.try_send(format!("frame {frames}").as_bytes(), 0)?;
                next_frame += FRAME;
            }
            // The script's share: never blocks.
            let step = run::step(&ctx).map_err(|e| caught(&ctx, e))?;
            steps += 1;
            if step.idle {
                break;
            }
            if started.elapsed() > Duration::from_secs(30) {
                return Err("the script did not finish within 30 s".into());
            }
            // Sleep in the host's poll until a watched fd, the step's deadline or the next frame.
            let now = Instant::now();
            let until = step.deadline.map_or(next_frame, |d| d.min(next_frame));
            // Round up: a deadline 0.4 ms away should sleep, not spin.
            let ms = until.saturating_duration_since(now).as_micros().div_ceil(1000) as i32;
            let mut fds: Vec<libc::pollfd> = step
                .fds
                .iter()
                .map(|&(fd, events)| libc::pollfd { fd, events, revents: 0 })
                .collect();
            // SAFETY: `fds` is a valid array of `fds.len()` pollfd entries.
            unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, ms) };
        }
        if promise.state() == PromiseState::Rejected {
            return Err(caught(
                &ctx,
                promise
                    .result::<()>()
                    .and_then(|r| r.err())
                    .unwrap_or(rquickjs::Error::Unknown),
            ));
        }
        Ok((ctx.globals().get::<_, String>("result")?, frames, steps))
    })?;
    drop(host);
    drop(context);
    drop(rt);
    println!("{result}");
    println!("host ran {frames} frames and {steps} steps");
    assert_eq!(result, "script saw 10 frames, its timer ticked: true");
    assert!(frames >= 10 && steps >= 10);
    Ok(())
}

/// A script error as a host error, with its text and stack.
fn caught(ctx: &rquickjs::Ctx<'_>, e: rquickjs::Error) -> Box<dyn std::error::Error> {
    Box::new(zmq_quickjs::ScriptError::catch(ctx, e))
}
