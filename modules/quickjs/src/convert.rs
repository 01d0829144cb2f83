//! Conversions between JavaScript values and what the core sends, receives
//! and stores in options. All checks that depend on JS types live here.
//!
//! | JS value                                   | as message data / option bytes            |
//! |--------------------------------------------|-------------------------------------------|
//! | `null`                                     | empty                                     |
//! | boolean, number that fits int32            | 4-byte integer (host byte order)          |
//! | other finite number, BigInt (int64 range)  | 8-byte integer                            |
//! | string                                     | its UTF-8 bytes (`\0` allowed)            |
//! | Uint8Array, any TypedArray, DataView, ArrayBuffer | the bytes it views                  |
//! | anything else                              | `TypeError`                               |

use crate::error::{range_error, type_error};
use rquickjs::{qjs, Ctx, Value};
use std::marker::PhantomData;
use std::os::raw::{c_char, c_void};
use zmq_script as zs;

/// Bytes viewed inside a JS value: a string's UTF-8 copy made by QuickJS
/// (freed on drop) or the memory of a buffer, borrowed for `'a`.
///
/// No JS code may run while a `JsBytes` of a buffer is alive: it could detach
/// or resize the buffer. A string's bytes are QuickJS's own C string, which
/// nothing can change before it is freed on drop.
pub(crate) struct JsBytes<'a> {
    ctx: *mut qjs::JSContext,
    ptr: *const u8,
    len: usize,
    cstring: bool,
    _borrow: PhantomData<&'a ()>,
}

impl JsBytes<'_> {
    /// The bytes.
    #[inline]
    pub(crate) fn as_slice(&self) -> &[u8] {
        if self.len == 0 || self.ptr.is_null() {
            &[]
        } else {
            // SAFETY: `ptr` points at `len` bytes owned by QuickJS: a C string held until our
            // drop, or a buffer kept alive for `'a` that callers keep JS code from detaching or
            // resizing while this JsBytes lives (type doc).
            unsafe { std::slice::from_raw_parts(self.ptr, self.len) }
        }
    }
}

impl Drop for JsBytes<'_> {
    fn drop(&mut self) {
        if self.cstring && !self.ptr.is_null() {
            // SAFETY: `ptr` came from JS_ToCStringLen2 on `ctx` (cstring is set only then), whose
            // context outlives the call this JsBytes was made in, and is freed only here.
            unsafe { qjs::JS_FreeCString(self.ctx, self.ptr as *const c_char) };
        }
    }
}

/// The pending exception as an `Err`, or `Ok(())` if there is none.
fn pending_exception(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    // SAFETY: `ctx` is a live context (borrowed); JS_HasException only reads it.
    if unsafe { qjs::JS_HasException(ctx.as_raw().as_ptr()) } {
        Err(rquickjs::Error::Exception)
    } else {
        Ok(())
    }
}

/// A string's UTF-8 bytes (strings only; `None` for other values).
#[inline]
pub(crate) fn string_bytes<'a>(ctx: &Ctx<'_>, v: &'a Value<'_>) -> rquickjs::Result<Option<JsBytes<'a>>> {
    // SAFETY: `v` is borrowed for `'a`, so its raw value stays alive that long.
    unsafe { string_bytes_raw(ctx, v.as_raw()) }
}

/// [`string_bytes`] of a raw value.
///
/// The bytes are QuickJS's C string of the value, which holds its own
/// reference (a copy, or the string itself for ASCII): they stay valid until
/// the `JsBytes` drops, even after `raw` is gone, and no JS code can change them.
///
/// # Safety
/// `raw` must be a live value of `ctx` during the call, and the `JsBytes`
/// must drop before the context does (within the running call, say).
#[inline]
pub(crate) unsafe fn string_bytes_raw<'a>(ctx: &Ctx<'_>, raw: qjs::JSValue) -> rquickjs::Result<Option<JsBytes<'a>>> {
    if !qjs::JS_IsString(raw) {
        return Ok(None);
    }
    let c = ctx.as_raw().as_ptr();
    let mut len: usize = 0;
    let ptr = qjs::JS_ToCStringLen2(c, &mut len as *mut usize as _, raw, false);
    if ptr.is_null() {
        return Err(rquickjs::Error::Exception);
    }
    Ok(Some(JsBytes {
        ctx: c,
        ptr: ptr as *const u8,
        len,
        cstring: true,
        _borrow: PhantomData,
    }))
}

