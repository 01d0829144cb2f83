//! # zmq-script: ZeroMQ for embedded scripting engines
//!
//! The engine-free core shared by the QuickJS module (`modules/quickjs`) and
//! the Lua module (`modules/lua`). Neither engine repeats anything here.
//!
//! - [`Context`] creates [`Socket`]s and terminates only after they are closed;
//!   [`Context::term`] closes the ones still open first.
//! - [`Socket`] sends typed values ([`Payload`]) and receives [`Frame`]s, with
//!   typed views (`to_i32`, `to_i64`, [`text_lossy`]) and multipart helpers.
//!   Blocking calls wait in slices and stay interruptible ([`interrupt`]).
//! - [`options`] is the one option table (name → id, type, access) that drives
//!   getsockopt/setsockopt and the constants ([`constants`]) of both engines.
//! - [`Poller`] has `zmq_poller` semantics on the stable `zmq_poll`, for
//!   sockets and raw file descriptors.
//! - [`Reactor`] waits on sockets, raw fds and deadlines together: the one
//!   waiting mechanism of the engines' event loops.
//! - [`Error`] carries errno, code name and message for every failure.
//! - [`proxy()`]/[`proxy_steerable`], [`Socket::monitor`], CURVE and Z85 helpers.
//! - [`Context::auth`]: a ZAP authenticator (address rules, CURVE keys, PLAIN
//!   passwords) answering on its own thread ([`auth`]).
//!
//! ```
//! use zmq_script::{Context, constants::socket_type::{PULL, PUSH}};
//! let ctx = Context::new()?;
//! let pull = ctx.socket(PULL)?;
//! let endpoint = pull.bind_to_random_port("tcp://127.0.0.1")?;
//! let push = ctx.socket(PUSH)?;
//! push.connect(&endpoint)?;
//! push.send(b"hello", 0)?;
//! assert_eq!(pull.recv(0)?.data(), b"hello");
//! # Ok::<(), zmq_script::Error>(())
//! ```
//!
//! ## Linger and exit
//! Every socket starts with `LINGER` = [`DEFAULT_LINGER_MS`]: long enough for a
//! short script's last messages to reach a peer on the same machine, short
//! enough that exit never waits more than that per context. An infinite
//! LINGER (-1) set by a script is capped at the same value when the socket is
//! closed, so no process can hang at exit. A context whose last handle is
//! dropped terminates on a background thread, so contexts linger in parallel
//! rather than one after the other; [`wait_for_terminations`] (also run at
//! exit) waits for them.

pub mod auth;
pub mod constants;
mod context;
mod curve;
pub mod error;
pub mod guard;
mod inproc;
pub mod interrupt;
mod lease;
pub mod limits;
mod message;
mod monitor;
pub mod options;
mod poller;
mod proxy;
mod raw;
pub mod reactor;
mod reaper;
pub mod signal;
mod socket;

pub use auth::{AuthConfig, Authenticator, ConfigValue};
pub use context::Context;
pub use curve::{curve_keypair, curve_public, z85_decode, z85_encode};
pub use error::{Error, ErrorClass, Result};
pub use message::{bytes_to_i32, bytes_to_i64, text_bytes, text_lossy, Frame, Payload};
pub use monitor::MonitorEvent;
pub use options::{OptionType, OptionValue, ScriptValue, SocketOption};
pub use poller::{event_count, poll_events, PollEntry, PollEvent, PollTarget, Poller};
pub use proxy::{proxy, proxy_steerable, ProxyStats, SideStats};
pub use reactor::Reactor;
pub use reaper::wait_for_terminations;
pub use socket::{Multipart, Socket, RANDOM_PORT_ADDRESS};

/// LINGER given to every new socket, and the cap applied to an infinite one at close, in ms.
pub const DEFAULT_LINGER_MS: i32 = 1000;

/// The capabilities `has()` knows about.
pub const CAPABILITIES: [&str; 8] = [
    "ipc", "pgm", "tipc", "norm", "vmci", "curve", "gssapi", "draft",
];

/// libzmq's version as `(major, minor, patch)`.
pub fn version() -> (i32, i32, i32) {
    let (mut major, mut minor, mut patch) = (0, 0, 0);
    // SAFETY: zmq_version only writes the three ints it is given.
    unsafe { zmq_sys::zmq_version(&mut major, &mut minor, &mut patch) };
    (major, minor, patch)
}

/// True if libzmq supports `capability` (`"ipc"`, `"curve"`, `"draft"`...).
pub fn has(capability: &str) -> bool {
    let Ok(c) = std::ffi::CString::new(capability) else {
        return false;
    };
    // SAFETY: `c` is a NUL-terminated string that outlives the call; zmq_has only reads it.
    unsafe { zmq_sys::zmq_has(c.as_ptr()) == 1 }
}
