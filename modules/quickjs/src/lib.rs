//! # zmq-quickjs: the `"zmq"` ES module for rquickjs
//!
//! ```js
//! import * as zmq from "zmq";
//! const ctx = new zmq.Context();
//! const sock = ctx.socket(zmq.PUSH);
//! sock.connect("tcp://localhost:5555");
//! sock.send("hello");
//! ```
//!
//! The JavaScript API is the one of `quickjs-zmq-module.md` (ffglitch's QuickJS
//! `zmq` module): the `Context`, `Socket` and `Poller` classes, `version()`,
//! `has()`, every libzmq constant without `ZMQ_`, and `zmq.ZmqError` for
//! failures (see [`error`]); `README.md` is the reference. Everything
//! ZeroMQ-specific lives in the engine-free core crate `zmq-script`; this crate
//! only converts values (the rules are in `src/convert.rs`) and maps errors.
//!
//! - [`Zmq`]: the module definition; [`install`] sets it up with the host pieces.
//! - [`Context`] and [`Poller`] are rquickjs classes; Socket is a QuickJS class
//!   of its own whose methods are plain C functions ([`SocketData`] is what a
//!   Socket object owns).
//! - `host` (feature `host`, on by default): the crate `zmq-quickjs-host`
//!   re-exported — console, `"std"`, `"os"`, timers, module loading and the
//!   run loop. It knows no ZeroMQ; [`install`] registers `"zmq"` in its loader.
//!
//! ## Embedding
//!
//! One call gives a host's own rquickjs runtime the module plus the host
//! pieces `qjs` offers (`console`, `print`, `scriptArgs`, `"std"`, `"os"`,
//! timers, relative imports):
//!
//! ```
//! # #[cfg(feature = "host")] {
//! use rquickjs::{Context, Runtime};
//! let rt = Runtime::new()?;
//! let context = Context::full(&rt)?;
//! let host = zmq_quickjs::install(&context, zmq_quickjs::Options::full().args(["app.js"]))?;
//! context.with(|ctx| -> rquickjs::Result<()> {
//!     let r = zmq_quickjs::host::run::run_main(&ctx, "app.js",
//!         "import * as zmq from 'zmq'; globalThis.v = zmq.version()[0];");
//!     if r.is_err() {
//!         let e = ctx.catch();
//!         zmq_quickjs::host::run::report_exception(&ctx, &e);
//!     }
//!     assert_eq!(ctx.globals().get::<_, i32>("v")?, 4);
//!     Ok(())
//! })?;
//! drop(host); // sockets still open get LINGER 0 when the runtime goes
//! # }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Options::module_only`] registers `"zmq"` alone. A host with its own
//! loader can instead add the module by name:
//! `rquickjs::loader::ModuleLoader::default().with_module("zmq", zmq_quickjs::Zmq)`.
//!
//! ## Features
//!
//! | feature | default | what |
//! |---|---|---|
//! | `host` | on | `zmq_quickjs::host` (the crate `zmq-quickjs-host`); `Options::full()`, `args()`, `with_module()` and the `Options::host` field; the event loop that settles `*_async` operations which have to wait |
//!
//! Without `host` (`default-features = false`) the crate builds the `"zmq"`
//! module alone: `install(&context, Options::module_only())` sets rquickjs's
//! own builtin resolver and loader serving `"zmq"`, and the host pieces are
//! neither compiled nor linked. Without the host's event loop, a `*_async` call still settles
//! when it can complete at once (or fails), but one that has to wait stays pending.
//!
//! ## Lifetimes
//!
//! A socket keeps its context alive; the libzmq context is terminated when
//! the `Context` object and all its sockets are gone (or by `term()`).
//! Sockets collected during the run close keeping their LINGER. When the
//! host tears down (dropping the [`Installed`] guard, or [`shutdown`]), the
//! sockets still open get LINGER 0, as the reference module's context
//! finalizer does, so exit never waits for absent peers; sockets the script
//! closed itself keep their LINGER (so `producer.js` delivers).

mod async_ops;
mod auth;
mod context;
mod convert;
pub mod error;
pub mod memory;
mod module;
mod poller;
mod proxy;
mod shared;
mod socket;

pub use context::Context;
pub use error::{Caught, ScriptError};
pub use memory::set_memory_limit;
pub use module::{build as build_module_object, Zmq};
pub use poller::Poller;
pub use shared::{context_value, set_default_context, socket_value};
/// The engine this module is built for, so a host needs no dependency line of its own.
pub use rquickjs;
/// The engine-free core: contexts and sockets a host makes and shares with scripts.
pub use zmq_script;
pub use socket::SocketData;
/// The host pieces: console, `"std"`, `"os"`, timers, module loading, the run loop.
#[cfg(feature = "host")]
pub use zmq_quickjs_host as host;

