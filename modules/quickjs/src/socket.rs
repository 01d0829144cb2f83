//! `zmq.Socket`: created by `Context.prototype.socket()`, closed by
//! `close()`, by its context's `term()`, or when garbage collected.
//!
//! Return values follow the spec: `0` for success, the byte count from
//! `send()`, `undefined` when a non-blocking call would block (EAGAIN is
//! never thrown), a thrown `zmq.ZmqError` for every other libzmq failure.
//!
//! Socket is a QuickJS class of its own (not an rquickjs class): every
//! method is a plain C function that finds its [`SocketData`] with
//! `JS_GetOpaque`, so a `send`/`recv` costs what a builtin call costs. The
//! class id is allocated per runtime and reaches each method as its `magic`.

use crate::convert;
use crate::error::{range_error, throw, type_error, OrThrow};
use crate::module::State;
use rquickjs::{qjs, Ctx, Value};
use std::cell::Cell;
use std::ffi::CStr;
use std::os::raw::{c_char, c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr::NonNull;
use std::rc::Rc;
use zmq_script as zs;
use zs::{OptionType, OptionValue, SocketOption};

/// What a Socket object owns.
pub struct SocketData {
    sock: zs::Socket,
    /// The runtime's teardown flag (see [`crate::shutdown`]).
    closing: Rc<Cell<bool>>,
}

impl SocketData {
    /// The core socket.
    pub fn inner(&self) -> &zs::Socket {
        &self.sock
    }
}

impl Drop for SocketData {
    /// Garbage collected: the socket closes keeping its LINGER; at runtime
    /// teardown LINGER is set to 0 first (the reference's context finalizer),
    /// so exit never waits for peers that are not there.
    fn drop(&mut self) {
        if self.closing.get() && !self.sock.is_closed() {
            if let Ok(opt) = zs::options::socket_option("LINGER") {
                let _ = self.sock.set_option(opt, OptionValue::Int(0));
            }
        }
    }
}

/// This runtime's Socket class id, registering the class on first use.
fn class_id(ctx: &Ctx<'_>) -> rquickjs::Result<qjs::JSClassID> {
    State::ensure(ctx)?;
    let state = State::get(ctx).ok_or(rquickjs::Error::Unknown)?;
    let mut id = state.socket_class.get();
    if id == 0 {
        let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
        unsafe { qjs::JS_NewClassID(rt, &mut id) };
        let def = qjs::JSClassDef {
            class_name: c"Socket".as_ptr(),
            finalizer: Some(finalize),
            gc_mark: None,
            call: None,
            exotic: std::ptr::null_mut(),
        };
        if unsafe { qjs::JS_NewClass(rt, id, &def) } < 0 {
            return Err(rquickjs::Error::Unknown);
        }
        state.socket_class.set(id);
    }
    Ok(id)
}

unsafe extern "C" fn finalize(_rt: *mut qjs::JSRuntime, val: qjs::JSValue) {
    let p = qjs::JS_GetOpaque(val, qjs::JS_GetClassID(val)) as *mut SocketData;
    if !p.is_null() {
        // A panic must not cross into C; closing never panics, but be sure.
        let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(p))));
    }
}

/// A new Socket object owning `sock`.
pub(crate) fn new_socket<'js>(
    ctx: &Ctx<'js>,
    sock: zs::Socket,
    closing: Rc<Cell<bool>>,
) -> rquickjs::Result<Value<'js>> {
    let id = class_id(ctx)?;
    let c = ctx.as_raw().as_ptr();
    let obj = unsafe { qjs::JS_NewObjectClass(c, id) };
    if unsafe { qjs::JS_IsException(obj) } {
        return Err(rquickjs::Error::Exception);
    }
    let data = Box::into_raw(Box::new(SocketData { sock, closing }));
    unsafe { qjs::JS_SetOpaque(obj, data as *mut c_void) };
    Ok(unsafe { Value::from_raw(ctx.clone(), obj) })
}

/// The socket behind a Socket object, if `v` is one.
pub(crate) fn socket_of<'a>(ctx: &Ctx<'_>, v: &'a Value<'_>) -> Option<&'a SocketData> {
    let id = State::get(ctx).map(|s| s.socket_class.get()).unwrap_or(0);
    if id == 0 {
        return None;
    }
    let p = unsafe { qjs::JS_GetOpaque(v.as_raw(), id) } as *const SocketData;
    unsafe { p.as_ref() }
}

/// The arguments of a call, borrowed from QuickJS.
pub(crate) struct Args<'a> {
    raw: &'a [qjs::JSValue],
}

impl Args<'_> {
    /// Argument `i` (undefined if absent), still owned by the caller.
    #[inline]
    fn raw(&self, i: usize) -> qjs::JSValue {
        self.raw.get(i).copied().unwrap_or(qjs::JS_UNDEFINED)
    }

    /// Argument `i` as an owned value.
    fn value<'js>(&self, ctx: &Ctx<'js>, i: usize) -> Value<'js> {
        let raw = self.raw(i);
        unsafe { Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), raw)) }
    }

    /// Argument `i` if it was given and is not undefined.
    fn opt<'js>(&self, ctx: &Ctx<'js>, i: usize) -> Option<Value<'js>> {
        let v = self.value(ctx, i);
        (!v.is_undefined()).then_some(v)
    }

    /// Integer flags at `i` (0 when absent).
    #[inline]
    fn flags(&self, ctx: &Ctx<'_>, i: usize) -> rquickjs::Result<i32> {
        let raw = self.raw(i);
        match unsafe { qjs::JS_VALUE_GET_NORM_TAG(raw) } {
            qjs::JS_TAG_INT => Ok(unsafe { qjs::JS_VALUE_GET_INT(raw) }),
            qjs::JS_TAG_UNDEFINED => Ok(0),
            _ => convert::int_arg(ctx, Some(&self.value(ctx, i)), Some(0), "flags"),
        }
    }
}