/// The bytes viewed by a Uint8Array, other TypedArray, DataView or
/// ArrayBuffer; `None` for other values.
pub(crate) fn buffer_bytes<'a>(ctx: &Ctx<'_>, v: &'a Value<'_>) -> rquickjs::Result<Option<JsBytes<'a>>> {
    // SAFETY: `v` is borrowed for `'a`, so its raw value stays alive that long.
    unsafe { buffer_bytes_raw(ctx, v.as_raw()) }
}

/// The memory of a byte buffer argument (any TypedArray, a DataView or an
/// ArrayBuffer) to receive into, or `None` if `raw` is not one.
///
/// # Safety
/// `raw` must stay alive for `'a` and no JS code may run while the slice is
/// used (it could detach or resize the buffer).
pub(crate) unsafe fn writable_bytes_raw<'a>(ctx: &Ctx<'_>, raw: qjs::JSValue) -> rquickjs::Result<Option<&'a mut [u8]>> {
    Ok(buffer_bytes_raw(ctx, raw)?.map(|b| {
        let (ptr, len) = (b.as_slice().as_ptr() as *mut u8, b.as_slice().len());
        // SAFETY: a buffer's JsBytes points at `len` bytes of its ArrayBuffer's own writable
        // memory (never a C string: buffer_bytes_raw makes none), alive for `'a`.
        std::slice::from_raw_parts_mut(ptr, len)
    }))
}

/// [`buffer_bytes`] of a raw value.
///
/// # Safety
/// `raw` must stay alive for `'a` (an argument of the running call does).
pub(crate) unsafe fn buffer_bytes_raw<'a>(ctx: &Ctx<'_>, raw: qjs::JSValue) -> rquickjs::Result<Option<JsBytes<'a>>> {
    if !qjs::JS_IsObject(raw) {
        return Ok(None);
    }
    let c = ctx.as_raw().as_ptr();
    let mut len: usize = 0;
    let ty = qjs::JS_GetTypedArrayType(raw);
    let ptr: *const u8 = if ty == qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8 as i32
        || ty == qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8C as i32
    {
        qjs::JS_GetUint8Array(c, &mut len as *mut usize as _, raw)
    } else if ty >= 0 {
        let (mut offset, mut length, mut per) = (0usize, 0usize, 0usize);
        let buffer = qjs::JS_GetTypedArrayBuffer(
            c,
            raw,
            &mut offset as *mut usize as _,
            &mut length as *mut usize as _,
            &mut per as *mut usize as _,
        );
        if qjs::JS_IsException(buffer) {
            return Err(rquickjs::Error::Exception);
        }
        let mut size: usize = 0;
        let data = qjs::JS_GetArrayBuffer(c, &mut size as *mut usize as _, buffer);
        qjs::JS_FreeValue(c, buffer);
        if data.is_null() {
            pending_exception(ctx)?;
        }
        if offset.saturating_add(length) > size {
            return Err(range_error(ctx, "typed array is out of bounds of its buffer"));
        }
        len = length;
        if data.is_null() {
            data
        } else {
            data.add(offset)
        }
    } else if qjs::JS_IsArrayBuffer(raw) {
        qjs::JS_GetArrayBuffer(c, &mut len as *mut usize as _, raw)
    } else if qjs::JS_IsDataView(raw) {
        let v = Value::from_raw(ctx.clone(), qjs::JS_DupValue(c, raw));
        let obj = v.as_object().ok_or(rquickjs::Error::Unknown)?;
        let buffer: Value = obj.get("buffer")?;
        let offset: f64 = obj.get("byteOffset")?;
        let length: f64 = obj.get("byteLength")?;
        let mut size: usize = 0;
        // The DataView keeps its buffer alive.
        let data = qjs::JS_GetArrayBuffer(c, &mut size as *mut usize as _, buffer.as_raw());
        if data.is_null() {
            pending_exception(ctx)?;
        }
        let (offset, length) = (offset as usize, length as usize);
        if offset.saturating_add(length) > size {
            return Err(range_error(ctx, "DataView is out of bounds of its buffer"));
        }
        len = length;
        if data.is_null() {
            data
        } else {
            data.add(offset)
        }
    } else {
        return Ok(None);
    };
    if ptr.is_null() {
        pending_exception(ctx)?;
        len = 0;
    }
    Ok(Some(JsBytes {
        ctx: c,
        ptr,
        len,
        cstring: false,
        _borrow: PhantomData,
    }))
}

