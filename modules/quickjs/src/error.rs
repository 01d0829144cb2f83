//! The one conversion from core errors to JavaScript exceptions.
//!
//! | core error                         | thrown as                                        |
//! |------------------------------------|--------------------------------------------------|
//! | libzmq errno, closed socket, misuse | `zmq.ZmqError` (an `Error`) with `errno`, `code` |
//! | wrong value type / message size    | `TypeError` with `errno`, `code` (`"EINVAL"`)    |
//! | value out of range                 | `RangeError` with `errno`, `code` (`"EINVAL"`)   |
//! | interrupted (signal, host hook)    | an uncatchable `InternalError: interrupted`      |
//!
//! Which row applies is the core's verdict ([`zs::ErrorClass`]); the code is
//! the same one Lua reports for the same call.
//!
//! A `ZmqError`'s `message` is libzmq's `zmq_strerror` text for libzmq
//! failures and the core's sentence otherwise; `code` is the errno name
//! (`"EAGAIN"`), `errno` its number. `String(e)` reads `ZmqError: <message>`.

use crate::module::State;
use rquickjs::{qjs, Constructor, Ctx, Exception, Object, Value};
use zmq_script as zs;

/// Source of the `ZmqError` class, evaluated once per JS context.
pub(crate) const ZMQ_ERROR_SOURCE: &str = r#"(() => {
  class ZmqError extends Error {
    constructor(message, errno, code) {
      super(message);
      this.errno = errno;
      this.code = code;
    }
  }
  Object.defineProperty(ZmqError.prototype, "name", {
    value: "ZmqError", writable: true, configurable: true, enumerable: false,
  });
  return ZmqError;
})()"#;

/// Create this context's `ZmqError` class.
pub(crate) fn create_class<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Constructor<'js>> {
    ctx.eval::<Constructor<'js>, _>(ZMQ_ERROR_SOURCE)
}

/// Throw `err` in `ctx` as described in the module docs; returns the
/// `rquickjs::Error::Exception` to propagate.
pub(crate) fn throw(ctx: &Ctx<'_>, err: zs::Error) -> rquickjs::Error {
    match err.class() {
        zs::ErrorClass::Interrupted => throw_uncatchable(ctx, "interrupted"),
        zs::ErrorClass::Type => with_code(ctx, Exception::throw_type(ctx, &err.message()), &err),
        zs::ErrorClass::Range => with_code(ctx, Exception::throw_range(ctx, &err.message()), &err),
        zs::ErrorClass::Zmq => match zmq_error(ctx, &err) {
            Ok(v) => ctx.throw(v),
            Err(e) => e,
        },
    }
}

/// Give the exception just thrown (`thrown`) the `errno` and `code` of `err`.
fn with_code(ctx: &Ctx<'_>, thrown: rquickjs::Error, err: &zs::Error) -> rquickjs::Error {
    let exception = ctx.catch();
    if let Some(o) = exception.as_object() {
        let _ = o.set("errno", err.errno());
        let _ = o.set("code", err.code());
    }
    if exception.is_undefined() {
        return thrown;
    }
    ctx.throw(exception)
}

/// A `ZmqError` object for `err` (a plain `Error` with the same fields if the
/// module was never evaluated in this context).
pub(crate) fn zmq_error<'js>(ctx: &Ctx<'js>, err: &zs::Error) -> rquickjs::Result<Value<'js>> {
    let c = ctx.as_raw().as_ptr();
    // An Error object with the caller's stack, re-parented to ZmqError.prototype:
    // constructing the class from here would put its constructor in the stack.
    // SAFETY: `c` is the live context borrowed as `ctx`; JS_IsException only reads a tag.
    let raw = unsafe { qjs::JS_NewError(c) };
    if unsafe { qjs::JS_IsException(raw) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `raw` is a new object of this context; its one reference passes to `obj`.
    let obj = unsafe { Value::from_raw(ctx.clone(), raw) };
    let class = State::get(ctx).and_then(|s| s.error_class(ctx));
    if let Some(class) = class {
        let proto: Value = class.get("prototype")?;
        // SAFETY: `obj` and `proto` are live values of the context `c` (QuickJS dups `proto`).
        if unsafe { qjs::JS_SetPrototype(c, obj.as_raw(), proto.as_raw()) } < 0 {
            return Err(rquickjs::Error::Exception);
        }
    }
    let o: &Object = obj.as_object().ok_or(rquickjs::Error::Unknown)?;
    let message = rquickjs::String::from_str(ctx.clone(), &err.message())?;
    o.prop(
        "message",
        rquickjs::object::Property::from(message).writable().configurable(),
    )?;
    o.set("errno", err.errno())?;
    o.set("code", err.code())?;
    Ok(obj)
}

