//! The hot path: `send()` and the `recv*()` family on raw values.
//!
//! These C functions handle the common argument shapes without rquickjs
//! wrappers (no context reference taken, no `Value` or `Result` plumbing):
//! data that is a Uint8Array, a string, null, an int or a boolean; flags that
//! are an int or absent. Any other shape goes to the general body in
//! `methods.rs`, which converts it or raises the error, so both paths behave
//! the same; both enter and settle through `call.rs`.

use super::call::{c_entry_points, enter, guarded, int, number, raw_flags, settle, throw_raw};
use super::methods;
use crate::convert;
use rquickjs::qjs;
use std::os::raw::{c_char, c_int};
use zmq_script as zs;

/// The bytes of `data` for the shapes the fast path sends, or `None` for the
/// general path. A string's bytes come from `JS_ToCStringLen2` and are
/// freed when this drops.
struct Data {
    ctx: *mut qjs::JSContext,
    cstring: *const c_char,
}

impl Drop for Data {
    fn drop(&mut self) {
        if !self.cstring.is_null() {
            // SAFETY: `cstring` came from JS_ToCStringLen2 on `ctx` and is freed once.
            unsafe { qjs::JS_FreeCString(self.ctx, self.cstring) };
        }
    }
}

/// `send(data, flags = 0)` → bytes sent, `undefined` on EAGAIN.
///
/// # Safety
/// Called by QuickJS as a `JS_CFUNC_generic_magic` function.
pub(crate) unsafe extern "C" fn c_send(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
) -> qjs::JSValue {
    guarded(ctx, || {
        let fast = || -> Option<qjs::JSValue> {
            let (s, args) = enter(this, argc, argv, magic)?;
            let flags = raw_flags(args, 1)?;
            let data = *args.first()?;
            let scratch: [u8; 4];
            let mut owner = Data { ctx, cstring: std::ptr::null() };
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
                    // SAFETY: no JS code runs before the send, so the buffer stays where it is.
                    std::slice::from_raw_parts(p, len)
                }
                qjs::JS_TAG_STRING | qjs::JS_TAG_STRING_ROPE => {
                    let mut len: usize = 0;
                    owner.cstring = qjs::JS_ToCStringLen2(ctx, &mut len as *mut usize as _, data, false);
                    if owner.cstring.is_null() {
                        return Some(qjs::JS_EXCEPTION);
                    }
                    // SAFETY: `owner` keeps the bytes alive until after the send.
                    std::slice::from_raw_parts(owner.cstring as *const u8, len)
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
            Some(settle(ctx, s.inner().send(bytes, flags), |n| number(n as f64)))
        };
        match fast() {
            Some(v) => v,
            None => super::call::with_socket(ctx, this, argc, argv, magic, methods::send),
        }
    })
}

/// `recv_into(buffer, flags = 0)` → the message's size, `undefined` on EAGAIN:
/// a Uint8Array or an ArrayBuffer with int or absent flags here, anything
/// else in `methods::recv_into`.
///
/// # Safety
/// Called by QuickJS as a `JS_CFUNC_generic_magic` function.
pub(crate) unsafe extern "C" fn c_recv_into(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
) -> qjs::JSValue {
    guarded(ctx, || {
        let fast = || -> Option<qjs::JSValue> {
            let (s, args) = enter(this, argc, argv, magic)?;
            let flags = raw_flags(args, 1)?;
            let buffer = *args.first()?;
            if qjs::JS_VALUE_GET_NORM_TAG(buffer) != qjs::JS_TAG_OBJECT {
                return None;
            }
            let mut len: usize = 0;
            let ty = qjs::JS_GetTypedArrayType(buffer);
            let p = if ty == qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8 as i32
                || ty == qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8C as i32
            {
                qjs::JS_GetUint8Array(ctx, &mut len as *mut usize as _, buffer)
            } else if ty < 0 && qjs::JS_IsArrayBuffer(buffer) {
                qjs::JS_GetArrayBuffer(ctx, &mut len as *mut usize as _, buffer)
            } else {
                return None;
            };
            let bytes: &mut [u8] = if p.is_null() {
                if qjs::JS_HasException(ctx) {
                    return Some(qjs::JS_EXCEPTION); // detached or out of bounds: TypeError thrown
                }
                &mut [] // an empty buffer may have no memory at all
            } else {
                // SAFETY: `p` points at the `len` bytes of the buffer's memory; no JS code runs
                // before the receive is over, so it stays where it is.
                std::slice::from_raw_parts_mut(p, len)
            };
            Some(settle(ctx, s.inner().recv_into(bytes, flags), |(n, _)| number(n as f64)))
        };
        match fast() {
            Some(v) => v,
            None => super::call::with_socket(ctx, this, argc, argv, magic, methods::recv_into),
        }
    })
}

/// The recv family: receive one part and make `convert` of it; any unusual
/// argument goes to `general`.
///
/// # Safety
/// The first five arguments are those of a QuickJS `JS_CFUNC_generic_magic` call in progress.
#[inline(always)]
unsafe fn recv_raw(
    ctx: *mut qjs::JSContext,
    this: qjs::JSValue,
    argc: c_int,
    argv: *mut qjs::JSValue,
    magic: c_int,
    convert: unsafe fn(*mut qjs::JSContext, zs::Frame) -> qjs::JSValue,
    general: super::call::Body,
) -> qjs::JSValue {
    guarded(ctx, || {
        let fast = || -> Option<qjs::JSValue> {
            let (s, args) = enter(this, argc, argv, magic)?;
            let flags = raw_flags(args, 0)?;
            Some(settle(ctx, s.inner().recv(flags), |frame| convert(ctx, frame)))
        };
        match fast() {
            Some(v) => v,
            None => super::call::with_socket(ctx, this, argc, argv, magic, general),
        }
    })
}

/// A frame as a string (`recv_str`'s text rule is the core's).
///
/// # Safety
/// `ctx` is the live context of the call in progress.
pub(crate) unsafe fn frame_text(
ctx: *mut qjs::JSContext, frame: zs::Frame) -> qjs::JSValue {
    let text = zs::text_lossy(frame.data());
    qjs::JS_NewStringLen(ctx, text.as_ptr() as *const c_char, text.len() as _)
}

/// A 4-byte frame as a number (TypeError with code EINVAL otherwise).
///
/// # Safety
/// `ctx` is the live context of the call in progress.
pub(crate) unsafe fn frame_int(ctx: *mut qjs::JSContext, frame: zs::Frame) -> qjs::JSValue {
    match frame.to_i32() {
        Ok(v) => int(v),
        Err(e) => throw_raw(ctx, e),
    }
}

/// An 8-byte frame as a BigInt.
///
/// # Safety
/// `ctx` is the live context of the call in progress.
pub(crate)
 unsafe fn frame_bigint(ctx: *mut qjs::JSContext, frame: zs::Frame) -> qjs::JSValue {
    match frame.to_i64() {
        Ok(v) => qjs::JS_NewBigInt64(ctx, v),
        Err(e) => throw_raw(ctx, e),
    }
}

macro_rules! c_recv_methods {
    ($($fname:ident => $convert:path, $general:path;)*) => {
        c_entry_points! {
            $($fname => |ctx, this, argc, argv, magic| recv_raw(ctx, this, argc, argv, magic, $convert, $general);)*
        }
    };
}

c_recv_methods! {
    c_recv => convert::frame_to_uint8array_raw, methods::recv;
    c_recv_str => frame_text, methods::recv_str;
    c_recv_int => frame_int, methods::recv_int;
    c_recv_bigint => frame_bigint, methods::recv_bigint;
}
