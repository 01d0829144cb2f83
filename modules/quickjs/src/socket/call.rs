//! How a Socket method is entered and left: the prologue both paths share
//! (find the socket behind `this`, view the arguments), the return-value
//! helpers, and the one mapping of a core result to what the method returns
//! (`undefined` for EAGAIN, a thrown exception otherwise).
//!
//! The general path ([`with_socket`]) builds an rquickjs [`Ctx`] and runs a method
//! body of `methods.rs`/`options.rs`; the fast path (`fast.rs`) stays on raw
//! values and falls back to the general path for any argument shape it does
//! not handle.

use super::SocketData;
use crate::error::{throw, type_error};
use rquickjs::{qjs, Ctx, Value};
use std::os::raw::c_int;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use zmq_script as zs;

/// What a method body returns: an owned raw value.
pub(crate) type Ret = rquickjs::Result<qjs::JSValue>;
/// A method body of the general path.
pub(crate) type Body = for<'js> fn(&Ctx<'js>, &SocketData, &Args<'_>) -> Ret;

/// The arguments of a call, borrowed from QuickJS.
pub(crate) struct Args<'a> {
    pub(crate) raw: &'a [qjs::JSValue],
}

impl Args<'_> {
    /// Argument `i` (undefined if absent), still owned by the caller.
    #[inline]
    pub(crate) fn raw(&self, i: usize) -> qjs::JSValue {
        self.raw.get(i).copied().unwrap_or(qjs::JS_UNDEFINED)
    }

    /// Argument `i` as an owned value.
    pub(crate) fn value<'js>(&self, ctx: &Ctx<'js>, i: usize) -> Value<'js> {
        let raw = self.raw(i);
        // SAFETY: `raw` is a live argument of this call; the duplicate is owned by the new Value.
        unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), raw)) }
    }

    /// Argument `i` if it was given and is not undefined.
    pub(crate) fn opt<'js>(&self, ctx: &Ctx<'js>, i: usize) -> Option<Value<'js>> {
        let v = self.value(ctx, i);
        (!v.is_undefined()).then_some(v)
    }

    /// The array of message parts at `i`, or a TypeError naming `method` (`send_multipart()`...).
    pub(crate) fn parts<'js>(&self, ctx: &Ctx<'js>, i: usize, method: &str) -> rquickjs::Result<rquickjs::Array<'js>> {
        let parts = self.value(ctx, i);
        match parts.as_array() {
            Some(arr) => Ok(arr.clone()),
            None => Err(type_error(
                ctx,
                &format!("{method} takes an array of parts, not {}", crate::convert::type_name(&parts)),
            )),
        }
    }

    /// Integer flags at `i` (0 when absent).
    #[inline]
    pub(crate) fn flags(&self, ctx: &Ctx<'_>, i: usize) -> rquickjs::Result<i32> {
        match raw_flags(self.raw, i) {
            Some(f) => Ok(f),
            None => crate::convert::int_arg(ctx, Some(&self.value(ctx, i)), Some(0), "flags"),
        }
    }
}

/// An int value.
#[inline]
pub(crate) fn int(n: i32) -> qjs::JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_INT, n)
}

/// A number value: an int when it fits, a float otherwise.
#[inline]
pub(crate) fn number(n: f64) -> qjs::JSValue {
    if n >= i32::MIN as f64 && n <= i32::MAX as f64 && n.fract() == 0.0 {
        int(n as i32)
    } else {
        qjs::JS_NewFloat64(n)
    }
}

/// A boolean value.
pub(crate) fn boolean(b: bool) -> qjs::JSValue {
    if b {
        qjs::JS_TRUE
    } else {
        qjs::JS_FALSE
    }
}

/// Hand a value's ownership to QuickJS (the wrapper also holds a context
/// reference, so it must be dropped, not forgotten).
pub(crate) fn owned(v: Value<'_>) -> qjs::JSValue {
    // SAFETY: `v` is live; the duplicate's reference goes to the caller, `v`'s own is dropped.
    unsafe { qjs::JS_DupValue(v.ctx().as_raw().as_ptr(), v.as_raw()) }
}

/// The socket behind `this` and the arguments: the prologue of both paths.
/// `None` if `this` is not a Socket of the class `magic` names.
///
/// # Safety
/// `this`, `argc` and `argv` are those of a QuickJS C function call in progress.
#[inline(always)]
pub(crate) unsafe fn enter<'a>(
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
) -> Option<(&'a SocketData, &'a [qjs::JSValue])> {
    let data = (qjs::JS_GetOpaque(this, magic as qjs::JSClassID) as *const SocketData).as_ref()?;
    let args = if argc <= 0 || argv.is_null() {
        &[]
    } else {
        std::slice::from_raw_parts(argv, argc as usize)
    };
    Some((data, args))
}

