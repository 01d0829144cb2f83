//! How the host pieces end a script and report the core's interrupt hook.
//!
//! | cause | thrown as |
//! |---|---|
//! | `std.exit()`, or the hook says [`zs::Error::Interrupted`] (Ctrl-C) | an uncatchable `InternalError` (`exit` / `interrupted`) |
//! | the hook returns any other error (a host's deadline, say) | a plain `Error` with the core's message |
//!
//! A `zmq.ZmqError` is the zmq module's business: nothing here throws one.

use rquickjs::{qjs, Ctx, Exception};
use zmq_script as zs;

/// Throw an error that `catch` and `finally` cannot intercept, after running
/// the [`crate::on_shutdown`] hooks (the script is ending). Returns the
/// `rquickjs::Error::Exception` to propagate.
pub fn throw_uncatchable(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    crate::shutdown(ctx);
    let error = Exception::from_message(ctx.clone(), message).and_then(|e| {
        e.as_object().set("name", "InternalError")?;
        Ok(e.into_value())
    });
    match error {
        Ok(v) => {
            // SAFETY: `v` is a live object of this context; the call only sets its uncatchable flag.
            unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), v.as_raw()) };
            ctx.throw(v)
        }
        Err(e) => e,
    }
}

/// Throw the interrupt hook's verdict `err` (see the table above).
pub(crate) fn throw_interrupt(ctx: &Ctx<'_>, err: zs::Error) -> rquickjs::Error {
    match err {
        zs::Error::Interrupted => throw_uncatchable(ctx, "interrupted"),
        other => Exception::throw_message(ctx, &other.message()),
    }
}

/// `Result` extension: a failed interrupt check or sleep becomes a thrown exception.
pub(crate) trait OrThrow<T> {
    fn or_throw(self, ctx: &Ctx<'_>) -> rquickjs::Result<T>;
}

impl<T> OrThrow<T> for zs::Result<T> {
    fn or_throw(self, ctx: &Ctx<'_>) -> rquickjs::Result<T> {
        self.map_err(|e| throw_interrupt(ctx, e))
    }
}