/// What a method body returns: an owned raw value.
type Ret = rquickjs::Result<qjs::JSValue>;
type Body = for<'js> fn(&Ctx<'js>, &SocketData, &Args<'_>) -> Ret;

#[inline]
fn int(n: i32) -> qjs::JSValue {
    qjs::JS_MKVAL(qjs::JS_TAG_INT, n)
}

#[inline]
fn number(n: f64) -> qjs::JSValue {
    if n >= i32::MIN as f64 && n <= i32::MAX as f64 && n.fract() == 0.0 {
        int(n as i32)
    } else {
        qjs::JS_NewFloat64(n)
    }
}

fn boolean(b: bool) -> qjs::JSValue {
    if b {
        qjs::JS_TRUE
    } else {
        qjs::JS_FALSE
    }
}

/// Hand a value's ownership to QuickJS (the wrapper also holds a context
/// reference, so it must be dropped, not forgotten).
fn owned(v: Value<'_>) -> qjs::JSValue {
    unsafe { qjs::JS_DupValue(v.ctx().as_raw().as_ptr(), v.as_raw()) }
}

/// Run a method body for a C call: find the socket, convert errors into
/// exceptions, keep panics from unwinding into C.
#[inline]
unsafe fn call(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    id: c_int,
    body: Body,
) -> qjs::JSValue {
    let result = catch_unwind(AssertUnwindSafe(|| {
        let Some(nn) = NonNull::new(ctx) else {
            return qjs::JS_EXCEPTION;
        };
        let ctx = Ctx::from_raw(nn);
        let data = qjs::JS_GetOpaque(this, id as qjs::JSClassID) as *const SocketData;
        let Some(data) = data.as_ref() else {
            let _ = type_error(
                &ctx,
                "not a Socket: call this method on a socket made by Context.prototype.socket()",
            );
            return qjs::JS_EXCEPTION;
        };
        let raw: &[qjs::JSValue] = if argc <= 0 || argv.is_null() {
            &[]
        } else {
            std::slice::from_raw_parts(argv, argc as usize)
        };
        match body(&ctx, data, &Args { raw }) {
            Ok(v) => v,
            Err(rquickjs::Error::Exception) => qjs::JS_EXCEPTION,
            Err(other) => {
                let _ = type_error(&ctx, &other.to_string());
                qjs::JS_EXCEPTION
            }
        }
    }));
    result.unwrap_or_else(|_| {
        qjs::JS_ThrowInternalError(ctx, c"%s".as_ptr(), c"internal error in the zmq module".as_ptr())
    })
}

/// Before a call that may block: a signal that arrived while JS code ran
/// (no EINTR will come for it) must still end the script.
#[inline]
fn check_pending(ctx: &Ctx<'_>, flags: i32) -> rquickjs::Result<()> {
    if flags & zs::constants::DONTWAIT == 0 {
        zs::interrupt::check().or_throw(ctx)?;
    }
    Ok(())
}

/// `undefined` for EAGAIN, the thrown exception for anything else.
#[inline]
fn again_or_throw(ctx: &Ctx<'_>, e: zs::Error) -> Ret {
    if e.is_again() {
        Ok(qjs::JS_UNDEFINED)
    } else {
        Err(throw(ctx, e))
    }
}

// ---- message methods (the hot path) ----

/// `send(data, flags = 0)` → bytes sent, `undefined` on EAGAIN.
fn send(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let flags = a.flags(ctx, 1)?;
    if a.raw.is_empty() {
        return Err(type_error(ctx, "send(data, flags): data is required"));
    }
    let data = unsafe { convert::data_raw(ctx, a.raw(0))? };
    check_pending(ctx, flags)?;
    let mut scratch = [0u8; 8];
    match s.sock.send(data.bytes(&mut scratch), flags) {
        Ok(n) => Ok(number(n as f64)),
        Err(e) => again_or_throw(ctx, e),
    }
}

#[inline]
fn recv_as(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>, convert: impl FnOnce(zs::Frame) -> Ret) -> Ret {
    let flags = a.flags(ctx, 0)?;
    check_pending(ctx, flags)?;
    match s.sock.recv(flags) {
        Ok(frame) => convert(frame),
        Err(e) => again_or_throw(ctx, e),
    }
}

/// `recv(flags = 0)` (also `recv_uint8ffarray`, `recv_uint8array`) → Uint8Array, `undefined` on EAGAIN.
/// Messages of [`convert::ZERO_COPY_MIN`] bytes or more are not copied.
fn recv(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    recv_as(ctx, s, a, |f| {
        let v = unsafe { convert::frame_to_uint8array_raw(ctx.as_raw().as_ptr(), f) };
        if unsafe { qjs::JS_IsException(v) } {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(v)
        }
    })
}

/// `recv_str(flags = 0)` → string (UTF-8; a lone trailing NUL is dropped).
fn recv_str(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    recv_as(ctx, s, a, |f| convert::new_text_raw(ctx, f.data()))
}

/// `recv_int(flags = 0)` → number from a 4-byte message (TypeError otherwise; the message is consumed).
fn recv_int(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    recv_as(ctx, s, a, |f| f.to_i32().map(int).or_throw(ctx))
}

