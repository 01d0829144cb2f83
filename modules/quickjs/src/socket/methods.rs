//! The bodies of the Socket methods (the general path): messages, endpoints
//! and life cycle. Each converts its arguments, calls the core and converts
//! the result; every rule (flags, multipart, defaults, text) is the core's.
//! `fast.rs` handles the common shapes of `send`/`recv*` before these run.

use super::call::{again_or_throw, boolean, int, number, owned, Args, Ret};
use super::{new_socket, SocketData};
use crate::convert;
use crate::error::{type_error, OrThrow};
use rquickjs::{qjs, Ctx, Value};
use zmq_script as zs;

/// `send(data, flags = 0)` → bytes sent, `undefined` on EAGAIN.
pub(crate) fn send(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let flags = a.flags(ctx, 1)?;
    if a.raw.is_empty() {
        return Err(type_error(ctx, "send(data, flags): data is required"));
    }
    // SAFETY: argument 0 is owned by QuickJS for the whole call, which outlives `data`.
    let data = unsafe { convert::data_raw(ctx, a.raw(0))? };
    let mut scratch = [0u8; 8];
    match s.inner().send(data.bytes(&mut scratch), flags) {
        Ok(n) => Ok(number(n as f64)),
        Err(e) => again_or_throw(ctx, e),
    }
}

#[inline]
pub(crate) fn recv_as(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>, convert: impl FnOnce(zs::Frame) -> Ret) -> Ret {
    let flags = a.flags(ctx, 0)?;
    match s.inner().recv(flags) {
        Ok(frame) => convert(frame),
        Err(e) => again_or_throw(ctx, e),
    }
}

/// `recv(flags = 0)` (also `recv_uint8ffarray`, `recv_uint8array`) → Uint8Array, `undefined` on EAGAIN.
/// Messages of [`convert::ZERO_COPY_MIN`] bytes or more are not copied.
pub(crate) fn recv(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    recv_as(ctx, s, a, |f| {
        // SAFETY: `ctx` is the live context of the call in progress; JS_IsException only reads a tag.
        let v = unsafe { convert::frame_to_uint8array_raw(ctx.as_raw().as_ptr(), f) };
        if unsafe { qjs::JS_IsException(v) } {
            Err(rquickjs::Error::Exception)
        } else {
            Ok(v)
        }
    })
}

/// `recv_into(buffer, flags = 0)` → the message's size (more than the
/// buffer's length if it was cut short: the core's rule), `undefined` on EAGAIN.
pub(crate) fn recv_into(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    // Flags first: converting them may run JS code, which must not run once the buffer is held.
    let flags = a.flags(ctx, 1)?;
    // SAFETY: argument 0 is owned by QuickJS for the whole call; no JS code runs from here on.
    let Some(buf) = (unsafe { convert::writable_bytes_raw(ctx, a.raw(0))? }) else {
        return Err(type_error(ctx, "recv_into(buffer, flags): buffer must be a Uint8Array, another TypedArray, a DataView or an ArrayBuffer"));
    };
    match s.inner().recv_into(buf, flags) {
        Ok((n, _)) => Ok(number(n as f64)),
        Err(e) => again_or_throw(ctx, e),
    }
}

/// `recv_str(flags = 0)` → string (UTF-8; a lone trailing NUL is dropped).
pub(crate) fn recv_str(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    recv_as(ctx, s, a, |f| convert::new_text_raw(ctx, f.data()))
}

/// `recv_int(flags = 0)` → number from a 4-byte message (TypeError otherwise; the message is consumed).
pub(crate) fn recv_int(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    recv_as(ctx, s, a, |f| f.to_i32().map(int).or_throw(ctx))
}

