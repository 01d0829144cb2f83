//! `zlua`: Lua 5.4 with the `zmq` module preloaded.
//!
//! ```text
//! zlua [options] [script [args...]]
//!   -e code     run `code` (may be repeated; runs before the script)
//!   -l name     require `name` into the global `name` (e.g. -l zmq)
//!   -           read the script from standard input
//!   --memory-limit N  limit the Lua heap to N bytes (suffixes k, m, g)
//!   --          stop handling options
//!   -v, --version   print versions;  -h, --help   print this text
//! ```
//!
//! As `lua` does: the global `arg` holds the script name at 0 and its
//! arguments at 1..n (the interpreter and options at negative indices), the
//! script also gets its arguments as `...`, and an error prints the message
//! and a traceback on stderr and exits with 1. SIGINT and SIGTERM end a
//! blocking ZeroMQ call at once (and a busy Lua loop at its next
//! instruction); the exit status is then 128 + the signal (130, 143). A
//! second signal ends the process at once, even if the script caught the
//! first error.
//!
//! Standard output is line-buffered, so `zlua server.lua | tee log` shows
//! each line as it is printed.

use mlua::{ffi, Function, Lua, LuaOptions, MultiValue, StdLib, Table, Value};
use std::io::Read;
use std::rc::Rc;
use std::sync::atomic::{AtomicPtr, AtomicUsize, Ordering};
use zmq_script as zs;

const USAGE: &str = "usage: zlua [options] [script [args...]]
Runs a Lua 5.4 script with the ZeroMQ module: local zmq = require \"zmq\"
options:
  -e code        run code (may be repeated; runs before the script)
  -l name        require library 'name' into global 'name' (e.g. -l zmq)
  -              read the script from standard input
  --memory-limit N  limit the Lua heap, received messages included, to N bytes
                 (suffixes k, m, g); past it a catchable \"not enough memory\" error
  --             stop handling options
  -v, --version  show versions
  -h, --help     show this help
Exit status: 0, 1 on error, 128+signal when interrupted (130 for Ctrl-C).";

/// Turns an error value into the message `lua` would print: text plus traceback.
const MSGHANDLER: &str = r#"
local msg = ...
if type(msg) == "number" then
  msg = tostring(msg)
elseif type(msg) ~= "string" then
  local mt = getmetatable(msg)
  if type(mt) == "table" and mt.__tostring then
    msg = tostring(msg)
  else
    msg = string.format("(error object is a %s value)", type(msg))
  end
end
return debug.traceback(msg, 2)
"#;

/// Calls a chunk under xpcall with the message handler.
const RUNNER: &str = r#"
local handler = ...
return function(f, ...) return xpcall(f, handler, ...) end
"#;

/// The main Lua state, for the signal handler (it only sets a hook on it).
static MAIN_STATE: AtomicPtr<ffi::lua_State> = AtomicPtr::new(std::ptr::null_mut());

/// Hook set by the signal handler: stop the running Lua code, as `lua` does.
///
/// # Safety
/// Called by Lua as a hook on a live state `l`; raising from a hook is allowed there.
unsafe extern "C-unwind" fn lstop(l: *mut ffi::lua_State, _ar: *mut ffi::lua_Debug) {
    ffi::lua_sethook(l, None, 0, 0);
    ffi::luaL_error(l, c"interrupted!".as_ptr());
}

/// Signals received so far.
static SIGNALS: AtomicUsize = AtomicUsize::new(0);

/// Handler on SIGINT/SIGTERM (the core's handler records the signal, then
/// calls this one): make the Lua VM stop at its next instruction. A second
/// signal (the script caught the first error and went on) ends the process.
extern "C" fn on_signal(sig: libc::c_int) {
    if SIGNALS.fetch_add(1, Ordering::SeqCst) > 0 {
        // SAFETY: _exit is async-signal-safe.
        unsafe { libc::_exit(128 + sig) };
    }
    let l = MAIN_STATE.load(Ordering::SeqCst);
    if !l.is_null() {
        let mask = ffi::LUA_MASKCALL | ffi::LUA_MASKRET | ffi::LUA_MASKCOUNT;
        // SAFETY: `l` is the main state, alive while MAIN_STATE is set; lua_sethook is the
        // one Lua call meant for signal handlers (lua.c does the same).
        unsafe { ffi::lua_sethook(l, Some(lstop), mask, 1) };
    }
}