/// `recv_bigint(flags = 0)` → BigInt from an 8-byte message (TypeError otherwise).
fn recv_bigint(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    recv_as(ctx, s, a, |f| {
        let v = f.to_i64().or_throw(ctx)?;
        let raw = unsafe { qjs::JS_NewBigInt64(ctx.as_raw().as_ptr(), v) };
        if unsafe { qjs::JS_IsException(raw) } {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(raw)
        }
    })
}

/// One part of `send_multipart()` between its conversion and the send.
enum Part<'js> {
    /// A TypedArray or ArrayBuffer: checked at once, its bytes looked up again
    /// just before sending, once no more JS code can run (a getter of a later
    /// element could otherwise move the memory away).
    Buffer(Value<'js>),
    /// A string's UTF-8 bytes (QuickJS keeps them alive until freed).
    Str(convert::JsBytes<'static>),
    /// A number's encoding.
    Scalar([u8; 8], usize),
    /// A DataView's bytes, copied (reading its fields may run JS code).
    Copied(Vec<u8>),
}

/// `send_multipart([part, ...], flags = 0)` → total bytes, `undefined` on EAGAIN.
fn send_multipart(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let flags = a.flags(ctx, 1)?;
    let parts = a.value(ctx, 0);
    let Some(arr) = parts.as_array() else {
        return Err(type_error(
            ctx,
            &format!(
                "send_multipart() takes an array of parts, not {}",
                convert::type_name(&parts)
            ),
        ));
    };
    if arr.is_empty() {
        return Err(range_error(ctx, "send_multipart() needs at least one part"));
    }
    // Convert every part first (this may run JS code: getters, proxies).
    let mut held: Vec<Part> = Vec::with_capacity(arr.len());
    for part in arr.iter::<Value>() {
        let part = part?;
        let raw = part.as_raw();
        let buffer = unsafe {
            qjs::JS_IsObject(raw)
                && !qjs::JS_IsDataView(raw)
                && (qjs::JS_GetTypedArrayType(raw) >= 0 || qjs::JS_IsArrayBuffer(raw))
        };
        held.push(if buffer {
            convert::buffer_bytes(ctx, &part)?; // raises the errors in order
            Part::Buffer(part)
        } else if let Some(text) = unsafe { convert::string_bytes_raw(ctx, raw)? } {
            Part::Str(text)
        } else {
            match convert::data(ctx, &part)? {
                convert::Data::Scalar(p) => {
                    let mut scratch = [0u8; 8];
                    let n = p.bytes(&mut scratch).len();
                    let mut bytes = [0u8; 8];
                    bytes[..n].copy_from_slice(&scratch[..n]);
                    Part::Scalar(bytes, n)
                }
                convert::Data::Bytes(b) => Part::Copied(b.as_slice().to_vec()),
            }
        });
    }
    check_pending(ctx, flags)?;
    // No JS code runs from here on: view the buffers in place (libzmq copies them once).
    let views = held
        .iter()
        .map(|p| match p {
            Part::Buffer(v) => convert::buffer_bytes(ctx, v),
            _ => Ok(None),
        })
        .collect::<rquickjs::Result<Vec<_>>>()?;
    let slices: Vec<&[u8]> = held
        .iter()
        .zip(&views)
        .map(|(p, view)| match (p, view) {
            (_, Some(b)) => b.as_slice(),
            (Part::Str(b), _) => b.as_slice(),
            (Part::Scalar(b, n), _) => &b[..*n],
            (Part::Copied(b), _) => b.as_slice(),
            (Part::Buffer(_), None) => &[],
        })
        .collect();
    match s.sock.send_multipart(&slices, flags) {
        Ok(n) => Ok(number(n as f64)),
        Err(e) => again_or_throw(ctx, e),
    }
}

/// `recv_multipart(flags = 0)` → array of Uint8Array, `undefined` on EAGAIN.
fn recv_multipart(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let flags = a.flags(ctx, 0)?;
    check_pending(ctx, flags)?;
    match s.sock.recv_multipart(flags) {
        Ok(frames) => {
            let c = ctx.as_raw().as_ptr();
            let arr = unsafe { qjs::JS_NewArray(c) };
            if unsafe { qjs::JS_IsException(arr) } {
                return Err(rquickjs::Error::Exception);
            }
            let arr = unsafe { Value::from_raw(ctx.clone(), arr) };
            for (i, f) in frames.into_iter().enumerate() {
                let part = unsafe { convert::frame_to_uint8array_raw(c, f) };
                // JS_SetPropertyUint32 takes `part`, also on failure.
                if unsafe {
                    qjs::JS_IsException(part) || qjs::JS_SetPropertyUint32(c, arr.as_raw(), i as u32, part) < 0
                } {
                    return Err(rquickjs::Error::Exception);
                }
            }
            Ok(owned(arr))
        }
        Err(e) => again_or_throw(ctx, e),
    }
}

/// `recv_event(flags = 0)` on a socket made by `monitor()` → `{ event, name,
/// value, endpoint }`, `undefined` on EAGAIN; a message that is not a
/// monitor event throws EPROTO.
fn recv_event(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let flags = a.flags(ctx, 0)?;
    check_pending(ctx, flags)?;
    let frames = match s.sock.recv_multipart(flags) {
        Ok(frames) => frames,
        Err(e) => return again_or_throw(ctx, e),
    };
    let ev = zs::MonitorEvent::parse(&frames).or_throw(ctx)?;
    let obj = rquickjs::Object::new(ctx.clone())?;
    obj.set("event", ev.event)?;
    obj.set("name", ev.name())?;
    obj.set("value", ev.value as f64)?;
    obj.set("endpoint", ev.endpoint.as_str())?;
    Ok(owned(obj.into_value()))
}

/// `monitor(events = EVENT_ALL)` → a new Socket on which this socket's
/// connection events arrive (read them with `recv_event()`).
fn monitor(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let all = zs::constants::EVENT_ALL;
    let events = match a.opt(ctx, 0) {
        Some(v) => convert::int_arg(ctx, Some(&v), Some(all), "monitor(): events")?,
        None => all,
    };
    let sub = s.sock.monitor(events).or_throw(ctx)?;
    new_socket(ctx, sub, s.closing.clone()).map(owned)
}

/// `more()` → true if the last part received has more parts after it.
fn more(ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    s.sock.rcvmore().map(boolean).or_throw(ctx)
}

// ---- the hot path: send() and recv*() on raw values ----
//
// These C functions handle the common argument shapes without rquickjs
// wrappers (no context reference taken, no `Value` or `Result` plumbing): data
// that is a Uint8Array, a string, null, an int or a boolean; flags that are an
// int or absent. Any other shape goes to the general body above, which
// converts it or raises the error, so both paths behave the same.

/// The socket behind `this`, if it is a Socket.
#[inline(always)]
unsafe fn this_socket<'a>(this: qjs::JSValue, id: c_int) -> Option<&'a SocketData> {
    (qjs::JS_GetOpaque(this, id as qjs::JSClassID) as *const SocketData).as_ref()
}

/// The arguments of a C call as a slice.
#[inline(always)]
unsafe fn arg_slice<'a>(argc: c_int, argv: *mut qjs::JSValue) -> &'a [qjs::JSValue] {
    if argc <= 0 || argv.is_null() {
        &[]
    } else {
        std::slice::from_raw_parts(argv, argc as usize)
    }
}

/// Flags at `i` when absent, undefined or an int; `None` when the general path must convert them.
#[inline(always)]
unsafe fn raw_flags(args: &[qjs::JSValue], i: usize) -> Option<i32> {
    match args.get(i) {
        None => Some(0),
        Some(&v) => match qjs::JS_VALUE_GET_NORM_TAG(v) {
            qjs::JS_TAG_INT => Some(qjs::JS_VALUE_GET_INT(v)),
            qjs::JS_TAG_UNDEFINED => Some(0),
            _ => None,
        },
    }
}

/// Throw a core error from a raw call; returns `JS_EXCEPTION`.
#[cold]
#[inline(never)]
unsafe fn throw_raw(ctx: *mut qjs::JSContext, e: zs::Error) -> qjs::JSValue {
    if let Some(nn) = NonNull::new(ctx) {
        let _ = throw(&Ctx::from_raw(nn), e);
    }
    qjs::JS_EXCEPTION
}

/// Run a fast path; `None` from it means "use the general path", a panic an InternalError.
#[inline(always)]
unsafe fn fast_or(
    ctx: *mut qjs::JSContext,
    fast: impl FnOnce() -> Option<qjs::JSValue>,
    general: impl FnOnce() -> qjs::JSValue,
) -> qjs::JSValue {
    match catch_unwind(AssertUnwindSafe(fast)) {
        Ok(Some(v)) => v,
        Ok(None) => general(),
        Err(_) => qjs::JS_ThrowInternalError(ctx, c"%s".as_ptr(), c"internal error in the zmq module".as_ptr()),
    }
}

/// `send(data, flags = 0)` → bytes sent, `undefined` on EAGAIN.
unsafe extern "C" fn c_send(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
) -> qjs::JSValue {
    fast_or(
        ctx,
        || {
            let s = this_socket(this, magic)?;
            let args = arg_slice(argc, argv);
            let flags = raw_flags(args, 1)?;
            let data = *args.first()?;
            let scratch: [u8; 4];
            let mut cstring: *const c_char = std::ptr::null();
            let bytes: &[u8] = match qjs::JS_VALUE_GET_NORM_TAG(data) {
                qjs::JS_TAG_OBJECT => {
                    let ty = qjs::JS_GetTypedArrayType(data);
                    if ty != qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8 as i32
                        && ty != qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8C as i32
                    {
                        return None;
                    }
                    let mut len: usize = 0;
                    let p = qjs::JS_GetUint8Array(ctx, &mut len as *mut usize as _, data);
                    if p.is_null() {
                        return Some(qjs::JS_EXCEPTION); // detached or out of bounds: TypeError thrown
                    }
                    std::slice::from_raw_parts(p, len)
                }
                qjs::JS_TAG_STRING | qjs::JS_TAG_STRING_ROPE => {
                    let mut len: usize = 0;
                    cstring = qjs::JS_ToCStringLen2(ctx, &mut len as *mut usize as _, data, false);
                    if cstring.is_null() {
                        return Some(qjs::JS_EXCEPTION);
                    }
                    std::slice::from_raw_parts(cstring as *const u8, len)
                }
                qjs::JS_TAG_INT => {
                    scratch = qjs::JS_VALUE_GET_INT(data).to_ne_bytes();
                    &scratch
                }
                qjs::JS_TAG_BOOL => {
                    scratch = ((qjs::JS_VALUE_GET_INT(data) != 0) as i32).to_ne_bytes();
                    &scratch
                }
                qjs::JS_TAG_NULL => &[],
                _ => return None,
            };
            let result = if flags & zs::constants::DONTWAIT == 0 {
                zs::interrupt::check().and_then(|_| s.sock.send(bytes, flags))
            } else {
                s.sock.send(bytes, flags)
            };
            if !cstring.is_null() {
                qjs::JS_FreeCString(ctx, cstring);
            }
            Some(match result {
                Ok(n) => number(n as f64),
                Err(e) if e.is_again() => qjs::JS_UNDEFINED,
                Err(e) => throw_raw(ctx, e),
            })
        },
        || call(ctx, this, argc, argv, magic, send),
    )
}

/// The recv family: receive one part and make `convert` of it.
#[inline(always)]
unsafe fn recv_raw(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    convert: unsafe fn(*mut qjs::JSContext, zs::Frame) -> qjs::JSValue,
    general: Body,
) -> qjs::JSValue {
    fast_or(
        ctx,
        || {
            let s = this_socket(this, magic)?;
            let flags = raw_flags(arg_slice(argc, argv), 0)?;
            if flags & zs::constants::DONTWAIT == 0 {
                if let Err(e) = zs::interrupt::check() {
                    return Some(throw_raw(ctx, e));
                }
            }
            Some(match s.sock.recv(flags) {
                Ok(frame) => convert(ctx, frame),
                Err(e) if e.is_again() => qjs::JS_UNDEFINED,
                Err(e) => throw_raw(ctx, e),
            })
        },
        || call(ctx, this, argc, argv, magic, general),
    )
}

unsafe fn frame_text(ctx: *mut qjs::JSContext, frame: zs::Frame) -> qjs::JSValue {
    let text = zs::text_lossy(frame.data());
    qjs::JS_NewStringLen(ctx, text.as_ptr() as *const c_char, text.len() as _)
}

unsafe fn frame_int(ctx: *mut qjs::JSContext, frame: zs::Frame) -> qjs::JSValue {
    match frame.to_i32() {
        Ok(v) => int(v),
        Err(e) => throw_raw(ctx, e),
    }
}

unsafe fn frame_bigint(ctx: *mut qjs::JSContext, frame: zs::Frame) -> qjs::JSValue {
    match frame.to_i64() {
        Ok(v) => qjs::JS_NewBigInt64(ctx, v),
        Err(e) => throw_raw(ctx, e),
    }
}

/// Define `unsafe extern "C" fn NAME(ctx, this, argc, argv, magic)` entry
/// points (QuickJS's `JS_CFUNC_generic_magic` shape), each evaluating `$call`
/// with those five arguments in scope.
macro_rules! c_entry_points {
    ($($fname:ident => |$ctx:ident, $this:ident, $argc:ident, $argv:ident, $magic:ident| $call:expr;)*) => {
        $(
            unsafe extern "C" fn $fname(
                $ctx: *mut qjs::JSContext,
                $this: qjs::JSValue,
                $argc: c_int,
                $argv: *mut qjs::JSValue,
                $magic: c_int,
            ) -> qjs::JSValue {
                $call
            }
        )*
    };
}

macro_rules! c_recv_methods {
    ($($fname:ident => $convert:path, $general:path;)*) => {
        c_entry_points! {
            $($fname => |ctx, this, argc, argv, magic| recv_raw(ctx, this, argc, argv, magic, $convert, $general);)*
        }
    };
}

c_recv_methods! {
    c_recv => convert::frame_to_uint8array_raw, recv;
    c_recv_str => frame_text, recv_str;
    c_recv_int => frame_int, recv_int;
    c_recv_bigint => frame_bigint, recv_bigint;
}

// ---- endpoints and life cycle ----

fn endpoint_arg(ctx: &Ctx<'_>, a: &Args<'_>) -> rquickjs::Result<String> {
    convert::string_arg(ctx, &a.value(ctx, 0), "endpoint")
}

/// `bind(endpoint)` → 0.
fn bind(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    s.sock.bind(&endpoint_arg(ctx, a)?).map(|_| int(0)).or_throw(ctx)
}

/// `unbind(endpoint)` → 0.
fn unbind(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    s.sock.unbind(&endpoint_arg(ctx, a)?).map(|_| int(0)).or_throw(ctx)
}

/// `connect(endpoint)` → 0.
fn connect(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    s.sock.connect(&endpoint_arg(ctx, a)?).map(|_| int(0)).or_throw(ctx)
}

/// `disconnect(endpoint)` → 0.
fn disconnect(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    s.sock.disconnect(&endpoint_arg(ctx, a)?).map(|_| int(0)).or_throw(ctx)
}

/// `bind_to_random_port(address = "tcp://127.0.0.1")` → the endpoint bound.
fn bind_to_random_port(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let address = match a.opt(ctx, 0) {
        Some(v) => convert::string_arg(ctx, &v, "address")?,
        None => "tcp://127.0.0.1".to_string(),
    };
    let ep = s.sock.bind_to_random_port(&address).or_throw(ctx)?;
    Ok(owned(rquickjs::String::from_str(ctx.clone(), &ep)?.into_value()))
}

/// `close()` → 0. Idempotent; keeps the socket's LINGER.
fn close(ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    s.sock.close().map(|_| int(0)).or_throw(ctx)
}

/// `events()` → POLLIN/POLLOUT bits of what can be done now (ZMQ_EVENTS).
fn events(ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    s.sock.events().map(|e| int(e as i32)).or_throw(ctx)
}

/// `closed` getter → true once closed (explicitly or by the context's term()).
fn closed(_ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    Ok(boolean(s.sock.is_closed()))
}

/// `type` getter → the socket type constant.
fn kind(_ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    Ok(int(s.sock.kind()))
}

/// `toString()` → `[Socket PUSH]` (`[Socket PUSH closed]` once closed).
fn to_string(ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    let kind = zs::constants::socket_type::name(s.sock.kind()).unwrap_or("?");
    let text = format!("[Socket {kind}{}]", if s.sock.is_closed() { " closed" } else { "" });
    Ok(owned(rquickjs::String::from_str(ctx.clone(), &text)?.into_value()))
}

// ---- options ----

/// The option row named by a constant (`zmq.LINGER`) or a string (`"LINGER"`).
pub(crate) fn option_of<'js>(ctx: &Ctx<'js>, name: &Value<'js>) -> rquickjs::Result<&'static SocketOption> {
    if let Some(s) = name.as_string() {
        let s = s.to_string()?;
        return zs::options::socket_option(&s).or_throw(ctx);
    }
    if name.is_number() {
        let id = convert::int_arg(ctx, Some(name), None, "option")?;
        return zs::options::socket_option_by_id(id).or_throw(ctx);
    }
    Err(type_error(
        ctx,
        &format!(
            "option must be a constant such as zmq.LINGER or a name such as \"LINGER\", not {}",
            convert::type_name(name)
        ),
    ))
}

/// An option value as the table types it: int → number, int64/uint64 →
/// BigInt, string/curve key → string, binary → Uint8Array.
fn option_to_js<'js>(ctx: &Ctx<'js>, opt: &SocketOption, v: OptionValue) -> rquickjs::Result<Value<'js>> {
    Ok(match v {
        OptionValue::Int(i) => Value::new_int(ctx.clone(), i),
        OptionValue::Int64(i) => Value::new_big_int(ctx.clone(), i)?,
        OptionValue::Uint64(u) => rquickjs::BigInt::from_u64(ctx.clone(), u)?.into_value(),
        OptionValue::Bytes(b) if opt.kind == OptionType::Binary => convert::new_uint8array(ctx, &b)?,
        OptionValue::Bytes(b) => rquickjs::String::from_str(ctx.clone(), &String::from_utf8_lossy(&b))?.into_value(),
    })
}

