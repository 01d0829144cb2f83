//! What a host hands to scripts: its context as the default behind
//! `new zmq.Context()` (a lease), and core sockets/contexts as JS objects;
//! and script errors reaching the host with their text.

use rquickjs::{Context, Runtime};
use zmq_quickjs::{Caught, ScriptError};
use zmq_script as zs;

fn runtime() -> (Runtime, Context) {
    let rt = Runtime::new().unwrap();
    let context = Context::full(&rt).unwrap();
    (rt, context)
}

fn run(ctx: &rquickjs::Ctx<'_>, source: &str) -> Result<(), ScriptError> {
    let m = rquickjs::Module::declare(ctx.clone(), "test.js", source).caught(ctx)?;
    let (_, promise) = m.eval().caught(ctx)?;
    promise.finish::<()>().caught(ctx)
}

#[test]
fn new_context_is_a_lease_of_the_shared_one() {
    let shared = zs::Context::new().unwrap();
    let pull = shared.socket(zs::constants::socket_type::PULL).unwrap();
    pull.bind("inproc://shared-with-js").unwrap();
    pull.set("RCVTIMEO", zs::OptionValue::Int(10_000)).unwrap();
    let (_rt, context) = runtime();
    let _host = zmq_quickjs::install(&context, zmq_quickjs::Options::module_only()).unwrap();
    context
        .with(|ctx| {
            zmq_quickjs::set_default_context(&ctx, &shared).unwrap();
            run(
                &ctx,
                r#"
                import * as zmq from "zmq";
                const ctx = new zmq.Context();
                const push = ctx.socket(zmq.PUSH);
                push.connect("inproc://shared-with-js");
                push.send("from a lease");
                ctx.term();
                if (!push.closed || !ctx.terminated) throw new Error("term() must end the lease");
            "#,
            )
        })
        .unwrap();
    assert_eq!(pull.recv(0).unwrap().data(), b"from a lease");
    assert!(!shared.is_terminated(), "the script's term() leaves the host's context running");
    shared.term().unwrap();
}

#[test]
fn host_sockets_and_contexts_become_js_objects() {
    let core = zs::Context::new().unwrap();
    let pull = core.socket(zs::constants::socket_type::PULL).unwrap();
    pull.bind("inproc://handed-over").unwrap();
    let (_rt, context) = runtime();
    let _host = zmq_quickjs::install(&context, zmq_quickjs::Options::module_only()).unwrap();
    let got = context
        .with(|ctx| -> Result<String, ScriptError> {
            ctx.globals().set("pull", zmq_quickjs::socket_value(&ctx, pull.clone()).caught(&ctx)?).caught(&ctx)?;
            ctx.globals().set("core", zmq_quickjs::context_value(&ctx, core.clone()).caught(&ctx)?).caught(&ctx)?;
            run(
                &ctx,
                r#"
                import * as zmq from "zmq";
                if (!(pull instanceof zmq.Socket) || !(core instanceof zmq.Context)) throw new Error("wrong classes");
                const push = core.socket(zmq.PUSH);
                push.connect("inproc://handed-over");
                push.send("handed over");
                globalThis.got = pull.recv_str();
            "#,
            )?;
            ctx.globals().get("got").caught(&ctx)
        })
        .unwrap();
    assert_eq!(got, "handed over");
    core.term().unwrap();
}

#[test]
fn script_errors_reach_the_host_with_text_and_stack() {
    let (_rt, context) = runtime();
    let _host = zmq_quickjs::install(&context, zmq_quickjs::Options::module_only()).unwrap();
    let err = context
        .with(|ctx| {
            run(
                &ctx,
                r#"
                import * as zmq from "zmq";
                function bindTwice() {
                    const s = new zmq.Context().socket(zmq.PULL);
                    s.bind("inproc://twice");
                    new zmq.Context().socket(zmq.PULL).bind("tcp://127.0.0.1:70000");
                }
                bindTwice();
            "#,
            )
        })
        .unwrap_err();
    let text = err.to_string();
    assert!(text.starts_with("ZmqError: "), "{text}");
    assert!(text.contains("bindTwice"), "the stack names the function: {text}");
    assert_ne!(text, "Exception");
}
