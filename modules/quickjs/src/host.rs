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
use rquickjs::{Ctx, JsLifetime};
use ::std::cell::{Cell, RefCell};

/// Per-runtime host state (in the runtime's userdata): the exit code asked
/// for by `std.exit()` and the timer queue.
pub(crate) struct HostState<'js> {
    pub(crate) exit_code: Cell<Option<i32>>,
    pub(crate) timers: RefCell<Timers<'js>>,
}

unsafe impl<'js> JsLifetime<'js> for HostState<'js> {
    type Changed<'to> = HostState<'to>;
}

impl<'js> HostState<'js> {
    /// Create the state if it does not exist yet.
    pub(crate) fn ensure(ctx: &Ctx<'js>) -> rquickjs::Result<()> {
        if ctx.userdata::<HostState>().is_none() {
            let state = HostState { exit_code: Cell::new(None), timers: RefCell::new(Timers::default()) };
            ctx.store_userdata(state).map_err(|_| rquickjs::Error::Unknown)?;
        }
        Ok(())
    }
}

/// The exit code a script asked for with `std.exit(code)`, if it did.
pub fn exit_code(ctx: &Ctx<'_>) -> Option<i32> {
    ctx.userdata::<HostState>().and_then(|s| s.exit_code.get())
}
