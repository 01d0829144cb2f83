//! Raw declarations of the stable libzmq 4.3 C API (`zmq.h`), as the `zmq`
//! crate expects them from `zmq-sys`. This crate replaces crates.io's
//! `zmq-sys` through `[patch.crates-io]` so that the vendored libzmq is built
//! with CURVE support (libsodium); see `build.rs`.
#![allow(non_camel_case_types)]

use std::os::raw::{c_char, c_int, c_long, c_short, c_void};

pub use std::os::unix::io::RawFd;

/// errno values returned by libzmq, including its own (EFSM, ETERM...).
pub mod errno {
    pub use libc::{
        EACCES, EADDRINUSE, EADDRNOTAVAIL, EAFNOSUPPORT, EAGAIN, EBUSY, ECONNABORTED, ECONNREFUSED,
        ECONNRESET, EFAULT, EHOSTUNREACH, EINPROGRESS, EINTR, EINVAL, EMFILE, EMSGSIZE, ENAMETOOLONG,
        ENETDOWN, ENETRESET, ENETUNREACH, ENOBUFS, ENODEV, ENOENT, ENOMEM, ENOTCONN, ENOTSOCK, ENOTSUP,
        EPROTO, EPROTONOSUPPORT, ETIMEDOUT,
    };
    const ZMQ_HAUSNUMERO: i32 = 156_384_712;
    /// Operation cannot be accomplished in current state.
    pub const EFSM: i32 = ZMQ_HAUSNUMERO + 51;
    /// The protocol is not compatible with the socket type.
    pub const ENOCOMPATPROTO: i32 = ZMQ_HAUSNUMERO + 52;
    /// Context was terminated.
    pub const ETERM: i32 = ZMQ_HAUSNUMERO + 53;
    /// No thread available.
    pub const EMTHREAD: i32 = ZMQ_HAUSNUMERO + 54;

    // Stand-ins libzmq uses on platforms that lack these errno values (Windows).
    pub const ENOTSUP_ALT: i32 = ZMQ_HAUSNUMERO + 1;
    pub const EPROTONOSUPPORT_ALT: i32 = ZMQ_HAUSNUMERO + 2;
    pub const ENOBUFS_ALT: i32 = ZMQ_HAUSNUMERO + 3;
    pub const ENETDOWN_ALT: i32 = ZMQ_HAUSNUMERO + 4;
    pub const EADDRINUSE_ALT: i32 = ZMQ_HAUSNUMERO + 5;
    pub const EADDRNOTAVAIL_ALT: i32 = ZMQ_HAUSNUMERO + 6;
    pub const ECONNREFUSED_ALT: i32 = ZMQ_HAUSNUMERO + 7;
    pub const EINPROGRESS_ALT: i32 = ZMQ_HAUSNUMERO + 8;
    pub const ENOTSOCK_ALT: i32 = ZMQ_HAUSNUMERO + 9;
    pub const EMSGSIZE_ALT: i32 = ZMQ_HAUSNUMERO + 10;
    pub const EAFNOSUPPORT_ALT: i32 = ZMQ_HAUSNUMERO + 11;
    pub const ENETUNREACH_ALT: i32 = ZMQ_HAUSNUMERO + 12;
    pub const ECONNABORTED_ALT: i32 = ZMQ_HAUSNUMERO + 13;
    pub const ECONNRESET_ALT: i32 = ZMQ_HAUSNUMERO + 14;
    pub const ENOTCONN_ALT: i32 = ZMQ_HAUSNUMERO + 15;
    pub const ETIMEDOUT_ALT: i32 = ZMQ_HAUSNUMERO + 16;
    pub const EHOSTUNREACH_ALT: i32 = ZMQ_HAUSNUMERO + 17;
    pub const ENETRESET_ALT: i32 = ZMQ_HAUSNUMERO + 18;
}