/// Convert a `setsockopt` value to what the option's type takes.
fn option_from_js<'js>(ctx: &Ctx<'js>, opt: &SocketOption, v: &Value<'js>) -> rquickjs::Result<OptionValue> {
    let wrong = || {
        type_error(
            ctx,
            &format!(
                "option {} takes {}, not {}",
                opt.name,
                expected(opt.kind),
                convert::type_name(v)
            ),
        )
    };
    let out_of_range = |n: &dyn std::fmt::Display| {
        range_error(
            ctx,
            &format!(
                "value {n} is out of range for option {} ({})",
                opt.name,
                opt.kind.name()
            ),
        )
    };
    match opt.kind {
        OptionType::Int | OptionType::Bool => {
            if let Some(b) = v.as_bool() {
                return Ok(OptionValue::Int(b as i32));
            }
            if let Some(i) = v.as_int() {
                return Ok(OptionValue::Int(i));
            }
            if let Some(f) = v.as_float() {
                if f.fract() != 0.0 || !f.is_finite() {
                    return Err(wrong());
                }
                if f < i32::MIN as f64 || f > i32::MAX as f64 {
                    return Err(out_of_range(&f));
                }
                return Ok(OptionValue::Int(f as i32));
            }
            if v.is_big_int() {
                let i = convert::bigint_i64(ctx, v)?;
                return i32::try_from(i).map(OptionValue::Int).map_err(|_| out_of_range(&i));
            }
            Err(wrong())
        }
        OptionType::Int64 | OptionType::Uint64 => {
            let unsigned = opt.kind == OptionType::Uint64;
            if let Some(i) = v.as_int() {
                if unsigned && i < 0 {
                    return Err(out_of_range(&i));
                }
                return Ok(if unsigned {
                    OptionValue::Uint64(i as u64)
                } else {
                    OptionValue::Int64(i as i64)
                });
            }
            if let Some(f) = v.as_float() {
                if f.fract() != 0.0 || !f.is_finite() {
                    return Err(wrong());
                }
                let ok = if unsigned {
                    (0.0..=u64::MAX as f64).contains(&f)
                } else {
                    f >= i64::MIN as f64 && f < i64::MAX as f64
                };
                if !ok {
                    return Err(out_of_range(&f));
                }
                return Ok(if unsigned {
                    OptionValue::Uint64(f as u64)
                } else {
                    OptionValue::Int64(f as i64)
                });
            }
            if v.is_big_int() {
                return Ok(if unsigned {
                    OptionValue::Uint64(convert::bigint_u64(ctx, v)?)
                } else {
                    OptionValue::Int64(convert::bigint_i64(ctx, v)?)
                });
            }
            Err(wrong())
        }
        OptionType::String | OptionType::Binary | OptionType::CurveKey => {
            if v.is_null() {
                return Ok(OptionValue::Bytes(Vec::new()));
            }
            if let Some(b) = convert::string_bytes(ctx, v)? {
                return Ok(OptionValue::Bytes(b.as_slice().to_vec()));
            }
            if let Some(b) = convert::buffer_bytes(ctx, v)? {
                return Ok(OptionValue::Bytes(b.as_slice().to_vec()));
            }
            Err(wrong())
        }
    }
}

