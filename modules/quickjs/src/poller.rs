//! `zmq.Poller`: wait for several sockets (or file descriptors) at once.
//!
//! Each event is a plain object `{ socket, user_data, events }` whose
//! `socket` is the very object passed to `add()` and `user_data` the value
//! given there (or `undefined`). `wait()`/`poll()` return one event or
//! `null`; `wait_all(n, t)`/`poll_all(n)` an array of 1..n events or `null`.

use crate::convert;
use crate::error::{type_error, OrThrow};
use rquickjs::class::{Trace, Tracer};
use rquickjs::prelude::Opt;
use rquickjs::{qjs, Array, Ctx, JsLifetime, Value};
use zmq_script as zs;

/// What `add()` was given: the socket object (or fd number) and the user data.
pub(crate) struct Entry<'js> {
    target: Value<'js>,
    user_data: Value<'js>,
}

/// A poller as seen from JavaScript.
#[rquickjs::class(rename = "Poller")]
pub struct Poller<'js> {
    inner: zs::Poller<Entry<'js>>,
}

// SAFETY: `'js` appears only in the entries' `Value<'js>`, and `Changed<'to>` is the same type
// with `'to` in its place, as rquickjs requires.
unsafe impl<'js> JsLifetime<'js> for Poller<'js> {
    type Changed<'to> = Poller<'to>;
}

impl<'js> Trace<'js> for Poller<'js> {
    fn trace<'a>(&self, tracer: Tracer<'a, 'js>) {
        for e in self.inner.entries() {
            e.data.target.trace(tracer);
            e.data.user_data.trace(tracer);
        }
    }
}

impl Default for Poller<'_> {
    fn default() -> Self {
        Poller {
            inner: zs::Poller::new(),
        }
    }
}

/// The core target for a Socket object or a file descriptor number.
fn target_of<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> rquickjs::Result<zs::PollTarget> {
    if let Some(s) = crate::socket::socket_of(ctx, v) {
        return Ok(zs::PollTarget::Socket(s.inner().clone()));
    }
    if v.is_number() {
        return Ok(zs::PollTarget::Fd(convert::int_arg(
            ctx,
            Some(v),
            None,
            "file descriptor",
        )?));
    }
    Err(type_error(
        ctx,
        &format!("expected a Socket or a file descriptor, not {}", convert::type_name(v)),
    ))
}

fn events_arg<'js>(ctx: &Ctx<'js>, v: Option<&Value<'js>>) -> rquickjs::Result<i16> {
    let events = match v {
        Some(v) if !v.is_undefined() => Some(convert::int_arg(ctx, Some(v), None, "events")? as i64),
        _ => None,
    };
    zs::poll_events(events).or_throw(ctx)
}

fn count_arg<'js>(ctx: &Ctx<'js>, v: &Value<'js>) -> rquickjs::Result<usize> {
    let n = convert::int_arg(ctx, Some(v), None, "n_events")? as i64;
    zs::event_count(n).or_throw(ctx)
}

#[rquickjs::methods]
impl<'js> Poller<'js> {
    /// `new zmq.Poller()`.
    #[qjs(constructor)]
    pub fn new() -> Poller<'js> {
        Poller::default()
    }

    /// `size()` → number of registered sockets and descriptors.
    pub fn size(&self) -> i32 {
        self.inner.len() as i32
    }

    /// `add(socket, events = POLLIN, user_data)` → 0.
    pub fn add(
        &mut self,
        ctx: Ctx<'js>,
        socket: Value<'js>,
        events: Opt<Value<'js>>,
        user_data: Opt<Value<'js>>,
    ) -> rquickjs::Result<i32> {
        let target = target_of(&ctx, &socket)?;
        let events = events_arg(&ctx, events.0.as_ref())?;
        let user_data = user_data.0.unwrap_or_else(|| Value::new_undefined(ctx.clone()));
        self.inner
            .add(
                target,
                events,
                Entry {
                    target: socket,
                    user_data,
                },
            )
            .or_throw(&ctx)
            .map(|_| 0)
    }

    /// `modify(socket, events)` → 0.
    pub fn modify(&mut self, ctx: Ctx<'js>, socket: Value<'js>, events: Opt<Value<'js>>) -> rquickjs::Result<i32> {
        let target = target_of(&ctx, &socket)?;
        let events = events_arg(&ctx, events.0.as_ref())?;
        self.inner.modify(&target, events).or_throw(&ctx).map(|_| 0)
    }

    /// `remove(socket)` → 0.
    pub fn remove(&mut self, ctx: Ctx<'js>, socket: Value<'js>) -> rquickjs::Result<i32> {
        let target = target_of(&ctx, &socket)?;
        self.inner.remove(&target).or_throw(&ctx).map(|_| 0)
    }

    /// `wait(timeout = -1)` → event or `null` on timeout.
    pub fn wait(&mut self, ctx: Ctx<'js>, timeout: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        let timeout = convert::timeout_arg(&ctx, timeout.0.as_ref(), -1, "timeout")?;
        self.wait_one(&ctx, timeout)
    }

    /// `poll()` → event or `null` (does not wait).
    pub fn poll(&mut self, ctx: Ctx<'js>) -> rquickjs::Result<Value<'js>> {
        self.wait_one(&ctx, 0)
    }

    /// `wait_all(n_events, timeout = -1)` → array of 1..n events or `null`.
    pub fn wait_all(&mut self, ctx: Ctx<'js>, n: Value<'js>, timeout: Opt<Value<'js>>) -> rquickjs::Result<Value<'js>> {
        let n = count_arg(&ctx, &n)?;
        let timeout = convert::timeout_arg(&ctx, timeout.0.as_ref(), -1, "timeout")?;
        self.wait_many(&ctx, n, timeout)
    }

    /// `poll_all(n_events)` → array of 1..n events or `null` (does not wait).
    pub fn poll_all(&mut self, ctx: Ctx<'js>, n: Value<'js>) -> rquickjs::Result<Value<'js>> {
        let n = count_arg(&ctx, &n)?;
        self.wait_many(&ctx, n, 0)
    }
}