/// A string's or a buffer's bytes; `TypeError` naming `what` otherwise.
pub(crate) fn bytes_of<'a>(ctx: &Ctx<'_>, v: &'a Value<'_>, what: &str) -> rquickjs::Result<JsBytes<'a>> {
    if let Some(b) = string_bytes(ctx, v)? {
        return Ok(b);
    }
    if let Some(b) = buffer_bytes(ctx, v)? {
        return Ok(b);
    }
    Err(type_error(
        ctx,
        &format!("{what} must be a string or a byte buffer, not {}", type_name(v)),
    ))
}

/// Owned copy of [`bytes_of`].
pub(crate) fn bytes_arg<'js>(ctx: &Ctx<'js>, v: &Value<'js>, what: &str) -> rquickjs::Result<Vec<u8>> {
    // A message-sized copy: ENOMEM (a ZmqError) rather than an abort if the allocator refuses.
    crate::error::OrThrow::or_throw(zs::limits::try_copy(bytes_of(ctx, v, what)?.as_slice()), ctx)
}

/// A string argument (strings only).
pub(crate) fn string_arg<'js>(ctx: &Ctx<'js>, v: &Value<'js>, what: &str) -> rquickjs::Result<String> {
    match v.as_string() {
        Some(s) => s.to_string(),
        None => Err(type_error(
            ctx,
            &format!("{what} must be a string, not {}", type_name(v)),
        )),
    }
}

/// What a value is, for error messages (`"undefined"`, `"object"`, `"Array"`...).
pub(crate) fn type_name(v: &Value<'_>) -> &'static str {
    if v.is_array() {
        "an array"
    } else if v.is_function() {
        "a function"
    } else if v.is_symbol() {
        "a symbol"
    } else if v.is_object() {
        "an object"
    } else if v.is_null() {
        "null"
    } else if v.is_undefined() {
        "undefined"
    } else if v.is_bool() {
        "a boolean"
    } else if v.is_number() {
        "a number"
    } else if v.is_big_int() {
        "a BigInt"
    } else if v.is_string() {
        "a string"
    } else {
        "an unsupported value"
    }
}

/// An integer argument: an int or integral float within `i32`; `default`
/// when absent or undefined (if given), `TypeError` otherwise.
#[inline]
pub(crate) fn int_arg<'js>(
    ctx: &Ctx<'js>,
    v: Option<&Value<'js>>,
    default: Option<i32>,
    what: &str,
) -> rquickjs::Result<i32> {
    let v = match v {
        Some(v) if !v.is_undefined() => v,
        _ => match default {
            Some(d) => return Ok(d),
            None => return Err(type_error(ctx, &format!("{what} is required"))),
        },
    };
    if let Some(i) = v.as_int() {
        return Ok(i);
    }
    if let Some(f) = v.as_float() {
        if f.fract() == 0.0 && f >= i32::MIN as f64 && f <= i32::MAX as f64 {
            return Ok(f as i32);
        }
        if f.is_finite() && f.fract() == 0.0 {
            return Err(range_error(ctx, &format!("{what} is out of range: {f}")));
        }
    }
    Err(type_error(
        ctx,
        &format!("{what} must be an integer, not {}", describe(v)),
    ))
}

/// A timeout in ms: integer, `-1` (or any negative) for forever; `default` when absent.
pub(crate) fn timeout_arg<'js>(
    ctx: &Ctx<'js>,
    v: Option<&Value<'js>>,
    default: i64,
    what: &str,
) -> rquickjs::Result<i64> {
    let v = match v {
        Some(v) if !v.is_undefined() => v,
        _ => return Ok(default),
    };
    if let Some(i) = v.as_int() {
        return Ok(i as i64);
    }
    if let Some(f) = v.as_float() {
        if f == f64::INFINITY {
            return Ok(-1);
        }
        if f.is_finite() {
            return Ok(f.trunc().clamp(i64::MIN as f64, i64::MAX as f64) as i64);
        }
    }
    Err(type_error(
        ctx,
        &format!("{what} must be a number of milliseconds, not {}", describe(v)),
    ))
}

