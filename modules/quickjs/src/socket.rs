//! `zmq.Socket`: created by `Context.prototype.socket()`, closed by
//! `close()`, by its context's `term()`, or when garbage collected.
//!
//! Return values follow the spec: `0` for success, the byte count from
//! `send()`, `undefined` when a non-blocking call would block (EAGAIN is
//! never thrown), a thrown `zmq.ZmqError` for every other libzmq failure.
//!
//! Socket is a QuickJS class of its own (not an rquickjs class): every
//! method is a plain C function that finds its [`SocketData`] with
//! `JS_GetOpaque`, so a `send`/`recv` costs what a builtin call costs. The
//! class id is allocated per runtime and reaches each method as its `magic`.
//!
//! | file | job |
//! |---|---|
//! | `socket.rs` | the class: what an object owns, registration, the method table |
//! | `socket/call.rs` | entering and leaving a method: the prologue and error mapping both paths share |
//! | `socket/fast.rs` | the raw fast path of `send`/`recv*` |
//! | `socket/methods.rs` | the method bodies: messages, endpoints, life cycle |
//! | `socket/options.rs` | `getsockopt*`/`setsockopt` and option value conversion |
//! | `socket/async_methods.rs` | the Promise methods (`*_async`) and `Symbol.asyncIterator` |

mod async_methods;
mod call;
mod fast;
mod methods;
mod options;

use crate::module::State;
use call::c_entry_points;
use rquickjs::{qjs, Ctx, Value};
use std::cell::Cell;
use std::ffi::CStr;
use std::os::raw::{c_int, c_void};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::rc::Rc;
use zmq_script as zs;
use zs::OptionValue;

/// What a Socket object owns.
pub struct SocketData {
    sock: zs::Socket,
    /// The runtime's teardown flag (see [`crate::shutdown`]).
    closing: Rc<Cell<bool>>,
    /// `*_async` receives are queued (see [`crate::async_ops`]): a new one must queue behind them.
    pub(crate) recv_queued: Cell<bool>,
}

impl SocketData {
    /// The core socket.
    pub fn inner(&self) -> &zs::Socket {
        &self.sock
    }

    /// The runtime's teardown flag, for sockets made from this one (monitors).
    pub(crate) fn closing_flag(&self) -> Rc<Cell<bool>> {
        self.closing.clone()
    }
}

impl Drop for SocketData {
    /// Garbage collected: the socket closes keeping its LINGER; at runtime
    /// teardown LINGER is set to 0 first (the reference's context finalizer),
    /// so exit never waits for peers that are not there.
    fn drop(&mut self) {
        if self.closing.get() && !self.sock.is_closed() {
            if let Ok(opt) = zs::options::socket_option_by_id(zs::options::id::LINGER) {
                let _ = self.sock.set_option(opt, OptionValue::Int(0));
            }
        }
    }
}

/// This runtime's Socket class id, registering the class on first use.
fn class_id(ctx: &Ctx<'_>) -> rquickjs::Result<qjs::JSClassID> {
    State::ensure(ctx)?;
    let state = State::get(ctx).ok_or(rquickjs::Error::Unknown)?;
    let mut id = state.socket_class.get();
    if id == 0 {
        // SAFETY: `ctx` is a live context (borrowed), so its runtime is live; JS_NewClassID
        // only writes the new id into `id`.
        let rt = unsafe { qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) };
        unsafe { qjs::JS_NewClassID(rt, &mut id) };
        let def = qjs::JSClassDef {
            class_name: c"Socket".as_ptr(),
            finalizer: Some(finalize),
            gc_mark: None,
            call: None,
            exotic: std::ptr::null_mut(),
        };
        // SAFETY: `rt` is live, `id` was just allocated in it, and `def` points at static
        // strings and functions (QuickJS copies the definition).
        if unsafe { qjs::JS_NewClass(rt, id, &def) } < 0 {
            return Err(rquickjs::Error::Unknown);
        }
        state.socket_class.set(id);
    }
    Ok(id)
}

/// The class finalizer: frees the object's [`SocketData`].
///
/// # Safety
/// QuickJS calls it once per Socket object, as the object dies; its opaque is
/// null or the `Box<SocketData>` pointer [`new_socket`] stored.
unsafe extern "C" fn finalize(_rt: *mut qjs::JSRuntime, val: qjs::JSValue) {
    let p = qjs::JS_GetOpaque(val, qjs::JS_GetClassID(val)) as *mut SocketData;
    if !p.is_null() {
        // A panic must not cross into C; closing never panics, but be sure.
        let _ = catch_unwind(AssertUnwindSafe(|| drop(Box::from_raw(p))));
    }
}