impl<'js> Poller<'js> {
    /// `{ socket, user_data, events }`, built like an object literal (properties defined in
    /// that order, with atoms made once per runtime: a poll loop builds one per event).
    fn event(&self, ctx: &Ctx<'js>, atoms: &[qjs::JSAtom; 3], ev: zs::PollEvent) -> rquickjs::Result<Value<'js>> {
        let entry = &self.inner.entries()[ev.index].data;
        let c = ctx.as_raw().as_ptr();
        // SAFETY: `c` is the live context of `ctx`; JS_IsException only reads a tag.
        let raw = unsafe { qjs::JS_NewObject(c) };
        if unsafe { qjs::JS_IsException(raw) } {
            return Err(rquickjs::Error::Exception);
        }
        // SAFETY: `raw` is a new object of this context; its one reference passes to `obj`.
        let obj = unsafe { Value::from_raw(ctx.clone(), raw) };
        // SAFETY: the entry's values are live values of this context (the poller keeps and
        // traces them); each duplicate is a new reference handed to JS_DefinePropertyValue.
        let values = [
            unsafe { qjs::JS_DupValue(c, entry.target.as_raw()) },
            unsafe { qjs::JS_DupValue(c, entry.user_data.as_raw()) },
            qjs::JS_MKVAL(qjs::JS_TAG_INT, ev.events as i32),
        ];
        let flags = qjs::JS_PROP_C_W_E as i32;
        for (atom, v) in atoms.iter().zip(values) {
            // SAFETY: `obj` is a live object of `c` and `atom` a live atom of its runtime (State
            // keeps them until the runtime goes); the call takes `v`, also on failure.
            if unsafe {
 qjs::JS_DefinePropertyValue(c, obj.as_raw(), *atom, v, flags) } < 0 {
                return Err(rquickjs::Error::Exception);
            }
        }
        Ok(obj)
    }

    fn atoms(ctx: &Ctx<'js>) -> rquickjs::Result<[qjs::JSAtom; 3]> {
        crate::module::State::get(ctx)
            .ok_or(rquickjs::Error::Unknown)?
            .event_atoms(ctx)
    }

    fn wait_one(&mut self, ctx: &Ctx<'js>, timeout: i64) -> rquickjs::Result<Value<'js>> {
        match self.inner.wait(timeout).or_throw(ctx)? {
            Some(ev) => self.event(ctx, &Self::atoms(ctx)?, ev),
            None => Ok(Value::new_null(ctx.clone())),
        }
    }

    fn wait_many(&mut self, ctx: &Ctx<'js>, n: usize, timeout: i64) -> rquickjs::Result<Value<'js>> {
        let events = self.inner.wait_all(n, timeout).or_throw(ctx)?;
        if events.is_empty() {
            return Ok(Value::new_null(ctx.clone()));
        }
        let atoms = Self::atoms(ctx)?;
        let arr = Array::new(ctx.clone())?;
        for (i, ev) in events.into_iter().enumerate() {
            arr.set(i, self.event(ctx, &atoms, ev)?)?;
        }
        Ok(arr.into_value())
    }
}
