//! The `"std"` module: the part of QuickJS's `std` that scripts here use.
//!
//! | export | behaviour |
//! |---|---|
//! | `exit(code = 0)` | ends the script (uncatchable); the runner exits with `code` after closing sockets |
//! | `getenv(name)` / `setenv(name, value)` / `unsetenv(name)` | environment access; `getenv` returns `undefined` if unset |
//! | `loadFile(filename)` | the file's text, or `null` if it cannot be read |
//! | `puts(str)`, `printf(fmt, ...args)`, `sprintf(fmt, ...args)` | C-style output/formatting on stdout |
//! | `out`, `err` | objects with `puts(str)`, `printf(fmt, ...)`, `flush()` for stdout/stderr |
//! | `in` | stdin: `getline()` (a line without its newline, `null` at end of input), `readAsString()` |
//! | `strerror(errno)` | the system's text for an errno |
//! | `gc()` | runs the garbage collector |

use crate::console::{append_display, write_flush};
use crate::error::{throw_uncatchable, OrThrow};
use crate::state::HostState;
use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::prelude::{Opt, Rest};
use rquickjs::{Ctx, Exception, Function, Object, Value};

/// The `"std"` module definition.
pub struct StdModule;

const EXPORTS: &[&str] = &[
    "exit", "getenv", "setenv", "unsetenv", "loadFile", "puts", "printf", "sprintf", "in", "out", "err", "strerror",
    "gc",
];

impl ModuleDef for StdModule {
    fn declare(decl: &Declarations<'_>) -> rquickjs::Result<()> {
        crate::declare_object_exports(decl, EXPORTS)
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> rquickjs::Result<()> {
        crate::export_object(exports, build(ctx)?, EXPORTS)
    }
}

/// `v` if it is a string; `TypeError` naming `what` otherwise.
fn string_arg<'js>(ctx: &Ctx<'js>, v: &Value<'js>, what: &str) -> rquickjs::Result<String> {
    match v.as_string() {
        Some(s) => s.to_string(),
        None => Err(Exception::throw_type(
            ctx,
            &format!("{what} must be a string, not {}", v.type_name()),
        )),
    }
}

fn string_of<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> String {
    let mut out = Vec::new();
    append_display(ctx, v, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

fn exit<'js>(ctx: Ctx<'js>, code: Opt<Value<'js>>) -> rquickjs::Result<()> {
    let code = code.0.and_then(|v| v.as_number()).map(|n| n as i32).unwrap_or(0);
    HostState::ensure(&ctx)?;
    if let Some(state) = ctx.userdata::<HostState>() {
        state.exit_code.set(Some(code));
    }
    Err(throw_uncatchable(&ctx, "exit"))
}

fn getenv<'js>(ctx: Ctx<'js>, name: Value<'js>) -> rquickjs::Result<Value<'js>> {
    let name = string_arg(&ctx, &name, "getenv(): name")?;
    match std::env::var_os(&name) {
        Some(v) => Ok(rquickjs::String::from_str(ctx, &v.to_string_lossy())?.into_value()),
        None => Ok(Value::new_undefined(ctx)),
    }
}

fn env_name_ok(name: &str) -> bool {
    !name.is_empty() && !name.contains('=') && !name.contains('\0')
}

fn setenv<'js>(ctx: Ctx<'js>, name: Value<'js>, value: Value<'js>) -> rquickjs::Result<()> {
    let name = string_arg(&ctx, &name, "setenv(): name")?;
    let value = string_of(&ctx, &value);
    if !env_name_ok(&name) || value.contains('\0') {
        return Err(Exception::throw_type(&ctx, "setenv(): invalid name or value"));
    }
    std::env::set_var(name, value);
    Ok(())
}

fn unsetenv<'js>(ctx: Ctx<'js>, name: Value<'js>) -> rquickjs::Result<()> {
    let name = string_arg(&ctx, &name, "unsetenv(): name")?;
    if env_name_ok(&name) {
        std::env::remove_var(name);
    }
    Ok(())
}

fn load_file<'js>(ctx: Ctx<'js>, name: Value<'js>) -> rquickjs::Result<Value<'js>> {
    let name = string_arg(&ctx, &name, "loadFile(): filename")?;
    match std::fs::read(&name) {
        Ok(bytes) => Ok(rquickjs::String::from_str(ctx, &String::from_utf8_lossy(&bytes))?.into_value()),
        Err(_) => Ok(Value::new_null(ctx)),
    }
}

