//! The `"zmq"` module alone, through `install`, as a host that builds
//! zmq-quickjs without its `host` feature gets it:
//!
//! ```text
//! cargo run -p zmq-quickjs --no-default-features --example module_only
//! ```
//!
//! `install(&context, Options::module_only())` sets a loader serving `"zmq"`
//! and nothing else: no `console`, no `"std"`/`"os"`, no file imports. The
//! script reports through a global; the host prints it. `tests/features.rs`
//! runs this example without the feature.

use rquickjs::{Context, Module, Runtime};

const SCRIPT: &str = r#"
import * as zmq from "zmq";
const ctx = new zmq.Context();
const pull = ctx.socket(zmq.PULL);
pull.bind("inproc://module-only");
const push = ctx.socket(zmq.PUSH);
push.connect("inproc://module-only");
push.send("hello");
globalThis.report = [pull.recv_str(), typeof console, typeof setTimeout, typeof scriptArgs].join(" ");
ctx.term();
"#;

/// Evaluate `source` as the module `name`; the error text if it or an import fails.
fn eval<'js>(ctx: &rquickjs::Ctx<'js>, name: &str, source: &str) -> Result<(), String> {
    let outcome = Module::evaluate(ctx.clone(), name, source).and_then(|p| p.finish::<()>());
    match outcome {
        Ok(()) | Err(rquickjs::Error::WouldBlock) => Ok(()),
        Err(rquickjs::Error::Exception) => Err(format!("{:?}", ctx.catch())),
        Err(e) => Err(e.to_string()),
    }
}

fn run() -> Result<String, Box<dyn std::error::Error>> {
    let rt = Runtime::new()?;
    let context = Context::full(&rt)?;
    let installed = zmq_quickjs::install(&context, zmq_quickjs::Options::module_only())?;
    let report = context.with(|ctx| -> Result<String, Box<dyn std::error::Error>> {
        eval(&ctx, "main.js", SCRIPT)?;
        // Only "zmq" is served.
        for name in ["std", "os", "./main.js"] {
            let source = format!("import * as m from {name:?};");
            if eval(&ctx, "probe.js", &source).is_ok() {
                return Err(format!("module {name:?} should not load with module_only()").into());
            }
        }
        Ok(ctx.globals().get("report")?)
    })?;
    drop(installed);
    Ok(report)
}

fn main() {
    match run() {
        Ok(report) => println!("{report}"),
        Err(e) => {
            eprintln!("module_only: {e}");
            std::process::exit(1);
        }
    }
}
