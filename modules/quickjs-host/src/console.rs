//! `console.log/info/debug/warn/error` and `print`, formatted as QuickJS's
//! `qjs` does: each argument converted with `String(value)` (an object
//! whose conversion throws prints as `[object Class]`), separated by spaces,
//! then a newline. `log`/`info`/`debug` and `print` write to stdout, `warn`
//! and `error` to stderr; every line is flushed at once.

use rquickjs::prelude::Rest;
use rquickjs::{qjs, Ctx, Function, Object, Value};
use std::io::Write;
use std::os::raw::c_char;

/// Append `String(v)` to `out`, as QuickJS's `print` does.
pub fn append_display(ctx: &Ctx<'_>, v: &Value<'_>, out: &mut Vec<u8>) {
    if let Some(sym) = v.as_symbol() {
        // String(symbol) works in JS, but the C conversion refuses symbols.
        let desc = sym
            .description()
            .ok()
            .and_then(|d| d.as_string().and_then(|s| s.to_string().ok()));
        out.extend_from_slice(format!("Symbol({})", desc.unwrap_or_default()).as_bytes());
        return;
    }
    let c = ctx.as_raw().as_ptr();
    // SAFETY: `c` is the live context `ctx` borrows and `v` a value of it; every C string and
    // value obtained below is freed before the block ends, and `len` is a valid out-pointer.
    unsafe {
        let mut len: usize = 0;
        let mut s = qjs::JS_ToCStringLen2(c, &mut len as *mut usize as _, v.as_raw(), false);
        if s.is_null() && qjs::JS_IsObject(v.as_raw()) {
            qjs::JS_FreeValue(c, qjs::JS_GetException(c));
            let t = qjs::JS_ToObjectString(c, v.as_raw());
            s = qjs::JS_ToCStringLen2(c, &mut len as *mut usize as _, t, false);
            qjs::JS_FreeValue(c, t);
        }
        if s.is_null() {
            qjs::JS_FreeValue(c, qjs::JS_GetException(c));
            out.extend_from_slice(b"<exception>");
        } else {
            out.extend_from_slice(std::slice::from_raw_parts(s as *const u8, len));
            qjs::JS_FreeCString(c, s as *const c_char);
        }
    }
}

/// The line `console.log(...args)` prints, newline included.
pub fn format_line(ctx: &Ctx<'_>, args: &[Value<'_>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(64);
    for (i, v) in args.iter().enumerate() {
        if i > 0 {
            out.push(b' ');
        }
        append_display(ctx, v, &mut out);
    }
    out.push(b'\n');
    out
}

/// Write and flush; errors (a closed pipe) are ignored like QuickJS does.
pub fn write_flush(to_stderr: bool, bytes: &[u8]) {
    if to_stderr {
        let mut e = std::io::stderr().lock();
        let _ = e.write_all(bytes);
        let _ = e.flush();
    } else {
        let mut o = std::io::stdout().lock();
        let _ = o.write_all(bytes);
        let _ = o.flush();
    }
}

/// Write `text` and a newline to stderr.
pub fn write_line_stderr(text: &str) {
    let mut line = text.as_bytes().to_vec();
    line.push(b'\n');
    write_flush(true, &line);
}

fn out_fn<'js>(ctx: &Ctx<'js>, name: &str, to_stderr: bool) -> rquickjs::Result<Function<'js>> {
    Function::new(ctx.clone(), move |ctx: Ctx<'js>, args: Rest<Value<'js>>| {
        write_flush(to_stderr, &format_line(&ctx, &args.0));
    })?
    .with_name(name)
}

/// Define `console` and `print` on the global object.
pub fn install(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    let console = Object::new(ctx.clone())?;
    for (name, to_stderr) in [
        ("log", false),
        ("info", false),
        ("debug", false),
        ("warn", true),
        ("error", true),
    ] {
        console.set(name, out_fn(ctx, name, to_stderr)?)?;
    }
    let globals = ctx.globals();
    globals.set("console", console)?;
    globals.set("print", out_fn(ctx, "print", false)?)?;
    Ok(())
}