use module::State;
use rquickjs::Ctx;
use std::cell::Cell;
use std::rc::Rc;

/// What [`install`] sets up: `"zmq"` always; the host pieces per `host`
/// (feature `host`; without it there is nothing to choose).
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// The host pieces to set up besides `"zmq"` (none by default).
    #[cfg(feature = "host")]
    pub host: host::Options,
}

impl Options {
    /// Everything `qjs` has: console, std, os, timers, file imports,
    /// `scriptArgs = []`, unhandled rejections reported.
    #[cfg(feature = "host")]
    pub fn full() -> Options {
        Options {
            host: host::Options::full(),
        }
    }

    /// Only the `"zmq"` module (no globals, no other modules).
    pub fn module_only() -> Options {
        Options::default()
    }

    /// Set `scriptArgs` (the script name first, as `qjs` does).
    #[cfg(feature = "host")]
    pub fn args<I, S>(mut self, args: I) -> Options
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.host = self.host.args(args);
        self
    }

    /// Also serve the host's own module `M` under `name`, beside `"zmq"`.
    #[cfg(feature = "host")]
    pub fn with_module<M: rquickjs::module::ModuleDef>(mut self, name: &str) -> Options {
        self.host = self.host.with_module::<M>(name);
        self
    }
}

/// Returned by [`install`]; dropping it (before the runtime) calls
/// [`shutdown`] so that teardown is instant.
#[must_use = "dropping the guard at once would mark the runtime as shutting down"]
pub struct Installed {
    closing: Rc<Cell<bool>>,
}

impl Installed {
    /// A handle that starts the shutdown from elsewhere, e.g. from the
    /// runtime's interrupt handler when a signal ends the script.
    pub fn shutdown_handle(&self) -> ShutdownHandle {
        ShutdownHandle(self.closing.clone())
    }
}

/// Starts the runtime's shutdown (see [`shutdown`]); from [`Installed::shutdown_handle`].
#[derive(Clone)]
pub struct ShutdownHandle(Rc<Cell<bool>>);

impl ShutdownHandle {
    /// From now on, sockets finalized while still open get LINGER 0 first.
    pub fn shutdown(&self) {
        self.0.set(true);
    }
}

impl Drop for Installed {
    fn drop(&mut self) {
        self.closing.set(true);
    }
}

/// Set up the `"zmq"` module (and, per `options`, the host pieces) on a
/// host's rquickjs context. Replaces the runtime's module loader (with
/// feature `host`, the one of `host::install_runtime`, serving `"zmq"` among
/// its builtins, and the rejection tracker if asked; without, rquickjs's
/// builtin pair serving `"zmq"` alone).
///
/// Errors: only if QuickJS fails to allocate.
pub fn install(context: &rquickjs::Context, options: Options) -> rquickjs::Result<Installed> {
    #[cfg(feature = "host")]
    host::install_runtime(context.runtime(), &options.host.clone().with_module::<Zmq>("zmq"));
    #[cfg(not(feature = "host"))]
    context.runtime().set_loader(
        rquickjs::loader::BuiltinResolver::default().with_module("zmq"),
        rquickjs::loader::ModuleLoader::default().with_module("zmq", Zmq),
    );
    context.with(|ctx| install_in(&ctx, &options))
}

/// [`install`] without what is per runtime (the module loader, the rejection
/// tracker), for use inside `Context::with`: set a loader serving `"zmq"`
/// yourself, e.g. `host::install_runtime` with
/// `host::Options::full().with_module::<Zmq>("zmq")`.
pub fn install_in(ctx: &Ctx<'_>, options: &Options) -> rquickjs::Result<Installed> {
    let closing = State::closing_flag(ctx)?;
    #[cfg(feature = "host")]
    {
        host::install_in(ctx, &options.host)?;
        // The host ends a script (std.exit(), Ctrl-C while sleeping) with an
        // uncatchable error: sockets freed while it unwinds must not linger.
        let flag = closing.clone();
        host::on_shutdown(ctx, move || flag.set(true))?;
        // The `*_async` operations wait in the host's run loop.
        async_ops::register(ctx)?;
    }
    #[cfg(not(feature = "host"))]
    let _ = options;
    Ok(Installed { closing })
}

/// Mark the runtime as shutting down: from now on, sockets finalized while
/// still open get LINGER 0 first. Call it before dropping the runtime.
pub fn shutdown(ctx: &Ctx<'_>) {
    if let Ok(flag) = State::closing_flag(ctx) {
        flag.set(true);
    }
}
