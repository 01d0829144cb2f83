// TypeScript declarations for the "zmq" module of zmq-script's QuickJS engine:
// `import * as zmq from "zmq"` under `qjs`, or in a host that called
// `zmq_quickjs::install` (docs/js-api.md is the reference).
//
// Use it by listing this file in your tsconfig.json ("files" or "include"), or with
// `/// <reference path="modules/quickjs/zmq.d.ts" />`; compile with `--target es2020`
// (or later) and `--module es2020`, and run the output with `qjs`.
//
// The part between the "generated" markers is derived from the core's option and
// constant tables (crates/doc-tests/src/dts.rs); `cargo test -p doc-tests --test typescript`
// fails when it is out of date, and checks this file with `tsc --strict` against a
// sample that calls every function (crates/doc-tests/ts/).

/** The reference module's name for `Uint8Array`; defined globally when "zmq" is loaded. */
declare var Uint8FFArray: Uint8ArrayConstructor;
/** The reference module's name for `Uint8Array`. */
type Uint8FFArray = Uint8Array;

declare module "zmq" {
  /** `name`, `ZMQ_name`, or either in lower case: the spellings the module accepts for a name. */
  export type Spelled<N extends string> = N | Lowercase<N> | `ZMQ_${N}` | `zmq_${Lowercase<N>}`;

  /**
   * What `send()` and `send_multipart()` accept: `null` (empty message), a boolean or a
   * number that fits int32 (4 bytes), another number or a BigInt (8 bytes, host byte order),
   * a string (its UTF-8 bytes), or the bytes of any TypedArray, DataView or ArrayBuffer.
   */
  export type Data = null | boolean | number | bigint | string | ArrayBufferView | ArrayBuffer;

  /** What string, binary and CURVE-key options accept: text, bytes, or `null` (empty). */
  export type BytesValue = string | ArrayBufferView | ArrayBuffer | null;

  /** A capability name for `has()`. */
  export type Capability = "ipc" | "pgm" | "tipc" | "norm" | "vmci" | "curve" | "gssapi" | "draft";

  /** `[major, minor, patch]` of libzmq, e.g. `[4, 3, 5]`. */
  export function version(): [number, number, number];

  /**
   * `1` if libzmq has the capability, else `0`.
   * @throws TypeError if `capability` is not a string.
   */
  export function has(capability: Capability | string): 0 | 1;

  /**
   * A new CURVE key pair as 40-character Z85 strings.
   * @throws ZmqError (ENOTSUP) if libzmq was built without CURVE.
   */
  export function curve_keypair(): { public: string; secret: string };

  /**
   * The public key (Z85) of a Z85 secret key.
   * @throws ZmqError (EINVAL) for a string that is not a 40-character Z85 key.
   */
  export function curve_public(secret: string): string;

  /**
   * Z85 text of `data`, whose length must be a multiple of 4.
   * @throws ZmqError (EINVAL) for another length; TypeError for a value that has no bytes.
   */
  export function z85_encode(data: string | ArrayBufferView | ArrayBuffer): string;

  /**
   * The bytes of Z85 `text`, whose length must be a multiple of 5.
   * @throws ZmqError (EINVAL) for another length or a character outside Z85.
   */
  export function z85_decode(text: string): Uint8Array;

  /**
   * Forward messages between `frontend` and `backend` (both ways), copying each to
   * `capture` if given. Returns only by throwing: ETERM when the context is terminated,
   * or the uncatchable interrupt when the script is stopped (Ctrl-C, SIGTERM).
   */
  export function proxy(frontend: Socket, backend: Socket, capture?: Socket | null): never;

  /**
   * `proxy()` steered by messages on `control`: "PAUSE", "RESUME", "STATISTICS" (replies with
   * eight 8-byte counters) and "TERMINATE", after which it returns 0.
   */
  export function proxy_steerable(frontend: Socket, backend: Socket, capture: Socket | null, control: Socket): 0;

  /** A connection event, as `Socket.recv_event()` returns it. */
  export interface MonitorEvent {
    /** The `EVENT_*` number. */
    event: number;
    /** Its name, e.g. "EVENT_ACCEPTED" ("EVENT_UNKNOWN" for one this version does not know). */
    name: string;
    /** A file descriptor, an errno or an interval, by event. */
    value: number;
    /** The endpoint concerned. */
    endpoint: string;
  }

  /** One row of the option table, as `socket_options()` returns it. */
  export interface SocketOptionInfo {
    name: string;
    id: number;
    type: "int" | "bool" | "int64" | "uint64" | "string" | "binary" | "curve key";
    access: "RO" | "WO" | "RW";
    /** The socket type the round-trip tests use for this option. */
    socket_type: SocketType;
    /** A deprecated alias of another row with the same id (`IDENTITY`). */
    alias: boolean;
  }

