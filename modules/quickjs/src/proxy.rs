//! `zmq.proxy()` and `zmq.proxy_steerable()`: module functions that hand
//! Socket objects to the core's proxy loops.

use crate::error::{type_error, OrThrow};
use crate::socket::socket_of;
use rquickjs::{Ctx, Value};
use zmq_script as zs;

/// The socket of argument `what` of `func`, or a TypeError.
fn proxy_socket(ctx: &Ctx<'_>, v: &Value<'_>, func: &str, what: &str) -> rquickjs::Result<zs::Socket> {
    socket_of(ctx, v)
        .map(|s| s.inner().clone())
        .ok_or_else(|| type_error(ctx, &format!("{func}(): {what} must be a Socket")))
}

/// An optional capture socket: absent, `undefined` and `null` mean none.
fn capture_socket(ctx: &Ctx<'_>, v: Option<&Value<'_>>, func: &str) -> rquickjs::Result<Option<zs::Socket>> {
    match v {
        Some(v) if !v.is_undefined() && !v.is_null() => proxy_socket(ctx, v, func, "capture").map(Some),
        _ => Ok(None),
    }
}

/// `zmq.proxy(frontend, backend, capture?)`: forward messages both ways until
/// the context is terminated (throws ETERM) or the script is interrupted.
pub(crate) fn proxy<'js>(
    ctx: Ctx<'js>,
    frontend: Value<'js>,
    backend: Value<'js>,
    capture: rquickjs::prelude::Opt<Value<'js>>,
) -> rquickjs::Result<i32> {
    let f = proxy_socket(&ctx, &frontend, "proxy", "frontend")?;
    let b = proxy_socket(&ctx, &backend, "proxy", "backend")?;
    let c = capture_socket(&ctx, capture.0.as_ref(), "proxy")?;
    zs::proxy(&f, &b, c.as_ref()).or_throw(&ctx).map(|_| 0)
}

/// `zmq.proxy_steerable(frontend, backend, capture, control)`: like `proxy`,
/// steered by messages on `control` (`PAUSE`, `RESUME`, `TERMINATE`,
/// `STATISTICS`); returns 0 after `TERMINATE`.
pub(crate) fn proxy_steerable<'js>(
    ctx: Ctx<'js>,
    frontend: Value<'js>,
    backend: Value<'js>,
    capture: Value<'js>,
    control: Value<'js>,
) -> rquickjs::Result<i32> {
    const F: &str = "proxy_steerable";
    let f = proxy_socket(&ctx, &frontend, F, "frontend")?;
    let b = proxy_socket(&ctx, &backend, F, "backend")?;
    let c = capture_socket(&ctx, Some(&capture), F)?;
    let k = proxy_socket(&ctx, &control, F, "control")?;
    zs::proxy_steerable(&f, &b, c.as_ref(), &k).or_throw(&ctx).map(|_| 0)
}
