//! What a script runner provides besides `"zmq"`: `console` and `print`,
//! `scriptArgs`, the `"std"` and `"os"` modules, timers, module loading
//! (builtins and relative files), and the loop that runs jobs and timers.
//!
//! [`crate::install`] sets all of it up in one call; the pieces are public
//! for hosts that want only some of them.

pub mod console;
pub mod loader;
pub mod os;
pub mod run;
pub mod std;
pub mod timers;

use self::timers::Timers;
use ::std::cell::{Cell, RefCell};
use rquickjs::{Ctx, JsLifetime, Runtime, Value};

/// Per-runtime host state (in the runtime's userdata): the exit code asked
/// for by `std.exit()`, the timer queue and the promises rejected without a handler.
pub(crate) struct HostState<'js> {
    pub(crate) exit_code: Cell<Option<i32>>,
    pub(crate) timers: RefCell<Timers<'js>>,
    /// `(promise, reason)` of rejections no handler has seen yet (if tracked).
    pub(crate) rejections: RefCell<Vec<(Value<'js>, Value<'js>)>>,
}

unsafe impl<'js> JsLifetime<'js> for HostState<'js> {
    type Changed<'to> = HostState<'to>;
}

impl<'js> HostState<'js> {
    /// Create the state if it does not exist yet.
    pub(crate) fn ensure(ctx: &Ctx<'js>) -> rquickjs::Result<()> {
        if ctx.userdata::<HostState>().is_none() {
            let state = HostState {
                exit_code: Cell::new(None),
                timers: RefCell::new(Timers::default()),
                rejections: RefCell::new(Vec::new()),
            };
            ctx.store_userdata(state).map_err(|_| rquickjs::Error::Unknown)?;
        }
        Ok(())
    }
}

/// The exit code a script asked for with `std.exit(code)`, if it did.
pub fn exit_code(ctx: &Ctx<'_>) -> Option<i32> {
    ctx.userdata::<HostState>().and_then(|s| s.exit_code.get())
}

/// Track promises rejected without a handler, so that [`run::run_loop`]
/// reports the first one still unhandled once pending jobs have run
/// (as an uncaught exception). Replaces the runtime's rejection tracker.
pub fn track_rejections(rt: &Runtime) {
    rt.set_host_promise_rejection_tracker(Some(Box::new(|ctx, promise, reason, is_handled| {
        if HostState::ensure(&ctx).is_err() {
            return;
        }
        if let Some(state) = ctx.userdata::<HostState>() {
            let mut list = state.rejections.borrow_mut();
            if is_handled {
                list.retain(|(p, _)| *p != promise);
            } else {
                list.push((promise, reason));
            }
        }
    })));
}

/// The reason of the oldest rejection still unhandled, removing it.
pub(crate) fn take_unhandled_rejection<'js>(ctx: &Ctx<'js>) -> Option<Value<'js>> {
    let state = ctx.userdata::<HostState>()?;
    let mut list = state.rejections.borrow_mut();
    if list.is_empty() {
        None
    } else {
        Some(list.remove(0).1)
    }
}

/// Declare `names` and `default` for a host module whose exports are the
/// properties of one object.
pub(crate) fn declare_object_exports(
    decl: &rquickjs::module::Declarations<'_>,
    names: &[&'static str],
) -> rquickjs::Result<()> {
    for name in names {
        decl.declare(*name)?;
    }
    decl.declare("default")?;
    Ok(())
}

/// Export the properties `names` of `obj`, and `obj` itself as `default`.
pub(crate) fn export_object<'js>(
    exports: &rquickjs::module::Exports<'js>,
    obj: rquickjs::Object<'js>,
    names: &[&'static str],
) -> rquickjs::Result<()> {
    for name in names {
        exports.export(*name, obj.get::<_, Value>(*name)?)?;
    }
    exports.export("default", obj)?;
    Ok(())
}