/// A short description of a value for error messages: numbers show their value.
fn describe(v: &Value<'_>) -> String {
    if let Some(n) = v.as_number() {
        format!("{n}")
    } else {
        type_name(v).to_string()
    }
}

/// A BigInt as `i64`, `RangeError` if it does not fit.
pub(crate) fn bigint_i64<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> rquickjs::Result<i64> {
    let c = ctx.as_raw().as_ptr();
    let mut out: i64 = 0;
    // SAFETY: `v` is a live value of this context; JS_ToBigInt64 only writes `out`.
    if unsafe { qjs::JS_ToBigInt64(c, &mut out, v.as_raw()) } < 0 {
        return Err(rquickjs::Error::Exception);
    }
    // JS_ToBigInt64 wraps modulo 2^64: check by converting back.
    // SAFETY (the three blocks below): `c` is the live context of `v`; `back` is a new value
    // owned here, compared with the live `v` and freed exactly once.
    let back = unsafe { qjs::JS_NewBigInt64(c, out) };
    let same = unsafe { qjs::JS_IsStrictEqual(c, back, v.as_raw()) };
    unsafe { qjs::JS_FreeValue(c, back) };
    if same {
        Ok(out)
    } else {
        Err(range_error(ctx, "BigInt does not fit in 64 bits"))
    }
}

/// A BigInt as `i128` when it fits in 64 bits signed or unsigned (every option
/// value does), `RangeError` otherwise.
pub(crate) fn bigint_i128<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> rquickjs::Result<i128> {
    let c = ctx.as_raw().as_ptr();
    let mut out: i64 = 0;
    // SAFETY: `v` is a live value of this context; JS_ToBigInt64 only writes `out`.
    if unsafe { qjs::JS_ToBigInt64(c, &mut out, v.as_raw()) } < 0 {
        return Err(rquickjs::Error::Exception);
    }
    // JS_ToBigInt64 wraps modulo 2^64: whichever reading converts back to `v` is its value.
    let signed = rquickjs::BigInt::from_i64(ctx.clone(), out)?;
    let unsigned = rquickjs::BigInt::from_u64(ctx.clone(), out as u64)?;
    // SAFETY (both blocks): comparing live values of this context (`signed`/`unsigned` and `v`).
    if unsafe { qjs::JS_IsStrictEqual(c, signed.as_raw(), v.as_raw()) } {
        Ok(out as i128)
    } else if
 unsafe { qjs::JS_IsStrictEqual(c, unsigned.as_raw(), v.as_raw()) } {
        Ok(out as u64 as i128)
    } else {
        Err(range_error(ctx, "BigInt does not fit in 64 bits"))
    }
}

/// The message data of one `send()` argument.
pub(crate) enum Data<'a> {
    Scalar(zs::Payload<'static>),
    Bytes(JsBytes<'a>),
}

impl Data<'_> {
    /// The bytes to send; `scratch` holds integer encodings.
    #[inline]
    pub(crate) fn bytes<'s>(&'s self, scratch: &'s mut [u8; 8]) -> &'s [u8] {
        match self {
            Data::Scalar(p) => p.bytes(scratch),
            Data::Bytes(b) => b.as_slice(),
        }
    }
}

/// Convert a `send()` argument (see the module table).
#[inline]
pub(crate) fn data<'a>(ctx: &Ctx<'_>, v: &'a Value<'_>) -> rquickjs::Result<Data<'a>> {
    // SAFETY: `v` is borrowed for `'a`, so its raw value stays alive that long.
    unsafe { data_raw(ctx, v.as_raw()) }
}