  /** The socket option table (docs/options.md). */
  export function socket_options(): SocketOptionInfo[];

  /** `Uint8Array` (the reference module's buffer type). */
  export const Uint8FFArray: Uint8ArrayConstructor;

  /** The class of every error from libzmq or from a misuse the core refuses. */
  export class ZmqError extends Error {
    constructor(message: string, errno: number, code: string);
    /** The errno, equal to the constant of the same name (`zmq.EADDRINUSE`). */
    errno: number;
    /** The errno's name: `"EADDRINUSE"`, `"ETERM"`, `"ENOTSOCK"`... */
    code: ErrnoName | string;
  }

  /**
   * What `Context.auth()` admits (docs/security.md). Every field is optional; a CURVE or PLAIN
   * client is refused unless `curve` / `plain` admits it; a NULL client passes unless an
   * address rule refuses it (libzmq asks about NULL clients only for servers with `ZAP_DOMAIN`).
   */
  export interface AuthConfig {
    /** Only these IP addresses may connect (excludes `deny`). */
    allow?: string | readonly string[] | null;
    /** These IP addresses may not connect (excludes `allow`). */
    deny?: string | readonly string[] | null;
    /** Z85 public keys of the CURVE clients admitted, or `"*"` for any key (encryption only). */
    curve?: "*" | string | readonly string[] | null;
    /** PLAIN user names and their passwords. */
    plain?: { readonly [user: string]: string } | null;
    /** Serve only requests of this ZAP domain (default: every domain). */
    domain?: string | null;
  }

  /** A running ZAP authenticator, from `Context.auth()`. It keeps running when collected. */
  export interface Authenticator {
    /** Stop authenticating (a no-op once closed or replaced by a later `auth()`); returns 0. */
    close(): 0;
    /** True once closed, replaced by a later `auth()`, or the context terminated. */
    readonly closed: boolean;
    /** `"[Authenticator]"`, `"[Authenticator closed]"`. */
    toString(): string;
  }

  /** A ZeroMQ context. */
  export class Context {
    /** A new context (`zmq_ctx_new`). */
    constructor();
    /**
     * A new socket of `type` (a constant such as `zmq.PUB`, or a name such as `"PUB"`),
     * with LINGER 1000 ms.
     * @throws ZmqError: EINVAL (unknown type), ETERM (after `term()`), EMFILE (MAX_SOCKETS reached).
     */
    socket(type: SocketType | SocketTypeName): Socket;
    /**
     * Set a context option (`zmq_ctx_set`); returns 0.
     * @throws ZmqError (EINVAL) for an unknown option or a value libzmq or the core refuses.
     */
    set(option: WritableContextOption, value: number | boolean): 0;
    /** A context option's value (`zmq_ctx_get`). @throws ZmqError (EINVAL). */
    get(option: ReadableContextOption): number;
    /** Make blocking calls on this context's sockets end with ETERM; returns 0. */
    shutdown(): 0;
    /** Close the sockets still open (keeping their LINGER), then terminate; idempotent; returns 0. */
    term(): 0;
    /**
     * Authenticate the connections of this context's server sockets (ZAP): answered on a
     * thread of its own until `close()` or `term()`. A second call replaces the configuration.
     * @throws ZmqError: EINVAL (unknown field, wrong type, invalid address or key, `allow` with
     * `deny`), ETERM (after `term()`), EADDRINUSE (a socket of the script bound the ZAP endpoint).
     */
    auth(config?: AuthConfig): Authenticator;
    /** True once `term()` ran. */
    readonly terminated: boolean;
  }