fn expected(kind: OptionType) -> &'static str {
    match kind {
        OptionType::Int => "an integer",
        OptionType::Bool => "a boolean or 0/1",
        OptionType::Int64 => "an integer or a BigInt",
        OptionType::Uint64 => "a non-negative integer or BigInt",
        OptionType::String => "a string",
        OptionType::Binary => "a string or a byte buffer",
        OptionType::CurveKey => "a 40-character Z85 string or 32 bytes",
    }
}

/// Which getter was called.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Any,
    Int,
    BigInt,
    Str,
    Bytes,
}

fn get_typed(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>, want: Want) -> Ret {
    let opt = option_of(ctx, &a.value(ctx, 0))?;
    let fits = match want {
        Want::Any => true,
        Want::Int => matches!(opt.kind, OptionType::Int | OptionType::Bool),
        Want::BigInt => matches!(opt.kind, OptionType::Int64 | OptionType::Uint64),
        Want::Str | Want::Bytes => matches!(opt.kind, OptionType::String | OptionType::Binary | OptionType::CurveKey),
    };
    if !fits {
        let getter = match opt.kind {
            OptionType::Int | OptionType::Bool => "getsockopt_int",
            OptionType::Int64 | OptionType::Uint64 => "getsockopt_bigint",
            OptionType::String | OptionType::CurveKey => "getsockopt_str",
            OptionType::Binary => "getsockopt_uint8ffarray",
        };
        return Err(type_error(
            ctx,
            &format!(
                "option {} is of type {}: read it with {getter}() or getsockopt()",
                opt.name,
                opt.kind.name()
            ),
        ));
    }
    let v = s.sock.get_option(opt).or_throw(ctx)?;
    let js = match (want, v) {
        (Want::Str, OptionValue::Bytes(b)) => {
            rquickjs::String::from_str(ctx.clone(), &String::from_utf8_lossy(&b))?.into_value()
        }
        (Want::Bytes, OptionValue::Bytes(b)) => convert::new_uint8array(ctx, &b)?,
        (_, v) => option_to_js(ctx, opt, v)?,
    };
    Ok(owned(js))
}