fn strerror(errno: i32) -> String {
    std::io::Error::from_raw_os_error(errno)
        .to_string()
        .split(" (os error")
        .next()
        .unwrap_or("")
        .to_string()
}

fn stream<'js>(ctx: &Ctx<'js>, to_stderr: bool) -> rquickjs::Result<Object<'js>> {
    let obj = Object::new(ctx.clone())?;
    obj.set(
        "puts",
        Function::new(ctx.clone(), move |ctx: Ctx<'js>, s: Value<'js>| {
            let mut out = Vec::new();
            append_display(&ctx, &s, &mut out);
            write_flush(to_stderr, &out);
        })?
        .with_name("puts")?,
    )?;
    obj.set(
        "printf",
        Function::new(
            ctx.clone(),
            move |ctx: Ctx<'js>, fmt: Value<'js>, args: Rest<Value<'js>>| -> rquickjs::Result<usize> {
                let out = format(&ctx, &fmt, &args.0)?;
                write_flush(to_stderr, &out);
                Ok(out.len())
            },
        )?
        .with_name("printf")?,
    )?;
    obj.set(
        "flush",
        Function::new(ctx.clone(), move || write_flush(to_stderr, b""))?.with_name("flush")?,
    )?;
    Ok(obj)
}

/// Read from stdin until `stop(bytes read so far)` says so or input ends;
/// `None` at end of input with nothing read. Ctrl-C ends the wait
/// (through the core's interrupt hook) instead of waiting for the user.
fn read_stdin(ctx: &Ctx<'_>, stop: impl Fn(&[u8]) -> bool) -> rquickjs::Result<Option<Vec<u8>>> {
    zmq_script::interrupt::check().or_throw(ctx)?;
    let mut buf = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        // SAFETY: `byte` is a writable one-byte buffer that outlives the call.
        let n = unsafe { libc::read(0, byte.as_mut_ptr() as *mut libc::c_void, 1) };
        if n == 1 {
            buf.push(byte[0]);
            if stop(&buf) {
                return Ok(Some(buf));
            }
        } else if n == 0 {
            return Ok(if buf.is_empty() { None } else { Some(buf) });
        } else if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
            zmq_script::interrupt::check().or_throw(ctx)?;
        } else {
            return Ok(if buf.is_empty() { None } else { Some(buf) });
        }
    }
}

fn stdin<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let obj = Object::new(ctx.clone())?;
    obj.set(
        "getline",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| -> rquickjs::Result<Value<'js>> {
            match read_stdin(&ctx, |b| b.last() == Some(&b'\n'))? {
                Some(mut line) => {
                    if line.last() == Some(&b'\n') {
                        line.pop();
                    }
                    Ok(rquickjs::String::from_str(ctx, &String::from_utf8_lossy(&line))?.into_value())
                }
                None => Ok(Value::new_null(ctx)),
            }
        })?
        .with_name("getline")?,
    )?;
    obj.set(
        "readAsString",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| -> rquickjs::Result<String> {
            let all = read_stdin(&ctx, |_| false)?.unwrap_or_default();
            Ok(String::from_utf8_lossy(&all).into_owned())
        })?
        .with_name("readAsString")?,
    )?;
    Ok(obj)
}

/// Build an object with everything the module exports.
pub fn build<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let obj = Object::new(ctx.clone())?;
    obj.set("exit", Function::new(ctx.clone(), exit)?.with_name("exit")?)?;
    obj.set("getenv", Function::new(ctx.clone(), getenv)?.with_name("getenv")?)?;
    obj.set("setenv", Function::new(ctx.clone(), setenv)?.with_name("setenv")?)?;
    obj.set("unsetenv", Function::new(ctx.clone(), unsetenv)?.with_name("unsetenv")?)?;
    obj.set(
        "loadFile",
        Function::new(ctx.clone(), load_file)?.with_name("loadFile")?,
    )?;
    obj.set("strerror", Function::new(ctx.clone(), strerror)?.with_name("strerror")?)?;
    obj.set(
        "gc",
        Function::new(ctx.clone(), |ctx: Ctx<'js>| ctx.run_gc())?.with_name("gc")?,
    )?;
    let out = stream(ctx, false)?;
    obj.set("puts", out.get::<_, Value>("puts")?)?;
    obj.set("printf", out.get::<_, Value>("printf")?)?;
    obj.set("out", out)?;
    obj.set("err", stream(ctx, true)?)?;
    obj.set("in", stdin(ctx)?)?;
    obj.set(
        "sprintf",
        Function::new(
            ctx.clone(),
            |ctx: Ctx<'js>, fmt: Value<'js>, args: Rest<Value<'js>>| -> rquickjs::Result<String> {
                Ok(String::from_utf8_lossy(&format(&ctx, &fmt, &args.0)?).into_owned())
            },
        )?
        .with_name("sprintf")?,
    )?;
    Ok(obj)
}

