//! Typed views of received messages, shared with the QuickJS module through
//! the core: `recv_int` (exactly 4 bytes), `recv_int64` (8) and `recv_str`
//! (a lone trailing NUL dropped); and monitor events (`recv_event`).

use crate::compat;
use crate::error::{bad_arg, function, Fail, Res};
use mlua::{Lua, Table, Value};
use zmq_script as zs;

/// The event table of a monitor message: its two frames, as libzmq sends
/// them (parsed by the core).
fn monitor_event(lua: &Lua, head: &Value, endpoint: &Value) -> Res<Table> {
    let (Value::String(head), Value::String(endpoint)) = (head, endpoint) else {
        return Err(Fail::Zmq(zs::MonitorEvent::from_parts(&[], &[]).unwrap_err()));
    };
    let ev = zs::MonitorEvent::from_parts(&head.as_bytes(), &endpoint.as_bytes())?;
    let t = lua.create_table_with_capacity(0, 4)?;
    t.raw_set("event", ev.event)?;
    t.raw_set("name", ev.name())?;
    t.raw_set("value", ev.value)?;
    t.raw_set("endpoint", endpoint)?;
    Ok(t)
}

/// Fill `c` with `to_int(data, size)`, `text(data)` and `monitor_event(head, endpoint)`.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    c.set(
        "monitor_event",
        function(lua, |lua, (head, endpoint): (Value, Value)| monitor_event(lua, &head, &endpoint))?,
    )?;
    c.set(
        "to_int",
        function(lua, |_, (data, size): (Value, i64)| -> Res<Value> {
            let Value::String(s) = &data else { return Err(bad_arg(1, "to_int", "string", &data)) };
            let b = s.as_bytes();
            Ok(match size {
                4 => Value::Integer(zs::bytes_to_i32(&b)?.into()),
                8 => compat::integer(zs::bytes_to_i64(&b)?.into(), "the 8-byte integer")?,
                _ => return Err(Fail::Zmq(zs::Error::invalid("integers are 4 or 8 bytes"))),
            })
        })?,
    )?;
    c.set(
        "text",
        lua.create_function(|lua, data: Value| match &data {
            Value::String(s) => {
                let b = s.as_bytes();
                let t = zs::text_bytes(&b);
                if t.len() == b.len() {
                    Ok(data.clone())
                } else {
                    Ok(Value::String(lua.create_string(t)?))
                }
            }
            other => Ok(other.clone()),
        })?,
    )?;
    Ok(())
}
