//! `qjs`: run a JavaScript file as an ES module with the `"zmq"` module,
//! `console`, `print`, `scriptArgs`, `"std"`, `"os"` and timers.
//!
//! Exit status: 0, the code given to `std.exit()`, 1 for an uncaught
//! exception (printed on stderr with its stack), 128+signal after SIGINT or
//! SIGTERM (a blocking recv/wait/poll ends within one 100 ms slice).

use rquickjs::{Context, Runtime};
use std::ffi::CStr;
use std::rc::Rc;
use zmq_quickjs::host::run;
use zmq_script as zs;

const USAGE: &str = "\
usage: qjs [options] [script.js [args...]]
Runs script.js as an ES module; scriptArgs is [script.js, args...].

options:
  -e, --eval CODE       run CODE (as a module if it compiles as one)
  -h, --help            print this help and exit
  -v, --version         print versions and exit
  --memory-limit N      limit the JS heap, received messages included, to N bytes
                        (suffixes k, m, g); past it a catchable out-of-memory error
  --stack-size N        limit the JS stack to N bytes (suffixes k, m, g)
  --                    end of options

modules: \"zmq\", \"std\", \"os\" and relative paths (\"./lib.js\")";

/// What to run.
enum Source {
    File(String),
    Eval(String),
}

struct Args {
    source: Source,
    script_args: Vec<String>,
    memory_limit: Option<usize>,
    stack_size: Option<usize>,
}

fn version_text() -> String {
    let (a, b, c) = zs::version();
    // SAFETY: JS_GetVersion returns a static NUL-terminated string.
    let quickjs = unsafe { CStr::from_ptr(rquickjs::qjs::JS_GetVersion()) }
        .to_string_lossy()
        .into_owned();
    format!(
        "qjs {} (zmq-script) QuickJS-ng {quickjs} libzmq {a}.{b}.{c}",
        env!("CARGO_PKG_VERSION")
    )
}

/// Parse the command line; `Err(status)` when the program should exit at once.
fn parse_args() -> Result<Args, i32> {
    let mut argv = std::env::args().skip(1);
    let mut memory_limit = None;
    let mut stack_size = None;
    let mut eval = None;
    let mut rest: Vec<String> = Vec::new();
    let usage_error = |msg: String| {
        eprintln!("qjs: {msg}\n{USAGE}");
        2
    };
    while let Some(arg) = argv.next() {
        let value_of = |name: &str, argv: &mut dyn Iterator<Item = String>| {
            argv.next()
                .ok_or_else(|| usage_error(format!("missing value for {name}")))
        };
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return Err(0);
            }
            "-v" | "--version" => {
                println!("{}", version_text());
                return Err(0);
            }
            "-e" | "--eval" => eval = Some(value_of("--eval", &mut argv)?),
            "--memory-limit" | "--stack-size" => {
                let v = value_of(&arg, &mut argv)?;
                let n =
                    zs::limits::parse_size(&v).ok_or_else(|| usage_error(format!("invalid size '{v}' for {arg}")))?;
                if arg == "--memory-limit" {
                    memory_limit = Some(n);
                } else {
                    stack_size = Some(n);
                }
            }
            "--" => {
                rest.extend(argv.by_ref());
                break;
            }
            s if s.starts_with('-') && s.len() > 1 => return Err(usage_error(format!("unknown option '{s}'"))),
            _ => {
                rest.push(arg);
                rest.extend(argv.by_ref());
                break;
            }
        }
    }
    let source = match eval {
        Some(code) => Source::Eval(code),
        None => {
            if rest.is_empty() {
                return Err(usage_error("no script given".into()));
            }
            Source::File(rest[0].clone())
        }
    };
    Ok(Args {
        source,
        script_args: rest,
        memory_limit,
        stack_size,
    })
}

/// How the script ended.
enum Outcome {
    Done,
    Exit(i32),
    Signal(i32),
    Failed,
}

fn run(args: Args) -> Result<Outcome, String> {
    let (name, source, as_module) = match &args.source {
        Source::File(path) => {
            let source = std::fs::read(path).map_err(|e| format!("could not load '{path}': {e}"))?;
            (path.clone(), source, true)
        }
        Source::Eval(code) => {
            let module = run::detect_module(code.as_bytes());
            ("<cmdline>".to_string(), code.clone().into_bytes(), module)
        }
    };

    zs::signal::install(&[libc::SIGINT, libc::SIGTERM], false)
        .map_err(|e| format!("cannot install signal handlers: {e}"))?;
    zs::interrupt::set_signal_hook(Some(Rc::new(|| match zs::signal::pending() {
        Some(_) => Err(zs::Error::Interrupted),
        None => Ok(()),
    })));

    let rt = Runtime::new().map_err(|e| format!("cannot create the runtime: {e}"))?;
    if let Some(n) = args.memory_limit {
        rt.set_memory_limit(n);
    }
    if let Some(n) = args.stack_size {
        rt.set_max_stack_size(n);
    }
    let context = Context::full(&rt).map_err(|e| format!("cannot create the context: {e}"))?;
    let host = zmq_quickjs::install(&context, zmq_quickjs::Options::full().args(args.script_args.clone()))
        .map_err(|e| format!("cannot set up the runtime: {e}"))?;
    if let Some(n) = args.memory_limit {
        // Counts received messages too (copied into the heap, not zero-copy).
        context
            .with(|ctx| zmq_quickjs::set_memory_limit(&ctx, n))
            .map_err(|e| format!("cannot set the memory limit: {e}"))?;
    }
    // Ctrl-C in pure JS code: QuickJS throws an uncatchable error; the
    // sockets freed while unwinding must not linger.
    let shutdown = host.shutdown_handle();
    rt.set_interrupt_handler(Some(Box::new(move || {
        let interrupted = zs::signal::pending().is_some();
        if interrupted {
            shutdown.shutdown();
        }
        interrupted
    })));

    let outcome = context.with(|ctx| {
        let result = if as_module {
            run::run_main(&ctx, &name, source)
        } else {
            run::run_script(&ctx, &name, source)
        };
        let error = match result {
            Ok(()) => None,
            Err(rquickjs::Error::Exception) => Some(ctx.catch()),
            Err(other) => {
                zmq_quickjs::host::console::write_line_stderr(&format!("{other}"));
                return Outcome::Failed;
            }
        };
        if let Some(sig) = zs::signal::pending() {
            return Outcome::Signal(sig);
        }
        if let Some(code) = zmq_quickjs::host::exit_code(&ctx) {
            return Outcome::Exit(code);
        }
        match error {
            None => Outcome::Done,
            Some(e) => {
                run::report_exception(&ctx, &e);
                Outcome::Failed
            }
        }
    });
    // Tear down: sockets still open get LINGER 0, contexts terminate.
    drop(host);
    drop(context);
    drop(rt);
    zs::interrupt::set_hook(None);
    Ok(outcome)
}

fn main() {
    let status = match parse_args() {
        Err(status) => status,
        Ok(args) => match run(args) {
            Ok(Outcome::Done) => zs::signal::pending().map(|s| 128 + s).unwrap_or(0),
            Ok(Outcome::Exit(code)) => code,
            Ok(Outcome::Signal(sig)) => 128 + sig,
            Ok(Outcome::Failed) => 1,
            Err(msg) => {
                eprintln!("qjs: {msg}");
                1
            }
        },
    };
    std::process::exit(status);
}
