//! One error type for everything the core can report.
//!
//! A libzmq failure carries its errno; misuse that the core refuses before it
//! reaches libzmq has its own variant. Every variant has an errno, a code name
//! (`"EAGAIN"`, `"ETERM"`...) and a human-readable message, so both engines
//! can build the same error value from it.

use std::ffi::CStr;
use std::fmt;

/// Result alias used throughout the core.
pub type Result<T> = std::result::Result<T, Error>;

/// Everything that can go wrong in a core call.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Error {
    /// libzmq (or the OS underneath) failed with this errno.
    Zmq(i32),
    /// The socket was closed (explicitly, by GC, or by its context's `term()`).
    Closed,
    /// No socket or context option has this name or number.
    UnknownOption(String),
    /// A value has the wrong type for where it was used (option value, conversion).
    WrongType(String),
    /// A message had the wrong size for a typed view (`recv_int` needs 4 bytes...).
    WrongSize { expected: usize, got: usize },
    /// An argument the core refuses before libzmq sees it (it would fail or abort there).
    Invalid { errno: i32, message: String },
    /// A number or count outside what the call accepts (an option value that does not fit its
    /// type, an empty multipart message). EINVAL; JavaScript throws it as a `RangeError`.
    OutOfRange(String),
    /// A blocking call was ended by the host's interrupt hook or a signal.
    Interrupted,
    /// A blocking call ran out of the time it was given.
    TimedOut,
}

impl Error {
    /// Error for the calling thread's current libzmq errno.
    pub fn last() -> Error {
        // SAFETY: zmq_errno only reads the calling thread's errno.
        Error::Zmq(unsafe { zmq_sys::zmq_errno() })
    }

    /// Shorthand for an EINVAL refusal with a message.
    pub fn invalid(message: impl Into<String>) -> Error {
        Error::Invalid {
            errno: libc::EINVAL,
            message: message.into(),
        }
    }

    /// The errno this error stands for.
    pub fn errno(&self) -> i32 {
        match self {
            Error::Zmq(e) => *e,
            Error::Closed => libc::ENOTSOCK,
            Error::UnknownOption(_) | Error::WrongType(_) | Error::WrongSize { .. } | Error::OutOfRange(_) => {
                libc::EINVAL
            }
            Error::Invalid { errno, .. } => *errno,
            Error::Interrupted => libc::EINTR,
            Error::TimedOut => libc::ETIMEDOUT,
        }
    }

    /// The errno's symbolic name, e.g. `"EAGAIN"`; `"EUNKNOWN"` if it has none.
    pub fn code(&self) -> &'static str {
        errno_name(self.errno()).unwrap_or("EUNKNOWN")
    }

    /// True for EAGAIN (would block / timed out by RCVTIMEO or SNDTIMEO).
    pub fn is_again(&self) -> bool {
        matches!(self, Error::Zmq(e) if *e == libc::EAGAIN)
    }

    /// Human-readable text: strerror for libzmq errors, a specific sentence otherwise.
    pub fn message(&self) -> String {
        match self {
            Error::Zmq(e) => strerror(*e),
            Error::Closed => "Socket is closed".to_string(),
            Error::UnknownOption(name) => format!("Unknown option '{name}'"),
            Error::WrongType(msg) => msg.clone(),
            Error::WrongSize { expected, got } => {
                format!("Expected a message of {expected} bytes, received {got} bytes")
            }
            Error::Invalid { message, .. } | Error::OutOfRange(message) => message.clone(),
            Error::Interrupted => "Interrupted".to_string(),
            Error::TimedOut => "Operation timed out".to_string(),
        }
    }

    /// True for argument-type problems that engines report as TypeError.
    pub fn is_type_error(&self) -> bool {
        matches!(self, Error::WrongType(_) | Error::WrongSize { .. })
    }

    /// True for values out of range, which JavaScript reports as RangeError.
    pub fn is_range_error(&self) -> bool {
        matches!(self, Error::OutOfRange(_))
    }

    /// How an engine should present this error (see [`ErrorClass`]).
    pub fn class(&self) -> ErrorClass {
        match self {
            Error::Interrupted => ErrorClass::Interrupted,
            e if e.is_type_error() => ErrorClass::Type,
            e if e.is_range_error() => ErrorClass::Range,
            _ => ErrorClass::Zmq,
        }
    }

    /// True for ETERM: the socket's context was terminated (or is terminating).
    pub fn is_term(&self) -> bool {
        self.errno() == zmq_sys::errno::ETERM
    }

    /// True if the socket was closed (by its owner; after `term()` it is [`Error::is_term`]).
    pub fn is_closed(&self) -> bool {
        matches!(self, Error::Closed)
    }

    /// True if a signal or the host's interrupt hook ended the call.
    pub fn is_interrupted(&self) -> bool {
        matches!(self, Error::Interrupted)
    }

    /// True for ETERM or a closed socket: the socket will never be usable again.
    pub fn is_gone(&self) -> bool {
        self.is_term() || self.is_closed()
    }
}

