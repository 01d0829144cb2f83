//! The option tables: every libzmq 4.3 socket and context option by its name
//! without `ZMQ_`, with its numeric id, value type and access.
//!
//! One table drives everything: name lookup, typed get/set, the constants the
//! engines export, the generated docs and the round-trip tests.

use crate::error::{Error, Result};

/// The C type libzmq uses for an option's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionType {
    /// `int`.
    Int,
    /// `int` used as a boolean (0 or 1).
    Bool,
    /// `int64_t`.
    Int64,
    /// `uint64_t`.
    Uint64,
    /// Character string (no trailing NUL on get).
    String,
    /// Byte string (kept exactly as is).
    Binary,
    /// A CURVE key: 32 raw bytes or its 40-character Z85 text; read back as Z85 text.
    CurveKey,
}

impl OptionType {
    /// Lower-case name used in docs and type errors (`"int"`, `"binary"`...).
    pub fn name(self) -> &'static str {
        match self {
            OptionType::Int => "int",
            OptionType::Bool => "bool",
            OptionType::Int64 => "int64",
            OptionType::Uint64 => "uint64",
            OptionType::String => "string",
            OptionType::Binary => "binary",
            OptionType::CurveKey => "curve key",
        }
    }
}

/// Whether an option can be read, written or both.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    ReadOnly,
    WriteOnly,
    ReadWrite,
}

impl Access {
    /// True if getsockopt/zmq_ctx_get accepts the option.
    pub fn readable(self) -> bool {
        self != Access::WriteOnly
    }
    /// True if setsockopt/zmq_ctx_set accepts the option.
    pub fn writable(self) -> bool {
        self != Access::ReadOnly
    }
    /// `"RO"`, `"WO"` or `"RW"`.
    pub fn name(self) -> &'static str {
        match self {
            Access::ReadOnly => "RO",
            Access::WriteOnly => "WO",
            Access::ReadWrite => "RW",
        }
    }
}

/// One row of the socket option table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SocketOption {
    /// Name without `ZMQ_`, upper case (`"SUBSCRIBE"`).
    pub name: &'static str,
    /// libzmq's numeric id (`ZMQ_SUBSCRIBE` = 6).
    pub id: i32,
    /// Value type.
    pub kind: OptionType,
    /// Get/set access.
    pub access: Access,
    /// Socket type on which the option is meaningful (used by the round-trip tests).
    pub socket_type: i32,
    /// Deprecated alias of another row with the same id (`IDENTITY` for `ROUTING_ID`).
    pub alias: bool,
}

/// One row of the context option table (`zmq_ctx_set`/`zmq_ctx_get`, always `int`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ContextOption {
    pub name: &'static str,
    pub id: i32,
    pub access: Access,
}

macro_rules! socket_options {
    ($($name:ident = $id:literal, $kind:ident, $access:ident, $sock:ident $(, $alias:ident)?;)*) => {
        /// Every stable socket option of libzmq 4.3, canonical names first, then deprecated aliases.
        pub static SOCKET_OPTIONS: &[SocketOption] = &[$(SocketOption {
            name: stringify!($name),
            id: $id,
            kind: OptionType::$kind,
            access: $access,
            socket_type: crate::constants::socket_type::$sock,
            alias: socket_options!(@alias $($alias)?),
        }),*];

        /// Socket option ids by name, from the same table: code that treats an option
        /// specially matches its id (`opt.id == id::CONFLATE`), never its name.
        #[allow(missing_docs)]
        pub mod id {
            $(pub const $name: i32 = $id;)*
        }
    };
    (@alias) => { false };
    (@alias alias) => { true };
}

