//! `zmq.Socket`: created by `Context.prototype.socket()`, closed by
//! `close()`, by its context's `term()`, or when garbage collected.
//!
//! Return values follow the spec: `0` for success, the byte count from
//! `send()`, `undefined` when a non-blocking call would block (EAGAIN is
//! never thrown), a thrown `zmq.ZmqError` for every other libzmq failure.

use crate::convert;
use crate::error::{range_error, throw, type_error, OrThrow};
use rquickjs::class::{Class, Trace};
use rquickjs::prelude::Opt;
use rquickjs::{Array, Ctx, Exception, JsLifetime, Value};
use std::cell::Cell;
use std::rc::Rc;
use zmq_script as zs;
use zs::{OptionType, OptionValue, SocketOption};

/// A ZeroMQ socket as seen from JavaScript.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Socket")]
pub struct Socket {
    #[qjs(skip_trace)]
    pub(crate) sock: zs::Socket,
    /// The runtime's teardown flag (see [`crate::shutdown`]).
    #[qjs(skip_trace)]
    closing: Rc<Cell<bool>>,
}

impl Socket {
    pub(crate) fn new(sock: zs::Socket, closing: Rc<Cell<bool>>) -> Socket {
        Socket { sock, closing }
    }

    /// The core socket.
    pub fn inner(&self) -> &zs::Socket {
        &self.sock
    }
}

impl Drop for Socket {
    /// Garbage collected: the socket closes keeping its LINGER; at runtime
    /// teardown LINGER is set to 0 first (the reference's context finalizer),
    /// so exit never waits for peers that are not there.
    fn drop(&mut self) {
        if self.closing.get() && !self.sock.is_closed() {
            let _ = self.sock.set_option(linger_option(), OptionValue::Int(0));
        }
    }
}

fn linger_option() -> &'static SocketOption {
    static LINGER: std::sync::OnceLock<Option<&'static SocketOption>> = std::sync::OnceLock::new();
    LINGER
        .get_or_init(|| zs::options::socket_option("LINGER").ok())
        .unwrap_or(&zs::options::SOCKET_OPTIONS[0])
}

/// `undefined` for EAGAIN, the thrown exception for anything else.
#[inline]
fn again_or_throw<'js>(ctx: &Ctx<'js>, e: zs::Error) -> rquickjs::Result<Value<'js>> {
    if e.is_again() {
        Ok(Value::new_undefined(ctx.clone()))
    } else {
        Err(throw(ctx, e))
    }
}

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
        &format!("option must be a constant such as zmq.LINGER or a name such as \"LINGER\", not {}", convert::type_name(name)),
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
            &format!("option {} takes {}, not {}", opt.name, expected(opt.kind), convert::type_name(v)),
        )
    };
    let out_of_range = |n: &dyn std::fmt::Display| {
        range_error(ctx, &format!("value {n} is out of range for option {} ({})", opt.name, opt.kind.name()))
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
                return Ok(if unsigned { OptionValue::Uint64(i as u64) } else { OptionValue::Int64(i as i64) });
            }
            if let Some(f) = v.as_float() {
                if f.fract() != 0.0 || !f.is_finite() {
                    return Err(wrong());
                }
                let ok = if unsigned { (0.0..=u64::MAX as f64).contains(&f) } else { f >= i64::MIN as f64 && f < i64::MAX as f64 };
                if !ok {
                    return Err(out_of_range(&f));
                }
                return Ok(if unsigned { OptionValue::Uint64(f as u64) } else { OptionValue::Int64(f as i64) });
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

/// Which typed getter was called.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    Int,
    BigInt,
    Str,
    Bytes,
}

#[rquickjs::methods]
impl Socket {
    /// Sockets come from `Context.prototype.socket()`.
    #[qjs(constructor)]
    pub fn construct(ctx: Ctx<'_>) -> rquickjs::Result<Socket> {
        Err(Exception::throw_type(&ctx, "use Context.prototype.socket(type) to create a Socket"))
    }

