//! # zmq-quickjs-host: what a QuickJS script runner offers besides `"zmq"`
//!
//! `console` and `print`, `scriptArgs`, the `"std"` and `"os"` modules,
//! timers, module loading (builtin modules by name and script files by path)
//! and the loop that runs promise jobs and timers to the end — the pieces
//! `qjs` puts around the `"zmq"` module, for any rquickjs host.
//!
//! This crate knows no ZeroMQ module: a host registers builtin modules by
//! name ([`Options::with_module`]). `zmq-quickjs` depends on it through its
//! default feature `host`, re-exports it as `zmq_quickjs::host` and registers
//! `"zmq"` in its own `install`; a host that wants only `"zmq"` turns the
//! feature off and does not compile this crate. Blocking waits (`os.sleep`,
//! the wait for the next timer, `std.in`) consult the core's interrupt hook
//! (`zmq_script::interrupt`), as the zmq module's blocking calls do.
//!
//! - [`install`] sets up what [`Options`] asks for on an rquickjs context;
//!   the pieces are public for hosts that want only some of them.
//! - [`console`], [`std`], [`os`], [`timers`]: the globals and modules.
//! - [`loader`]: the resolver/loader pair [`install`] sets on the runtime.
//! - [`run`]: evaluate a module or script and run it to completion, or step
//!   the event loop from a host's own loop ([`run::step`]).
//! - [`events`]: [`EventSource`], how a module (the `"zmq"` module's
//!   pending operations) plugs into the one event loop.
//! - [`exit_code`], [`track_rejections`], [`on_shutdown`]: per-runtime state
//!   (`src/state.rs`).
//!
//! ```
//! use rquickjs::{Context, Runtime};
//! let rt = Runtime::new()?;
//! let context = Context::full(&rt)?;
//! zmq_quickjs_host::install(&context, &zmq_quickjs_host::Options::full().args(["app.js"]))?;
//! context.with(|ctx| -> rquickjs::Result<()> {
//!     zmq_quickjs_host::run::run_main(&ctx, "app.js",
//!         "import * as os from 'os'; setTimeout(() => { globalThis.done = scriptArgs[0]; }, 1);")?;
//!     assert_eq!(ctx.globals().get::<_, String>("done")?, "app.js");
//!     Ok(())
//! })?;
//! # Ok::<(), Box<dyn ::std::error::Error>>(())
//! ```

pub mod console;
mod error;
pub mod events;
pub mod os_io;
pub mod text;
pub mod loader;
pub mod os;
pub mod run;
mod state;
pub mod std;
pub mod timers;

pub use error::throw_uncatchable;
pub use events::{add_event_source, EventSource};
pub use loader::Builtin;
pub use state::{exit_code, on_shutdown, shutdown, track_rejections};

use loader::{ModuleLoader, ModuleResolver, Modules};
use rquickjs::module::ModuleDef;
use rquickjs::{Ctx, Runtime};

/// What [`install`] sets up.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// `console.*` and `print` globals, with `TextEncoder`/`TextDecoder`.
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
    /// (sets the runtime's rejection tracker, see [`track_rejections`]).
    pub track_rejections: bool,
    /// Further modules served by name (e.g. `"zmq"`), see [`Options::with_module`].
    pub builtins: Vec<Builtin>,
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
            builtins: Vec::new(),
        }
    }

    /// Nothing: no globals, no modules but those added with [`Options::with_module`].
    pub fn none() -> Options {
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

    /// Serve the module `M` under `name` (`import ... from "name"`).
    pub fn with_module<M: ModuleDef>(mut self, name: &str) -> Options {
        self.builtins.push(Builtin::new::<M>(name));
        self
    }

    /// The modules the loader serves: the builtins, `"std"`/`"os"` if enabled, files if enabled.
    fn modules(&self) -> Modules {
        let mut builtins = self.builtins.clone();
        if self.std_os {
            builtins.push(Builtin::new::<std::StdModule>("std"));
            builtins.push(Builtin::new::<os::OsModule>("os"));
        }
        Modules {
            builtins,
            files: self.files,
        }
    }
}

/// Set up what `options` asks for on a host's rquickjs context: replaces the
/// runtime's module loader (and, if asked, its rejection tracker), then
/// defines the globals ([`install_runtime`], then [`install_in`]).
///
/// Errors: only if QuickJS fails to allocate.
pub fn install(context: &rquickjs::Context, options: &Options) -> rquickjs::Result<()> {
    install_runtime(context.runtime(), options);
    context.with(|ctx| install_in(&ctx, options))
}

/// The per-runtime part of [`install`]: the module loader serving what
/// `options` asks for and, if asked, the rejection tracker.
pub fn install_runtime(rt: &Runtime, options: &Options) {
    let modules = options.modules();
    rt.set_loader(ModuleResolver(modules.clone()), ModuleLoader(modules));
    if options.track_rejections {
        track_rejections(rt);
    }
}

/// The per-context part of [`install`], for use inside `Context::with`:
/// defines the globals `options` asks for.
pub fn install_in(ctx: &Ctx<'_>, options: &Options) -> rquickjs::Result<()> {
    state::HostState::ensure(ctx)?;
    if options.console {
        console::install(ctx)?;
        text::install(ctx)?;
    }
    if options.timers {
        timers::install(ctx)?;
    }
    if let Some(args) = &options.script_args {
        ctx.globals().set("scriptArgs", args.clone())?;
    }
    Ok(())
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
        exports.export(*name, obj.get::<_, rquickjs::Value>(*name)?)?;
    }
    exports.export("default", obj)?;
    Ok(())
}