/// One parsed conversion specification.
#[derive(Default)]
struct Spec {
    left: bool,
    zero: bool,
    plus: bool,
    space: bool,
    alt: bool,
    width: usize,
    precision: Option<usize>,
}

impl Spec {
    /// Pad `body` (with its `sign`/prefix kept in front of zero padding).
    fn pad(&self, prefix: &str, body: &str, numeric: bool) -> String {
        let len = prefix.chars().count() + body.chars().count();
        if len >= self.width {
            return format!("{prefix}{body}");
        }
        let fill = self.width - len;
        if self.left {
            format!("{prefix}{body}{}", " ".repeat(fill))
        } else if self.zero && numeric {
            format!("{prefix}{}{body}", "0".repeat(fill))
        } else {
            format!("{}{prefix}{body}", " ".repeat(fill))
        }
    }

    fn sign(&self, negative: bool) -> &'static str {
        if negative {
            "-"
        } else if self.plus {
            "+"
        } else if self.space {
            " "
        } else {
            ""
        }
    }
}

/// A BigInt's low 64 bits, as QuickJS's own `printf` takes them.
fn bigint_i64(v: &Value<'_>) -> rquickjs::Result<i64> {
    let big = v.as_big_int().ok_or(rquickjs::Error::Unknown)?;
    // Only an allocation failure fails, and leaves its exception pending.
    big.clone().to_i64().map_err(|_| rquickjs::Error::Exception)
}

fn number_of(v: Option<&Value<'_>>) -> rquickjs::Result<f64> {
    match v {
        None => Ok(0.0),
        Some(v) if v.is_big_int() => Ok(bigint_i64(v)? as f64),
        Some(v) => Ok(v
            .as_number()
            .or_else(|| v.as_bool().map(|b| b as i32 as f64))
            .unwrap_or(f64::NAN)),
    }
}

fn integer_of(v: Option<&Value<'_>>, long: bool) -> rquickjs::Result<i64> {
    if let Some(v) = v {
        if v.is_big_int() {
            return bigint_i64(v);
        }
    }
    let f = number_of(v)?;
    let i = if f.is_finite() { f.trunc() as i64 } else { 0 };
    Ok(if long { i } else { i as i32 as i64 })
}