  /**
   * A socket, from `Context.prototype.socket()` (the constructor only throws).
   * `for await (const frames of socket)` receives each message as its frames; the loop ends
   * when the socket is closed, and `break` leaves the socket open.
   */
  export class Socket implements AsyncIterable<Uint8Array[]> {
    private constructor();
    /** Bind to `endpoint` (`"tcp://127.0.0.1:*"`, `"ipc://name"`, `"inproc://name"`); returns 0. @throws ZmqError */
    bind(endpoint: string): 0;
    /** Stop listening on `endpoint` (for `tcp://...:*`, the LAST_ENDPOINT); returns 0. @throws ZmqError */
    unbind(endpoint: string): 0;
    /** Connect to `endpoint`; returns 0. @throws ZmqError */
    connect(endpoint: string): 0;
    /** Disconnect from `endpoint`; returns 0. @throws ZmqError */
    disconnect(endpoint: string): 0;
    /** Bind to a port the OS picks on `address` (default `"tcp://127.0.0.1"`); returns the endpoint. */
    bind_to_random_port(address?: string): string;
    /**
     * Send one message part; returns the number of bytes, or `undefined` when it would
     * block (`zmq.DONTWAIT`, or SNDTIMEO ran out).
     * @param flags `zmq.DONTWAIT`, `zmq.SNDMORE`, or both.
     */
    send(data: Data, flags?: number): number | undefined;
    /** Receive one part as bytes, or `undefined` when it would block. */
    recv(flags?: number): Uint8Array | undefined;
    /** Same as `recv()`. */
    recv_uint8ffarray(flags?: number): Uint8Array | undefined;
    /** Same as `recv()`. */
    recv_uint8array(flags?: number): Uint8Array | undefined;
    /** Receive one part as UTF-8 text (a lone trailing NUL dropped), or `undefined`. */
    recv_str(flags?: number): string | undefined;
    /** Receive a 4-byte part as a number, or `undefined`. @throws TypeError for another size (the part is consumed). */
    recv_int(flags?: number): number | undefined;
    /** Receive an 8-byte part as a BigInt, or `undefined`. @throws TypeError for another size. */
    recv_bigint(flags?: number): bigint | undefined;
    /**
     * Receive one part into `buffer` (no new object per message); returns the part's size, or
     * `undefined` when it would block. A part larger than the buffer is cut to it, and the size
     * returned is the whole part's. @throws TypeError if `buffer` is not a byte buffer.
     */
    recv_into(buffer: ArrayBufferView | ArrayBuffer, flags?: number): number | undefined;
    /** Send every element as one part of one message; returns the total bytes, or `undefined`. */
    send_multipart(parts: Data[], flags?: number): number | undefined;
    /** Receive every part of the next message, or `undefined` when none is waiting and DONTWAIT was given. */
    recv_multipart(flags?: number): Uint8Array[] | undefined;
    /** True if the part received last has more parts after it (RCVMORE). */
    more(): boolean;
    /**
     * Receive one part, without blocking the script: the promise settles from the event loop.
     * Any number may be pending; they settle in call order. Rejects with a ZmqError: `EAGAIN`
     * when RCVTIMEO (read at the call) runs out, `ENOTSOCK`/`ETERM` when the socket is closed.
     */
    recv_async(flags?: number): Promise<Uint8Array>;
    /** `recv_async()` as UTF-8 text (the rules of `recv_str()`). */
    recv_str_async(flags?: number): Promise<string>;
    /** Every part of the next message (the rules of `recv_async()`). */
    recv_multipart_async(flags?: number): Promise<Uint8Array[]>;
    /**
     * Send one part without blocking the script; `data` is copied at the call. Resolves to the
     * byte count; rejects as `recv_async()` does (SNDTIMEO for `EAGAIN`).
     */
    send_async(data: Data, flags?: number): Promise<number>;
    /** Send a multipart message without blocking the script; resolves to the total bytes. */
    send_multipart_async(parts: Data[], flags?: number): Promise<number>;
    /** Each message as an array of frames, until the socket is closed. */
    [Symbol.asyncIterator](): AsyncIterator<Uint8Array[]>;
    /** Watch this socket's connection events (OR of EVENT_* values, default EVENT_ALL); returns the socket they arrive on. */
    monitor(events?: number): Socket;
    /** The next event on a socket made by `monitor()`, or `undefined` when none is waiting and DONTWAIT was given. */
    recv_event(flags?: number): MonitorEvent | undefined;
    /** ZMQ_EVENTS now: `zmq.POLLIN` and/or `zmq.POLLOUT` bits. */
    events(): number;
    /** Close the socket, keeping its LINGER; idempotent; returns 0. */
    close(): 0;
    /** An option's value, typed by the option table (docs/options.md). @throws ZmqError (EINVAL for a write-only option) */
    getsockopt(option: ReadableIntOption): number;
    getsockopt(option: ReadableBigIntOption): bigint;
    getsockopt(option: ReadableStringOption): string;
    getsockopt(option: ReadableBinaryOption): Uint8Array;
    /** An int or bool option. @throws TypeError for an option of another type. */
    getsockopt_int(option: ReadableIntOption): number;
    /** An int64 or uint64 option. @throws TypeError for an option of another type. */
    getsockopt_bigint(option: ReadableBigIntOption): bigint;
    /** A string, binary or CURVE-key option as text. @throws TypeError for a numeric option. */
    getsockopt_str(option: ReadableStringOption | ReadableBinaryOption): string;
    /** A string, binary or CURVE-key option as bytes. @throws TypeError for a numeric option. */
    getsockopt_uint8ffarray(option: ReadableStringOption | ReadableBinaryOption): Uint8Array;
    /** Same as `getsockopt_uint8ffarray()`. */
    getsockopt_uint8array(option: ReadableStringOption | ReadableBinaryOption): Uint8Array;
    /**
     * Set an option; returns 0.
     * @throws TypeError (wrong value type), RangeError (out of range), ZmqError (EINVAL: read-only option, refused value).
     */
    setsockopt(option: WritableIntOption, value: number | boolean | bigint): 0;
    setsockopt(option: WritableBigIntOption, value: number | bigint): 0;
    setsockopt(option: WritableStringOption | WritableBinaryOption, value: BytesValue): 0;
    /** True once closed (by `close()` or by the context's `term()`). */
    readonly closed: boolean;
    /** The socket type constant (`zmq.PUSH`...). */
    readonly type: SocketType;
    /** `"[Socket PUSH]"`, `"[Socket PUSH closed]"`. */
    toString(): string;
  }