/// A new Socket object owning `sock`.
pub(crate) fn new_socket<'js>(
    ctx: &Ctx<'js>,
    sock: zs::Socket,
    closing: Rc<Cell<bool>>,
) -> rquickjs::Result<Value<'js>> {
    let id = class_id(ctx)?;
    let c = ctx.as_raw().as_ptr();
    // SAFETY: `c` is the live context of `ctx` and `id` its runtime's Socket class.
    let obj = unsafe { qjs::JS_NewObjectClass(c, id) };
    // SAFETY: JS_IsException only reads the tag.
    if unsafe { qjs::JS_IsException(obj) } {
        return Err(rquickjs::Error::Exception);
    }
    let data = Box::into_raw(Box::new(SocketData { sock, closing, recv_queued: Cell::new(false) }));
    // SAFETY: `obj` is a new Socket-class object without an opaque yet; the box now belongs to
    // it and `finalize` frees it.
    unsafe { qjs::JS_SetOpaque(obj, data as *mut c_void) };
    // SAFETY: `obj` is a new value of this context; its one reference passes to the Value.
    Ok(unsafe { Value::from_raw(ctx.clone(), obj) })
}

/// The socket behind a Socket object, if `v` is one.
pub(crate) fn socket_of<'a>(ctx: &Ctx<'_>, v: &'a Value<'_>) -> Option<&'a SocketData> {
    let id = State::get(ctx).map(|s| s.socket_class.get()).unwrap_or(0);
    if id == 0 {
        return None;
    }
    // SAFETY: `v` is a live value (borrowed); JS_GetOpaque returns null unless it is an object
    // of the Socket class `id`.
    let p = unsafe { qjs::JS_GetOpaque(v.as_raw(), id) } as *const SocketData;
    // SAFETY: a non-null opaque is the SocketData the object owns until it is finalized, which
    // cannot happen while `v` (borrowed for `'a`) holds a reference to it.
    unsafe { p.as_ref() }
}

// ---- the class ----

macro_rules! c_methods {
    ($($fname:ident => $body:path;)*) => {
        c_entry_points! {
            $($fname => |ctx, this, argc, argv, magic| call::with_socket(ctx, this, argc, argv, magic, $body);)*
        }
    };
}

c_methods! {
    c_send_multipart => methods::send_multipart;
    c_recv_multipart => methods::recv_multipart;
    c_more => methods::more;
    c_recv_event => methods::recv_event;
    c_monitor => methods::monitor;
    c_bind => methods::bind;
    c_unbind => methods::unbind;
    c_connect => methods::connect;
    c_disconnect => methods::disconnect;
    c_bind_to_random_port => methods::bind_to_random_port;
    c_close => methods::close;
    c_events => methods::events;
    c_closed => methods::closed;
    c_kind => methods::kind;
    c_to_string => methods::to_string;
    c_getsockopt => options::getsockopt;
    c_getsockopt_int => options::getsockopt_int;
    c_getsockopt_bigint => options::getsockopt_bigint;
    c_getsockopt_str => options::getsockopt_str;
    c_getsockopt_bytes => options::getsockopt_bytes;
    c_setsockopt => options::setsockopt;
}

use async_methods::{c_recv_async, c_recv_multipart_async, c_recv_str_async, c_send_async, c_send_multipart_async};
use fast::{c_recv, c_recv_bigint, c_recv_int, c_recv_into, c_recv_str, c_send};

type MagicFn = unsafe extern "C" fn(*mut qjs::JSContext, qjs::JSValue, c_int, *mut qjs::JSValue, c_int) -> qjs::JSValue;

/// The prototype's methods: name, function, `length`.
const METHODS: &[(&CStr, MagicFn, c_int)] = &[
    (c"bind", c_bind, 1),
    (c"unbind", c_unbind, 1),
    (c"connect", c_connect, 1),
    (c"disconnect", c_disconnect, 1),
    (c"bind_to_random_port", c_bind_to_random_port, 1),
    (c"send", c_send, 2),
    (c"recv", c_recv, 1),
    (c"recv_uint8ffarray", c_recv, 1),
    (c"recv_uint8array", c_recv, 1),
    (c"recv_str", c_recv_str, 1),
    (c"recv_int", c_recv_int, 1),
    (c"recv_bigint", c_recv_bigint, 1),
    (c"recv_into", c_recv_into, 2),
    (c"send_multipart", c_send_multipart, 2),
    (c"recv_multipart", c_recv_multipart, 1),
    (c"more", c_more, 0),
    (c"monitor", c_monitor, 1),
    (c"recv_event", c_recv_event, 1),
    (c"events", c_events, 0),
    (c"close", c_close, 0),
    (c"getsockopt", c_getsockopt, 1),
    (c"getsockopt_int", c_getsockopt_int, 1),
    (c"getsockopt_bigint", c_getsockopt_bigint, 1),
    (c"getsockopt_str", c_getsockopt_str, 1),
    (c"getsockopt_uint8ffarray", c_getsockopt_bytes, 1),
    (c"getsockopt_uint8array", c_getsockopt_bytes, 1),
    (c"setsockopt", c_setsockopt, 2),
    (c"toString", c_to_string, 0),
    (c"recv_async", c_recv_async, 1),
    (c"recv_str_async", c_recv_str_async, 1),
    (c"recv_multipart_async", c_recv_multipart_async, 1),
    (c"send_async", c_send_async, 2),
    (c"send_multipart_async", c_send_multipart_async, 2),
];