// Constants of zmq.h outside the draft API.
pub const ZMQ_HAUSNUMERO: u32 = 156384712;
pub const ZMQ_IO_THREADS: u32 = 1;
pub const ZMQ_MAX_SOCKETS: u32 = 2;
pub const ZMQ_SOCKET_LIMIT: u32 = 3;
pub const ZMQ_THREAD_PRIORITY: u32 = 3;
pub const ZMQ_THREAD_SCHED_POLICY: u32 = 4;
pub const ZMQ_MAX_MSGSZ: u32 = 5;
pub const ZMQ_MSG_T_SIZE: u32 = 6;
pub const ZMQ_THREAD_AFFINITY_CPU_ADD: u32 = 7;
pub const ZMQ_THREAD_AFFINITY_CPU_REMOVE: u32 = 8;
pub const ZMQ_THREAD_NAME_PREFIX: u32 = 9;
pub const ZMQ_IO_THREADS_DFLT: u32 = 1;
pub const ZMQ_MAX_SOCKETS_DFLT: u32 = 1023;
pub const ZMQ_THREAD_PRIORITY_DFLT: i32 = -1;
pub const ZMQ_THREAD_SCHED_POLICY_DFLT: i32 = -1;
pub const ZMQ_PAIR: u32 = 0;
pub const ZMQ_PUB: u32 = 1;
pub const ZMQ_SUB: u32 = 2;
pub const ZMQ_REQ: u32 = 3;
pub const ZMQ_REP: u32 = 4;
pub const ZMQ_DEALER: u32 = 5;
pub const ZMQ_ROUTER: u32 = 6;
pub const ZMQ_PULL: u32 = 7;
pub const ZMQ_PUSH: u32 = 8;
pub const ZMQ_XPUB: u32 = 9;
pub const ZMQ_XSUB: u32 = 10;
pub const ZMQ_STREAM: u32 = 11;
pub const ZMQ_XREQ: u32 = ZMQ_DEALER;
pub const ZMQ_XREP: u32 = ZMQ_ROUTER;
pub const ZMQ_AFFINITY: u32 = 4;
pub const ZMQ_ROUTING_ID: u32 = 5;
pub const ZMQ_SUBSCRIBE: u32 = 6;
pub const ZMQ_UNSUBSCRIBE: u32 = 7;
pub const ZMQ_RATE: u32 = 8;
pub const ZMQ_RECOVERY_IVL: u32 = 9;
pub const ZMQ_SNDBUF: u32 = 11;
pub const ZMQ_RCVBUF: u32 = 12;
pub const ZMQ_RCVMORE: u32 = 13;
pub const ZMQ_FD: u32 = 14;
pub const ZMQ_EVENTS: u32 = 15;
pub const ZMQ_TYPE: u32 = 16;
pub const ZMQ_LINGER: u32 = 17;
pub const ZMQ_RECONNECT_IVL: u32 = 18;
pub const ZMQ_BACKLOG: u32 = 19;
pub const ZMQ_RECONNECT_IVL_MAX: u32 = 21;
pub const ZMQ_MAXMSGSIZE: u32 = 22;
pub const ZMQ_SNDHWM: u32 = 23;
pub const ZMQ_RCVHWM: u32 = 24;
pub const ZMQ_MULTICAST_HOPS: u32 = 25;
pub const ZMQ_RCVTIMEO: u32 = 27;
pub const ZMQ_SNDTIMEO: u32 = 28;
pub const ZMQ_LAST_ENDPOINT: u32 = 32;
pub const ZMQ_ROUTER_MANDATORY: u32 = 33;
pub const ZMQ_TCP_KEEPALIVE: u32 = 34;
pub const ZMQ_TCP_KEEPALIVE_CNT: u32 = 35;
pub const ZMQ_TCP_KEEPALIVE_IDLE: u32 = 36;
pub const ZMQ_TCP_KEEPALIVE_INTVL: u32 = 37;
pub const ZMQ_IMMEDIATE: u32 = 39;
pub const ZMQ_XPUB_VERBOSE: u32 = 40;
pub const ZMQ_ROUTER_RAW: u32 = 41;
pub const ZMQ_IPV6: u32 = 42;
pub const ZMQ_MECHANISM: u32 = 43;
pub const ZMQ_PLAIN_SERVER: u32 = 44;
pub const ZMQ_PLAIN_USERNAME: u32 = 45;
pub const ZMQ_PLAIN_PASSWORD: u32 = 46;
pub const ZMQ_CURVE_SERVER: u32 = 47;
pub const ZMQ_CURVE_PUBLICKEY: u32 = 48;
pub const ZMQ_CURVE_SECRETKEY: u32 = 49;
pub const ZMQ_CURVE_SERVERKEY: u32 = 50;
pub const ZMQ_PROBE_ROUTER: u32 = 51;
pub const ZMQ_REQ_CORRELATE: u32 = 52;
pub const ZMQ_REQ_RELAXED: u32 = 53;
pub const ZMQ_CONFLATE: u32 = 54;
pub const ZMQ_ZAP_DOMAIN: u32 = 55;
pub const ZMQ_ROUTER_HANDOVER: u32 = 56;
pub const ZMQ_TOS: u32 = 57;
pub const ZMQ_CONNECT_ROUTING_ID: u32 = 61;
pub const ZMQ_GSSAPI_SERVER: u32 = 62;
pub const ZMQ_GSSAPI_PRINCIPAL: u32 = 63;
pub const ZMQ_GSSAPI_SERVICE_PRINCIPAL: u32 = 64;
pub const ZMQ_GSSAPI_PLAINTEXT: u32 = 65;
pub const ZMQ_HANDSHAKE_IVL: u32 = 66;
pub const ZMQ_SOCKS_PROXY: u32 = 68;
pub const ZMQ_XPUB_NODROP: u32 = 69;
pub const ZMQ_BLOCKY: u32 = 70;
pub const ZMQ_XPUB_MANUAL: u32 = 71;
pub const ZMQ_XPUB_WELCOME_MSG: u32 = 72;
pub const ZMQ_STREAM_NOTIFY: u32 = 73;
pub const ZMQ_INVERT_MATCHING: u32 = 74;
pub const ZMQ_HEARTBEAT_IVL: u32 = 75;
pub const ZMQ_HEARTBEAT_TTL: u32 = 76;
pub const ZMQ_HEARTBEAT_TIMEOUT: u32 = 77;
pub const ZMQ_XPUB_VERBOSER: u32 = 78;
pub const ZMQ_CONNECT_TIMEOUT: u32 = 79;
pub const ZMQ_TCP_MAXRT: u32 = 80;
pub const ZMQ_THREAD_SAFE: u32 = 81;
pub const ZMQ_MULTICAST_MAXTPDU: u32 = 84;
pub const ZMQ_VMCI_BUFFER_SIZE: u32 = 85;
pub const ZMQ_VMCI_BUFFER_MIN_SIZE: u32 = 86;
pub const ZMQ_VMCI_BUFFER_MAX_SIZE: u32 = 87;
pub const ZMQ_VMCI_CONNECT_TIMEOUT: u32 = 88;
pub const ZMQ_USE_FD: u32 = 89;
pub const ZMQ_GSSAPI_PRINCIPAL_NAMETYPE: u32 = 90;
pub const ZMQ_GSSAPI_SERVICE_PRINCIPAL_NAMETYPE: u32 = 91;
pub const ZMQ_BINDTODEVICE: u32 = 92;
pub const ZMQ_MORE: u32 = 1;
pub const ZMQ_SHARED: u32 = 3;
pub const ZMQ_DONTWAIT: u32 = 1;
pub const ZMQ_SNDMORE: u32 = 2;
pub const ZMQ_NULL: u32 = 0;
pub const ZMQ_PLAIN: u32 = 1;
pub const ZMQ_CURVE: u32 = 2;
pub const ZMQ_GSSAPI: u32 = 3;
pub const ZMQ_GROUP_MAX_LENGTH: u32 = 255;
pub const ZMQ_IDENTITY: u32 = ZMQ_ROUTING_ID;
pub const ZMQ_CONNECT_RID: u32 = ZMQ_CONNECT_ROUTING_ID;
pub const ZMQ_TCP_ACCEPT_FILTER: u32 = 38;
pub const ZMQ_IPC_FILTER_PID: u32 = 58;
pub const ZMQ_IPC_FILTER_UID: u32 = 59;
pub const ZMQ_IPC_FILTER_GID: u32 = 60;
pub const ZMQ_IPV4ONLY: u32 = 31;
pub const ZMQ_DELAY_ATTACH_ON_CONNECT: u32 = ZMQ_IMMEDIATE;
pub const ZMQ_NOBLOCK: u32 = ZMQ_DONTWAIT;
pub const ZMQ_FAIL_UNROUTABLE: u32 = ZMQ_ROUTER_MANDATORY;
pub const ZMQ_ROUTER_BEHAVIOR: u32 = ZMQ_ROUTER_MANDATORY;
pub const ZMQ_SRCFD: u32 = 2;
pub const ZMQ_GSSAPI_NT_HOSTBASED: u32 = 0;
pub const ZMQ_GSSAPI_NT_USER_NAME: u32 = 1;
pub const ZMQ_GSSAPI_NT_KRB5_PRINCIPAL: u32 = 2;
pub const ZMQ_EVENT_CONNECTED: u32 = 0x0001;
pub const ZMQ_EVENT_CONNECT_DELAYED: u32 = 0x0002;
pub const ZMQ_EVENT_CONNECT_RETRIED: u32 = 0x0004;
pub const ZMQ_EVENT_LISTENING: u32 = 0x0008;
pub const ZMQ_EVENT_BIND_FAILED: u32 = 0x0010;
pub const ZMQ_EVENT_ACCEPTED: u32 = 0x0020;
pub const ZMQ_EVENT_ACCEPT_FAILED: u32 = 0x0040;
pub const ZMQ_EVENT_CLOSED: u32 = 0x0080;
pub const ZMQ_EVENT_CLOSE_FAILED: u32 = 0x0100;
pub const ZMQ_EVENT_DISCONNECTED: u32 = 0x0200;
pub const ZMQ_EVENT_MONITOR_STOPPED: u32 = 0x0400;
pub const ZMQ_EVENT_ALL: u32 = 0xFFFF;
pub const ZMQ_EVENT_HANDSHAKE_FAILED_NO_DETAIL: u32 = 0x0800;
pub const ZMQ_EVENT_HANDSHAKE_SUCCEEDED: u32 = 0x1000;
pub const ZMQ_EVENT_HANDSHAKE_FAILED_PROTOCOL: u32 = 0x2000;
pub const ZMQ_EVENT_HANDSHAKE_FAILED_AUTH: u32 = 0x4000;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_UNSPECIFIED: u32 = 0x10000000;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_UNEXPECTED_COMMAND: u32 = 0x10000001;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_SEQUENCE: u32 = 0x10000002;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_KEY_EXCHANGE: u32 = 0x10000003;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_UNSPECIFIED: u32 = 0x10000011;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_MESSAGE: u32 = 0x10000012;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_HELLO: u32 = 0x10000013;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_INITIATE: u32 = 0x10000014;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_ERROR: u32 = 0x10000015;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_READY: u32 = 0x10000016;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_MALFORMED_COMMAND_WELCOME: u32 = 0x10000017;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_INVALID_METADATA: u32 = 0x10000018;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_CRYPTOGRAPHIC: u32 = 0x11000001;
pub const ZMQ_PROTOCOL_ERROR_ZMTP_MECHANISM_MISMATCH: u32 = 0x11000002;
pub const ZMQ_PROTOCOL_ERROR_ZAP_UNSPECIFIED: u32 = 0x20000000;
pub const ZMQ_PROTOCOL_ERROR_ZAP_MALFORMED_REPLY: u32 = 0x20000001;
pub const ZMQ_PROTOCOL_ERROR_ZAP_BAD_REQUEST_ID: u32 = 0x20000002;
pub const ZMQ_PROTOCOL_ERROR_ZAP_BAD_VERSION: u32 = 0x20000003;
pub const ZMQ_PROTOCOL_ERROR_ZAP_INVALID_STATUS_CODE: u32 = 0x20000004;
pub const ZMQ_PROTOCOL_ERROR_ZAP_INVALID_METADATA: u32 = 0x20000005;
pub const ZMQ_PROTOCOL_ERROR_WS_UNSPECIFIED: u32 = 0x30000000;
pub const ZMQ_POLLIN: u32 = 1;
pub const ZMQ_POLLOUT: u32 = 2;
pub const ZMQ_POLLERR: u32 = 4;
pub const ZMQ_POLLPRI: u32 = 8;
pub const ZMQ_POLLITEMS_DFLT: u32 = 16;
pub const ZMQ_STREAMER: u32 = 1;
pub const ZMQ_FORWARDER: u32 = 2;
pub const ZMQ_QUEUE: u32 = 3;