/// `getsockopt(option)` → number, BigInt, string or Uint8Array, as the option table types it.
fn getsockopt(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::Any)
}

/// `getsockopt_int(option)` → number (int options only, TypeError otherwise).
fn getsockopt_int(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::Int)
}

/// `getsockopt_bigint(option)` → BigInt (int64/uint64 options only).
fn getsockopt_bigint(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::BigInt)
}

/// `getsockopt_str(option)` → string (string, binary and key options).
fn getsockopt_str(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::Str)
}

/// `getsockopt_uint8ffarray(option)` (also `getsockopt_uint8array`) → Uint8Array.
fn getsockopt_bytes(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    get_typed(ctx, s, a, Want::Bytes)
}

/// `setsockopt(option, value)` → 0; TypeError/RangeError for a value the option cannot take.
fn setsockopt(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let opt = option_of(ctx, &a.value(ctx, 0))?;
    if !opt.access.writable() {
        let message = format!("option {} is read-only", opt.name);
        return Err(throw(
            ctx,
            zs::Error::Invalid {
                errno: libc::EINVAL,
                message,
            },
        ));
    }
    let v = option_from_js(ctx, opt, &a.value(ctx, 1))?;
    s.sock.set_option(opt, v).map(|_| int(0)).or_throw(ctx)
}