    /// `bind(endpoint)` → 0.
    pub fn bind<'js>(&self, ctx: Ctx<'js>, endpoint: Value<'js>) -> rquickjs::Result<i32> {
        let e = convert::string_arg(&ctx, &endpoint, "endpoint")?;
        self.sock.bind(&e).or_throw(&ctx).map(|_| 0)
    }

    /// `unbind(endpoint)` → 0.
    pub fn unbind<'js>(&self, ctx: Ctx<'js>, endpoint: Value<'js>) -> rquickjs::Result<i32> {
        let e = convert::string_arg(&ctx, &endpoint, "endpoint")?;
        self.sock.unbind(&e).or_throw(&ctx).map(|_| 0)
    }

    /// `connect(endpoint)` → 0.
    pub fn connect<'js>(&self, ctx: Ctx<'js>, endpoint: Value<'js>) -> rquickjs::Result<i32> {
        let e = convert::string_arg(&ctx, &endpoint, "endpoint")?;
        self.sock.connect(&e).or_throw(&ctx).map(|_| 0)
    }

    /// `disconnect(endpoint)` → 0.
    pub fn disconnect<'js>(&self, ctx: Ctx<'js>, endpoint: Value<'js>) -> rquickjs::Result<i32> {
        let e = convert::string_arg(&ctx, &endpoint, "endpoint")?;
        self.sock.disconnect(&e).or_throw(&ctx).map(|_| 0)
    }

    /// `bind_to_random_port(address = "tcp://127.0.0.1")` → the bound endpoint.
    pub fn bind_to_random_port<'js>(&self, ctx: Ctx<'js>, address: Opt<Value<'js>>) -> rquickjs::Result<String> {
        let address = match address.0 {
            Some(a) if !a.is_undefined() => convert::string_arg(&ctx, &a, "address")?,
            _ => "tcp://127.0.0.1".to_string(),
        };
        self.sock.bind_to_random_port(&address).or_throw(&ctx)
    }

    /// `send(data, flags = 0)` → bytes sent, `undefined` on EAGAIN.
    pub fn send<'js>(&self, ctx: Ctx<'js>, data: Value<'js>, flags: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        let flags = convert::int_arg(&ctx, flags.0.as_ref(), Some(0), "flags")?;
        let data = convert::data(&ctx, &data)?;
        let mut scratch = [0u8; 8];
        match self.sock.send(data.bytes(&mut scratch), flags) {
            Ok(n) => Ok(Value::new_int(ctx, n as i32)),
            Err(e) => again_or_throw(&ctx, e),
        }
    }

    /// `send_multipart([part, ...], flags = 0)` → total bytes, `undefined` on EAGAIN.
    pub fn send_multipart<'js>(&self, ctx: Ctx<'js>, parts: Value<'js>, flags: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        let flags = convert::int_arg(&ctx, flags.0.as_ref(), Some(0), "flags")?;
        let Some(arr) = parts.as_array() else {
            return Err(type_error(&ctx, &format!("send_multipart() takes an array of parts, not {}", convert::type_name(&parts))));
        };
        if arr.is_empty() {
            return Err(range_error(&ctx, "send_multipart() needs at least one part"));
        }
        let mut owned: Vec<Vec<u8>> = Vec::with_capacity(arr.len());
        for part in arr.iter::<Value>() {
            let part = part?;
            let data = convert::data(&ctx, &part)?;
            let mut scratch = [0u8; 8];
            owned.push(data.bytes(&mut scratch).to_vec());
        }
        match self.sock.send_multipart(&owned, flags) {
            Ok(n) => Ok(Value::new_number(ctx, n as f64)),
            Err(e) => again_or_throw(&ctx, e),
        }
    }

    /// `recv(flags = 0)` → Uint8Array, `undefined` on EAGAIN.
    pub fn recv<'js>(&self, ctx: Ctx<'js>, flags: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        self.recv_as(&ctx, flags, |ctx, f| convert::new_uint8array(ctx, f.data()))
    }

    /// Same as `recv()`.
    pub fn recv_uint8ffarray<'js>(&self, ctx: Ctx<'js>, flags: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        self.recv(ctx, flags)
    }

    /// Same as `recv()`.
    pub fn recv_uint8array<'js>(&self, ctx: Ctx<'js>, flags: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        self.recv(ctx, flags)
    }

    /// `recv_int(flags = 0)` → number from a 4-byte message (TypeError otherwise).
    pub fn recv_int<'js>(&self, ctx: Ctx<'js>, flags: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        self.recv_as(&ctx, flags, |ctx, f| Ok(Value::new_int(ctx.clone(), f.to_i32().or_throw(ctx)?)))
    }

    /// `recv_bigint(flags = 0)` → BigInt from an 8-byte message (TypeError otherwise).
    pub fn recv_bigint<'js>(&self, ctx: Ctx<'js>, flags: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        self.recv_as(&ctx, flags, |ctx, f| Value::new_big_int(ctx.clone(), f.to_i64().or_throw(ctx)?))
    }

    /// `recv_str(flags = 0)` → string (UTF-8; a lone trailing NUL is dropped).
    pub fn recv_str<'js>(&self, ctx: Ctx<'js>, flags: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        self.recv_as(&ctx, flags, |ctx, f| convert::new_text(ctx, f.data()))
    }

    /// `recv_multipart(flags = 0)` → array of Uint8Array, `undefined` on EAGAIN.
    pub fn recv_multipart<'js>(&self, ctx: Ctx<'js>, flags: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        let flags = convert::int_arg(&ctx, flags.0.as_ref(), Some(0), "flags")?;
        match self.sock.recv_multipart(flags) {
            Ok(frames) => {
                let arr = Array::new(ctx.clone())?;
                for (i, f) in frames.iter().enumerate() {
                    arr.set(i, convert::new_uint8array(&ctx, f.data())?)?;
                }
                Ok(arr.into_value())
            }
            Err(e) => again_or_throw(&ctx, e),
        }
    }

    /// `more()` → true if the last part received has more parts after it.
    pub fn more(&self, ctx: Ctx<'_>) -> rquickjs::Result<bool> {
        self.sock.rcvmore().or_throw(&ctx)
    }

    /// `events()` → POLLIN/POLLOUT bits of what can be done now (ZMQ_EVENTS).
    pub fn events(&self, ctx: Ctx<'_>) -> rquickjs::Result<i32> {
        self.sock.events().or_throw(&ctx).map(|e| e as i32)
    }

    /// `close()` → 0. Idempotent; keeps the socket's LINGER.
    pub fn close(&self, ctx: Ctx<'_>) -> rquickjs::Result<i32> {
        self.sock.close().or_throw(&ctx).map(|_| 0)
    }

    /// `closed` → true once closed (explicitly or by the context's term()).
    #[qjs(get)]
    pub fn closed(&self) -> bool {
        self.sock.is_closed()
    }

    /// `type` → the socket type constant.
    #[qjs(get, rename = "type")]
    pub fn kind(&self) -> i32 {
        self.sock.kind()
    }

    /// `getsockopt(option)` → number, BigInt, string or Uint8Array, as the option table types it.
    pub fn getsockopt<'js>(&self, ctx: Ctx<'js>, option: Value<'js>) -> rquickjs::Result<Value<'js>> {
        let opt = option_of(&ctx, &option)?;
        let v = self.sock.get_option(opt).or_throw(&ctx)?;
        option_to_js(&ctx, opt, v)
    }

    /// `getsockopt_int(option)` → number (int options only, TypeError otherwise).
    pub fn getsockopt_int<'js>(&self, ctx: Ctx<'js>, option: Value<'js>) -> rquickjs::Result<Value<'js>> {
        self.get_typed(&ctx, &option, Want::Int)
    }

    /// `getsockopt_bigint(option)` → BigInt (int64/uint64 options only).
    pub fn getsockopt_bigint<'js>(&self, ctx: Ctx<'js>, option: Value<'js>) -> rquickjs::Result<Value<'js>> {
        self.get_typed(&ctx, &option, Want::BigInt)
    }

    /// `getsockopt_str(option)` → string (string, binary and key options).
    pub fn getsockopt_str<'js>(&self, ctx: Ctx<'js>, option: Value<'js>) -> rquickjs::Result<Value<'js>> {
        self.get_typed(&ctx, &option, Want::Str)
    }

    /// `getsockopt_uint8ffarray(option)` → Uint8Array (string, binary and key options).
    pub fn getsockopt_uint8ffarray<'js>(&self, ctx: Ctx<'js>, option: Value<'js>) -> rquickjs::Result<Value<'js>> {
        self.get_typed(&ctx, &option, Want::Bytes)
    }

    /// Same as `getsockopt_uint8ffarray()`.
    pub fn getsockopt_uint8array<'js>(&self, ctx: Ctx<'js>, option: Value<'js>) -> rquickjs::Result<Value<'js>> {
        self.get_typed(&ctx, &option, Want::Bytes)
    }

    /// `setsockopt(option, value)` → 0; TypeError/RangeError for a value the option cannot take.
    pub fn setsockopt<'js>(&self, ctx: Ctx<'js>, option: Value<'js>, value: Opt<Value<'js>>) -> rquickjs::Result<i32> {
        let opt = option_of(&ctx, &option)?;
        if !opt.access.writable() {
            let message = format!("option {} is read-only", opt.name);
            return Err(throw(&ctx, zs::Error::Invalid { errno: zs::constants::value("EINVAL").unwrap_or(22) as i32, message }));
        }
        let value = value.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        let v = option_from_js(&ctx, opt, &value)?;
        self.sock.set_option(opt, v).or_throw(&ctx).map(|_| 0)
    }

    /// `toString()` → `[object Socket]`-like text with the type and state.
    #[qjs(rename = "toString")]
    pub fn to_string_js(&self) -> String {
        let kind = zs::constants::socket_type::name(self.sock.kind()).unwrap_or("?");
        format!("[Socket {kind}{}]", if self.sock.is_closed() { " closed" } else { "" })
    }
}

