//! Runs each `tests/js/*.js` file as an ES module in its own runtime, with
//! the asserts inside the script (`tests/js/assert.js`). A script fails by
//! throwing; blocking calls are ended by a deadline so a bug fails instead
//! of hanging.

use rquickjs::{Context, Runtime};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use zmq_quickjs::host::run;
use zmq_script as zs;

/// Longest a test script may run (times `ZMQ_TEST_SLOWDOWN`, e.g. 20 under
/// valgrind in scripts/sanitize.sh).
const LIMIT: Duration = Duration::from_secs(60);

fn run_js(file: &str) {
    let slowdown = std::env::var("ZMQ_TEST_SLOWDOWN").ok().and_then(|v| v.parse::<u32>().ok()).unwrap_or(1);
    let limit = LIMIT * slowdown.max(1);
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/js").join(file);
    let name = path.to_string_lossy().into_owned();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let deadline = Instant::now() + limit;
        zs::interrupt::set_hook(Some(Rc::new(move || {
            if Instant::now() > deadline {
                Err(zs::Error::TimedOut)
            } else {
                Ok(())
            }
        })));
        let result = (|| -> Result<(), String> {
            let source = std::fs::read(&name).map_err(|e| format!("{name}: {e}"))?;
            let rt = Runtime::new().map_err(|e| e.to_string())?;
            rt.set_interrupt_handler(Some(Box::new(move || Instant::now() > deadline)));
            let context = Context::full(&rt).map_err(|e| e.to_string())?;
            let host = zmq_quickjs::install(&context, zmq_quickjs::Options::full().args([name.clone()]))
                .map_err(|e| e.to_string())?;
            let r = context.with(|ctx| match run::run_main(&ctx, &name, source) {
                Ok(()) => match zmq_quickjs::host::exit_code(&ctx) {
                    None | Some(0) => Ok(()),
                    Some(code) => Err(format!("std.exit({code})")),
                },
                Err(rquickjs::Error::Exception) => {
                    if zmq_quickjs::host::exit_code(&ctx) == Some(0) {
                        return Ok(());
                    }
                    let e = ctx.catch();
                    Err(run::exception_text(&ctx, &e))
                }
                Err(e) => Err(e.to_string()),
            });
            drop(host);
            drop(context);
            drop(rt);
            r
        })();
        let _ = tx.send(result);
    });
    match rx.recv_timeout(limit + Duration::from_secs(30)) {
        Ok(Ok(())) => {}
        Ok(Err(e)) => panic!("{file} failed:\n{e}"),
        Err(_) => panic!("{file} did not finish in time"),
    }
}

macro_rules! js_tests {
    ($($name:ident => $file:literal,)*) => {
        $(#[test] fn $name() { run_js($file); })*

        /// Every script in tests/js has a test above.
        #[test]
        fn every_script_is_listed() {
            let listed = [$($file),*];
            let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/js");
            for entry in std::fs::read_dir(dir).unwrap() {
                let name = entry.unwrap().file_name().into_string().unwrap();
                if name.ends_with(".js") && name != "assert.js" {
                    assert!(listed.contains(&name.as_str()), "tests/js/{name} is not run by tests/js.rs");
                }
            }
        }
    };
}

js_tests! {
    module => "module.js",
    context => "context.js",
    socket => "socket.js",
    send_recv => "send_recv.js",
    options => "options.js",
    poller => "poller.js",
    monitor_proxy => "monitor_proxy.js",
    errors => "errors.js",
    gc => "gc.js",
    host => "host.js",
    fuzz => "fuzz.js",
    zero_copy => "zero_copy.js",
    auth => "auth.js",
    async_ops => "async.js",
    async_loop => "async_loop.js",
    recv_into => "recv_into.js",
}