// ---- the class ----

macro_rules! c_methods {
    ($($fname:ident => $body:path;)*) => {
        c_entry_points! {
            $($fname => |ctx, this, argc, argv, magic| call(ctx, this, argc, argv, magic, $body);)*
        }
    };
}

c_methods! {
    c_send_multipart => send_multipart;
    c_recv_multipart => recv_multipart;
    c_more => more;
    c_recv_event => recv_event;
    c_monitor => monitor;
    c_bind => bind;
    c_unbind => unbind;
    c_connect => connect;
    c_disconnect => disconnect;
    c_bind_to_random_port => bind_to_random_port;
    c_close => close;
    c_events => events;
    c_closed => closed;
    c_kind => kind;
    c_to_string => to_string;
    c_getsockopt => getsockopt;
    c_getsockopt_int => getsockopt_int;
    c_getsockopt_bigint => getsockopt_bigint;
    c_getsockopt_str => getsockopt_str;
    c_getsockopt_bytes => getsockopt_bytes;
    c_setsockopt => setsockopt;
}

type MagicFn = unsafe extern "C" fn(*mut qjs::JSContext, qjs::JSValue, c_int, *mut qjs::JSValue, c_int) -> qjs::JSValue;

/// The prototype's methods: name, function, `length`.
const METHODS: &[(&CStr, MagicFn, c_int)] = &[
    (c"bind", c_bind, 1),
    (c"unbind", c_unbind, 1),
    (c"connect", c_connect, 1),
    (c"disconnect", c_disconnect, 1),
    (c"bind_to_random_port", c_bind_to_random_port, 1),
    (c"send", c_send, 2),
    (c"recv", c_recv, 1),
    (c"recv_uint8ffarray", c_recv, 1),
    (c"recv_uint8array", c_recv, 1),
    (c"recv_str", c_recv_str, 1),
    (c"recv_int", c_recv_int, 1),
    (c"recv_bigint", c_recv_bigint, 1),
    (c"send_multipart", c_send_multipart, 2),
    (c"recv_multipart", c_recv_multipart, 1),
    (c"more", c_more, 0),
    (c"monitor", c_monitor, 1),
    (c"recv_event", c_recv_event, 1),
    (c"events", c_events, 0),
    (c"close", c_close, 0),
    (c"getsockopt", c_getsockopt, 1),
    (c"getsockopt_int", c_getsockopt_int, 1),
    (c"getsockopt_bigint", c_getsockopt_bigint, 1),
    (c"getsockopt_str", c_getsockopt_str, 1),
    (c"getsockopt_uint8ffarray", c_getsockopt_bytes, 1),
    (c"getsockopt_uint8array", c_getsockopt_bytes, 1),
    (c"setsockopt", c_setsockopt, 2),
    (c"toString", c_to_string, 0),
];

