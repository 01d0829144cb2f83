//! Running a script to completion: evaluate the main module, then run the
//! event loop — promise jobs, timers, pending operations of event sources
//! (the `"zmq"` module's `*_async` calls) and fd handlers — until none are
//! left ([`run_loop`], [`run_until_idle`]), or one non-blocking turn at a
//! time from a host's own loop ([`step`]).
//!
//! Every failure leaves its exception pending in the context and returns
//! `Err(rquickjs::Error::Exception)`: take it with `ctx.catch()` and report
//! it with [`report_exception`] (or check [`crate::exit_code`] first:
//! `std.exit()` ends the script with an uncatchable error).

use crate::error::{throw_uncatchable, OrThrow};
use crate::{events, state, timers};
use rquickjs::promise::PromiseState;
use rquickjs::{qjs, Ctx, Module, Promise, Value};
use std::time::Instant;
use zmq_script as zs;

/// Declare and evaluate `source` as the ES module `name` (a path: relative
/// imports resolve against its directory). Returns the evaluation promise.
pub fn eval_module<'js>(ctx: &Ctx<'js>, name: &str, source: impl Into<Vec<u8>>) -> rquickjs::Result<Promise<'js>> {
    let module = Module::declare(ctx.clone(), name, source)?;
    let (_, promise) = module.eval()?;
    Ok(promise)
}

/// True if `source` compiles as an ES module (QuickJS-ng's rule for `qjs -e`:
/// only code that is not valid module code, e.g. sloppy-mode code, runs as a
/// classic script).
pub fn detect_module(source: &[u8]) -> bool {
    let mut text = source.to_vec();
    text.push(0); // the parser reads a NUL-terminated buffer
    // SAFETY: `text` is NUL-terminated one byte past `source.len()` and lives through the call.
    unsafe { qjs::JS_DetectModule(text.as_ptr() as *const _, source.len() as _) }
}

/// Run every pending promise job. A job that throws (only uncatchable errors
/// escape jobs) ends the run with its exception pending in `ctx`.
pub fn run_jobs(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let c = ctx.as_raw().as_ptr();
    // SAFETY: `c` is the live context `ctx` borrows.
    let rt = unsafe { qjs::JS_GetRuntime(c) };
    loop {
        let mut job_ctx: *mut qjs::JSContext = std::ptr::null_mut();
        // SAFETY: `rt` is the runtime of the live `ctx`; `job_ctx` is a valid out-pointer.
        let r = unsafe { qjs::JS_ExecutePendingJob(rt, &mut job_ctx) };
        if r == 0 {
            return Ok(());
        }
        if r < 0 {
            if !job_ctx.is_null() && job_ctx != c {
                // Move the exception to our context so the caller finds it.
                // SAFETY: QuickJS set `job_ctx` to the live context of the failed job, of the
                // same runtime as `c`; JS_Throw takes over the one reference JS_GetException gave.
                unsafe {
                    let e = qjs::JS_GetException(job_ctx);
                    qjs::JS_Throw(c, e);
                }
            }
            return Err(rquickjs::Error::Exception);
        }
    }
}

/// Fail with the main module's rejection if it was rejected.
fn check_main<'js>(main: Option<&Promise<'js>>) -> rquickjs::Result<()> {
    if let Some(p) = main {
        if p.state() == PromiseState::Rejected {
            if let Some(Err(e)) = p.result::<Value>() {
                return Err(e);
            }
        }
    }
    Ok(())
}

/// Run jobs, timers, event sources and fd handlers until none are left
/// (`main`, the module's evaluation promise, is checked for rejection after
/// each step). Waiting is one core reactor wait per turn, interruptible
/// through the core's interrupt hook (Ctrl-C ends it with an uncatchable error).
pub fn run_loop<'js>(ctx: &Ctx<'js>, main: Option<&Promise<'js>>) -> rquickjs::Result<()> {
    while turn(ctx, main, true)? {}
    Ok(())
}

/// Run the loop until nothing is pending (no jobs, timers, pending operations
/// or fd handlers): what `qjs` does after evaluating the main module.
/// A host that evaluated code itself calls this to finish it.
pub fn run_until_idle(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    run_loop(ctx, None)
}

/// What [`step`] leaves for the host's own event loop.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// Nothing is pending: no jobs, timers, pending operations or fd handlers.
    pub idle: bool,
    /// Call [`step`] again at this instant at the latest (a timer or a
    /// timeout is due; `Some(now)` if there is more to do at once).
    /// `None`: only when a watched descriptor becomes ready.
    pub deadline: Option<Instant>,
    /// `(fd, events)` to watch (POLLIN/POLLOUT bits): call [`step`] when one is ready.
    /// A socket appears as its ZMQ_FD (edge-triggered, readable): [`step`]
    /// drains it while it stays ready, so none of its edges is lost.
    pub fds: Vec<(std::os::unix::io::RawFd, i16)>,
}

