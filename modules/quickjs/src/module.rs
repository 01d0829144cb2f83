//! The `"zmq"` ES module: its exports and the per-runtime state behind them.

use crate::context::Context;
use crate::convert;
use crate::error::{self, OrThrow};
use crate::poller::Poller;
use rquickjs::module::{Declarations, Exports, ModuleDef};
use rquickjs::{class::Class, Array, Constructor, Ctx, Function, JsLifetime, Object, Persistent, Value};
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use zmq_script as zs;

/// The `"zmq"` module, for [`rquickjs::loader::ModuleLoader::with_module`] or
/// [`rquickjs::Module::declare_def`].
///
/// Exports `version`, `has`, `Context`, `Poller`, `Socket`, `ZmqError`,
/// `curve_keypair`, `curve_public`, `z85_encode`, `z85_decode`, `proxy`, `proxy_steerable`,
/// `socket_options`,
/// every constant of [`zs::constants::all`] (`PUB`, `SUBSCRIBE`, `EAGAIN`...)
/// and a `default` object with all of them. Evaluating it also defines the
/// global `Uint8FFArray` (= `Uint8Array`) if it does not exist.
pub struct Zmq;

/// Names exported besides the constants.
const FUNCTIONS: &[&str] = &[
    "version",
    "has",
    "Context",
    "Poller",
    "Socket",
    "ZmqError",
    "Uint8FFArray",
    "curve_keypair",
    "curve_public",
    "z85_encode",
    "z85_decode",
    "proxy",
    "proxy_steerable",
    "socket_options",
    "default",
];

impl ModuleDef for Zmq {
    fn declare(decl: &Declarations<'_>) -> rquickjs::Result<()> {
        for name in FUNCTIONS {
            decl.declare(*name)?;
        }
        for (name, _) in zs::constants::all() {
            decl.declare(*name)?;
        }
        Ok(())
    }

    fn evaluate<'js>(ctx: &Ctx<'js>, exports: &Exports<'js>) -> rquickjs::Result<()> {
        let all = build(ctx)?;
        for key in all.keys::<String>() {
            let key = key?;
            let value: Value = all.get(key.as_str())?;
            exports.export(key, value)?;
        }
        exports.export("default", all)?;
        Ok(())
    }
}

/// The object holding everything the module exports, built once per JS
/// context: an `import`, and objects a host makes before any import
/// ([`crate::socket_value`]...), see the same classes.
pub fn build<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    State::ensure(ctx)?;
    if let Some(obj) = State::get(ctx).and_then(|s| s.module_object(ctx)) {
        return Ok(obj);
    }
    let obj = build_new(ctx)?;
    if let Some(state) = State::get(ctx) {
        state.set_module_object(ctx, obj.clone());
    }
    Ok(obj)
}

fn build_new<'js>(ctx: &Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let obj = Object::new(ctx.clone())?;
    let zmq_error = error::create_class(ctx)?;
    if let Some(state) = State::get(ctx) {
        state.set_error_class(ctx, zmq_error.clone());
        state.keep_shapes(ctx)?;
    }
    obj.set("ZmqError", zmq_error)?;

    obj.set("version", Function::new(ctx.clone(), version)?.with_name("version")?)?;
    obj.set("has", Function::new(ctx.clone(), has)?.with_name("has")?)?;
    obj.set(
        "curve_keypair",
        Function::new(ctx.clone(), curve_keypair)?.with_name("curve_keypair")?,
    )?;
    obj.set(
        "curve_public",
        Function::new(ctx.clone(), curve_public)?.with_name("curve_public")?,
    )?;
    obj.set(
        "z85_encode",
        Function::new(ctx.clone(), z85_encode)?.with_name("z85_encode")?,
    )?;
    obj.set(
        "z85_decode",
        Function::new(ctx.clone(), z85_decode)?.with_name("z85_decode")?,
    )?;
    obj.set(
        "proxy",
        Function::new(ctx.clone(), crate::proxy::proxy)?.with_name("proxy")?,
    )?;
    obj.set(
        "proxy_steerable",
        Function::new(ctx.clone(), crate::proxy::proxy_steerable)?.with_name("proxy_steerable")?,
    )?;
    obj.set(
        "socket_options",
        Function::new(ctx.clone(), socket_options)?.with_name("socket_options")?,
    )?;

    let context = Class::<Context>::create_constructor(ctx)?.ok_or(rquickjs::Error::Unknown)?;
    obj.set("Context", context)?;
    let poller = Class::<Poller>::create_constructor(ctx)?.ok_or(rquickjs::Error::Unknown)?;
    obj.set("Poller", poller)?;
    obj.set("Socket", crate::socket::define_class(ctx)?)?;

    let globals = ctx.globals();
    let uint8array: Value = globals.get("Uint8Array")?;
    if globals.get::<_, Value>("Uint8FFArray")?.is_undefined() {
        globals.set("Uint8FFArray", uint8array.clone())?;
    }
    obj.set("Uint8FFArray", uint8array)?;

    for (name, value) in zs::constants::all() {
        obj.set(*name, *value as f64)?;
    }
    Ok(obj)
}