/// The prototype's getters.
const GETTERS: &[(&CStr, MagicFn)] = &[(c"closed", c_closed), (c"type", c_kind)];

fn c_function(ctx: *mut qjs::JSContext, f: MagicFn, name: &CStr, length: c_int, id: qjs::JSClassID) -> qjs::JSValue {
    // SAFETY: QuickJS calls a JS_CFUNC_generic_magic function with the magic argument.
    let f: qjs::JSCFunction = unsafe {
        std::mem::transmute::<
            MagicFn,
            unsafe extern "C" fn(*mut qjs::JSContext, qjs::JSValue, c_int, *mut qjs::JSValue) -> qjs::JSValue,
        >(f)
    }
    .into();
    unsafe {
        qjs::JS_NewCFunction2(
            ctx,
            f,
            name.as_ptr(),
            length,
            qjs::JSCFunctionEnum_JS_CFUNC_generic_magic,
            id as c_int,
        )
    }
}

unsafe extern "C" fn c_construct(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_ThrowTypeError(
        ctx,
        c"%s".as_ptr(),
        c"use Context.prototype.socket(type) to create a Socket".as_ptr(),
    )
}

/// Set up the Socket class in this context and return its constructor
/// (which only throws: sockets come from `Context.prototype.socket()`).
pub(crate) fn define_class<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    let id = class_id(ctx)?;
    let c = ctx.as_raw().as_ptr();
    unsafe {
        let proto = qjs::JS_NewObject(c);
        if qjs::JS_IsException(proto) {
            return Err(rquickjs::Error::Exception);
        }
        let proto_v = Value::from_raw(ctx.clone(), proto);
        let flags = (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int;
        for (name, f, length) in METHODS {
            let func = c_function(c, *f, name, *length, id);
            if qjs::JS_DefinePropertyValueStr(c, proto, name.as_ptr(), func, flags) < 0 {
                return Err(rquickjs::Error::Exception);
            }
        }
        for (name, f) in GETTERS {
            let getter = c_function(c, *f, name, 0, id);
            let atom = qjs::JS_NewAtom(c, name.as_ptr());
            let rc = qjs::JS_DefinePropertyGetSet(
                c,
                proto,
                atom,
                getter,
                qjs::JS_UNDEFINED,
                qjs::JS_PROP_CONFIGURABLE as c_int,
            );
            qjs::JS_FreeAtom(c, atom);
            if rc < 0 {
                return Err(rquickjs::Error::Exception);
            }
        }
        let ctor = qjs::JS_NewCFunction2(
            c,
            Some(c_construct),
            c"Socket".as_ptr(),
            0,
            qjs::JSCFunctionEnum_JS_CFUNC_constructor_or_func,
            0,
        );
        let ctor_v = Value::from_raw(ctx.clone(), ctor);
        if qjs::JS_IsException(ctor) || qjs::JS_SetConstructor(c, ctor, proto) < 0 {
            return Err(rquickjs::Error::Exception);
        }
        qjs::JS_SetClassProto(c, id, qjs::JS_DupValue(c, proto_v.as_raw()));
        Ok(ctor_v)
    }
}

/// The socket of argument `what` of `func`, or a TypeError.
fn proxy_socket(ctx: &Ctx<'_>, v: &Value<'_>, func: &str, what: &str) -> rquickjs::Result<zs::Socket> {
    socket_of(ctx, v)
        .map(|s| s.sock.clone())
        .ok_or_else(|| type_error(ctx, &format!("{func}(): {what} must be a Socket")))
}

/// An optional capture socket: absent, `undefined` and `null` mean none.
fn capture_socket(ctx: &Ctx<'_>, v: Option<&Value<'_>>, func: &str) -> rquickjs::Result<Option<zs::Socket>> {
    match v {
        Some(v) if !v.is_undefined() && !v.is_null() => proxy_socket(ctx, v, func, "capture").map(Some),
        _ => Ok(None),
    }
}

/// `zmq.proxy(frontend, backend, capture?)`: forward messages both ways until
/// the context is terminated (throws ETERM) or the script is interrupted.
pub(crate) fn proxy<'js>(
    ctx: Ctx<'js>,
    frontend: Value<'js>,
    backend: Value<'js>,
    capture: rquickjs::prelude::Opt<Value<'js>>,
) -> rquickjs::Result<i32> {
    let f = proxy_socket(&ctx, &frontend, "proxy", "frontend")?;
    let b = proxy_socket(&ctx, &backend, "proxy", "backend")?;
    let c = capture_socket(&ctx, capture.0.as_ref(), "proxy")?;
    zs::proxy(&f, &b, c.as_ref()).or_throw(&ctx).map(|_| 0)
}

/// `zmq.proxy_steerable(frontend, backend, capture, control)`: like `proxy`,
/// steered by messages on `control` (`PAUSE`, `RESUME`, `TERMINATE`,
/// `STATISTICS`); returns 0 after `TERMINATE`.
pub(crate) fn proxy_steerable<'js>(
    ctx: Ctx<'js>,
    frontend: Value<'js>,
    backend: Value<'js>,
    capture: Value<'js>,
    control: Value<'js>,
) -> rquickjs::Result<i32> {
    const F: &str = "proxy_steerable";
    let f = proxy_socket(&ctx, &frontend, F, "frontend")?;
    let b = proxy_socket(&ctx, &backend, F, "backend")?;
    let c = capture_socket(&ctx, Some(&capture), F)?;
    let k = proxy_socket(&ctx, &control, F, "control")?;
    zs::proxy_steerable(&f, &b, c.as_ref(), &k).or_throw(&ctx).map(|_| 0)
}