macro_rules! context_options {
    ($($name:ident = $id:literal, $access:ident;)*) => {
        /// Every context option of libzmq 4.3 (`zmq_ctx_set`/`zmq_ctx_get`).
        ///
        /// `SOCKET_LIMIT` (read) and `THREAD_PRIORITY` (write) share the id 3.
        pub static CONTEXT_OPTIONS: &[ContextOption] = &[$(ContextOption {
            name: stringify!($name),
            id: $id,
            access: $access,
        }),*];

        /// Context option ids by name, from the same table.
        #[allow(missing_docs)]
        pub mod context_id {
            $(pub const $name: i32 = $id;)*
        }
    };
}

use Access::{ReadOnly as RO, ReadWrite as RW, WriteOnly as WO};

socket_options! {
    AFFINITY = 4, Uint64, RW, DEALER;
    ROUTING_ID = 5, Binary, RW, DEALER;
    SUBSCRIBE = 6, Binary, WO, SUB;
    UNSUBSCRIBE = 7, Binary, WO, SUB;
    RATE = 8, Int, RW, DEALER;
    RECOVERY_IVL = 9, Int, RW, DEALER;
    SNDBUF = 11, Int, RW, DEALER;
    RCVBUF = 12, Int, RW, DEALER;
    RCVMORE = 13, Bool, RO, DEALER;
    FD = 14, Int, RO, DEALER;
    EVENTS = 15, Int, RO, DEALER;
    TYPE = 16, Int, RO, DEALER;
    LINGER = 17, Int, RW, DEALER;
    RECONNECT_IVL = 18, Int, RW, DEALER;
    BACKLOG = 19, Int, RW, DEALER;
    RECONNECT_IVL_MAX = 21, Int, RW, DEALER;
    MAXMSGSIZE = 22, Int64, RW, DEALER;
    SNDHWM = 23, Int, RW, DEALER;
    RCVHWM = 24, Int, RW, DEALER;
    MULTICAST_HOPS = 25, Int, RW, DEALER;
    RCVTIMEO = 27, Int, RW, DEALER;
    SNDTIMEO = 28, Int, RW, DEALER;
    IPV4ONLY = 31, Bool, RW, DEALER;
    LAST_ENDPOINT = 32, String, RO, DEALER;
    ROUTER_MANDATORY = 33, Bool, WO, ROUTER;
    TCP_KEEPALIVE = 34, Int, RW, DEALER;
    TCP_KEEPALIVE_CNT = 35, Int, RW, DEALER;
    TCP_KEEPALIVE_IDLE = 36, Int, RW, DEALER;
    TCP_KEEPALIVE_INTVL = 37, Int, RW, DEALER;
    TCP_ACCEPT_FILTER = 38, String, WO, DEALER;
    IMMEDIATE = 39, Bool, RW, DEALER;
    XPUB_VERBOSE = 40, Bool, WO, XPUB;
    ROUTER_RAW = 41, Bool, WO, ROUTER;
    IPV6 = 42, Bool, RW, DEALER;
    MECHANISM = 43, Int, RO, DEALER;
    PLAIN_SERVER = 44, Bool, RW, DEALER;
    PLAIN_USERNAME = 45, String, RW, DEALER;
    PLAIN_PASSWORD = 46, String, RW, DEALER;
    CURVE_SERVER = 47, Bool, RW, DEALER;
    CURVE_PUBLICKEY = 48, CurveKey, RW, DEALER;
    CURVE_SECRETKEY = 49, CurveKey, RW, DEALER;
    CURVE_SERVERKEY = 50, CurveKey, RW, DEALER;
    PROBE_ROUTER = 51, Bool, WO, ROUTER;
    REQ_CORRELATE = 52, Bool, WO, REQ;
    REQ_RELAXED = 53, Bool, WO, REQ;
    CONFLATE = 54, Bool, WO, DEALER;
    ZAP_DOMAIN = 55, String, RW, DEALER;
    ROUTER_HANDOVER = 56, Bool, WO, ROUTER;
    TOS = 57, Int, RW, DEALER;
    CONNECT_ROUTING_ID = 61, Binary, WO, ROUTER;
    GSSAPI_SERVER = 62, Bool, RW, DEALER;
    GSSAPI_PRINCIPAL = 63, String, RW, DEALER;
    GSSAPI_SERVICE_PRINCIPAL = 64, String, RW, DEALER;
    GSSAPI_PLAINTEXT = 65, Bool, RW, DEALER;
    HANDSHAKE_IVL = 66, Int, RW, DEALER;
    SOCKS_PROXY = 68, String, RW, DEALER;
    XPUB_NODROP = 69, Bool, WO, XPUB;
    XPUB_MANUAL = 71, Bool, WO, XPUB;
    XPUB_WELCOME_MSG = 72, Binary, WO, XPUB;
    STREAM_NOTIFY = 73, Bool, WO, STREAM;
    INVERT_MATCHING = 74, Bool, RW, SUB;
    HEARTBEAT_IVL = 75, Int, WO, DEALER;
    HEARTBEAT_TTL = 76, Int, WO, DEALER;
    HEARTBEAT_TIMEOUT = 77, Int, WO, DEALER;
    XPUB_VERBOSER = 78, Bool, WO, XPUB;
    CONNECT_TIMEOUT = 79, Int, RW, DEALER;
    TCP_MAXRT = 80, Int, RW, DEALER;
    THREAD_SAFE = 81, Bool, RO, DEALER;
    MULTICAST_MAXTPDU = 84, Int, RW, DEALER;
    VMCI_BUFFER_SIZE = 85, Uint64, RW, DEALER;
    VMCI_BUFFER_MIN_SIZE = 86, Uint64, RW, DEALER;
    VMCI_BUFFER_MAX_SIZE = 87, Uint64, RW, DEALER;
    VMCI_CONNECT_TIMEOUT = 88, Int, RW, DEALER;
    USE_FD = 89, Int, RW, DEALER;
    GSSAPI_PRINCIPAL_NAMETYPE = 90, Int, RW, DEALER;
    GSSAPI_SERVICE_PRINCIPAL_NAMETYPE = 91, Int, RW, DEALER;
    BINDTODEVICE = 92, String, RW, DEALER;
    IDENTITY = 5, Binary, RW, DEALER, alias;
    CONNECT_RID = 61, Binary, WO, ROUTER, alias;
    DELAY_ATTACH_ON_CONNECT = 39, Bool, RW, DEALER, alias;
    FAIL_UNROUTABLE = 33, Bool, WO, ROUTER, alias;
    ROUTER_BEHAVIOR = 33, Bool, WO, ROUTER, alias;
}