/// `recv_bigint(flags = 0)` → BigInt from an 8-byte message (TypeError otherwise).
pub(crate) fn recv_bigint(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    recv_as(ctx, s, a, |f| {
        let v = f.to_i64().or_throw(ctx)?;
        // SAFETY: `ctx` is the live context of the call in progress; JS_IsException only reads a tag.
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
pub(crate) fn send_multipart(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let flags = a.flags(ctx, 1)?;
    let arr = a.parts(ctx, 0, "send_multipart()")?;
    // Convert every part first (this may run JS code: getters, proxies).
    let mut held: Vec<Part> = Vec::with_capacity(arr.len());
    for part in arr.iter::<Value>() {
        let part = part?;
        let raw = part.as_raw();
        // SAFETY: `raw` is the live value `part`; these predicates only inspect it.
        let buffer = unsafe {
            qjs::JS_IsObject(raw)
                && !qjs::JS_IsDataView(raw)
                && (qjs::JS_GetTypedArrayType(raw) >= 0 || qjs::JS_IsArrayBuffer(raw))
        };
        // SAFETY: `raw` is the live `part`; the C string holds its own reference, so it may
        // outlive `part` (see string_bytes_raw), and `held` drops within this call.
        let text = if buffer { None } else { unsafe { convert::string_bytes_raw(ctx, raw)? } };
        held.push(if buffer {
            convert::buffer_bytes(ctx, &part)?; // raises the errors in order
            Part::Buffer(part)
        } else if let Some(text) = text {
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
                convert::Data::Bytes(b) => Part::Copied(zs::limits::try_copy(b.as_slice()).or_throw(ctx)?),
            }
        });
    }
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
    match s.inner().send_multipart(&slices, flags) {
        Ok(n) => Ok(number(n as f64)),
        Err(e) => again_or_throw(ctx, e),
    }
}

/// `recv_multipart(flags = 0)` → array of Uint8Array, `undefined` on EAGAIN.
pub(crate) fn recv_multipart(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let flags = a.flags(ctx, 0)?;
    match s.inner().recv_multipart(flags) {
        Ok(frames) => {
            let c = ctx.as_raw().as_ptr();
            // SAFETY: `c` is the live context of the call; JS_IsException only reads a tag.
            let arr = unsafe { qjs::JS_NewArray(c) };
            if unsafe { qjs::JS_IsException(arr) } {
                return Err(rquickjs::Error::Exception);
            }
            // SAFETY: `arr` is a new array of this context; its one reference passes to the Value.
            let arr = unsafe { Value::from_raw(ctx.clone(), arr) };
            for (i, f) in frames.into_iter().enumerate() {
                // SAFETY: `c` is the live context of the call.
                let part = unsafe { convert::frame_to_uint8array_raw(c, f) };
                // SAFETY: `arr` is a live array of `c`; JS_SetPropertyUint32 takes `part`, also on
                // failure (and is not reached for an exception value).
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
pub(crate) fn recv_event(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let flags = a.flags(ctx, 0)?;
    let frames = match s.inner().recv_multipart(flags) {
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
pub(crate) fn monitor(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let events = match a.opt(ctx, 0) {
        Some(v) => Some(convert::int_arg(ctx, Some(&v), None, "monitor(): events")?),
        None => None,
    };
    let sub = s.inner().monitor(events).or_throw(ctx)?;
    new_socket(ctx, sub, s.closing_flag()).map(owned)
}

/// `more()` → true if the last part received has more parts after it.
pub(crate) fn more(ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    s.inner().rcvmore().map(boolean).or_throw(ctx)
}

// ---- endpoints and life cycle ----

fn endpoint_arg(ctx: &Ctx<'_>, a: &Args<'_>) -> rquickjs::Result<String> {
    convert::string_arg(ctx, &a.value(ctx, 0), "endpoint")
}

/// `bind(endpoint)` → 0.
pub(crate) fn bind(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    s.inner().bind(&endpoint_arg(ctx, a)?).map(|_| int(0)).or_throw(ctx)
}

/// `unbind(endpoint)` → 0.
pub(crate) fn unbind(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    s.inner().unbind(&endpoint_arg(ctx, a)?).map(|_| int(0)).or_throw(ctx)
}

/// `connect(endpoint)` → 0.
pub(crate) fn connect(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    s.inner().connect(&endpoint_arg(ctx, a)?).map(|_| int(0)).or_throw(ctx)
}

/// `disconnect(endpoint)` → 0.
pub(crate) fn disconnect(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    s.inner().disconnect(&endpoint_arg(ctx, a)?).map(|_| int(0)).or_throw(ctx)
}

/// `bind_to_random_port(address = zs::RANDOM_PORT_ADDRESS)` → the endpoint bound.
pub(crate) fn bind_to_random_port(ctx: &Ctx<'_>, s: &SocketData, a: &Args<'_>) -> Ret {
    let address = match a.opt(ctx, 0) {
        Some(v) => Some(convert::string_arg(ctx, &v, "address")?),
        None => None,
    };
    let ep = s.inner().bind_to_random_port(address.as_deref()).or_throw(ctx)?;
    Ok(owned(rquickjs::String::from_str(ctx.clone(), &ep)?.into_value()))
}

/// `close()` → 0. Idempotent; keeps the socket's LINGER; rejects its pending `*_async` operations.
pub(crate) fn close(ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    s.inner().close().or_throw(ctx)?;
    crate::async_ops::settle_closed(ctx)?;
    Ok(int(0))
}

/// `events()` → POLLIN/POLLOUT bits of what can be done now (ZMQ_EVENTS).
pub(crate) fn events(ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    s.inner().events().map(|e| int(e as i32)).or_throw(ctx)
}

/// `closed` getter → true once closed (explicitly or by the context's term()).
pub(crate) fn closed(_ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    Ok(boolean(s.inner().is_closed()))
}

/// `type` getter → the socket type constant.
pub(crate) fn kind(_ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    Ok(int(s.inner().kind()))
}

/// `toString()` → `[Socket PUSH]` (`[Socket PUSH closed]` once closed).
pub(crate) fn to_string(ctx: &Ctx<'_>, s: &SocketData, _a: &Args<'_>) -> Ret {
    let kind = zs::constants::socket_type::name(s.inner().kind()).unwrap_or("?");
    let text = format!("[Socket {kind}{}]", if s.inner().is_closed() { " closed" } else { "" });
    Ok(owned(rquickjs::String::from_str(ctx.clone(), &text)?.into_value()))
}