fn install_signals() {
    for sig in [libc::SIGINT, libc::SIGTERM] {
        // SAFETY: `on_signal` only touches atomics, lua_sethook and _exit.
        unsafe { libc::signal(sig, on_signal as *const () as libc::sighandler_t) };
    }
    if let Err(e) = zs::signal::install(&[libc::SIGINT, libc::SIGTERM], true) {
        eprintln!("zlua: cannot install signal handlers: {e}");
    }
    zs::interrupt::set_signal_hook(Some(Rc::new(|| match zs::signal::pending() {
        Some(_) => Err(zs::Error::Interrupted),
        None => Ok(()),
    })));
}

/// glibc gives the top of its heap back to the OS whenever more than
/// M_TRIM_THRESHOLD is free there, and that threshold stays at 128 KiB until
/// the process first frees a large (mmapped) block. A script that receives
/// 64 KiB messages frees a string and a message buffer next to the top at
/// every round trip, so each one was trimmed and faulted back in: 12 page
/// faults per REQ/REP round trip over inproc (45 µs instead of 10). Freeing
/// one 1 MiB block at start-up moves the thresholds now, as glibc would do
/// later by itself (mmap threshold 1 MiB, trim threshold 2 MiB; still
/// adjusted upwards by larger blocks).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn settle_malloc() {
    // SAFETY: a block from malloc freed once, before any other thread exists.
    unsafe {
        let p = std::hint::black_box(libc::malloc(1 << 20));
        libc::free(p);
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn settle_malloc() {}

fn line_buffer_stdout() {
    extern "C" {
        static mut stdout: *mut libc::FILE;
    }
    // SAFETY: `stdout` is libc's stream, changed before anything is written to it.
    unsafe { libc::setvbuf(stdout, std::ptr::null_mut(), libc::_IOLBF, 0) };
}

enum Action {
    Exec(String),
    Require(String),
}

struct Args {
    actions: Vec<Action>,
    /// Index in argv of the script (argv.len() when there is none).
    script: usize,
    version: bool,
    /// `--memory-limit N`: the Lua heap limit in bytes.
    memory_limit: Option<usize>,
}

fn parse_args(argv: &[String]) -> Result<Args, String> {
    let mut actions = Vec::new();
    let mut version = false;
    let mut memory_limit = None;
    let mut i = 1;
    while i < argv.len() {
        let a = argv[i].as_str();
        match a {
            "--" => {
                i += 1;
                break;
            }
            "-h" | "--help" => {
                println!("{USAGE}");
                std::process::exit(0);
            }
            "-v" | "--version" => version = true,
            "--memory-limit" => {
                let value = argv.get(i + 1).ok_or_else(|| format!("'{a}' needs an argument"))?;
                let n = zs::limits::parse_size(value).ok_or_else(|| format!("invalid size '{value}' for {a}"))?;
                memory_limit = Some(n);
                i += 1;
            }
            "-e" | "-l" => {
                let value = argv.get(i + 1).ok_or_else(|| format!("'{a}' needs an argument"))?.clone();
                actions.push(if a == "-e" { Action::Exec(value) } else { Action::Require(value) });
                i += 1;
            }
            _ if a.starts_with("-e") && a.len() > 2 => actions.push(Action::Exec(a[2..].to_string())),
            _ if a.starts_with("-l") && a.len() > 2 => actions.push(Action::Require(a[2..].to_string())),
            "-" => break,
            _ if a.starts_with('-') => return Err(format!("unrecognized option '{a}'")),
            _ => break,
        }
        i += 1;
    }
    Ok(Args {
        actions,
        script: i,
        version,
        memory_limit,
    })
}

fn version_text(lua: &Lua) -> String {
    let lua_version: String = lua.globals().get("_VERSION").unwrap_or_else(|_| "Lua".into());
    let (a, b, c) = zs::version();
    format!("zlua {} ({lua_version}, libzmq {a}.{b}.{c})", env!("CARGO_PKG_VERSION"))
}

/// Exit status for an interruption by a signal, if one arrived.
fn signal_status() -> Option<i32> {
    zs::signal::pending().map(|sig| 128 + sig)
}

fn main() {
    let argv: Vec<String> = std::env::args().collect();
    let args = match parse_args(&argv) {
        Ok(a) => a,
        Err(msg) => {
            eprintln!("zlua: {msg}\n{USAGE}");
            std::process::exit(1);
        }
    };
    line_buffer_stdout();
    settle_malloc();

    // All standard libraries, `debug` included, as the stock interpreter has.
    // SAFETY: the debug library is what the stock interpreter offers scripts; zlua runs
    // trusted script files, as `lua` does.
    let lua = unsafe { Lua::unsafe_new_with(StdLib::ALL, LuaOptions::default()) };
    // The generational collector, as the stock `lua` interpreter (lua.c)
    // selects: each received message is a short-lived string, and the
    // incremental collector re-marked the whole heap every few 64 KiB
    // messages (3x the instructions of the same script under lua5.4).
    // (mlua 0.12 does not export its GcMode; this is lua.c's own call.)
    // SAFETY: `lua.state()` is the live main state, used on this thread.
    unsafe { ffi::lua_gc(lua.state(), ffi::LUA_GCGEN, 0 as libc::c_int, 0 as libc::c_int) };
    MAIN_STATE.store(lua.state(), Ordering::SeqCst);
    let status = match run(&lua, &argv, &args) {
        Ok(status) => status,
        Err(e) => {
            eprintln!("zlua: {e}");
            1
        }
    };
    if let Some(status) = signal_status() {
        // Interrupted: leave at once (no waiting for LINGER).
        std::process::exit(status);
    }
    MAIN_STATE.store(std::ptr::null_mut(), Ordering::SeqCst);
    // Closing the state terminates the contexts: queued messages are delivered.
    drop(lua);
    std::process::exit(status);
}

fn run(lua: &Lua, argv: &[String], args: &Args) -> mlua::Result<i32> {
    zmq_lua::install(lua)?;
    // Scripts cannot hand contexts or sockets out of the state: lending is safe.
    zmq_lua::enable_zero_copy(lua);
    install_signals();
    if let Some(n) = args.memory_limit {
        zmq_lua::set_memory_limit(lua, n)?;
    }
    if args.version {
        println!("{}", version_text(lua));
        if args.actions.is_empty() && args.script >= argv.len() {
            return Ok(0);
        }
    }
    if args.actions.is_empty() && args.script >= argv.len() {
        eprintln!("{USAGE}");
        return Ok(1);
    }

    // arg[0] is the script; the interpreter and options get negative indices.
    let arg: Table = lua.create_table()?;
    let base = args.script.min(argv.len()) as i64;
    for (i, a) in argv.iter().enumerate() {
        arg.raw_set(i as i64 - base, a.as_str())?;
    }
    lua.globals().set("arg", arg)?;

    let handler: Function = lua.load(MSGHANDLER).set_name("=zlua").into_function()?;
    let runner: Function = lua.load(RUNNER).set_name("=zlua").call(handler)?;
    let call = |f: Function, params: MultiValue| -> mlua::Result<Option<String>> {
        let mut values = MultiValue::new();
        values.push_back(Value::Function(f));
        values.extend(params);
        let (ok, err): (bool, Value) = runner.call(values)?;
        if ok {
            return Ok(None);
        }
        Ok(Some(match err {
            Value::String(s) => s.to_string_lossy(),
            other => format!("{other:?}"),
        }))
    };

    for action in &args.actions {
        let f = match action {
            Action::Exec(code) => match lua.load(code.as_str()).set_name("=(command line)").into_function() {
                Ok(f) => f,
                Err(e) => return Ok(report(&load_error(e))),
            },
            Action::Require(name) => lua
                .load(format!("{name} = require(...)").as_str())
                .set_name("=(command line)")
                .into_function()
                .map(|f| f.bind(name.as_str()))??,
        };
        if let Some(msg) = call(f, MultiValue::new())? {
            return Ok(report(&msg));
        }
    }

    if args.script >= argv.len() {
        return Ok(0);
    }
    let path = argv[args.script].as_str();
    let (source, name) = if path == "-" {
        let mut s = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut s) {
            return Ok(report(&format!("cannot read stdin: {e}")));
        }
        (s, "=stdin".to_string())
    } else {
        match std::fs::read(path) {
            Ok(s) => (s, format!("@{path}")),
            Err(e) => return Ok(report(&format!("cannot open {path}: {e}"))),
        }
    };
    let f = match lua.load(skip_shebang(source)).set_name(name).into_function() {
        Ok(f) => f,
        Err(e) => return Ok(report(&load_error(e))),
    };
    let mut params = MultiValue::new();
    for a in &argv[args.script + 1..] {
        params.push_back(Value::String(lua.create_string(a)?));
    }
    match call(f, params)? {
        None => Ok(0),
        Some(msg) => Ok(report(&msg)),
    }
}

/// `#!/usr/bin/env zlua` first lines are skipped (the newline is kept so
/// that line numbers stay right), as `lua` does.
fn skip_shebang(mut source: Vec<u8>) -> Vec<u8> {
    if source.first() == Some(&b'#') {
        let end = source.iter().position(|&b| b == b'\n').unwrap_or(source.len());
        source.drain(..end);
    }
    source
}

fn load_error(e: mlua::Error) -> String {
    match e {
        mlua::Error::SyntaxError { message, .. } => message,
        other => other.to_string(),
    }
}

/// Print an error as `lua` does; returns the exit status.
fn report(msg: &str) -> i32 {
    eprintln!("zlua: {msg}");
    signal_status().unwrap_or(1)
}
