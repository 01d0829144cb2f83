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
//! - [`host`]: console, `"std"`, `"os"`, timers, module loading and the run loop.
//!
//! ## Embedding
//!
//! One call gives a host's own rquickjs runtime the module plus the host
//! pieces `qjs` offers (`console`, `print`, `scriptArgs`, `"std"`, `"os"`,
//! timers, relative imports):
//!
//! ```
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
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! [`Options::module_only`] registers `"zmq"` alone. A host with its own
//! loader can instead add the module by name:
//! `rquickjs::loader::ModuleLoader::default().with_module("zmq", zmq_quickjs::Zmq)`.
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

mod auth;
mod context;
mod convert;
pub mod error;
pub mod host;
mod module;
mod poller;
mod socket;

pub use context::Context;
pub use module::{build as build_module_object, Zmq};
pub use poller::Poller;
pub use socket::SocketData;

use host::loader::{ModuleLoader, ModuleResolver, Modules};
use module::State;
use rquickjs::Ctx;
use std::cell::Cell;
use std::rc::Rc;

/// What [`install`] sets up.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `console.*` and `print` globals.
    pub console: bool,
    /// The `"std"` and `"os"` modules.
    pub std_os: bool,
    /// Global `setTimeout`/`clearTimeout`/`setInterval`/`clearInterval`.
    pub timers: bool,
    /// Importing script files by relative or absolute path.
    pub files: bool,
    /// `scriptArgs` (set if `Some`).
    pub script_args: Option<Vec<String>>,
    /// Report a promise rejected without a handler as an uncaught exception
    /// (sets the runtime's rejection tracker, see [`host::track_rejections`]).
    pub track_rejections: bool,
}

impl Options {
    /// Everything `qjs` has: console, std, os, timers, file imports,
    /// `scriptArgs = []`, unhandled rejections reported.
    pub fn full() -> Options {
        Options {
            console: true,
            std_os: true,
            timers: true,
            files: true,
            script_args: Some(Vec::new()),
            track_rejections: true,
        }
    }

    /// Only the `"zmq"` module (no globals, no other modules).
    pub fn module_only() -> Options {
        Options::default()
    }

    /// Set `scriptArgs` (the script name first, as `qjs` does).
    pub fn args<I, S>(mut self, args: I) -> Options
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.script_args = Some(args.into_iter().map(Into::into).collect());
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
/// host's rquickjs context. Replaces the runtime's module loader.
///
/// Errors: only if QuickJS fails to allocate.
pub fn install(context: &rquickjs::Context, options: Options) -> rquickjs::Result<Installed> {
    let modules = Modules {
        std_os: options.std_os,
        files: options.files,
    };
    context
        .runtime()
        .set_loader(ModuleResolver(modules), ModuleLoader(modules));
    if options.track_rejections {
        host::track_rejections(context.runtime());
    }
    context.with(|ctx| install_in(&ctx, &options))
}

/// [`install`] without the module loader, for use inside `Context::with`
/// (the loader is per runtime: set [`host::loader`]'s pair yourself).
pub fn install_in(ctx: &Ctx<'_>, options: &Options) -> rquickjs::Result<Installed> {
    let closing = State::closing_flag(ctx)?;
    host::HostState::ensure(ctx)?;
    if options.console {
        host::console::install(ctx)?;
    }
    if options.timers {
        host::timers::install(ctx)?;
    }
    if let Some(args) = &options.script_args {
        ctx.globals().set("scriptArgs", args.clone())?;
    }
    Ok(Installed { closing })
}

/// Mark the runtime as shutting down: from now on, sockets finalized while
/// still open get LINGER 0 first. Call it before dropping the runtime.
pub fn shutdown(ctx: &Ctx<'_>) {
    if let Ok(flag) = State::closing_flag(ctx) {
        flag.set(true);
    }
}