/// The kinds of error an engine presents differently. Every class carries the
/// same `code`/`errno`/`message`; only the engine's own error type differs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorClass {
    /// A ZeroMQ failure or refused misuse: `zmq.ZmqError` in JS, a `zmq.Error` in Lua.
    Zmq,
    /// A value of the wrong type or size: `TypeError` in JS (with `code`), `zmq.Error` in Lua.
    Type,
    /// A value out of range: `RangeError` in JS (with `code`), `zmq.Error` in Lua.
    Range,
    /// Interrupted by a signal or the host: the script ends (uncatchable in JS).
    Interrupted,
}

impl fmt::Display for Error {
    /// `[CODE] message`, e.g. `[EAGAIN] Resource temporarily unavailable`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.code(), self.message())
    }
}

impl std::error::Error for Error {}

/// `zmq_strerror` for any errno (libzmq's own codes included).
pub fn strerror(errno: i32) -> String {
    // SAFETY: zmq_strerror accepts any number and returns null or a pointer to a static
    // NUL-terminated string (libzmq's table or strerror's), copied before anything else runs.
    unsafe {
        let p = zmq_sys::zmq_strerror(errno);
        if p.is_null() {
            return format!("Unknown error {errno}");
        }
        CStr::from_ptr(p).to_string_lossy().into_owned()
    }
}

macro_rules! errno_table {
    ($($name:ident = $value:expr),* $(,)?) => {
        /// Every errno the bindings can report, by name: the OS values and libzmq's own.
        pub static ERRNO_NAMES: &[(&str, i32)] = &[$((stringify!($name), $value)),*];
    };
}

errno_table! {
    EPERM = libc::EPERM, ENOENT = libc::ENOENT, ESRCH = libc::ESRCH, EINTR = libc::EINTR,
    EIO = libc::EIO, ENXIO = libc::ENXIO, E2BIG = libc::E2BIG, EBADF = libc::EBADF,
    ECHILD = libc::ECHILD, EAGAIN = libc::EAGAIN, ENOMEM = libc::ENOMEM, EACCES = libc::EACCES,
    EFAULT = libc::EFAULT, EBUSY = libc::EBUSY, EEXIST = libc::EEXIST, ENODEV = libc::ENODEV,
    ENOTDIR = libc::ENOTDIR, EISDIR = libc::EISDIR, EINVAL = libc::EINVAL, ENFILE = libc::ENFILE,
    EMFILE = libc::EMFILE, ENOSPC = libc::ENOSPC, EPIPE = libc::EPIPE, ERANGE = libc::ERANGE,
    EDEADLK = libc::EDEADLK, ENAMETOOLONG = libc::ENAMETOOLONG, ENOSYS = libc::ENOSYS,
    ENOTSOCK = libc::ENOTSOCK, EDESTADDRREQ = libc::EDESTADDRREQ, EMSGSIZE = libc::EMSGSIZE,
    EPROTOTYPE = libc::EPROTOTYPE, ENOPROTOOPT = libc::ENOPROTOOPT,
    EPROTONOSUPPORT = libc::EPROTONOSUPPORT, ESOCKTNOSUPPORT = libc::ESOCKTNOSUPPORT,
    ENOTSUP = libc::ENOTSUP, EPFNOSUPPORT = libc::EPFNOSUPPORT, EAFNOSUPPORT = libc::EAFNOSUPPORT,
    EADDRINUSE = libc::EADDRINUSE, EADDRNOTAVAIL = libc::EADDRNOTAVAIL, ENETDOWN = libc::ENETDOWN,
    ENETUNREACH = libc::ENETUNREACH, ENETRESET = libc::ENETRESET, ECONNABORTED = libc::ECONNABORTED,
    ECONNRESET = libc::ECONNRESET, ENOBUFS = libc::ENOBUFS, EISCONN = libc::EISCONN,
    ENOTCONN = libc::ENOTCONN, ETIMEDOUT = libc::ETIMEDOUT, ECONNREFUSED = libc::ECONNREFUSED,
    EHOSTDOWN = libc::EHOSTDOWN, EHOSTUNREACH = libc::EHOSTUNREACH, EALREADY = libc::EALREADY,
    EINPROGRESS = libc::EINPROGRESS, EPROTO = libc::EPROTO, EILSEQ = libc::EILSEQ,
    EFSM = zmq_sys::errno::EFSM, ENOCOMPATPROTO = zmq_sys::errno::ENOCOMPATPROTO,
    ETERM = zmq_sys::errno::ETERM, EMTHREAD = zmq_sys::errno::EMTHREAD,
}

/// Symbolic name of an errno (`11` → `"EAGAIN"`).
pub fn errno_name(errno: i32) -> Option<&'static str> {
    ERRNO_NAMES
        .iter()
        .find(|(_, v)| *v == errno)
        .map(|(n, _)| *n)
}

/// Map a libzmq return code to `Result`: `-1` becomes the current errno.
#[inline]
pub(crate) fn check(rc: i32) -> Result<i32> {
    if rc == -1 {
        Err(Error::last())
    } else {
        Ok(rc)
    }
}