/// Opaque message structure (`zmq_msg_t`): 64 bytes, 8-aligned.
#[repr(C, align(8))]
#[derive(Copy, Clone)]
pub struct zmq_msg_t {
    pub __: [u8; 64],
}

impl Default for zmq_msg_t {
    fn default() -> Self {
        zmq_msg_t { __: [0; 64] }
    }
}

impl std::fmt::Debug for zmq_msg_t {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("zmq_msg_t")
    }
}

/// Deallocation callback of `zmq_msg_init_data`.
pub type zmq_free_fn = Option<unsafe extern "C" fn(data: *mut c_void, hint: *mut c_void)>;

/// One entry of `zmq_poll`: a socket, or a file descriptor when `socket` is null.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct zmq_pollitem_t {
    pub socket: *mut c_void,
    pub fd: c_int,
    pub events: c_short,
    pub revents: c_short,
}

/// Scatter/gather element of `zmq_sendiov`/`zmq_recviov`.
#[repr(C)]
#[derive(Debug, Copy, Clone)]
pub struct iovec {
    pub iov_base: *mut c_void,
    pub iov_len: usize,
}

extern "C" {
    pub fn zmq_errno() -> c_int;
    pub fn zmq_strerror(errnum: c_int) -> *const c_char;
    pub fn zmq_version(major: *mut c_int, minor: *mut c_int, patch: *mut c_int);

    pub fn zmq_ctx_new() -> *mut c_void;
    pub fn zmq_ctx_term(context: *mut c_void) -> c_int;
    pub fn zmq_ctx_shutdown(context: *mut c_void) -> c_int;
    pub fn zmq_ctx_set(context: *mut c_void, option: c_int, optval: c_int) -> c_int;
    pub fn zmq_ctx_get(context: *mut c_void, option: c_int) -> c_int;
    pub fn zmq_init(io_threads: c_int) -> *mut c_void;
    pub fn zmq_term(context: *mut c_void) -> c_int;
    pub fn zmq_ctx_destroy(context: *mut c_void) -> c_int;

    pub fn zmq_msg_init(msg: *mut zmq_msg_t) -> c_int;
    pub fn zmq_msg_init_size(msg: *mut zmq_msg_t, size: usize) -> c_int;
    pub fn zmq_msg_init_data(
        msg: *mut zmq_msg_t,
        data: *mut c_void,
        size: usize,
        ffn: zmq_free_fn,
        hint: *mut c_void,
    ) -> c_int;
    pub fn zmq_msg_send(msg: *mut zmq_msg_t, s: *mut c_void, flags: c_int) -> c_int;
    pub fn zmq_msg_recv(msg: *mut zmq_msg_t, s: *mut c_void, flags: c_int) -> c_int;
    pub fn zmq_msg_close(msg: *mut zmq_msg_t) -> c_int;
    pub fn zmq_msg_move(dest: *mut zmq_msg_t, src: *mut zmq_msg_t) -> c_int;
    pub fn zmq_msg_copy(dest: *mut zmq_msg_t, src: *mut zmq_msg_t) -> c_int;
    pub fn zmq_msg_data(msg: *mut zmq_msg_t) -> *mut c_void;
    pub fn zmq_msg_size(msg: *const zmq_msg_t) -> usize;
    pub fn zmq_msg_more(msg: *const zmq_msg_t) -> c_int;
    pub fn zmq_msg_get(msg: *const zmq_msg_t, property: c_int) -> c_int;
    pub fn zmq_msg_set(msg: *mut zmq_msg_t, property: c_int, optval: c_int) -> c_int;
    pub fn zmq_msg_gets(msg: *const zmq_msg_t, property: *const c_char) -> *const c_char;

    pub fn zmq_socket(context: *mut c_void, type_: c_int) -> *mut c_void;
    pub fn zmq_close(s: *mut c_void) -> c_int;
    pub fn zmq_setsockopt(s: *mut c_void, option: c_int, optval: *const c_void, optvallen: usize) -> c_int;
    pub fn zmq_getsockopt(s: *mut c_void, option: c_int, optval: *mut c_void, optvallen: *mut usize) -> c_int;
    pub fn zmq_bind(s: *mut c_void, addr: *const c_char) -> c_int;
    pub fn zmq_connect(s: *mut c_void, addr: *const c_char) -> c_int;
    pub fn zmq_unbind(s: *mut c_void, addr: *const c_char) -> c_int;
    pub fn zmq_disconnect(s: *mut c_void, addr: *const c_char) -> c_int;
    pub fn zmq_send(s: *mut c_void, buf: *const c_void, len: usize, flags: c_int) -> c_int;
    pub fn zmq_send_const(s: *mut c_void, buf: *const c_void, len: usize, flags: c_int) -> c_int;
    pub fn zmq_recv(s: *mut c_void, buf: *mut c_void, len: usize, flags: c_int) -> c_int;
    pub fn zmq_socket_monitor(s: *mut c_void, addr: *const c_char, events: c_int) -> c_int;
    /// `zmq_socket_monitor_versioned` (draft in zmq.h, always compiled into
    /// libzmq 4.3, reached through shim/monitor.cpp): lets the monitor publish
    /// on a PUB socket, which never blocks the monitored socket.
    #[link_name = "zmq_sys_socket_monitor_versioned"]
    pub fn zmq_socket_monitor_versioned(
        s: *mut c_void,
        addr: *const c_char,
        events: u64,
        event_version: c_int,
        type_: c_int,
    ) -> c_int;
    pub fn zmq_sendmsg(s: *mut c_void, msg: *mut zmq_msg_t, flags: c_int) -> c_int;
    pub fn zmq_recvmsg(s: *mut c_void, msg: *mut zmq_msg_t, flags: c_int) -> c_int;
    pub fn zmq_sendiov(s: *mut c_void, iov: *mut iovec, count: usize, flags: c_int) -> c_int;
    pub fn zmq_recviov(s: *mut c_void, iov: *mut iovec, count: *mut usize, flags: c_int) -> c_int;

    pub fn zmq_poll(items: *mut zmq_pollitem_t, nitems: c_int, timeout: c_long) -> c_int;
    pub fn zmq_proxy(frontend: *mut c_void, backend: *mut c_void, capture: *mut c_void) -> c_int;
    pub fn zmq_proxy_steerable(
        frontend: *mut c_void,
        backend: *mut c_void,
        capture: *mut c_void,
        control: *mut c_void,
    ) -> c_int;
    pub fn zmq_has(capability: *const c_char) -> c_int;
    pub fn zmq_device(type_: c_int, frontend: *mut c_void, backend: *mut c_void) -> c_int;

    pub fn zmq_z85_encode(dest: *mut c_char, data: *const u8, size: usize) -> *mut c_char;
    pub fn zmq_z85_decode(dest: *mut u8, string: *const c_char) -> *mut u8;
    pub fn zmq_curve_keypair(z85_public_key: *mut c_char, z85_secret_key: *mut c_char) -> c_int;
    pub fn zmq_curve_public(z85_public_key: *mut c_char, z85_secret_key: *const c_char) -> c_int;

    pub fn zmq_sleep(seconds: c_int);
    pub fn zmq_stopwatch_start() -> *mut c_void;
    pub fn zmq_stopwatch_intermediate(watch: *mut c_void) -> std::os::raw::c_ulong;
    pub fn zmq_stopwatch_stop(watch: *mut c_void) -> std::os::raw::c_ulong;
}