/// One non-blocking turn of the loop, for a host that has an event loop of
/// its own: run due timers and promise jobs, settle the operations that can
/// be settled now and call the fd handlers that are ready, without waiting.
/// Returns what to wait for before the next call.
pub fn step<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Step> {
    turn(ctx, None, false)?;
    let g = events::gather(ctx);
    // SAFETY: the context is live (we are inside `Context::with`); both calls only read the runtime's job queue.
    let jobs = unsafe { qjs::JS_IsJobPending(qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) };
    let timer = timers::next_due(ctx);
    if !g.pending && timer.is_none() && !jobs {
        return Ok(Step { idle: true, deadline: None, fds: Vec::new() });
    }
    let now = Instant::now();
    let mut deadline = match (timer, g.reactor.earliest_deadline()) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    };
    if jobs || !g.reactor.ready_now().is_empty() {
        deadline = Some(now);
    }
    Ok(Step { idle: false, deadline, fds: g.reactor.watch_list() })
}

/// One turn: jobs, due timers, then one reactor wait (up to the next timer
/// if `block`, else none) and the dispatch of what it reports. Returns false
/// once nothing is pending.
fn turn<'js>(ctx: &Ctx<'js>, main: Option<&Promise<'js>>, block: bool) -> rquickjs::Result<bool> {
    let settle = |ctx: &Ctx<'js>| -> rquickjs::Result<()> {
        run_jobs(ctx)?;
        check_main(main)?;
        if let Some(reason) = state::take_unhandled_rejection(ctx) {
            return Err(ctx.throw(reason));
        }
        if state::exit_code(ctx).is_some() {
            return Err(throw_uncatchable(ctx, "exit"));
        }
        Ok(())
    };
    settle(ctx)?;
    while timers::fire_due(ctx)? {
        settle(ctx)?;
    }
    let g = events::gather(ctx);
    let timer = timers::next_due(ctx);
    if !g.pending && timer.is_none() {
        return Ok(false);
    }
    let until = if block { timer } else { Some(Instant::now()) };
    let ready = if g.reactor.is_empty() {
        if let Some(t) = until {
            let ms = t.saturating_duration_since(Instant::now()).as_micros().div_ceil(1000) as i64;
            zs::interrupt::sleep(zs::interrupt::Deadline::from_ms(ms)).or_throw(ctx)?;
        }
        Vec::new()
    } else {
        g.reactor.wait(until).or_throw(ctx)?
    };
    events::dispatch(ctx, &g, &ready)?;
    settle(ctx)?;
    Ok(true)
}

/// Evaluate `source` as the main module `name` and run it to completion.
pub fn run_main<'js>(ctx: &Ctx<'js>, name: &str, source: impl Into<Vec<u8>>) -> rquickjs::Result<()> {
    let promise = eval_module(ctx, name, source)?;
    run_loop(ctx, Some(&promise))
}

/// Evaluate `source` as a classic script (not a module) and run it to completion.
pub fn run_script<'js>(ctx: &Ctx<'js>, name: &str, source: impl Into<Vec<u8>>) -> rquickjs::Result<()> {
    let mut options = rquickjs::context::EvalOptions::default();
    options.global = true;
    options.strict = false;
    options.filename = Some(name.to_string());
    options.promise = false;
    let _: Value = ctx.eval_with_options(source, options)?;
    run_loop(ctx, None)
}

/// The text `qjs` prints for an uncaught exception: `String(e)`, then the
/// stack if it has one.
pub fn exception_text<'js>(ctx: &Ctx<'js>, e: &Value<'js>) -> String {
    let mut out = Vec::new();
    crate::console::append_display(ctx, e, &mut out);
    out.push(b'\n');
    if let Some(obj) = e.as_object() {
        if e.is_error() {
            if let Ok(stack) = obj.get::<_, Value>("stack") {
                if let Some(s) = stack.as_string().and_then(|s| s.to_string().ok()) {
                    out.extend_from_slice(s.as_bytes());
                    if !s.is_empty() && !s.ends_with('\n') {
                        out.push(b'\n');
                    }
                }
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Print an uncaught exception on stderr (see [`exception_text`]).
pub fn report_exception<'js>(ctx: &Ctx<'js>, e: &Value<'js>) {
    crate::console::write_flush(true, exception_text(ctx, e).as_bytes());
}