context_options! {
    IO_THREADS = 1, RW;
    MAX_SOCKETS = 2, RW;
    SOCKET_LIMIT = 3, RO;
    THREAD_PRIORITY = 3, WO;
    THREAD_SCHED_POLICY = 4, RW;
    MAX_MSGSZ = 5, RW;
    MSG_T_SIZE = 6, RO;
    THREAD_AFFINITY_CPU_ADD = 7, WO;
    THREAD_AFFINITY_CPU_REMOVE = 8, WO;
    THREAD_NAME_PREFIX = 9, RW;
    IPV6 = 42, RW;
    BLOCKY = 70, RW;
}

/// Strip an optional `ZMQ_` prefix and compare case-insensitively.
fn name_matches(row: &str, wanted: &str) -> bool {
    let wanted = wanted
        .strip_prefix("ZMQ_")
        .or_else(|| wanted.strip_prefix("zmq_"))
        .unwrap_or(wanted);
    row.eq_ignore_ascii_case(wanted)
}

/// Socket option by name (`"SUBSCRIBE"`, `"subscribe"` and `"ZMQ_SUBSCRIBE"` all work).
pub fn socket_option(name: &str) -> Result<&'static SocketOption> {
    SOCKET_OPTIONS
        .iter()
        .find(|o| name_matches(o.name, name))
        .ok_or_else(|| Error::UnknownOption(name.to_string()))
}