  /** What the poller reports: the socket (or fd) given to `add()`, its user data, and the events. */
  export interface PollerEvent<Target extends Socket | number = Socket, UserData = unknown> {
    socket: Target;
    user_data: UserData;
    /** `zmq.POLLIN`, `zmq.POLLOUT`, `zmq.POLLERR` bits. */
    events: number;
  }

  /**
   * Waits on several sockets (and file descriptors) at once. `Target` is `Socket` unless
   * you also add file descriptors (`new zmq.Poller<zmq.Socket | number>()`).
   */
  export class Poller<Target extends Socket | number = Socket, UserData = unknown> {
    constructor();
    /** Number of sockets and descriptors registered. */
    size(): number;
    /**
     * Register `target` for `events` (default `zmq.POLLIN`); returns 0.
     * @throws ZmqError: EINVAL (already added), ENOTSOCK (closed socket), EBADF (negative fd).
     */
    add(target: Target, events?: number, user_data?: UserData): 0;
    /** Change the events of a registered target; returns 0. @throws ZmqError (EINVAL if not added) */
    modify(target: Target, events: number): 0;
    /** Unregister a target; returns 0. @throws ZmqError (EINVAL if not added) */
    remove(target: Target): 0;
    /**
     * Wait up to `timeout` ms (default -1: no limit) for one event; `null` on timeout.
     * @throws ZmqError (EFAULT: waiting forever with nothing registered)
     */
    wait(timeout?: number): PollerEvent<Target, UserData> | null;
    /** The event available now, or `null`. */
    poll(): PollerEvent<Target, UserData> | null;
    /** Wait up to `timeout` ms for up to `n_events` events; `null` on timeout. @throws TypeError if `n_events` < 1 */
    wait_all(n_events: number, timeout?: number): PollerEvent<Target, UserData>[] | null;
    /** Up to `n_events` events available now, or `null`. */
    poll_all(n_events: number): PollerEvent<Target, UserData>[] | null;
  }

