//! A host application embedding QuickJS with the `"zmq"` module.
//!
//! ```text
//! cargo run -p zmq-quickjs --example host               # built-in demo script
//! cargo run -p zmq-quickjs --example host -- script.js  # or any script file
//! cargo run -p zmq-quickjs --example host -- --module-only
//! ```
//!
//! With `Options::full()` the script gets everything `qjs` offers (console,
//! print, scriptArgs, "std", "os", timers, relative imports). The host owns
//! the runtime: here it also installs a Ctrl-C handler so blocking calls end.

use rquickjs::loader::ModuleLoader;
use rquickjs::{CatchResultExt, Context, Module, Runtime};
use std::rc::Rc;
use zmq_quickjs::host::run;
use zmq_script as zs;

const DEMO: &str = r#"
import * as zmq from "zmq";
const ctx = new zmq.Context();
const pull = ctx.socket(zmq.PULL);
pull.bind("inproc://demo");
const push = ctx.socket(zmq.PUSH);
push.connect("inproc://demo");
setTimeout(() => push.send(`hello from ${scriptArgs[0]}`), 10);
const poller = new zmq.Poller();
poller.add(pull, zmq.POLLIN);
await new Promise((resolve) => setTimeout(resolve, 20));
const event = poller.wait(1000);
console.log(event.socket.recv_str(), "- libzmq", zmq.version().join("."));
ctx.term();
"#;

/// The whole host: one `install` call, then run a module and report errors.
fn full(script: Option<String>) -> Result<i32, Box<dyn std::error::Error>> {
    let (name, source) = match script {
        Some(path) => (path.clone(), std::fs::read(&path)?),
        None => ("demo.js".to_string(), DEMO.as_bytes().to_vec()),
    };
    // Ctrl-C ends blocking recv/poll calls (the runtime's interrupt handler
    // also stops busy JS loops).
    zs::signal::install(&[libc::SIGINT], false)?;
    zs::interrupt::set_signal_hook(Some(Rc::new(|| match zs::signal::pending() {
        Some(_) => Err(zs::Error::Interrupted),
        None => Ok(()),
    })));

    let rt = Runtime::new()?;
    rt.set_interrupt_handler(Some(Box::new(|| zs::signal::pending().is_some())));
    let context = Context::full(&rt)?;
    let host = zmq_quickjs::install(&context, zmq_quickjs::Options::full().args([name.clone()]))?;
    let status = context.with(|ctx| match run::run_main(&ctx, &name, source) {
        Ok(()) => 0,
        Err(_) if zs::signal::pending().is_some() => 130,
        Err(_) => match zmq_quickjs::host::exit_code(&ctx) {
            Some(code) => code,
            None => {
                let e = ctx.catch();
                run::report_exception(&ctx, &e);
                1
            }
        },
    });
    drop(host); // sockets left open now close with LINGER 0
    drop(context);
    drop(rt);
    Ok(status)
}

/// Only the module, on a host that keeps its own loader and globals.
fn module_only() -> Result<i32, Box<dyn std::error::Error>> {
    let rt = Runtime::new()?;
    rt.set_loader(
        rquickjs::loader::BuiltinResolver::default().with_module("zmq"),
        ModuleLoader::default().with_module("zmq", zmq_quickjs::Zmq),
    );
    let context = Context::full(&rt)?;
    context.with(|ctx| -> rquickjs::Result<()> {
        let promise = Module::evaluate(
            ctx.clone(),
            "main",
            "import * as zmq from 'zmq'; globalThis.answer = zmq.version().join('.') + ' ' + typeof console;",
        )
        .catch(&ctx)
        .map_err(|e| rquickjs::Error::new_loading_message("main", e.to_string()))?;
        promise.finish::<()>().or_else(|e| {
            if matches!(e, rquickjs::Error::WouldBlock) {
                Ok(())
            } else {
                Err(e)
            }
        })?;
        let answer: String = ctx.globals().get("answer")?;
        println!("module only: libzmq {answer}");
        Ok(())
    })?;
    Ok(0)
}

fn main() {
    let arg = std::env::args().nth(1);
    let result = match arg.as_deref() {
        Some("--module-only") => module_only(),
        _ => full(arg),
    };
    match result {
        Ok(status) => std::process::exit(status),
        Err(e) => {
            eprintln!("host: {e}");
            std::process::exit(1);
        }
    }
}