/// Socket option by libzmq id (the canonical row, not an alias).
pub fn socket_option_by_id(id: i32) -> Result<&'static SocketOption> {
    SOCKET_OPTIONS
        .iter()
        .find(|o| o.id == id)
        .ok_or_else(|| Error::UnknownOption(id.to_string()))
}

/// Context option by name.
pub fn context_option(name: &str) -> Result<&'static ContextOption> {
    CONTEXT_OPTIONS
        .iter()
        .find(|o| name_matches(o.name, name))
        .ok_or_else(|| Error::UnknownOption(name.to_string()))
}

/// A socket option value, typed by the table.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionValue {
    /// `Int` and `Bool` options.
    Int(i32),
    /// `Int64` options.
    Int64(i64),
    /// `Uint64` options.
    Uint64(u64),
    /// `String`, `Binary` and `CurveKey` options.
    Bytes(Vec<u8>),
}

impl OptionValue {
    /// The value as an `i64` if it is numeric.
    pub fn as_i64(&self) -> Option<i64> {
        match self {
            OptionValue::Int(v) => Some(*v as i64),
            OptionValue::Int64(v) => Some(*v),
            OptionValue::Uint64(v) => i64::try_from(*v).ok(),
            OptionValue::Bytes(_) => None,
        }
    }
    /// The value as bytes if it is a string/binary/key.
    pub fn as_bytes(&self) -> Option<&[u8]> {
        match self {
            OptionValue::Bytes(b) => Some(b),
            _ => None,
        }
    }
}

/// A value as a script passed it to `setsockopt`, before the option table types it.
/// Engines build it from their own values; [`convert`] decides what it becomes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ScriptValue<'a> {
    /// `null` / `nil`: the empty value of string, binary and key options.
    Null,
    /// `true` / `false`: 1 / 0 for int and bool options.
    Bool(bool),
    /// An integer (a JS int or BigInt, a Lua integer).
    Int(i128),
    /// A floating-point number; it must be integral (and finite) for numeric options.
    Float(f64),
    /// A string's or a byte buffer's bytes.
    Bytes(&'a [u8]),
    /// Anything else (an object, a table, a function...).
    Other,
}

impl OptionType {
    /// What a script may pass for an option of this type, for error messages.
    pub fn expected(self) -> &'static str {
        match self {
            OptionType::Int => "an integer",
            OptionType::Bool => "a boolean or 0/1",
            OptionType::Int64 => "an integer",
            OptionType::Uint64 => "a non-negative integer",
            OptionType::String => "a string",
            OptionType::Binary => "a string or bytes",
            OptionType::CurveKey => "a 40-character Z85 string or 32 bytes",
        }
    }
}

/// Convert what a script passed into the value `opt` takes: the one rule for
/// every engine. `type_name` is the engine's name for the value's type, used
/// in the error message only.
///
/// Errors: EINVAL for a read-only option; `WrongType` (EINVAL; JS TypeError) for a value of the wrong kind or
/// a number with a fraction; `OutOfRange` (EINVAL; JS RangeError) for an
/// integer that does not fit the option's C type.
pub fn convert(opt: &SocketOption, value: ScriptValue<'_>, type_name: &str) -> Result<OptionValue> {
    if !opt.access.writable() {
        return Err(Error::invalid(format!("option {} is read-only", opt.name)));
    }
    let wrong = |what: &str| {
        Error::WrongType(format!("option {} takes {}, not {what}", opt.name, opt.kind.expected()))
    };
    let out_of_range = |v: &dyn std::fmt::Display| {
        Error::OutOfRange(format!("value {v} is out of range for option {} ({})", opt.name, opt.kind.name()))
    };
    let numeric = matches!(opt.kind, OptionType::Int | OptionType::Bool | OptionType::Int64 | OptionType::Uint64);
    if !numeric {
        return match value {
            ScriptValue::Null => Ok(OptionValue::Bytes(Vec::new())),
            ScriptValue::Bytes(b) => Ok(OptionValue::Bytes(b.to_vec())),
            _ => Err(wrong(type_name)),
        };
    }
    let n: i128 = match value {
        ScriptValue::Bool(b) if matches!(opt.kind, OptionType::Int | OptionType::Bool) => b as i128,
        ScriptValue::Int(i) => i,
        ScriptValue::Float(f) if !f.is_finite() => return Err(wrong(&format!("{f}"))),
        ScriptValue::Float(f) if f.fract() != 0.0 => return Err(wrong("a number with a fraction")),
        // Beyond ±2^100 no option can take it, and the cast below stays exact.
        ScriptValue::Float(f) if f.abs() >= 1e30 => return Err(out_of_range(&f)),
        ScriptValue::Float(f) => f as i128,
        _ => return Err(wrong(type_name)),
    };
    match opt.kind {
        OptionType::Int | OptionType::Bool => i32::try_from(n).map(OptionValue::Int).map_err(|_| out_of_range(&n)),
        OptionType::Int64 => i64::try_from(n).map(OptionValue::Int64).map_err(|_| out_of_range(&n)),
        _ => u64::try_from(n).map(OptionValue::Uint64).map_err(|_| out_of_range(&n)),
    }
}