  // ---- generated from crates/zmq-script/src/options.rs and constants.rs (UPDATE_DOCS=1 cargo test -p doc-tests --test typescript) ----
  // Constants: libzmq's names without ZMQ_ (socket types, flags, poll and monitor events,
  // mechanisms, context and socket options, errno values).
  export const PAIR: 0;
  export const PUB: 1;
  export const SUB: 2;
  export const REQ: 3;
  export const REP: 4;
  export const DEALER: 5;
  export const ROUTER: 6;
  export const PULL: 7;
  export const PUSH: 8;
  export const XPUB: 9;
  export const XSUB: 10;
  export const STREAM: 11;
  export const XREQ: 5;
  export const XREP: 6;
  export const DONTWAIT: 1;
  export const NOBLOCK: 1;
  export const SNDMORE: 2;
  export const MORE: 1;
  export const SHARED: 3;
  export const SRCFD: 2;
  export const POLLIN: 1;
  export const POLLOUT: 2;
  export const POLLERR: 4;
  export const POLLPRI: 8;
  export const POLLITEMS_DFLT: 16;
  export const NULL: 0;
  export const PLAIN: 1;
  export const CURVE: 2;
  export const GSSAPI: 3;
  export const GSSAPI_NT_HOSTBASED: 0;
  export const GSSAPI_NT_USER_NAME: 1;
  export const GSSAPI_NT_KRB5_PRINCIPAL: 2;
  export const GROUP_MAX_LENGTH: 255;
  export const IO_THREADS_DFLT: 1;
  export const MAX_SOCKETS_DFLT: 1023;
  export const THREAD_PRIORITY_DFLT: -1;
  export const THREAD_SCHED_POLICY_DFLT: -1;
  export const STREAMER: 1;
  export const FORWARDER: 2;
  export const QUEUE: 3;
  export const HAUSNUMERO: 156384712;
  export const VERSION_MAJOR: 4;
  export const VERSION_MINOR: 3;
  export const EVENT_CONNECTED: 1;
  export const EVENT_CONNECT_DELAYED: 2;
  export const EVENT_CONNECT_RETRIED: 4;
  export const EVENT_LISTENING: 8;
  export const EVENT_BIND_FAILED: 16;
  export const EVENT_ACCEPTED: 32;
  export const EVENT_ACCEPT_FAILED: 64;
  export const EVENT_CLOSED: 128;
  export const EVENT_CLOSE_FAILED: 256;
  export const EVENT_DISCONNECTED: 512;
  export const EVENT_MONITOR_STOPPED: 1024;
  export const EVENT_HANDSHAKE_FAILED_NO_DETAIL: 2048;
  export const EVENT_HANDSHAKE_SUCCEEDED: 4096;
  export const EVENT_HANDSHAKE_FAILED_PROTOCOL: 8192;
  export const EVENT_HANDSHAKE_FAILED_AUTH: 16384;
  export const EVENT_ALL: 65535;
  export const IO_THREADS: 1;
  export const MAX_SOCKETS: 2;
  export const SOCKET_LIMIT: 3;
  export const THREAD_PRIORITY: 3;
  export const THREAD_SCHED_POLICY: 4;
  export const MAX_MSGSZ: 5;
  export const MSG_T_SIZE: 6;
  export const THREAD_AFFINITY_CPU_ADD: 7;
  export const THREAD_AFFINITY_CPU_REMOVE: 8;
  export const THREAD_NAME_PREFIX: 9;
  export const IPV6: 42;
  export const BLOCKY: 70;
  export const AFFINITY: 4;
  export const ROUTING_ID: 5;
  export const SUBSCRIBE: 6;
  export const UNSUBSCRIBE: 7;
  export const RATE: 8;
  export const RECOVERY_IVL: 9;
  export const SNDBUF: 11;
  export const RCVBUF: 12;
  export const RCVMORE: 13;
  export const FD: 14;
  export const EVENTS: 15;
  export const TYPE: 16;
  export const LINGER: 17;
  export const RECONNECT_IVL: 18;
  export const BACKLOG: 19;
  export const RECONNECT_IVL_MAX: 21;
  export const MAXMSGSIZE: 22;
  export const SNDHWM: 23;
  export const RCVHWM: 24;
  export const MULTICAST_HOPS: 25;
  export const RCVTIMEO: 27;
  export const SNDTIMEO: 28;
  export const IPV4ONLY: 31;
  export const LAST_ENDPOINT: 32;
  export const ROUTER_MANDATORY: 33;
  export const TCP_KEEPALIVE: 34;
  export const TCP_KEEPALIVE_CNT: 35;
  export const TCP_KEEPALIVE_IDLE: 36;
  export const TCP_KEEPALIVE_INTVL: 37;
  export const TCP_ACCEPT_FILTER: 38;
  export const IMMEDIATE: 39;
  export const XPUB_VERBOSE: 40;
  export const ROUTER_RAW: 41;
  export const MECHANISM: 43;
  export const PLAIN_SERVER: 44;
  export const PLAIN_USERNAME: 45;
  export const PLAIN_PASSWORD: 46;
  export const CURVE_SERVER: 47;
  export const CURVE_PUBLICKEY: 48;
  export const CURVE_SECRETKEY: 49;
  export const CURVE_SERVERKEY: 50;
  export const PROBE_ROUTER: 51;
  export const REQ_CORRELATE: 52;
  export const REQ_RELAXED: 53;
  export const CONFLATE: 54;
  export const ZAP_DOMAIN: 55;
  export const ROUTER_HANDOVER: 56;
  export const TOS: 57;
  export const CONNECT_ROUTING_ID: 61;
  export const GSSAPI_SERVER: 62;
  export const GSSAPI_PRINCIPAL: 63;
  export const GSSAPI_SERVICE_PRINCIPAL: 64;
  export const GSSAPI_PLAINTEXT: 65;
  export const HANDSHAKE_IVL: 66;
  export const SOCKS_PROXY: 68;
  export const XPUB_NODROP: 69;
  export const XPUB_MANUAL: 71;
  export const XPUB_WELCOME_MSG: 72;
  export const STREAM_NOTIFY: 73;
  export const INVERT_MATCHING: 74;
  export const HEARTBEAT_IVL: 75;
  export const HEARTBEAT_TTL: 76;
  export const HEARTBEAT_TIMEOUT: 77;
  export const XPUB_VERBOSER: 78;
  export const CONNECT_TIMEOUT: 79;
  export const TCP_MAXRT: 80;
  export const THREAD_SAFE: 81;
  export const MULTICAST_MAXTPDU: 84;
  export const VMCI_BUFFER_SIZE: 85;
  export const VMCI_BUFFER_MIN_SIZE: 86;
  export const VMCI_BUFFER_MAX_SIZE: 87;
  export const VMCI_CONNECT_TIMEOUT: 88;
  export const USE_FD: 89;
  export const GSSAPI_PRINCIPAL_NAMETYPE: 90;
  export const GSSAPI_SERVICE_PRINCIPAL_NAMETYPE: 91;
  export const BINDTODEVICE: 92;
  export const IDENTITY: 5;
  export const CONNECT_RID: 61;
  export const DELAY_ATTACH_ON_CONNECT: 39;
  export const FAIL_UNROUTABLE: 33;
  export const ROUTER_BEHAVIOR: 33;
  export const EPERM: 1;
  export const ENOENT: 2;
  export const ESRCH: 3;
  export const EINTR: 4;
  export const EIO: 5;
  export const ENXIO: 6;
  export const E2BIG: 7;
  export const EBADF: 9;
  export const ECHILD: 10;
  export const EAGAIN: 11;
  export const ENOMEM: 12;
  export const EACCES: 13;
  export const EFAULT: 14;
  export const EBUSY: 16;
  export const EEXIST: 17;
  export const ENODEV: 19;
  export const ENOTDIR: 20;
  export const EISDIR: 21;
  export const EINVAL: 22;
  export const ENFILE: 23;
  export const EMFILE: 24;
  export const ENOSPC: 28;
  export const EPIPE: 32;
  export const ERANGE: 34;
  export const EDEADLK: 35;
  export const ENAMETOOLONG: 36;
  export const ENOSYS: 38;
  export const ENOTSOCK: 88;
  export const EDESTADDRREQ: 89;
  export const EMSGSIZE: 90;
  export const EPROTOTYPE: 91;
  export const ENOPROTOOPT: 92;
  export const EPROTONOSUPPORT: 93;
  export const ESOCKTNOSUPPORT: 94;
  export const ENOTSUP: 95;
  export const EPFNOSUPPORT: 96;
  export const EAFNOSUPPORT: 97;
  export const EADDRINUSE: 98;
  export const EADDRNOTAVAIL: 99;
  export const ENETDOWN: 100;
  export const ENETUNREACH: 101;
  export const ENETRESET: 102;
  export const ECONNABORTED: 103;
  export const ECONNRESET: 104;
  export const ENOBUFS: 105;
  export const EISCONN: 106;
  export const ENOTCONN: 107;
  export const ETIMEDOUT: 110;
  export const ECONNREFUSED: 111;
  export const EHOSTDOWN: 112;
  export const EHOSTUNREACH: 113;
  export const EALREADY: 114;
  export const EINPROGRESS: 115;
  export const EPROTO: 71;
  export const EILSEQ: 84;
  export const EFSM: 156384763;
  export const ENOCOMPATPROTO: 156384764;
  export const ETERM: 156384765;
  export const EMTHREAD: 156384766;

