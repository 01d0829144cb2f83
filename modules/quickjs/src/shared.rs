//! Objects the host hands to scripts: a context shared with other runtimes
//! and Lua states, and core sockets or contexts wrapped as JS objects.
//!
//! With [`set_default_context`], every `new zmq.Context()` in the runtime is
//! a lease of the host's context ([`zs::Context::lease`]): the script's
//! sockets meet the host's, and other engines', over `inproc://`, and the
//! script's `term()` closes only its own sockets. The host terminates the
//! context itself.

use crate::module::State;
use rquickjs::class::Class;
use rquickjs::{Ctx, JsLifetime, Value};
use zmq_script as zs;

/// The host's shared context (runtime userdata).
struct SharedContext(zs::Context);

// SAFETY: SharedContext holds no JS value, so it has no lifetime to change.
unsafe impl<'js> JsLifetime<'js> for SharedContext {
    type Changed<'to> = SharedContext;
}

/// From now on, `new zmq.Context()` in this runtime gives a lease of
/// `context` instead of a new context (call it before scripts run; contexts
/// made earlier are unaffected). Errors only if QuickJS fails to allocate.
pub fn set_default_context(ctx: &Ctx<'_>, context: &zs::Context) -> rquickjs::Result<()> {
    ctx.store_userdata(SharedContext(context.clone())).map_err(|_| rquickjs::Error::Unknown)?;
    Ok(())
}

/// What `new zmq.Context()` makes: a lease of the shared context, or a new one.
pub(crate) fn new_context(ctx: &Ctx<'_>) -> zs::Result<zs::Context> {
    match ctx.userdata::<SharedContext>() {
        Some(shared) => Ok(shared.0.lease()),
        None => zs::Context::new(),
    }
}

/// A `zmq.Context` object for a core context the host made (or a lease of one).
pub fn context_value<'js>(ctx: &Ctx<'js>, context: zs::Context) -> rquickjs::Result<Value<'js>> {
    crate::module::build(ctx)?; // the classes, as the script will see them
    let closing = State::closing_flag(ctx)?;
    Ok(Class::instance(ctx.clone(), crate::context::Context::wrap(context, closing))?.into_value())
}

/// A `zmq.Socket` object for a core socket the host made, in any context.
pub fn socket_value<'js>(ctx: &Ctx<'js>, socket: zs::Socket) -> rquickjs::Result<Value<'js>> {
    crate::module::build(ctx)?; // the classes, as the script will see them
    let closing = State::closing_flag(ctx)?;
    crate::socket::new_socket(ctx, socket, closing)
}
