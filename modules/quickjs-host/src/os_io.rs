//! The descriptor part of `"os"`, as in QuickJS's own: `setReadHandler(fd,
//! fn | null)`, `setWriteHandler(fd, fn | null)`, `pipe()` → `[readfd,
//! writefd]`, `read(fd, buffer, offset, length)` and `write(fd, buffer,
//! offset, length)` → bytes (negative errno on failure), `close(fd)` → 0 or
//! a negative errno. `buffer` is an ArrayBuffer (or a Uint8Array).
//! Handlers run from the event loop ([`crate::run`]) while their fd is ready.

use crate::events::set_fd_handler;
use rquickjs::{qjs, Ctx, Exception, Function, Object, Value};
use zmq_script::constants::{POLLIN, POLLOUT};

fn fd_arg(ctx: &Ctx<'_>, v: &Value<'_>) -> rquickjs::Result<i32> {
    match v.as_number() {
        Some(n) if n.fract() == 0.0 && n >= 0.0 && n <= i32::MAX as f64 => Ok(n as i32),
        _ => Err(Exception::throw_type(ctx, "fd must be a non-negative integer")),
    }
}

fn handler<'js>(ctx: &Ctx<'js>, v: Value<'js>) -> rquickjs::Result<Option<Function<'js>>> {
    if v.is_null() || v.is_undefined() {
        return Ok(None);
    }
    v.into_function()
        .map(Some)
        .ok_or_else(|| Exception::throw_type(ctx, "the handler must be a function or null"))
}

/// The bytes of an ArrayBuffer or Uint8Array, as a raw pointer and length.
fn buffer_of(ctx: &Ctx<'_>, v: &Value<'_>) -> rquickjs::Result<(*mut u8, usize)> {
    let c = ctx.as_raw().as_ptr();
    let mut len: usize = 0;
    // SAFETY: `v` is a live value of this context; both calls only inspect it and return
    // a pointer into its backing store (or NULL, leaving an exception we clear).
    unsafe {
        if qjs::JS_IsArrayBuffer(v.as_raw()) {
            let p = qjs::JS_GetArrayBuffer(c, &mut len as *mut usize as _, v.as_raw());
            if !p.is_null() {
                return Ok((p, len));
            }
        } else if qjs::JS_GetTypedArrayType(v.as_raw()) == qjs::JSTypedArrayEnum_JS_TYPED_ARRAY_UINT8 as i32 {
            let p = qjs::JS_GetUint8Array(c, &mut len as *mut usize as _, v.as_raw());
            if !p.is_null() {
                return Ok((p, len));
            }
        }
        qjs::JS_FreeValue(c, qjs::JS_GetException(c));
    }
    Err(Exception::throw_type(
        ctx,
        "buffer must be an ArrayBuffer or a Uint8Array",
    ))
}

/// Check `offset`/`length` against the buffer; `RangeError` if they do not fit.
fn span(ctx: &Ctx<'_>, len: usize, offset: &Value<'_>, length: &Value<'_>) -> rquickjs::Result<(usize, usize)> {
    let num = |v: &Value<'_>| {
        v.as_number()
            .filter(|n| n.fract() == 0.0 && *n >= 0.0)
            .map(|n| n as usize)
    };
    match (num(offset), num(length)) {
        (Some(o), Some(n)) if o.checked_add(n).is_some_and(|end| end <= len) => Ok((o, n)),
        _ => Err(Exception::throw_range(
            ctx,
            "offset and length must lie inside the buffer",
        )),
    }
}

fn errno_result(rc: isize) -> f64 {
    if rc < 0 {
        -(std::io::Error::last_os_error().raw_os_error().unwrap_or(libc::EIO) as f64)
    } else {
        rc as f64
    }
}

fn read_write<'js>(
    ctx: Ctx<'js>,
    fd: Value<'js>,
    buffer: Value<'js>,
    offset: Value<'js>,
    length: Value<'js>,
    write: bool,
) -> rquickjs::Result<f64> {
    let fd = fd_arg(&ctx, &fd)?;
    let (p, len) = buffer_of(&ctx, &buffer)?;
    let (o, n) = span(&ctx, len, &offset, &length)?;
    // SAFETY: [o, o + n) lies inside the buffer's live backing store (checked above),
    // and no JS code runs during the system call.
    let rc = unsafe {
        if write {
            libc::write(fd, p.add(o) as *const _, n)
        } else {
            libc::read(fd, p.add(o) as *mut _, n)
        }
    };
    Ok(errno_result(rc))
}

/// Define the descriptor functions on the `"os"` module object.
pub fn define<'js>(ctx: &Ctx<'js>, obj: &Object<'js>) -> rquickjs::Result<()> {
    obj.set(
        "setReadHandler",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, fd: Value<'js>, f: Value<'js>| {
            let fd = fd_arg(&ctx, &fd)?;
            set_fd_handler(&ctx, fd, POLLIN, handler(&ctx, f)?)
        })?
        .with_name("setReadHandler")?,
    )?;
    obj.set(
        "setWriteHandler",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, fd: Value<'js>, f: Value<'js>| {
            let fd = fd_arg(&ctx, &fd)?;
            set_fd_handler(&ctx, fd, POLLOUT, handler(&ctx, f)?)
        })?
        .with_name("setWriteHandler")?,
    )?;
    obj.set(
        "pipe",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| -> rquickjs::Result<Value<'js>> {
            let mut fds = [0; 2];
            // SAFETY: `fds` has room for the two descriptors pipe writes.
            if unsafe { libc::pipe(fds.as_mut_ptr()) } != 0 {
                return Ok(Value::new_null(ctx));
            }
            let arr = rquickjs::Array::new(ctx)?;
            arr.set(0, fds[0])?;
            arr.set(1, fds[1])?;
            Ok(arr.into_value())
        })?
        .with_name("pipe")?,
    )?;
    obj.set(
        "read",
        Function::new(ctx.clone(), |ctx, fd, b, o, n| read_write(ctx, fd, b, o, n, false))?.with_name("read")?,
    )?;
    obj.set(
        "write",
        Function::new(ctx.clone(), |ctx, fd, b, o, n| read_write(ctx, fd, b, o, n, true))?.with_name("write")?,
    )?;
    obj.set(
        "close",
        Function::new(ctx.clone(), |ctx: Ctx<'js>, fd: Value<'js>| -> rquickjs::Result<f64> {
            let fd = fd_arg(&ctx, &fd)?;
            // Forget its handlers: a later descriptor may reuse the number.
            set_fd_handler(&ctx, fd, POLLIN, None)?;
            set_fd_handler(&ctx, fd, POLLOUT, None)?;
            // SAFETY: closing a descriptor number the script owns; a wrong one gives EBADF.
            Ok(errno_result(unsafe { libc::close(fd) } as isize).min(0.0))
        })?
        .with_name("close")?,
    )?;
    Ok(())
}
