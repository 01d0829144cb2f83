//! A host outside the workspace: one shared context, a Lua state that binds and a JS
//! runtime that connects, using only what the two module crates re-export.
use zmq_lua::mlua;
use zmq_quickjs::{rquickjs, zmq_script as zs, Caught};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let context = zs::Context::new()?;

    let lua = mlua::Lua::new();
    zmq_lua::install(&lua)?;
    zmq_lua::set_default_context(&lua, &context)?;
    lua.load(r#"pull = require("zmq").new("PULL"); pull:bind("inproc://outside"); pull:set_timeout(10)"#)
        .exec()?;

    let rt = rquickjs::Runtime::new()?;
    let js = rquickjs::Context::full(&rt)?;
    let _host = zmq_quickjs::install(&js, zmq_quickjs::Options::module_only())?;
    js.with(|ctx| -> Result<(), zmq_quickjs::ScriptError> {
        zmq_quickjs::set_default_context(&ctx, &context).caught(&ctx)?;
        let m = rquickjs::Module::declare(ctx.clone(), "push.js", r#"
            import * as zmq from "zmq";
            const push = new zmq.Context().socket(zmq.PUSH);
            push.connect("inproc://outside");
            push.send("from JS");
        "#).caught(&ctx)?;
        let (_, promise) = m.eval().caught(&ctx)?;
        promise.finish::<()>().caught(&ctx)
    })?;

    let got: String = lua.load("return (pull:recv())").eval()?;
    println!("{got}");
    // A thrown JS error reaches the host with its text.
    let err = js.with(|ctx| ctx.eval::<(), _>("throw new RangeError('boom')").caught(&ctx)).unwrap_err();
    println!("{}", err.message);
    drop(lua);
    context.term()?;
    Ok(())
}