/// `zmq.version()` → `[major, minor, patch]`.
fn version<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Array<'js>> {
    let (a, b, c) = zs::version();
    let arr = Array::new(ctx)?;
    arr.set(0, a)?;
    arr.set(1, b)?;
    arr.set(2, c)?;
    Ok(arr)
}

/// `zmq.has(capability)` → 1 or 0.
fn has<'js>(ctx: Ctx<'js>, capability: Value<'js>) -> rquickjs::Result<i32> {
    let cap = convert::string_arg(&ctx, &capability, "has(): capability")?;
    Ok(zs::has(&cap) as i32)
}

/// `zmq.socket_options()` → the option table: `[{ name, id, type, access, socket_type, alias }]`
/// (`type` is `"int"`, `"bool"`, `"int64"`, `"uint64"`, `"string"`, `"binary"` or
/// `"curve key"`; `access` is `"RO"`, `"WO"` or `"RW"`).
fn socket_options<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Array<'js>> {
    let arr = Array::new(ctx.clone())?;
    for (i, o) in zs::options::SOCKET_OPTIONS.iter().enumerate() {
        let row = Object::new(ctx.clone())?;
        row.set("name", o.name)?;
        row.set("id", o.id)?;
        row.set("type", o.kind.name())?;
        row.set("access", o.access.name())?;
        row.set("socket_type", o.socket_type)?;
        row.set("alias", o.alias)?;
        arr.set(i, row)?;
    }
    Ok(arr)
}

/// `zmq.curve_keypair()` → `{ public, secret }` (Z85 text).
fn curve_keypair<'js>(ctx: Ctx<'js>) -> rquickjs::Result<Object<'js>> {
    let (public, secret) = zs::curve_keypair().or_throw(&ctx)?;
    let obj = Object::new(ctx)?;
    obj.set("public", public)?;
    obj.set("secret", secret)?;
    Ok(obj)
}

/// `zmq.curve_public(secret)` → the public key (Z85 text) of a Z85 secret key.
fn curve_public<'js>(ctx: Ctx<'js>, secret: Value<'js>) -> rquickjs::Result<String> {
    let secret = convert::string_arg(&ctx, &secret, "curve_public(): secret")?;
    zs::curve_public(&secret).or_throw(&ctx)
}

/// `zmq.z85_encode(bytes)` → string (length must be a multiple of 4).
fn z85_encode<'js>(ctx: Ctx<'js>, data: Value<'js>) -> rquickjs::Result<String> {
    let bytes = convert::bytes_arg(&ctx, &data, "z85_encode(): data")?;
    zs::z85_encode(&bytes).or_throw(&ctx)
}

/// `zmq.z85_decode(text)` → Uint8Array (length must be a multiple of 5).
fn z85_decode<'js>(ctx: Ctx<'js>, text: Value<'js>) -> rquickjs::Result<Value<'js>> {
    let text = convert::string_arg(&ctx, &text, "z85_decode(): text")?;
    let bytes = zs::z85_decode(&text).or_throw(&ctx)?;
    convert::new_uint8array(&ctx, &bytes)
}