/// [`data`] of a raw value.
///
/// # Safety
/// `raw` must stay alive for `'a` (an argument of the running call does).
#[inline]
pub(crate) unsafe fn data_raw<'a>(ctx: &Ctx<'_>, raw: qjs::JSValue) -> rquickjs::Result<Data<'a>> {
    if let Some(b) = buffer_bytes_raw(ctx, raw)? {
        return Ok(Data::Bytes(b));
    }
    if let Some(b) = string_bytes_raw(ctx, raw)? {
        return Ok(Data::Bytes(b));
    }
    match qjs::JS_VALUE_GET_NORM_TAG(raw) {
        qjs::JS_TAG_NULL => return Ok(Data::Scalar(zs::Payload::Empty)),
        qjs::JS_TAG_INT => return Ok(Data::Scalar(zs::Payload::Int32(qjs::JS_VALUE_GET_INT(raw)))),
        qjs::JS_TAG_BOOL => {
            return Ok(Data::Scalar(zs::Payload::Int32(
                (qjs::JS_VALUE_GET_INT(raw) != 0) as i32,
            )))
        }
        _ => {}
    }
    let v = Value::from_raw(ctx.clone(), qjs::JS_DupValue(ctx.as_raw().as_ptr(), raw));
    if let Some(f) = v.as_float() {
        return match zs::Payload::from_number(f) {
            Ok(p) => Ok(Data::Scalar(p)),
            Err(_) => Err(range_error(
                ctx,
                &format!("cannot send the number {f}: not finite or beyond 64 bits"),
            )),
        };
    }
    if v.is_big_int() {
        return Ok(Data::Scalar(zs::Payload::Int64(bigint_i64(ctx, &v)?)));
    }
    Err(type_error(
        ctx,
        &format!(
            "cannot send {}: use null, a boolean, a number, a BigInt, a string or a byte buffer",
            type_name(&v)
        ),
    ))
}

/// A new `Uint8Array` with a copy of `bytes`.
#[inline]
pub(crate) fn new_uint8array<'js>(ctx: &Ctx<'js>, bytes: &[u8]) -> rquickjs::Result<Value<'js>> {
    let v = new_uint8array_raw(ctx, bytes)?;
    // SAFETY: `v` is a new value of this context whose one reference passes to the Value.
    Ok(unsafe { Value::from_raw(ctx.clone(), v) })
}

/// [`new_uint8array`] as an owned raw value.
#[inline]
pub(crate) fn new_uint8array_raw(ctx: &Ctx<'_>, bytes: &[u8]) -> rquickjs::Result<qjs::JSValue> {
    // SAFETY: `ctx` is live (borrowed); QuickJS copies `bytes.len()` readable bytes.
    let v = unsafe { qjs::JS_NewUint8ArrayCopy(ctx.as_raw().as_ptr(), bytes.as_ptr(), bytes.len() as _) };
    // SAFETY: JS_IsException only inspects the tag of `v`.
    if unsafe { qjs::JS_IsException(v) } {
        return Err(rquickjs::Error::Exception);
    }
    Ok(v)
}

/// Received messages at least this long reach JS without a copy: the
/// Uint8Array's ArrayBuffer owns the `zmq_msg_t` (see [`frame_to_uint8array_raw`]).
///
/// Below it a copy is cheaper than the extra allocation, and a message that
/// small may live inside one of libzmq's shared 8 KiB receive buffers
/// (`ZMQ_IN_BATCH_SIZE`), which a long-lived view would keep alive whole. A
/// message of 8 KiB or more never fits there: libzmq gives it its own block.
pub(crate) const ZERO_COPY_MIN: usize = 8192;

/// What the ArrayBuffer of a zero-copy Uint8Array owns: the received message,
/// or (after `buffer.transfer(n)` changed the length) a block of our own.
struct Held {
    frame: Option<zs::Frame>,
    /// `malloc`'d bytes that replaced the frame, or null.
    heap: *mut u8,
    /// Length of the bytes the ArrayBuffer currently views.
    len: usize,
}

impl Drop for Held {
    fn drop(&mut self) {
        if !self.heap.is_null() {
            // SAFETY: `heap` is a block from libc::malloc in held_realloc, owned by this Held
            // alone (replaced blocks are freed there), freed once here.
            unsafe { libc::free(self.heap as *mut c_void) };
        }
    }
}