/// `%e` body for a non-negative finite value.
fn exp_body(x: f64, prec: usize, upper: bool) -> String {
    let s = format!("{:.*e}", prec, x);
    let (mant, exp) = s.split_once('e').unwrap_or((&s, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let e = if upper { 'E' } else { 'e' };
    format!("{mant}{e}{}{:02}", if exp < 0 { '-' } else { '+' }, exp.abs())
}

/// `%g` body for a non-negative finite value.
fn general_body(x: f64, prec: usize, alt: bool, upper: bool) -> String {
    let p = if prec == 0 { 1 } else { prec };
    let exp = if x == 0.0 {
        0
    } else {
        let s = format!("{:.*e}", p - 1, x);
        s.split_once('e').and_then(|(_, e)| e.parse::<i32>().ok()).unwrap_or(0)
    };
    let mut s = if exp < -4 || exp >= p as i32 {
        exp_body(x, p - 1, upper)
    } else {
        format!("{:.*}", (p as i32 - 1 - exp).max(0) as usize, x)
    };
    if !alt {
        // drop trailing zeros of the fraction
        let (mant, tail) = match s.find(['e', 'E']) {
            Some(i) => (s[..i].to_string(), s[i..].to_string()),
            None => (s.clone(), String::new()),
        };
        if mant.contains('.') {
            let m = mant.trim_end_matches('0').trim_end_matches('.');
            s = format!("{m}{tail}");
        }
    }
    s
}

/// C-style formatting of `fmt` with `args` (`%d %i %u %x %X %o %c %s %f %e %g %%`,
/// flags `-+ #0`, width and precision, `*` and length modifiers accepted).
pub fn format<'js>(ctx: &Ctx<'js>, fmt: &Value<'js>, args: &[Value<'js>]) -> rquickjs::Result<Vec<u8>> {
    let mut fmt_bytes = Vec::new();
    append_display(ctx, fmt, &mut fmt_bytes);
    let fmt = String::from_utf8_lossy(&fmt_bytes).into_owned();
    let mut out = String::new();
    let mut args = args.iter();
    let mut chars = fmt.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '%' {
            out.push(c);
            continue;
        }
        let mut spec = Spec::default();
        while let Some(&f) = chars.peek() {
            match f {
                '-' => spec.left = true,
                '0' => spec.zero = true,
                '+' => spec.plus = true,
                ' ' => spec.space = true,
                '#' => spec.alt = true,
                _ => break,
            }
            chars.next();
        }
        if chars.peek() == Some(&'*') {
            chars.next();
            let w = integer_of(args.next(), false)?;
            if w < 0 {
                spec.left = true;
            }
            spec.width = w.unsigned_abs() as usize;
        } else {
            while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                spec.width = spec.width.saturating_mul(10).saturating_add(d as usize);
                chars.next();
            }
        }
        if chars.peek() == Some(&'.') {
            chars.next();
            let mut p = 0usize;
            if chars.peek() == Some(&'*') {
                chars.next();
                p = integer_of(args.next(), false)?.max(0) as usize;
            } else {
                while let Some(d) = chars.peek().and_then(|c| c.to_digit(10)) {
                    p = p.saturating_mul(10).saturating_add(d as usize);
                    chars.next();
                }
            }
            spec.precision = Some(p);
        }
        let mut long = false;
        while let Some(&m) = chars.peek() {
            match m {
                'l' | 'L' | 'q' | 'j' | 'z' | 't' => long = true,
                'h' => {}
                _ => break,
            }
            chars.next();
        }
        let Some(conv) = chars.next() else {
            out.push('%');
            break;
        };
        match conv {
            '%' => out.push('%'),
            'd' | 'i' => {
                let v = integer_of(args.next(), long)?;
                let mut body = v.unsigned_abs().to_string();
                if let Some(p) = spec.precision {
                    body = format!("{body:0>p$}");
                }
                out.push_str(&spec.pad(spec.sign(v < 0), &body, spec.precision.is_none()));
            }
            'u' | 'x' | 'X' | 'o' | 'b' => {
                let v = integer_of(args.next(), long)?;
                let u = if long { v as u64 } else { v as u32 as u64 };
                let mut body = match conv {
                    'u' => u.to_string(),
                    'x' => format!("{u:x}"),
                    'X' => format!("{u:X}"),
                    'o' => format!("{u:o}"),
                    _ => format!("{u:b}"),
                };
                if let Some(p) = spec.precision {
                    body = format!("{body:0>p$}");
                }
                let prefix = match conv {
                    'x' if spec.alt && u != 0 => "0x",
                    'X' if spec.alt && u != 0 => "0X",
                    'o' if spec.alt && !body.starts_with('0') => "0",
                    _ => "",
                };
                out.push_str(&spec.pad(prefix, &body, spec.precision.is_none()));
            }
            'c' => {
                let ch = match args.next() {
                    Some(v) if v.is_string() => string_of(ctx, v).chars().next().unwrap_or('\0'),
                    v => char::from_u32(integer_of(v, false)? as u32).unwrap_or('\u{FFFD}'),
                };
                out.push_str(&spec.pad("", &ch.to_string(), false));
            }
            's' => {
                let mut s = match args.next() {
                    Some(v) => string_of(ctx, v),
                    None => String::new(),
                };
                if let Some(p) = spec.precision {
                    s = s.chars().take(p).collect();
                }
                out.push_str(&spec.pad("", &s, false));
            }
            'f' | 'F' | 'e' | 'E' | 'g' | 'G' | 'a' | 'A' => {
                let x = number_of(args.next())?;
                let upper = conv.is_ascii_uppercase();
                let prec = spec.precision.unwrap_or(6);
                let body = if x.is_nan() {
                    if upper { "NAN" } else { "nan" }.to_string()
                } else if x.is_infinite() {
                    if upper { "INF" } else { "inf" }.to_string()
                } else {
                    let a = x.abs();
                    match conv {
                        'f' | 'F' => format!("{a:.prec$}"),
                        'e' | 'E' => exp_body(a, prec, upper),
                        _ => general_body(a, prec, spec.alt, upper),
                    }
                };
                let negative = x.is_sign_negative() && !x.is_nan();
                out.push_str(&spec.pad(spec.sign(negative), &body, x.is_finite()));
            }
            other => {
                out.push('%');
                out.push(other);
            }
        }
    }
    Ok(out.into_bytes())
}
