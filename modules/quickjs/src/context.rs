//! `zmq.Context`: `new zmq.Context()`, then `socket()`, `set()`, `get()`,
//! `shutdown()`, `term()`, `auth()`.
//!
//! A socket holds its core context, so `new zmq.Context().socket(zmq.PUSH)`
//! keeps working after the Context object is collected; the libzmq context
//! is terminated once the Context object and all of its sockets are gone.

use crate::convert;
use crate::error::{type_error, OrThrow};
use crate::module::State;
use rquickjs::class::Trace;
use rquickjs::{Ctx, JsLifetime, Value};
use std::cell::Cell;
use std::rc::Rc;
use zmq_script as zs;

/// A ZeroMQ context as seen from JavaScript.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Context")]
pub struct Context {
    #[qjs(skip_trace)]
    ctx: zs::Context,
    #[qjs(skip_trace)]
    closing: Rc<Cell<bool>>,
}

impl Context {
    /// The core context.
    pub fn inner(&self) -> &zs::Context {
        &self.ctx
    }

    /// A Context object for a core context.
    pub(crate) fn wrap(ctx: zs::Context, closing: Rc<Cell<bool>>) -> Context {
        Context { ctx, closing }
    }
}

/// A context option named by a constant (`zmq.BLOCKY`) or a string (`"BLOCKY"`).
fn context_option<'js>(ctx: &Ctx<'js>, option: &Value<'js>, write: bool) -> rquickjs::Result<i32> {
    if let Some(s) = option.as_string() {
        let name = s.to_string()?;
        return zs::options::context_option(&name).map(|o| o.id).or_throw(ctx);
    }
    if option.is_number() {
        return convert::int_arg(ctx, Some(option), None, "option");
    }
    let what = if write { "set" } else { "get" };
    Err(type_error(
        ctx,
        &format!(
            "{what}(): option must be a constant such as zmq.BLOCKY or a name, not {}",
            convert::type_name(option)
        ),
    ))
}

#[rquickjs::methods]
impl Context {
    /// `new zmq.Context()`: a new context, or a lease of the host's shared
    /// one (see [`crate::set_default_context`]).
    #[qjs(constructor)]
    pub fn new(ctx: Ctx<'_>) -> rquickjs::Result<Context> {
        let closing = State::closing_flag(&ctx)?;
        let inner = crate::shared::new_context(&ctx).or_throw(&ctx)?;
        Ok(Context { ctx: inner, closing })
    }

    /// `socket(type)` → a new Socket (`type` is `zmq.PUB`... or a name such as `"PUB"`).
    pub fn socket<'js>(&self, ctx: Ctx<'js>, kind: Value<'js>) -> rquickjs::Result<Value<'js>> {
        let kind = if let Some(s) = kind.as_string() {
            zs::constants::socket_type::parse(&s.to_string()?).or_throw(&ctx)?
        } else {
            convert::int_arg(&ctx, Some(&kind), None, "socket(): type")?
        };
        let sock = self.ctx.socket(kind).or_throw(&ctx)?;
        crate::socket::new_socket(&ctx, sock, self.closing.clone())
    }

    /// `set(option, value)` → 0.
    pub fn set<'js>(&self, ctx: Ctx<'js>, option: Value<'js>, value: Value<'js>) -> rquickjs::Result<i32> {
        let id = context_option(&ctx, &option, true)?;
        let v = if let Some(b) = value.as_bool() {
            b as i32
        } else {
            convert::int_arg(&ctx, Some(&value), None, "set(): value")?
        };
        self.ctx.set(id, v).or_throw(&ctx).map(|_| 0)
    }

    /// `get(option)` → number.
    pub fn get<'js>(&self, ctx: Ctx<'js>, option: Value<'js>) -> rquickjs::Result<i32> {
        let id = context_option(&ctx, &option, false)?;
        self.ctx.get(id).or_throw(&ctx)
    }

    /// `shutdown()` → 0: blocking calls on this context's sockets end with ETERM.
    pub fn shutdown(&self, ctx: Ctx<'_>) -> rquickjs::Result<i32> {
        self.ctx.shutdown().or_throw(&ctx).map(|_| 0)
    }

    /// `term()` → 0: closes the sockets still open (keeping their LINGER),
    /// then terminates; their pending `*_async` operations reject (ETERM). Idempotent.
    pub fn term(&self, ctx: Ctx<'_>) -> rquickjs::Result<i32> {
        self.ctx.term().or_throw(&ctx)?;
        crate::async_ops::settle_closed(&ctx)?;
        Ok(0)
    }

    /// `auth(config)` → an Authenticator: ZAP authentication of this
    /// context's incoming connections (see `crate::auth`). EINVAL for a bad config.
    pub fn auth<'js>(
        &self,
        ctx: Ctx<'js>,
        config: rquickjs::prelude::Opt<Value<'js>>,
    ) -> rquickjs::Result<rquickjs::Class<'js, crate::auth::Authenticator>> {
        crate::auth::start(&ctx, &self.ctx, config.0)
    }

    /// `terminated` → true once `term()` ran.
    #[qjs(get)]
    pub fn terminated(&self) -> bool {
        self.ctx.is_terminated()
    }
}