/// Throw an error that `catch` and `finally` cannot intercept: used to end
/// the script on an interrupt (Ctrl-C) or `std.exit()`.
///
/// The script is ending, so this also starts the runtime's shutdown (see
/// [`crate::shutdown`]): sockets freed while the stack unwinds close with
/// LINGER 0 instead of delaying the exit.
pub fn throw_uncatchable(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    crate::shutdown(ctx);
    let e = match Exception::from_message(ctx.clone(), message) {
        Ok(e) => e,
        Err(e) => return e,
    };
    let _ = e.as_object().set("name", "InternalError");
    let v = e.into_value();
    // SAFETY: `v` is a live error object of this context; the call only sets a flag on it.
    unsafe { qjs::JS_SetUncatchableError(ctx.as_raw().as_ptr(), v.as_raw()) };
    ctx.throw(v)
}

/// `Result` extension: convert a core error into a thrown exception.
pub(crate) trait OrThrow<T> {
    fn or_throw(self, ctx: &Ctx<'_>) -> rquickjs::Result<T>;
}

impl<T> OrThrow<T> for zs::Result<T> {
    #[inline]
    fn or_throw(self, ctx: &Ctx<'_>) -> rquickjs::Result<T> {
        self.map_err(|e| throw(ctx, e))
    }
}

/// Throw a `TypeError` with `message`.
pub(crate) fn type_error(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    Exception::throw_type(ctx, message)
}

/// Throw a `RangeError` with `message`.
pub(crate) fn range_error(ctx: &Ctx<'_>, message: &str) -> rquickjs::Error {
    Exception::throw_range(ctx, message)
}

/// A JavaScript exception taken out of its runtime, for a host: its text
/// (`String(e)`, e.g. `ZmqError: Address already in use`) and its stack.
/// `Display` shows both, so `?` into a `Box<dyn Error>` keeps them, where
/// `rquickjs::Error::Exception` alone reads only "Exception".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScriptError {
    /// `String(e)` of the thrown value.
    pub message: String,
    /// Its `stack` property, if it had one.
    pub stack: Option<String>,
}

impl std::fmt::Display for ScriptError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)?;
        if let Some(stack) = self.stack.as_deref().filter(|s| !s.is_empty()) {
            write!(f, "\n{}", stack.trim_end())?;
        }
        Ok(())
    }
}

impl std::error::Error for ScriptError {}

impl ScriptError {
    /// The exception pending in `ctx` (taken out of it) for `err`, or `err`'s own text
    /// when it is not an exception.
    pub fn catch(ctx: &Ctx<'_>, err: rquickjs::Error) -> ScriptError {
        if !matches!(err, rquickjs::Error::Exception) {
            return ScriptError { message: err.to_string(), stack: None };
        }
        let e = ctx.catch();
        let message = match e.as_object().filter(|_| e.is_error()) {
            Some(o) => {
                let name: String = o.get("name").unwrap_or_else(|_| "Error".into());
                let text: String = o.get("message").unwrap_or_default();
                format!("{name}: {text}")
            }
            None => e
                .as_string()
                .and_then(|s| s.to_string().ok())
                .unwrap_or_else(|| format!("uncaught {}", e.type_name())),
        };
        let stack = e.as_object().and_then(|o| o.get::<_, Option<String>>("stack").ok().flatten());
        ScriptError { message, stack }
    }
}

/// `.caught(&ctx)` on an rquickjs result: an exception becomes a [`ScriptError`] with the
/// script's message and stack, ready for `?` in a host.
pub trait Caught<T> {
    /// See the trait.
    fn caught(self, ctx: &Ctx<'_>) -> Result<T, ScriptError>;
}

impl<T> Caught<T> for rquickjs::Result<T> {
    fn caught(self, ctx: &Ctx<'_>) -> Result<T, ScriptError> {
        self.map_err(|e| ScriptError::catch(ctx, e))
    }
}