/// Check that `value` is what `opt` takes, converting numbers between widths
/// when they fit (`Int64(5)` for an `Int` option is fine, `Int64(1 << 40)` is
/// not): [`convert`] for values made in Rust.
pub fn coerce(opt: &SocketOption, value: OptionValue) -> Result<OptionValue> {
    match value {
        OptionValue::Int(x) => convert(opt, ScriptValue::Int(x as i128), "a number"),
        OptionValue::Int64(x) => convert(opt, ScriptValue::Int(x as i128), "a number"),
        OptionValue::Uint64(x) => convert(opt, ScriptValue::Int(x as i128), "a number"),
        OptionValue::Bytes(b) => convert(opt, ScriptValue::Bytes(&b), "bytes"),
    }
}

/// The option tables as the markdown of `docs/options.md` (a test keeps that file in sync).
pub fn markdown() -> String {
    let mut out = String::from(
        "<!-- generated from crates/zmq-script/src/options.rs; regenerate with \
         `UPDATE_DOCS=1 cargo test -p zmq-script --test docs` -->\n\
         # Option reference\n\n\
         Every libzmq 4.3 option by its name without `ZMQ_`: the name (or the constant of the same\n\
         name, `zmq.LINGER`) is what `getsockopt`/`setsockopt` (JS) and `getsockopt`/`setsockopt`\n\
         (Lua) take, and the type says what they return and accept.\n\n\
         | type | JS value | Lua value |\n|---|---|---|\n\
         | int, bool | number (bool: also true/false) | integer (bool: also true/false) |\n\
         | int64, uint64 | BigInt (a number is accepted) | integer |\n\
         | string | string | string |\n\
         | binary | Uint8Array (a string is accepted) | string |\n\
         | curve key | 40-character Z85 string (32 raw bytes accepted) | same |\n\n\
         ## Socket options\n\n| name | id | type | access |\n|---|---|---|---|\n",
    );
    for o in SOCKET_OPTIONS {
        let name = if o.alias {
            format!("{} (alias)", o.name)
        } else {
            o.name.to_string()
        };
        out.push_str(&format!(
            "| `{name}` | {} | {} | {} |\n",
            o.id,
            o.kind.name(),
            o.access.name()
        ));
    }
    out.push_str(
        "\n`GSSAPI_*` and `VMCI_*` options need a libzmq built with those transports; this build\n\
         has neither, so setting them fails with `EINVAL`.\n\n\
         ## Context options (`ctx.set`/`ctx.get`, always int)\n\n| name | id | access |\n|---|---|---|\n",
    );
    for o in CONTEXT_OPTIONS {
        out.push_str(&format!(
            "| `{}` | {} | {} |\n",
            o.name,
            o.id,
            o.access.name()
        ));
    }
    out
}
