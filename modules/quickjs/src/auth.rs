//! `ctx.auth(config)`: the context's ZAP authenticator as seen from
//! JavaScript, an `Authenticator` object with `close()` and `closed`.
//!
//! The config object is converted as is into the core's
//! [`zs::ConfigValue`] (strings, arrays, plain objects; anything else is
//! named, not judged): the core validates it and throws `EINVAL`. The
//! authenticator keeps running when the object is collected, until
//! `close()` or the context's `term()`.

use crate::convert;
use crate::error::OrThrow;
use rquickjs::class::{Class, Trace};
use rquickjs::{Ctx, JsLifetime, Object, Value};
use zmq_script as zs;
use zs::ConfigValue;

/// What `ctx.auth()` returns.
#[derive(Trace, JsLifetime)]
#[rquickjs::class(rename = "Authenticator")]
pub struct Authenticator {
    #[qjs(skip_trace)]
    inner: zs::Authenticator,
}

#[rquickjs::methods]
impl Authenticator {
    /// `close()` → 0: stop authenticating (no-op once closed or replaced by a later `auth()`).
    pub fn close(&self, ctx: Ctx<'_>) -> rquickjs::Result<i32> {
        self.inner.close().or_throw(&ctx).map(|_| 0)
    }

    /// `closed` → true once closed, replaced by a later `auth()`, or the context terminated.
    #[qjs(get)]
    pub fn closed(&self) -> bool {
        !self.inner.is_running()
    }

    /// `"[Authenticator]"` / `"[Authenticator closed]"`.
    #[qjs(rename = "toString")]
    pub fn describe(&self) -> String {
        if self.inner.is_running() {
            "[Authenticator]".into()
        } else {
            "[Authenticator closed]".into()
        }
    }
}

/// Start (or reconfigure) `context`'s authenticator with the script's `config`.
pub(crate) fn start<'js>(
    ctx: &Ctx<'js>,
    context: &zs::Context,
    config: Option<Value<'js>>,
) -> rquickjs::Result<Class<'js, Authenticator>> {
    let value = match &config {
        Some(v) => config_value(ctx, v, 0)?,
        None => ConfigValue::Absent,
    };
    let config = zs::AuthConfig::from_value(&value).or_throw(ctx)?;
    let inner = context.auth(config).or_throw(ctx)?;
    Class::instance(ctx.clone(), Authenticator { inner })
}

/// The config object and its fields are containers; deeper values only strings.
const MAX_DEPTH: usize = 2;

/// A JS value as the core's config value (see the module docs).
fn config_value<'js>(ctx: &Ctx<'js>, v: &Value<'js>, depth: usize) -> rquickjs::Result<ConfigValue> {
    if v.is_undefined() || v.is_null() {
        return Ok(ConfigValue::Absent);
    }
    if let Some(s) = v.as_string() {
        return Ok(match s.to_string() {
            Ok(s) => ConfigValue::Text(s.into_bytes()),
            Err(_) => ConfigValue::Other("a string that is not valid Unicode".into()),
        });
    }
    if depth < MAX_DEPTH {
        if let Some(array) = v.as_array() {
            let items = array
                .iter::<Value>()
                .map(|item| config_value(ctx, &item?, depth + 1))
                .collect::<rquickjs::Result<_>>()?;
            return Ok(ConfigValue::List(items));
        }
        if let Some(obj) = v.as_object().filter(|_| !v.is_function()) {
            if is_plain(ctx, obj)? {
                let mut fields = Vec::new();
                for prop in obj.props::<String, Value>() {
                    let (key, value) = prop?;
                    fields.push((key, config_value(ctx, &value, depth + 1)?));
                }
                return Ok(ConfigValue::Map(fields));
            }
            return Ok(ConfigValue::Other(class_name(obj)));
        }
    }
    Ok(ConfigValue::Other(convert::type_name(v).into()))
}

/// `"a Map"`, `"a Date"`...: what a class instance is, for messages.
fn class_name(obj: &Object<'_>) -> String {
    let name = obj
        .get::<_, Object>("constructor")
        .and_then(|c| c.get::<_, String>("name"))
        .unwrap_or_default();
    if name.is_empty() {
        "an object that is not a plain object".into()
    } else {
        format!("a {name}")
    }
}

/// True for `{...}` (or `Object.create(null)`), false for class instances (`Map`, `Date`...).
fn is_plain<'js>(ctx: &Ctx<'js>, obj: &Object<'js>) -> rquickjs::Result<bool> {
    let Some(proto) = obj.get_prototype() else {
        return Ok(true);
    };
    let object_proto: Object = ctx.globals().get::<_, Object>("Object")?.get("prototype")?;
    Ok(proto == object_proto)
}