/// Per-runtime state of the module, kept in the runtime's userdata.
pub(crate) struct State {
    /// Set when the host tears the runtime down: sockets finalized from then
    /// on get LINGER 0 (as the reference's context finalizer does), so exit is instant.
    pub(crate) closing: Rc<Cell<bool>>,
    /// The QuickJS class id of Socket objects in this runtime (0 until registered).
    pub(crate) socket_class: Cell<u32>,
    /// The `ZmqError` class of each JS context (by context pointer).
    error_classes: RefCell<Vec<(usize, Persistent<Constructor<'static>>)>>,
    /// The module object of each JS context (by context pointer), see [`build`].
    module_objects: RefCell<Vec<(usize, Persistent<Object<'static>>)>>,
    /// One empty Uint8Array per JS context, alive as long as the runtime (see [`State::keep_shapes`]).
    keepers: RefCell<Vec<(usize, Vec<Persistent<Value<'static>>>)>>,
    /// The atoms `socket`, `user_data`, `events` of poller events (created on first use).
    event_atoms: Cell<Option<[rquickjs::qjs::JSAtom; 3]>>,
    /// The runtime, to release the atoms.
    rt: *mut rquickjs::qjs::JSRuntime,
}

impl Drop for State {
    /// Runs while the runtime's userdata is cleared, before `JS_FreeRuntime`.
    fn drop(&mut self) {
        if let Some(atoms) = self.event_atoms.take() {
            for a in atoms {
                // SAFETY: State is the runtime's userdata, dropped before JS_FreeRuntime, so
                // `rt` is live; each atom was made by JS_NewAtom in this runtime and is freed once.
                unsafe { rquickjs::qjs::JS_FreeAtomRT(self.rt, a) };
            }
        }
    }
}

// SAFETY: State holds no `'js` borrow (its JS values are `Persistent<'static>` and raw
// atoms), so it is the same type for every lifetime.
unsafe impl<'js> JsLifetime<'js> for State {
    type Changed<'to> = State;
}

impl State {
    /// This runtime's state, if the module was installed or evaluated.
    pub(crate) fn get<'a, 'js>(ctx: &'a Ctx<'js>) -> Option<rquickjs::runtime::UserDataGuard<'a, State>> {
        ctx.userdata::<State>()
    }

    /// Create the state if it does not exist yet.
    pub(crate) fn ensure(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
        if ctx.userdata::<State>().is_none() {
            let state = State {
                closing: Rc::new(Cell::new(false)),
                socket_class: Cell::new(0),
                error_classes: RefCell::new(Vec::new()),
                module_objects: RefCell::new(Vec::new()),
                keepers: RefCell::new(Vec::new()),
                event_atoms: Cell::new(None),
                // SAFETY: `ctx` is a live context (borrowed); JS_GetRuntime only reads it.
                rt: unsafe { rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr()) },
            };
            ctx.store_userdata(state).map_err(|_| rquickjs::Error::Unknown)?;
        }
        Ok(())
    }

    /// The shared teardown flag (see [`crate::shutdown`]).
    pub(crate) fn closing_flag(ctx: &Ctx<'_>) -> rquickjs::Result<Rc<Cell<bool>>> {
        State::ensure(ctx)?;
        State::get(ctx)
            .map(|s| s.closing.clone())
            .ok_or(rquickjs::Error::Unknown)
    }

    fn set_error_class<'js>(&self, ctx: &Ctx<'js>, class: Constructor<'js>) {
        let key = ctx.as_raw().as_ptr() as usize;
        let mut classes = self.error_classes.borrow_mut();
        classes.retain(|(k, _)| *k != key);
        classes.push((key, Persistent::save(ctx, class)));
    }