impl Socket {
    #[inline]
    fn recv_as<'js>(
        &self,
        ctx: &Ctx<'js>,
        flags: Opt<Value<'js>>,
        convert: impl FnOnce(&Ctx<'js>, &zs::Frame) -> rquickjs::Result<Value<'js>>,
    ) -> rquickjs::Result<Value<'js>> {
        let flags = convert::int_arg(ctx, flags.0.as_ref(), Some(0), "flags")?;
        match self.sock.recv(flags) {
            Ok(frame) => convert(ctx, &frame),
            Err(e) => again_or_throw(ctx, e),
        }
    }

    fn get_typed<'js>(&self, ctx: &Ctx<'js>, option: &Value<'js>, want: Want) -> rquickjs::Result<Value<'js>> {
        let opt = option_of(ctx, option)?;
        let fits = match want {
            Want::Int => matches!(opt.kind, OptionType::Int | OptionType::Bool),
            Want::BigInt => matches!(opt.kind, OptionType::Int64 | OptionType::Uint64),
            Want::Str | Want::Bytes => {
                matches!(opt.kind, OptionType::String | OptionType::Binary | OptionType::CurveKey)
            }
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
                &format!("option {} is of type {}: read it with {getter}() or getsockopt()", opt.name, opt.kind.name()),
            ));
        }
        let v = self.sock.get_option(opt).or_throw(ctx)?;
        match (want, v) {
            (Want::Str, OptionValue::Bytes(b)) => {
                Ok(rquickjs::String::from_str(ctx.clone(), &String::from_utf8_lossy(&b))?.into_value())
            }
            (Want::Bytes, OptionValue::Bytes(b)) => convert::new_uint8array(ctx, &b),
            (_, v) => option_to_js(ctx, opt, v),
        }
    }
}

/// `zmq.proxy(frontend, backend, capture?)`: forward messages both ways until
/// the context is terminated (throws ETERM) or the script is interrupted.
pub(crate) fn proxy<'js>(
    ctx: Ctx<'js>,
    frontend: Class<'js, Socket>,
    backend: Class<'js, Socket>,
    capture: Opt<Value<'js>>,
) -> rquickjs::Result<i32> {
    let capture = match capture.0 {
        Some(v) if !v.is_undefined() && !v.is_null() => Some(Class::<Socket>::from_value(&v)?),
        _ => None,
    };
    let f = frontend.try_borrow()?.sock.clone();
    let b = backend.try_borrow()?.sock.clone();
    let c = match &capture {
        Some(c) => Some(c.try_borrow()?.sock.clone()),
        None => None,
    };
    zs::proxy(&f, &b, c.as_ref()).or_throw(&ctx).map(|_| 0)
}

/// Hook for hot-path versions of `send`/`recv` (none yet).
pub(crate) fn install_fast_paths(_ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    Ok(())
}