/// Flags at `i` when absent, undefined or an int; `None` when they must be converted.
#[inline(always)]
pub(crate) fn raw_flags(args: &[qjs::JSValue], i: usize) -> Option<i32> {
    match args.get(i) {
        None => Some(0),
        // SAFETY: reading a value's tag, and the int of an int-tagged value, only looks at its bits.
        Some(&v) => match unsafe { qjs::JS_VALUE_GET_NORM_TAG(v) } {
            qjs::JS_TAG_INT => Some(unsafe { qjs::JS_VALUE_GET_INT(v) }),
            qjs::JS_TAG_UNDEFINED => Some(0),
            _ => None,
        },
    }
}

/// What a send or receive gives the script: `convert` of the value, `undefined`
/// for EAGAIN (the spec never throws it), the thrown error otherwise.
///
/// # Safety
/// `ctx` is the context of the call in progress (errors are thrown in it).
#[inline(always)]
pub(crate) unsafe fn settle<T>(
    ctx: *mut qjs::JSContext,
    result: zs::Result<T>,
    convert: impl FnOnce(T) -> qjs::JSValue,
) -> qjs::JSValue {
    match result {
        Ok(v) => convert(v),
        Err(e) if e.is_again() => qjs::JS_UNDEFINED,
        Err(e) => throw_raw(ctx, e),
    }
}

/// Throw a core error from a raw call; returns `JS_EXCEPTION`.
///
/// # Safety
/// `ctx` is the context of the call in progress.
#[cold]
#[inline(never)]
pub(crate) unsafe fn throw_raw(ctx: *mut qjs::JSContext, e: zs::Error) -> qjs::JSValue {
    if let Some(nn) = NonNull::new(ctx) {
        let _ = throw(&Ctx::from_raw(nn), e);
    }
    qjs::JS_EXCEPTION
}

/// `undefined` for EAGAIN, the thrown exception for anything else (the general path's [`settle`]).
#[inline]
pub(crate) fn again_or_throw(ctx: &Ctx<'_>, e: zs::Error) -> Ret {
    if e.is_again() {
        Ok(qjs::JS_UNDEFINED)
    } else {
        Err(throw(ctx, e))
    }
}

/// Keep a panic from unwinding into C: it becomes an `InternalError`.
///
/// # Safety
/// `ctx` is the context of the call in progress.
#[inline(always)]
pub(crate) unsafe fn guarded(ctx: *mut qjs::JSContext, f: impl FnOnce() -> qjs::JSValue) -> qjs::JSValue {
    catch_unwind(AssertUnwindSafe(f)).unwrap_or_else(|_| {
        qjs::JS_ThrowInternalError(ctx, c"%s".as_ptr(), c"internal error in the zmq module".as_ptr())
    })
}

/// Run `body` on the socket of a C call (a TypeError if `this` is not one), catching panics
/// and converting its errors into exceptions: the one frame of every general and async method.
///
/// # Safety
/// The arguments are those of a QuickJS C function call in progress.
#[inline]
pub(crate) unsafe fn with_socket(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    body: impl for<'js> FnOnce(&Ctx<'js>, &SocketData, &Args<'_>) -> Ret,
) -> qjs::JSValue {
    guarded(ctx, || {
        let Some(nn) = NonNull::new(ctx) else {
            return qjs::JS_EXCEPTION;
        };
        // SAFETY: `nn` is the context of the call in progress, alive for all of it.
        let ctx = Ctx::from_raw(nn);
        // SAFETY: `this`, `argc` and `argv` are those of the call in progress.
        let Some((data, raw)) = enter(this, argc, argv, magic) else {
            let _ = type_error(
                &ctx,
                "not a Socket: call this method on a socket made by Context.prototype.socket()",
            );
            return qjs::JS_EXCEPTION;
        };
        match body(&ctx, data, &Args { raw }) {
            Ok(v) => v,
            Err(rquickjs::Error::Exception) => qjs::JS_EXCEPTION,
            Err(other) => {
                let _ = type_error(&ctx, &other.to_string());
                qjs::JS_EXCEPTION
            }
        }
    })
}

/// Define `unsafe extern "C" fn NAME(ctx, this, argc, argv, magic)` entry
/// points (QuickJS's `JS_CFUNC_generic_magic` shape), each evaluating `$call`
/// with those five arguments in scope.
macro_rules! c_entry_points {
    ($($fname:ident => |$ctx:ident, $this:ident, $argc:ident, $argv:ident, $magic:ident| $call:expr;)*) => {
        $(
            /// A Socket method entry point.
            ///
            /// # Safety
            /// Only QuickJS calls it, as a `JS_CFUNC_generic_magic` function: a live
            /// `ctx`, `argc` values at `argv`, and the class id as `magic`.
            pub(crate) unsafe extern "C" fn $fname(
                $ctx: *mut rquickjs::qjs::JSContext,
                $this: rquickjs::qjs::JSValue,
                $argc: std::os::raw::c_int,
                $argv: *mut rquickjs::qjs::JSValue,
                $magic: std::os::raw::c_int,
            ) -> rquickjs::qjs::JSValue {
                $call
            }
        )*
    };
}
pub(crate) use c_entry_points;