    /// Keep objects with the shapes of what the hot paths create alive for good.
    ///
    /// QuickJS shares the shape of objects with the same prototype and
    /// properties only while one of them is alive. In a loop that receives a
    /// message and drops it (`for (;;) sock.recv()`), each new Uint8Array
    /// and ArrayBuffer would otherwise build its shape from scratch and free
    /// it again (with the allocator arena it lived in): ~550 instructions
    /// more per message than when one such object stays alive. The same
    /// holds for each step of a poller event `{ socket, user_data, events }`.
    pub(crate) fn keep_shapes(&self, ctx: &Ctx<'_>) -> rquickjs::Result<()> {
        use rquickjs::qjs;
        let c = ctx.as_raw().as_ptr();
        if self.keepers.borrow().iter().any(|(k, _)| *k == c as usize) {
            return Ok(());
        }
        // `own` takes a value just returned by a QuickJS constructor on `c` (its only callers
        // below) and passes its one reference to a Value.
        let own = |raw: qjs::JSValue| -> rquickjs::Result<Value<'_>> {
            // SAFETY: JS_IsException only reads the tag.
            if unsafe { qjs::JS_IsException(raw) } {
                Err(rquickjs::Error::Exception)
            } else {
                // SAFETY: a non-exception `raw` is a new value of this context whose one
                // reference the Value takes over.
                Ok(unsafe {
 Value::from_raw(ctx.clone(), raw) })
            }
        };
        // SAFETY: `c` is the live context of `ctx`; a zero-length copy reads no bytes.
        let mut kept = vec![own(unsafe { qjs::JS_NewUint8ArrayCopy(c, std::ptr::null(), 0) })?];
        let atoms = self.event_atoms(ctx)?;
        for n in 1..=atoms.len() {
            // SAFETY: `c` is the live context of `ctx`.
            let obj = own(unsafe { qjs::JS_NewObject(c) })?;
            for atom in &atoms[..n] {
                let flags = qjs::JS_PROP_C_W_E as i32;
                // SAFETY: `obj` is a live object of `c`, `atom` a live atom of its runtime;
                // the undefined value carries no reference.
                if unsafe {
 qjs::JS_DefinePropertyValue(c, obj.as_raw(), *atom, qjs::JS_UNDEFINED, flags) } < 0 {
                    return Err(rquickjs::Error::Exception);
                }
            }
            kept.push(obj);
        }
        let kept = kept.into_iter().map(|v| Persistent::save(ctx, v)).collect();
        self.keepers.borrow_mut().push((c as usize, kept));
        Ok(())
    }

    /// The atoms `socket`, `user_data`, `events` (for building poller events).
    pub(crate) fn event_atoms(&self, ctx: &Ctx<'_>) -> rquickjs::Result<[rquickjs::qjs::JSAtom; 3]> {
        if let Some(atoms) = self.event_atoms.get() {
            return Ok(atoms);
        }
        let c = ctx.as_raw().as_ptr();
        let mut atoms = [rquickjs::qjs::JS_ATOM_NULL; 3];
        for (slot, name) in atoms.iter_mut().zip([c"socket", c"user_data", c"events"]) {
            // SAFETY: `c` is the live context of `ctx`; `name` is a static C string.
            *slot = unsafe { rquickjs::qjs::JS_NewAtom(c, name.as_ptr()) };
        }
        if atoms.contains(&rquickjs::qjs::JS_ATOM_NULL) {
            for a in atoms.into_iter().filter(|a| *a != rquickjs::qjs::JS_ATOM_NULL) {
                // SAFETY: `a` is an atom just made on `c` and not stored anywhere; freed once.
                unsafe {
 rquickjs::qjs::JS_FreeAtom(c, a) };
            }
            return Err(rquickjs::Error::Exception);
        }
        self.event_atoms.set(Some(atoms));
        Ok(atoms)
    }

    fn set_module_object<'js>(&self, ctx: &Ctx<'js>, obj: Object<'js>) {
        let key = ctx.as_raw().as_ptr() as usize;
        self.module_objects.borrow_mut().push((key, Persistent::save(ctx, obj)));
    }

    fn module_object<'js>(&self, ctx: &Ctx<'js>) -> Option<Object<'js>> {
        let key = ctx.as_raw().as_ptr() as usize;
        let objects = self.module_objects.borrow();
        let (_, p) = objects.iter().find(|(k, _)| *k == key)?;
        p.clone().restore(ctx).ok()
    }

    pub(crate) fn error_class<'js>(&self, ctx: &Ctx<'js>) -> Option<Constructor<'js>> {
        let key = ctx.as_raw().as_ptr() as usize;
        let classes = self.error_classes.borrow();
        let (_, p) = classes.iter().find(|(k, _)| *k == key)?;
        p.clone().restore(ctx).ok()
    }
}
