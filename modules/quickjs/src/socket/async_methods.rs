//! The Promise methods of Socket — `recv_async([flags])`,
//! `recv_str_async([flags])`, `recv_multipart_async([flags])`,
//! `send_async(data[, flags])`, `send_multipart_async(parts[, flags])` — and
//! `Symbol.asyncIterator` (`for await (const frames of sock)`).
//!
//! Each converts its arguments when called (data to send is copied, so a
//! later change to the buffer does not matter; a bad argument throws at
//! once) and hands the operation to [`crate::async_ops`], which settles it.

use super::call::{enter, guarded, owned, raw_flags, with_socket, Args};
use super::fast::frame_text;
use crate::async_ops::{self, Kind};
use crate::convert;
use crate::error::type_error;
use rquickjs::{qjs, Ctx, Function, Value};
use std::os::raw::c_int;

/// What an async method makes of its arguments.
type Prepare = for<'js> fn(&Ctx<'js>, &Args<'_>) -> rquickjs::Result<Kind>;

fn recv(ctx: &Ctx<'_>, a: &Args<'_>) -> rquickjs::Result<Kind> {
    Ok(Kind::Recv {
        flags: a.flags(ctx, 0)?,
        text: false,
    })
}

fn recv_str(ctx: &Ctx<'_>, a: &Args<'_>) -> rquickjs::Result<Kind> {
    Ok(Kind::Recv {
        flags: a.flags(ctx, 0)?,
        text: true,
    })
}

fn recv_multipart(ctx: &Ctx<'_>, a: &Args<'_>) -> rquickjs::Result<Kind> {
    Ok(Kind::RecvMultipart {
        flags: a.flags(ctx, 0)?,
    })
}

/// The bytes of one value to send, copied.
fn copy_data(ctx: &Ctx<'_>, v: &Value<'_>) -> rquickjs::Result<Vec<u8>> {
    let data = convert::data(ctx, v)?;
    let mut scratch = [0u8; 8];
    Ok(data.bytes(&mut scratch).to_vec())
}

fn send(ctx: &Ctx<'_>, a: &Args<'_>) -> rquickjs::Result<Kind> {
    let flags = a.flags(ctx, 1)?;
    if a.raw.is_empty() {
        return Err(type_error(ctx, "send_async(data, flags): data is required"));
    }
    Ok(Kind::Send {
        data: copy_data(ctx, &a.value(ctx, 0))?,
        flags,
    })
}

fn send_multipart(ctx: &Ctx<'_>, a: &Args<'_>) -> rquickjs::Result<Kind> {
    let flags = a.flags(ctx, 1)?;
    let arr = a.parts(ctx, 0, "send_multipart_async()")?;
    let mut copied = Vec::with_capacity(arr.len());
    for part in arr.iter::<Value>() {
        copied.push(copy_data(ctx, &part?)?);
    }
    // The core's verdict on the plan (no parts, flags) comes with the first attempt.
    Ok(Kind::SendMultipart { parts: copied, flags })
}

/// The shared entry: find the socket, prepare the operation, start it.
///
/// # Safety
/// The arguments are those of a QuickJS C function call in progress.
unsafe fn entry(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    prepare: Prepare,
) -> qjs::JSValue {
    with_socket(ctx, this, argc, argv, magic, |ctx, data, args| {
        // SAFETY: `this` is live for the call; the duplicate is owned by the new Value.
        let obj = Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), this));
        prepare(ctx, args).and_then(|kind| async_ops::start(ctx, obj, data, kind)).map(owned)
    })
}

/// The fast path of `recv_async`/`recv_str_async`: plain flags, nothing queued
/// and a message there now → an already-fulfilled promise, on raw values only.
/// Anything else (waiting, errors, unusual arguments) takes [`entry`].
///
/// # Safety
/// The arguments are those of a QuickJS C function call in progress.
unsafe fn recv_now(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    text: bool,
) -> qjs::JSValue {
    guarded(ctx, || {
        let fast = || -> Option<qjs::JSValue> {
            // SAFETY: the arguments are those of the call in progress.
            let (data, args) = unsafe { enter(this, argc, argv, magic) }?;
            let flags = raw_flags(args, 0)?;
            if data.recv_queued.get() {
                return None;
            }
            let frame = data.inner().try_recv(flags).ok()??;
            // SAFETY: `ctx` is the live context of the call; each value made here is owned
            // by us until handed over (the promise) or freed (the message value).
            unsafe {
                let v = if text {
                    frame_text(ctx, frame)
                } else {
                    convert::frame_to_uint8array_raw(ctx, frame)
                };
                if qjs::JS_IsException(v) {
                    return Some(v);
                }
                let promise = qjs::JS_NewSettledPromise(ctx, false, v);
                qjs::JS_FreeValue(ctx, v);
                Some(promise)
            }
        };
        match fast() {
            Some(v) => v,
            None => entry(ctx, this, argc, argv, magic, if text { recv_str } else { recv }),
        }
    })
}

super::call::c_entry_points! {
    c_recv_async => |ctx, this, argc, argv, magic| recv_now(ctx, this, argc, argv, magic, false);
    c_recv_str_async => |ctx, this, argc, argv, magic| recv_now(ctx, this, argc, argv, magic, true);
    c_recv_multipart_async => |ctx, this, argc, argv, magic| entry(ctx, this, argc, argv, magic, recv_multipart);
    c_send_async => |ctx, this, argc, argv, magic| entry(ctx, this, argc, argv, magic, send);
    c_send_multipart_async => |ctx, this, argc, argv, magic| entry(ctx, this, argc, argv, magic, send_multipart);
}

/// `Symbol.asyncIterator`: each message as an array of Uint8Array frames;
/// done once the socket is closed (also by its context's `term()`); `break`
/// (the iterator's `return`) leaves the socket open and usable.
const ASYNC_ITERATOR: &str = r#"(proto) => {
  const done = () => ({ value: undefined, done: true });
  Object.defineProperty(proto, Symbol.asyncIterator, {
    configurable: true,
    writable: true,
    value: function () {
      const sock = this;
      return {
        next() {
          if (sock.closed) return Promise.resolve(done());
          return sock.recv_multipart_async().then(
            (value) => ({ value, done: false }),
            (err) => { if (sock.closed) return done(); throw err; });
        },
        return(value) { return Promise.resolve({ value, done: true }); },
        [Symbol.asyncIterator]() { return this; },
      };
    },
  });
}"#;

/// Define `Symbol.asyncIterator` on the Socket prototype.
pub(crate) fn define_async_iterator<'js>(ctx: &Ctx<'js>, proto: &Value<'js>) -> rquickjs::Result<()> {
    let setup: Function = ctx.eval(ASYNC_ITERATOR)?;
    setup.call::<_, ()>((proto.clone(),))
}
