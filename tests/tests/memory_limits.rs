//! Memory limits (issue 14): under a 64 MiB limit, a script that keeps 200
//! received messages of 1 MiB gets a catchable out-of-memory error, drops
//! them and goes on (tests/scripts/{js,lua}/memlimit.*), in `qjs
//! --memory-limit`, `zlua --memory-limit` and in a host that sets the limit
//! through the embedding API (`zmq_quickjs::set_memory_limit`,
//! `zmq_lua::set_memory_limit`). Without the copy-when-limited rule, QuickJS
//! kept all 200 zero-copy messages (200 MiB) under the 64 MiB limit.

use integration_tests::{script_path, Engine, Proc};

const LIMIT: usize = 64 << 20;

fn run_runner(engine: Engine) {
    engine.prepare();
    let inner = engine.command("memlimit", &[]);
    let mut cmd = std::process::Command::new(inner.get_program());
    let mut args: Vec<_> = inner.get_args().map(|a| a.to_os_string()).collect();
    args.insert(0, "64m".into());
    args.insert(0, "--memory-limit".into());
    cmd.args(args);
    for (k, v) in inner.get_envs() {
        if let Some(v) = v {
            cmd.env(k, v);
        }
    }
    let name = format!("{} --memory-limit 64m memlimit", engine.name());
    let out = Proc::spawn(&name, cmd).finish();
    assert!(out.ok() && out.stdout.contains("alive"), "{name}: {}", out.describe());
    assert_eq!(
        out.stdout.matches("out of memory after").count(),
        2,
        "{name}: {}",
        out.describe()
    );
}

#[test]
fn qjs_memory_limit_counts_received_messages() {
    run_runner(Engine::Qjs);
}

#[test]
fn zlua_memory_limit_counts_received_messages() {
    run_runner(Engine::Zlua);
}

#[test]
fn embedded_quickjs_memory_limit_counts_received_messages() {
    use zmq_quickjs::host::run;
    let script = script_path("js", "memlimit.js");
    let name = script.to_string_lossy().into_owned();
    let source = std::fs::read(&script).unwrap();
    let rt = rquickjs::Runtime::new().unwrap();
    let context = rquickjs::Context::full(&rt).unwrap();
    let host = zmq_quickjs::install(&context, zmq_quickjs::Options::full().args([name.clone()])).unwrap();
    let result = context.with(|ctx| {
        zmq_quickjs::set_memory_limit(&ctx, LIMIT).unwrap();
        match run::run_main(&ctx, &name, source) {
            Ok(()) => Ok(()),
            Err(rquickjs::Error::Exception) => {
                let e = ctx.catch();
                Err(run::exception_text(&ctx, &e))
            }
            Err(e) => Err(e.to_string()),
        }
    });
    drop(host);
    drop(context);
    drop(rt);
    result.unwrap();
}

#[test]
fn embedded_lua_memory_limit_counts_received_messages() {
    let script = script_path("lua", "memlimit.lua");
    let source = std::fs::read(&script).unwrap();
    let lua = mlua::Lua::new();
    zmq_lua::install(&lua).unwrap();
    let result = (|| -> mlua::Result<()> {
        let dir = script.parent().unwrap().display().to_string();
        let package: mlua::Table = lua.globals().get("package")?;
        package.set("path", format!("{dir}/?.lua;{}", package.get::<String>("path")?))?;
        lua.globals().set("arg", lua.create_table()?)?;
        zmq_lua::set_memory_limit(&lua, LIMIT)?;
        lua.load(source).set_name("@memlimit.lua").exec()
    })();
    drop(lua);
    result.unwrap();
}

#[test]
fn lua_limit_without_zmq_is_a_catchable_error_too() {
    // The Lua side needs no copy rule: strings live in the Lua heap. A plain
    // allocation past the limit is the same catchable error.
    let lua = mlua::Lua::new();
    zmq_lua::install(&lua).unwrap();
    zmq_lua::set_memory_limit(&lua, LIMIT).unwrap();
    let ok: bool = lua
        .load("local ok, e = pcall(string.rep, 'x', 128 * 1024 * 1024); return not ok and tostring(e):find('not enough memory') ~= nil")
        .eval()
        .unwrap();
    assert!(ok);
}
