//! The `"os"` module: `sleep(ms)` (interruptible), `now()` (milliseconds,
//! monotonic, fractional), `setTimeout`/`clearTimeout`/`setInterval`/
//! `clearInterval`, `getpid()` and `platform`; and the descriptor functions
//! of [`crate::os_io`] (`setReadHandler`, `setWriteHandler`, `pipe`, `read`,
//! `write`, `close`).

use crate::error::OrThrow;
use crate::timers;
use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{Ctx, Exception, Function, Object, Value};
use std::sync::OnceLock;
use std::time::Instant;
use zmq_script as zs;

/// The `"os"` module definition.
pub struct OsModule;

const EXPORTS: &[&str] = &[
    "sleep",
    "now",
    "setTimeout",
    "clearTimeout",
    "setInterval",
    "clearInterval",
    "getpid",
    "platform",
    "setReadHandler",
    "setWriteHandler",
    "pipe",
    "read",
    "write",
    "close",
];

impl ModuleDef for OsModule {
    fn declare(decl: &Declarations<'_>) -> rquickjs::Result<()> {
        crate::declare_object_exports(decl, EXPORTS)
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> rquickjs::Result<()> {
        crate::export_object(exports, build(ctx)?, EXPORTS)
    }
}

/// Milliseconds since the first call in this process (monotonic).
fn now() -> f64 {
    static START: OnceLock<Instant> = OnceLock::new();
    START.get_or_init(Instant::now).elapsed().as_secs_f64() * 1000.0
}

/// Sleep `ms` milliseconds (`undefined`: none) in slices, ending early
/// (uncatchable) on an interrupt. `TypeError` for anything but a number.
fn sleep<'js>(ctx: Ctx<'js>, ms: Value<'js>) -> rquickjs::Result<()> {
    let ms = match ms.as_number() {
        _ if ms.is_undefined() => 0.0,
        Some(ms) if !ms.is_nan() => ms,
        Some(nan) => return Err(Exception::throw_type(&ctx, &format!("sleep(): ms is {nan}"))),
        None => {
            let what = format!("sleep(): ms must be a number of milliseconds, not {}", ms.type_name());
            return Err(Exception::throw_type(&ctx, &what));
        }
    };
    // +Infinity sleeps until interrupted; a negative time does not sleep.
    let deadline = if ms == f64::INFINITY {
        zs::interrupt::Deadline::never()
    } else {
        zs::interrupt::Deadline::from_ms(ms.max(0.0) as i64)
    };
    zs::interrupt::sleep(deadline).or_throw(&ctx)
}

/// Build an object with everything the module exports.
pub fn build<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let obj = Object::new(ctx.clone())?;
    obj.set("sleep", Function::new(ctx.clone(), sleep)?.with_name("sleep")?)?;
    obj.set("now", Function::new(ctx.clone(), now)?.with_name("now")?)?;
    obj.set(
        "getpid",
        Function::new(ctx.clone(), std::process::id)?.with_name("getpid")?,
    )?;
    obj.set("platform", std::env::consts::OS)?;
    timers::define(ctx, &obj)?;
    crate::os_io::define(ctx, &obj)?;
    Ok(obj)
}
