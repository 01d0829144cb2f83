//! `zmq.prepare_uri("zmq:pull:tcp://*:1337")` → `{type = "PULL", endpoint = "tcp://*:1337"}`;
//! ratchet's own form without the scheme, `prepare_uri("req:tcp://127.0.0.1:10025")`, too.

use crate::convert;
use crate::error::{function, Res};
use mlua::{Lua, Table, Value};
use zmq_script as zs;

/// Split a `zmq:TYPE:ENDPOINT` URI, or ratchet's `TYPE:ENDPOINT` (its URI
/// dispatcher strips the scheme before calling `prepare_uri`, which takes the
/// type from the text before the first colon), into the upper-case socket
/// type name and the endpoint. `EINVAL` if the type is unknown or the
/// endpoint is not `transport://address`.
pub fn parse(uri: &str) -> zs::Result<(&'static str, &str)> {
    let malformed =
        |why: &str| zs::Error::invalid(format!("malformed ZeroMQ URI '{uri}': {why} (expected [zmq:]TYPE:ENDPOINT)"));
    let rest = match uri.split_once(':') {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("zmq") => rest,
        _ => uri,
    };
    let (kind, endpoint) = rest.split_once(':').ok_or_else(|| malformed("no endpoint"))?;
    let kind = zs::constants::socket_type::from_name(kind)
        .and_then(zs::constants::socket_type::name)
        .filter(|_| !kind.is_empty() && !kind.starts_with("ZMQ_") && !kind.starts_with("zmq_"))
        .ok_or_else(|| malformed(&format!("unknown socket type '{kind}'")))?;
    match endpoint.split_once("://") {
        Some((transport, address)) if !transport.is_empty() && !address.is_empty() => Ok((kind, endpoint)),
        _ => Err(malformed("the endpoint must be transport://address")),
    }
}

/// Fill `c` with `prepare_uri`.
pub(crate) fn register(lua: &Lua, c: &Table) -> mlua::Result<()> {
    c.set(
        "prepare_uri",
        function(lua, |lua, uri: Value| -> Res<Table> {
            let uri = convert::string_arg(&uri, 1, "prepare_uri")?;
            let (kind, endpoint) = parse(&uri)?;
            let t = lua.create_table_with_capacity(0, 2)?;
            t.raw_set("type", kind)?;
            t.raw_set("endpoint", endpoint)?;
            Ok(t)
        })?,
    )
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn parses_type_and_endpoint() {
        assert_eq!(parse("zmq:pull:tcp://*:1337").unwrap(), ("PULL", "tcp://*:1337"));
        assert_eq!(parse("zmq:PUB:ipc:///tmp/x").unwrap(), ("PUB", "ipc:///tmp/x"));
        assert_eq!(parse("ZMQ:req:inproc://a:b").unwrap(), ("REQ", "inproc://a:b"));
    }

    #[test]
    fn parses_ratchets_form_without_scheme() {
        assert_eq!(parse("req:tcp://127.0.0.1:10025").unwrap(), ("REQ", "tcp://127.0.0.1:10025"));
        assert_eq!(parse("PUSH:ipc:///tmp/x").unwrap(), ("PUSH", "ipc:///tmp/x"));
    }

    #[test]
    fn refuses_malformed() {
        for bad in ["", "zmq", "zmq:", "zmq:pull", "zmq:pull:", "zmq::tcp://x:1", "http:pull:tcp://x:1",
                    "zmq:bogus:tcp://x:1", "bogus:tcp://x:1", "tcp://x:1", "zmq:pull:tcp:x", "pull:tcp:x", "zmq:pull:://x", "zmq:pull:tcp://", "zmq:ZMQ_PULL:tcp://x:1"] {
            let e = parse(bad).unwrap_err();
            assert_eq!(e.code(), "EINVAL", "{bad}");
        }
    }
}