/// The ArrayBuffer's memory manager (`JSReallocArrayBufferDataFunc`): frees
/// the message when `size` is 0 (finalized or detached), otherwise moves the
/// bytes to a block of `size` bytes (`ArrayBuffer.prototype.transfer(size)`).
///
/// # Safety
/// QuickJS calls it with the `opaque` given to `JS_NewUint8Array` (a `Box<Held>`
/// pointer, or null) and `ptr` the buffer's current bytes (`Held::len` of them);
/// after a call with `size == 0` it never passes that `opaque` again.
unsafe extern "C" fn held_realloc(
    _rt: *mut qjs::JSRuntime,
    opaque: *mut c_void,
    ptr: *mut c_void,
    size: qjs::size_t,
) -> *mut c_void {
    let size = size as usize;
    let held = opaque as *mut Held;
    if held.is_null() {
        return std::ptr::null_mut();
    }
    if size == 0 {
        LAST_FREED.with(|f| f.set(held));
        // Closing a message never panics; keep a panic from crossing into C anyway.
        let _ = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| drop(Box::from_raw(held))));
        return std::ptr::null_mut();
    }
    let new = libc::malloc(size) as *mut u8;
    if new.is_null() {
        return std::ptr::null_mut(); // QuickJS throws out-of-memory; `ptr` stays valid
    }
    let h = &mut *held;
    if !ptr.is_null() {
        std::ptr::copy_nonoverlapping(ptr as *const u8, new, h.len.min(size));
    }
    if !h.heap.is_null() {
        libc::free(h.heap as *mut c_void);
    }
    h.frame = None;
    h.heap = new;
    h.len = size;
    new as *mut c_void
}

/// A new `Uint8Array` with the bytes of a received message, as an owned raw
/// value: messages of [`ZERO_COPY_MIN`] bytes or more whose content no other
/// message shares are handed over without a copy (the ArrayBuffer owns the
/// message and closes it when collected); others are copied, and so is every
/// message when the runtime has a memory limit ([`crate::memory`]).
/// An exception value (out of memory) is returned as QuickJS made it.
///
/// # Safety
/// `ctx` must be a live context, used on its own thread (as in a call QuickJS made).
#[inline]
pub(crate) unsafe fn frame_to_uint8array_raw(ctx: *mut qjs::JSContext, frame: zs::Frame) -> qjs::JSValue {
    let data = frame.data();
    let len = data.len();
    if len < ZERO_COPY_MIN || frame.is_shared() || crate::memory::copies_received(ctx) {
        return qjs::JS_NewUint8ArrayCopy(ctx, data.as_ptr(), len as _);
    }
    let held = Box::into_raw(Box::new(Held {
        frame: Some(frame),
        heap: std::ptr::null_mut(),
        len,
    }));
    // The message now sits at its final address: ask for its data there.
    let data = match &(*held).frame {
        Some(f) => f.data().as_ptr() as *mut u8,
        None => std::ptr::null_mut(),
    };
    LAST_FREED.with(|f| f.set(std::ptr::null_mut()));
    let v = qjs::JS_NewUint8Array(ctx, data, len as _, Some(held_realloc), held as *mut c_void, false);
    // Out of memory: QuickJS owns `held` only if the ArrayBuffer was complete
    // (then freeing it has already released the message); otherwise it is ours.
    if qjs::JS_IsException(v) && LAST_FREED.with(|f| f.get()) != held {
        drop(Box::from_raw(held));
    }
    v
}

thread_local! {
    /// The last [`Held`] that [`held_realloc`] freed (to settle ownership after a failed creation).
    static LAST_FREED: std::cell::Cell<*mut Held> = const { std::cell::Cell::new(std::ptr::null_mut()) };
}

/// A JS string from message bytes (trailing-NUL rule of [`zs::text_lossy`]) as an owned raw value.
#[inline]
pub(crate) fn new_text_raw(ctx: &Ctx<'_>, bytes: &[u8]) -> rquickjs::Result<qjs::JSValue> {
    let text = zs::text_lossy(bytes);
    // SAFETY: `ctx` is live (borrowed); QuickJS copies `text.len()` bytes of valid UTF-8.
    let v = unsafe { qjs::JS_NewStringLen(ctx.as_raw().as_ptr(), text.as_ptr() as *const c_char, text.len() as _) };
    // SAFETY: JS_IsException only inspects the tag of `v`.
    if unsafe { qjs::JS_IsException(v) } {
        return Err(rquickjs::Error::Exception);
    }
    Ok(v)
}