  /** A socket type constant (`zmq.PUB`...). */
  export type SocketType = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10 | 11;
  /** A socket type by name, as `Context.socket()` accepts it. */
  export type SocketTypeName = SocketTypeBase | Lowercase<SocketTypeBase> | `ZMQ_${SocketTypeBase}`;
  type SocketTypeBase = "PAIR" | "PUB" | "SUB" | "REQ" | "REP" | "DEALER" | "ROUTER" | "PULL" | "PUSH" | "XPUB" | "XSUB"
    | "STREAM" | "XREQ" | "XREP";
  /** The `code` of a `ZmqError`. */
  export type ErrnoName = "EPERM" | "ENOENT" | "ESRCH" | "EINTR" | "EIO" | "ENXIO" | "E2BIG" | "EBADF" | "ECHILD"
    | "EAGAIN" | "ENOMEM" | "EACCES" | "EFAULT" | "EBUSY" | "EEXIST" | "ENODEV" | "ENOTDIR"
    | "EISDIR" | "EINVAL" | "ENFILE" | "EMFILE" | "ENOSPC" | "EPIPE" | "ERANGE" | "EDEADLK"
    | "ENAMETOOLONG" | "ENOSYS" | "ENOTSOCK" | "EDESTADDRREQ" | "EMSGSIZE" | "EPROTOTYPE"
    | "ENOPROTOOPT" | "EPROTONOSUPPORT" | "ESOCKTNOSUPPORT" | "ENOTSUP" | "EPFNOSUPPORT"
    | "EAFNOSUPPORT" | "EADDRINUSE" | "EADDRNOTAVAIL" | "ENETDOWN" | "ENETUNREACH" | "ENETRESET"
    | "ECONNABORTED" | "ECONNRESET" | "ENOBUFS" | "EISCONN" | "ENOTCONN" | "ETIMEDOUT"
    | "ECONNREFUSED" | "EHOSTDOWN" | "EHOSTUNREACH" | "EALREADY" | "EINPROGRESS" | "EPROTO"
    | "EILSEQ" | "EFSM" | "ENOCOMPATPROTO" | "ETERM" | "EMTHREAD" | "EUNKNOWN";
  /** Socket options getsockopt() returns as a number (int and bool options): a name or the constant. */
  export type ReadableIntOption =
    | Spelled<"RATE" | "RECOVERY_IVL" | "SNDBUF" | "RCVBUF" | "RCVMORE" | "FD" | "EVENTS" | "TYPE" | "LINGER"
    | "RECONNECT_IVL" | "BACKLOG" | "RECONNECT_IVL_MAX" | "SNDHWM" | "RCVHWM" | "MULTICAST_HOPS"
    | "RCVTIMEO" | "SNDTIMEO" | "IPV4ONLY" | "TCP_KEEPALIVE" | "TCP_KEEPALIVE_CNT"
    | "TCP_KEEPALIVE_IDLE" | "TCP_KEEPALIVE_INTVL" | "IMMEDIATE" | "IPV6" | "MECHANISM"
    | "PLAIN_SERVER" | "CURVE_SERVER" | "TOS" | "GSSAPI_SERVER" | "GSSAPI_PLAINTEXT"
    | "HANDSHAKE_IVL" | "INVERT_MATCHING" | "CONNECT_TIMEOUT" | "TCP_MAXRT" | "THREAD_SAFE"
    | "MULTICAST_MAXTPDU" | "VMCI_CONNECT_TIMEOUT" | "USE_FD" | "GSSAPI_PRINCIPAL_NAMETYPE"
    | "GSSAPI_SERVICE_PRINCIPAL_NAMETYPE" | "DELAY_ATTACH_ON_CONNECT">
    | 8 | 9 | 11 | 12 | 13 | 14 | 15 | 16 | 17 | 18 | 19 | 21 | 23 | 24 | 25 | 27 | 28 | 31 | 34 | 35
    | 36 | 37 | 39 | 42 | 43 | 44 | 47 | 57 | 62 | 65 | 66 | 74 | 79 | 80 | 81 | 84 | 88 | 89 | 90
    | 91;
  /** Socket options setsockopt() takes as a number (int and bool options): a name or the constant. */
  export type WritableIntOption =
    | Spelled<"RATE" | "RECOVERY_IVL" | "SNDBUF" | "RCVBUF" | "LINGER" | "RECONNECT_IVL" | "BACKLOG"
    | "RECONNECT_IVL_MAX" | "SNDHWM" | "RCVHWM" | "MULTICAST_HOPS" | "RCVTIMEO" | "SNDTIMEO"
    | "IPV4ONLY" | "ROUTER_MANDATORY" | "TCP_KEEPALIVE" | "TCP_KEEPALIVE_CNT" | "TCP_KEEPALIVE_IDLE"
    | "TCP_KEEPALIVE_INTVL" | "IMMEDIATE" | "XPUB_VERBOSE" | "ROUTER_RAW" | "IPV6" | "PLAIN_SERVER"
    | "CURVE_SERVER" | "PROBE_ROUTER" | "REQ_CORRELATE" | "REQ_RELAXED" | "CONFLATE"
    | "ROUTER_HANDOVER" | "TOS" | "GSSAPI_SERVER" | "GSSAPI_PLAINTEXT" | "HANDSHAKE_IVL"
    | "XPUB_NODROP" | "XPUB_MANUAL" | "STREAM_NOTIFY" | "INVERT_MATCHING" | "HEARTBEAT_IVL"
    | "HEARTBEAT_TTL" | "HEARTBEAT_TIMEOUT" | "XPUB_VERBOSER" | "CONNECT_TIMEOUT" | "TCP_MAXRT"
    | "MULTICAST_MAXTPDU" | "VMCI_CONNECT_TIMEOUT" | "USE_FD" | "GSSAPI_PRINCIPAL_NAMETYPE"
    | "GSSAPI_SERVICE_PRINCIPAL_NAMETYPE" | "DELAY_ATTACH_ON_CONNECT" | "FAIL_UNROUTABLE"
    | "ROUTER_BEHAVIOR">
    | 8 | 9 | 11 | 12 | 17 | 18 | 19 | 21 | 23 | 24 | 25 | 27 | 28 | 31 | 33 | 34 | 35 | 36 | 37 | 39
    | 40 | 41 | 42 | 44 | 47 | 51 | 52 | 53 | 54 | 56 | 57 | 62 | 65 | 66 | 69 | 71 | 73 | 74 | 75
    | 76 | 77 | 78 | 79 | 80 | 84 | 88 | 89 | 90 | 91;
  /** Socket options getsockopt() returns as a BigInt (int64 and uint64 options): a name or the constant. */
  export type ReadableBigIntOption =
    | Spelled<"AFFINITY" | "MAXMSGSIZE" | "VMCI_BUFFER_SIZE" | "VMCI_BUFFER_MIN_SIZE" | "VMCI_BUFFER_MAX_SIZE">
    | 4 | 22 | 85 | 86 | 87;
  /** Socket options setsockopt() takes as a BigInt (int64 and uint64 options): a name or the constant. */
  export type WritableBigIntOption =
    | Spelled<"AFFINITY" | "MAXMSGSIZE" | "VMCI_BUFFER_SIZE" | "VMCI_BUFFER_MIN_SIZE" | "VMCI_BUFFER_MAX_SIZE">
    | 4 | 22 | 85 | 86 | 87;
  /** Socket options getsockopt() returns as a string (string options and CURVE keys): a name or the constant. */
  export type ReadableStringOption =
    | Spelled<"LAST_ENDPOINT" | "PLAIN_USERNAME" | "PLAIN_PASSWORD" | "CURVE_PUBLICKEY" | "CURVE_SECRETKEY"
    | "CURVE_SERVERKEY" | "ZAP_DOMAIN" | "GSSAPI_PRINCIPAL" | "GSSAPI_SERVICE_PRINCIPAL"
    | "SOCKS_PROXY" | "BINDTODEVICE">
    | 32 | 45 | 46 | 48 | 49 | 50 | 55 | 63 | 64 | 68 | 92;
  /** Socket options setsockopt() takes as a string (string options and CURVE keys): a name or the constant. */
  export type WritableStringOption =
    | Spelled<"TCP_ACCEPT_FILTER" | "PLAIN_USERNAME" | "PLAIN_PASSWORD" | "CURVE_PUBLICKEY"
    | "CURVE_SECRETKEY" | "CURVE_SERVERKEY" | "ZAP_DOMAIN" | "GSSAPI_PRINCIPAL"
    | "GSSAPI_SERVICE_PRINCIPAL" | "SOCKS_PROXY" | "BINDTODEVICE">
    | 38 | 45 | 46 | 48 | 49 | 50 | 55 | 63 | 64 | 68 | 92;
  /** Socket options getsockopt() returns as a Uint8Array (binary options): a name or the constant. */
  export type ReadableBinaryOption =
    | Spelled<"ROUTING_ID" | "IDENTITY">
    | 5;
  /** Socket options setsockopt() takes as a Uint8Array (binary options): a name or the constant. */
  export type WritableBinaryOption =
    | Spelled<"ROUTING_ID" | "SUBSCRIBE" | "UNSUBSCRIBE" | "CONNECT_ROUTING_ID" | "XPUB_WELCOME_MSG"
    | "IDENTITY" | "CONNECT_RID">
    | 5 | 6 | 7 | 61 | 72;
  /** Context options Context.get() accepts: a name or the constant. */
  export type ReadableContextOption =
    | Spelled<"IO_THREADS" | "MAX_SOCKETS" | "SOCKET_LIMIT" | "THREAD_SCHED_POLICY" | "MAX_MSGSZ"
    | "MSG_T_SIZE" | "THREAD_NAME_PREFIX" | "IPV6" | "BLOCKY">
    | 1 | 2 | 3 | 4 | 5 | 6 | 9 | 42 | 70;
  /** Context options Context.set() accepts: a name or the constant. */
  export type WritableContextOption =
    | Spelled<"IO_THREADS" | "MAX_SOCKETS" | "THREAD_PRIORITY" | "THREAD_SCHED_POLICY" | "MAX_MSGSZ"
    | "THREAD_AFFINITY_CPU_ADD" | "THREAD_AFFINITY_CPU_REMOVE" | "THREAD_NAME_PREFIX" | "IPV6"
    | "BLOCKY">
    | 1 | 2 | 3 | 4 | 5 | 7 | 8 | 9 | 42 | 70;
  // ---- end of generated part ----

  /** Everything above, as one object. */
  const _default: typeof import("zmq");
  export default _default;
}
