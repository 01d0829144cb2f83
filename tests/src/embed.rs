//! Running the test scripts inside this process through the embedding APIs
//! (`zmq_quickjs::install` on an rquickjs runtime, `zmq_lua::install` on an
//! mlua state), the way a host application would, and timing how long the
//! host's teardown (dropping the runtime / state) takes.

use std::path::Path;
use std::time::{Duration, Instant};

/// What an embedded run left: the script's result and how long dropping the
/// runtime (or Lua state) took.
#[derive(Debug)]
pub struct Embedded {
    pub result: Result<(), String>,
    pub teardown: Duration,
}

/// Run the JS module `script` (with `scriptArgs = [script, args...]`) in a
/// fresh rquickjs runtime with everything `qjs` has, then drop the host
/// guard, the context and the runtime, timing the drop.
pub fn run_js(script: &Path, args: &[&str]) -> Embedded {
    use zmq_quickjs::host::run;
    let name = script.to_string_lossy().into_owned();
    let source = std::fs::read(script).unwrap_or_else(|e| panic!("{name}: {e}"));
    let rt = rquickjs::Runtime::new().expect("runtime");
    let context = rquickjs::Context::full(&rt).expect("context");
    let mut all = vec![name.clone()];
    all.extend(args.iter().map(|s| s.to_string()));
    let host = zmq_quickjs::install(&context, zmq_quickjs::Options::full().args(all)).expect("install");
    let result = context.with(|ctx| match run::run_main(&ctx, &name, source) {
        Ok(()) => Ok(()),
        Err(rquickjs::Error::Exception) => {
            let e = ctx.catch();
            Err(run::exception_text(&ctx, &e))
        }
        Err(e) => Err(e.to_string()),
    });
    let start = Instant::now();
    drop(host);
    drop(context);
    drop(rt);
    Embedded { result, teardown: start.elapsed() }
}

/// Run the Lua chunk `script` with `args` (as `...` and `arg`) in a fresh
/// `mlua::Lua` with `zmq_lua::install`, then drop the state, timing the drop.
pub fn run_lua(script: &Path, args: &[&str]) -> Embedded {
    let name = script.to_string_lossy().into_owned();
    let source = std::fs::read(script).unwrap_or_else(|e| panic!("{name}: {e}"));
    let lua = mlua::Lua::new();
    zmq_lua::install(&lua).expect("install");
    let result = (|| -> mlua::Result<()> {
        let dir = script.parent().unwrap().display().to_string();
        let package: mlua::Table = lua.globals().get("package")?;
        package.set("path", format!("{dir}/?.lua;{}", package.get::<String>("path")?))?;
        let arg = lua.create_table()?;
        arg.set(0, name.as_str())?;
        for (i, a) in args.iter().enumerate() {
            arg.set(i + 1, *a)?;
        }
        lua.globals().set("arg", arg)?;
        let f = lua.load(source).set_name(format!("@{name}")).into_function()?;
        f.call::<()>(mlua::MultiValue::from_iter(
            args.iter().map(|a| mlua::Value::String(lua.create_string(a).unwrap())),
        ))
    })()
    .map_err(|e| e.to_string());
    let start = Instant::now();
    drop(lua);
    Embedded { result, teardown: start.elapsed() }
}
