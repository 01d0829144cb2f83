//! One process, two engines, one ZeroMQ context: a JavaScript runtime and a
//! Lua state, each on a thread of its own, talk over `inproc://`.
//!
//! ```text
//! cargo run -p zmq-quickjs --example cross_engine
//! ```
//!
//! The host makes one core context and lends it to both engines
//! (`zmq_quickjs::set_default_context`, `zmq_lua::set_default_context`), so a
//! plain `new zmq.Context()` in JS and a plain `zmq.new()` in Lua land in it.
//! Lua binds a REP socket that JS connects to, and JS binds a PUB socket that
//! Lua subscribes to: each engine binds once and connects once. A script's
//! `term()` (or its runtime going away) closes only that script's sockets;
//! the host terminates the context at the end.

use zmq_lua::mlua;
use zmq_quickjs::host::run;
use zmq_quickjs::{rquickjs, zmq_script as zs, Caught};

/// The Lua side: answers requests, and once asked, waits for the news JS publishes.
const LUA: &str = r#"
local zmq = require "zmq"
local rep = zmq.new("REP")
rep:bind("inproc://lua-rep")
local sub = zmq.new("SUB")
sub:setsockopt("SUBSCRIBE", "news")
sub:connect("inproc://js-pub")
rep:set_timeout(10)
sub:set_timeout(10)

local hello = rep:recv()
rep:send(hello .. " from Lua")

assert(rep:recv() == "news?")
local news = sub:recv()                  -- JS publishes until this arrives
rep:send("Lua got " .. news)
return "Lua served " .. hello
"#;

/// The JS side: asks Lua, publishes until Lua has heard, reports both answers.
const JS: &str = r#"
import * as zmq from "zmq";
import * as os from "os";
const ctx = new zmq.Context();              // a lease of the host's context
const pub = ctx.socket(zmq.PUB);
pub.bind("inproc://js-pub");
const req = ctx.socket(zmq.REQ);
req.setsockopt(zmq.RCVTIMEO, 10000);
req.connect("inproc://lua-rep");

req.send("hello");
const greeting = req.recv_str();

req.send("news?");
let answer;
for (let i = 0; answer === undefined && i < 1000; i++) {
  pub.send("news #" + i);                   // a subscription takes a moment to arrive
  os.sleep(5);
  answer = req.recv_str(zmq.DONTWAIT);
}
globalThis.result = `${greeting}; ${answer}`;
ctx.term();                                  // closes this script's sockets only
"#;

fn run_lua(context: zs::Context) -> Result<String, String> {
    let run = || -> mlua::Result<String> {
        let lua = mlua::Lua::new();
        zmq_lua::install(&lua)?;
        zmq_lua::set_default_context(&lua, &context)?;
        lua.load(LUA).set_name("=lua-side").eval()
    };
    run().map_err(|e| e.to_string()) // mlua errors stay on their thread
}

fn run_js(context: zs::Context) -> Result<String, String> {
    let run = || -> Result<String, Box<dyn std::error::Error>> {
        let rt = rquickjs::Runtime::new()?;
        let js = rquickjs::Context::full(&rt)?;
        let _host = zmq_quickjs::install(&js, zmq_quickjs::Options::full())?;
        let result = js.with(|ctx| -> Result<String, zmq_quickjs::ScriptError> {
            zmq_quickjs::set_default_context(&ctx, &context).caught(&ctx)?;
            run::run_main(&ctx, "js-side.js", JS).caught(&ctx)?;
            ctx.globals().get("result").caught(&ctx)
        })?;
        Ok(result)
    };
    run().map_err(|e| e.to_string())
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let context = zs::Context::new()?;
    let lua = {
        let context = context.clone();
        std::thread::spawn(move || run_lua(context))
    };
    let js = {
        let context = context.clone();
        std::thread::spawn(move || run_js(context))
    };
    let js = js.join().map_err(|_| "the JS thread panicked")??;
    let lua = lua.join().map_err(|_| "the Lua thread panicked")??;
    println!("{js}");
    println!("{lua}");
    assert!(js.starts_with("hello from Lua; Lua got news #"), "{js}");
    assert_eq!(lua, "Lua served hello");
    // Both scripts' sockets are closed; the context is the host's to end.
    assert_eq!(context.open_sockets(), 0);
    context.term()?;
    Ok(())
}