/// The prototype's getters.
const GETTERS: &[(&CStr, MagicFn)] = &[(c"closed", c_closed), (c"type", c_kind)];

/// A new JS function (an owned raw value, or an exception) that calls `f` with `id` as its magic.
fn c_function(ctx: &Ctx<'_>, f: MagicFn, name: &CStr, length: c_int, id: qjs::JSClassID) -> qjs::JSValue {
    // SAFETY: QuickJS calls a JS_CFUNC_generic_magic function with the magic argument, so the
    // pointer is only ever called with the five arguments MagicFn declares.
    let f: qjs::JSCFunction = unsafe {
        std::mem::transmute::<
            MagicFn,
            unsafe extern "C" fn(*mut qjs::JSContext, qjs::JSValue, c_int, *mut qjs::JSValue) -> qjs::JSValue,
        >(f)
    }
    .into();
    // SAFETY: `ctx` is a live context (borrowed); `name` is a C string QuickJS copies into an atom.
    unsafe {
        qjs::JS_NewCFunction2(
            ctx.as_raw().as_ptr(),
            f,
            name.as_ptr(),
            length,
            qjs::JSCFunctionEnum_JS_CFUNC_generic_magic,
            id as c_int,
        )
    }
}

/// The `Socket` constructor: always throws a TypeError.
///
/// # Safety
/// QuickJS calls it with a live `ctx`.
unsafe extern "C" fn c_construct(
    ctx: *mut qjs::JSContext,
    _this: qjs::JSValue,
    _argc: c_int,
    _argv: *mut qjs::JSValue,
) -> qjs::JSValue {
    qjs::JS_ThrowTypeError(
        ctx,
        c"%s".as_ptr(),
        c"use Context.prototype.socket(type) to create a Socket".as_ptr(),
    )
}

/// Set up the Socket class in this context and return its constructor
/// (which only throws: sockets come from `Context.prototype.socket()`).
pub(crate) fn define_class<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Value<'js>> {
    let id = class_id(ctx)?;
    let c = ctx.as_raw().as_ptr();
    // SAFETY: `c` is the live context of `ctx`. `proto_v` and `ctor_v` own the new prototype and
    // constructor (so every early return frees them); `proto` stays alive through `proto_v`.
    // Each property value (`func`, `getter`) is a new reference taken by the defining call, also
    // on failure; the atom is freed once; JS_SetClassProto takes the extra reference made for it.
    unsafe {
        let proto = qjs::JS_NewObject(c);
        if qjs::JS_IsException(proto) {
            return Err(rquickjs::Error::Exception);
        }
        let proto_v = Value::from_raw(ctx.clone(), proto);
        let flags = (qjs::JS_PROP_WRITABLE | qjs::JS_PROP_CONFIGURABLE) as c_int;
        for (name, f, length) in METHODS {
            let func = c_function(ctx, *f, name, *length, id);
            if qjs::JS_DefinePropertyValueStr(c, proto, name.as_ptr(), func, flags) < 0 {
                return Err(rquickjs::Error::Exception);
            }
        }
        for (name, f) in GETTERS {
            let getter = c_function(ctx, *f, name, 0, id);
            let atom = qjs::JS_NewAtom(c, name.as_ptr());
            let rc = qjs::JS_DefinePropertyGetSet(
                c,
                proto,
                atom,
                getter,
                qjs::JS_UNDEFINED,
                qjs::JS_PROP_CONFIGURABLE as c_int,
            );
            qjs::JS_FreeAtom(c, atom);
            if rc < 0 {
                return Err(rquickjs::Error::Exception);
            }
        }
        async_methods::define_async_iterator(ctx, &proto_v)?;
        let ctor = qjs::JS_NewCFunction2(
            c,
            Some(c_construct),
            c"Socket".as_ptr(),
            0,
            qjs::JSCFunctionEnum_JS_CFUNC_constructor_or_func,
            0,
        );
        let ctor_v = Value::from_raw(ctx.clone(), ctor);
        if qjs::JS_IsException(ctor) || qjs::JS_SetConstructor(c, ctor, proto) < 0 {
            return Err(rquickjs::Error::Exception);
        }
        qjs::JS_SetClassProto(c, id, qjs::JS_DupValue(c, proto_v.as_raw()));
        Ok(ctor_v)
    }
}

