//! Per-runtime host state, kept in the runtime's userdata: the exit code
//! asked for by `std.exit()`, the timer queue, the promises rejected without
//! a handler, and the hooks to run when the script is being ended.

use crate::timers::Timers;
use rquickjs::{Ctx, JsLifetime, Runtime, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// What one runtime's host pieces remember.
pub(crate) struct HostState<'js> {
    pub(crate) exit_code: Cell<Option<i32>>,
    pub(crate) timers: RefCell<Timers<'js>>,
    /// `(promise, reason)` of rejections no handler has seen yet (if tracked).
    pub(crate) rejections: RefCell<Vec<(Value<'js>, Value<'js>)>>,
    /// Run by [`shutdown`], in the order they were added.
    shutdown_hooks: RefCell<Vec<Rc<dyn Fn()>>>,
    /// What the run loop waits for on behalf of modules (see [`crate::events`]).
    pub(crate) sources: RefCell<Vec<Rc<dyn crate::events::EventSource>>>,
    /// `os.setReadHandler`/`os.setWriteHandler` callbacks.
    pub(crate) fd_handlers: RefCell<Vec<crate::events::FdHandler<'js>>>,
}

// SAFETY: the only `'js` values in the state (timer callbacks and arguments,
// rejected promises, fd handlers) belong to the runtime whose userdata holds it, and
// `Changed` only renames that lifetime.
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
                shutdown_hooks: RefCell::new(Vec::new()),
                sources: RefCell::new(Vec::new()),
                fd_handlers: RefCell::new(Vec::new()),
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

/// Run `hook` whenever the host pieces end the script with an uncatchable
/// error (`std.exit()`, an interrupt while sleeping or waiting for a timer):
/// e.g. `zmq_quickjs` marks its sockets to close with LINGER 0 while the
/// stack unwinds. A hook may run more than once.
///
/// Errors: only if QuickJS fails to allocate the state.
pub fn on_shutdown(ctx: &Ctx<'_>, hook: impl Fn() + 'static) -> rquickjs::Result<()> {
    HostState::ensure(ctx)?;
    let state = ctx.userdata::<HostState>().ok_or(rquickjs::Error::Unknown)?;
    state.shutdown_hooks.borrow_mut().push(Rc::new(hook));
    Ok(())
}

/// Run the hooks added with [`on_shutdown`].
pub fn shutdown(ctx: &Ctx<'_>) {
    let hooks = match ctx.userdata::<HostState>() {
        Some(state) => state.shutdown_hooks.borrow().clone(),
        None => return,
    };
    for hook in hooks {
        hook();
    }
}

/// Track promises rejected without a handler, so that [`crate::run::run_loop`]
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
