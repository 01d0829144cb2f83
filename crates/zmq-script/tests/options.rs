//! One round trip through the whole option table, checked against libzmq itself.
mod common;

use std::os::raw::c_void;
use zmq_script::options::{socket_option, socket_option_by_id, Access, OptionType, SOCKET_OPTIONS};
use zmq_script::{curve_keypair, has, z85_encode, Context, OptionValue, Socket};

/// Options that need a capability this libzmq may lack.
fn needs(name: &str) -> Option<&'static str> {
    if name.starts_with("GSSAPI_") {
        Some("gssapi")
    } else if name.starts_with("VMCI_") {
        Some("vmci")
    } else {
        None
    }
}

fn sample(name: &str, kind: OptionType) -> OptionValue {
    match (name, kind) {
        ("USE_FD", _) => OptionValue::Int(-1),
        ("ROUTING_ID" | "IDENTITY", _) => OptionValue::Bytes(b"id\x00\xff".to_vec()),
        ("SOCKS_PROXY", _) => OptionValue::Bytes(b"127.0.0.1:1080".to_vec()),
        ("BINDTODEVICE", _) => OptionValue::Bytes(b"lo".to_vec()),
        ("TCP_ACCEPT_FILTER", _) => OptionValue::Bytes(b"127.0.0.1".to_vec()),
        (_, OptionType::Int | OptionType::Bool) => OptionValue::Int(1),
        (_, OptionType::Int64) => OptionValue::Int64(4096),
        (_, OptionType::Uint64) => OptionValue::Uint64(1),
        (_, OptionType::String) => OptionValue::Bytes(b"sample".to_vec()),
        (_, OptionType::Binary) => OptionValue::Bytes(b"bin\x00ary".to_vec()),
        (_, OptionType::CurveKey) => OptionValue::Bytes(curve_keypair().unwrap().0.into_bytes()),
    }
}

/// What libzmq itself says about reading an option, bypassing the table.
fn libzmq_can_read(s: &Socket, id: i32) -> bool {
    s.with_raw(|p| {
        let mut buf = [0u8; 256];
        let mut size = buf.len();
        unsafe { zmq_sys::zmq_getsockopt(p, id, buf.as_mut_ptr() as *mut c_void, &mut size) == 0 }
    })
    .unwrap()
}

#[test]
fn every_option_round_trips() {
    let ctx = Context::new().unwrap();
    let mut checked = 0;
    for opt in SOCKET_OPTIONS {
        let s = ctx.socket(opt.socket_type).unwrap();
        let value = sample(opt.name, opt.kind);
        if needs(opt.name).is_some_and(|cap| !has(cap)) {
            continue; // see unsupported_capabilities_fail_cleanly
        }
        match opt.access {
            Access::ReadWrite => {
                s.set_option(opt, value.clone())
                    .unwrap_or_else(|e| panic!("set {}: {e}", opt.name));
                let back = s
                    .get_option(opt)
                    .unwrap_or_else(|e| panic!("get {}: {e}", opt.name));
                assert_eq!(back, value, "{} round trip", opt.name);
            }
            Access::WriteOnly => {
                s.set_option(opt, value)
                    .unwrap_or_else(|e| panic!("set {}: {e}", opt.name));
                assert_eq!(
                    s.get_option(opt).unwrap_err().code(),
                    "EINVAL",
                    "{} is write-only",
                    opt.name
                );
                assert!(
                    !libzmq_can_read(&s, opt.id),
                    "libzmq can read {}: the table should say RW",
                    opt.name
                );
            }
            Access::ReadOnly => {
                s.get_option(opt)
                    .unwrap_or_else(|e| panic!("get {}: {e}", opt.name));
                assert_eq!(
                    s.set_option(opt, value).unwrap_err().code(),
                    "EINVAL",
                    "{} is read-only",
                    opt.name
                );
            }
        }
        checked += 1;
    }
    assert!(checked >= 70, "checked {checked} options");
}

#[test]
fn unsupported_capabilities_fail_cleanly() {
    let ctx = Context::new().unwrap();
    let s = ctx
        .socket(zmq_script::constants::socket_type::DEALER)
        .unwrap();
    for opt in SOCKET_OPTIONS
        .iter()
        .filter(|o| needs(o.name).is_some_and(|c| !has(c)))
    {
        if opt.access.writable() {
            let err = s.set_option(opt, sample(opt.name, opt.kind)).unwrap_err();
            assert_eq!(err.code(), "EINVAL", "{}", opt.name);
        }
    }
}

#[test]
fn lookup_by_name_and_id() {
    assert_eq!(socket_option("SUBSCRIBE").unwrap().id, 6);
    assert_eq!(socket_option("ZMQ_SUBSCRIBE").unwrap().id, 6);
    assert_eq!(socket_option("subscribe").unwrap().id, 6);
    assert_eq!(socket_option("IDENTITY").unwrap().id, 5);
    assert_eq!(socket_option_by_id(5).unwrap().name, "ROUTING_ID");
    assert_eq!(socket_option("NOPE").unwrap_err().code(), "EINVAL");
    assert_eq!(socket_option_by_id(9999).unwrap_err().code(), "EINVAL");
    // Names and ids are unique apart from the declared aliases.
    for (i, a) in SOCKET_OPTIONS.iter().enumerate() {
        for b in &SOCKET_OPTIONS[i + 1..] {
            assert_ne!(a.name, b.name);
            if a.id == b.id {
                assert!(b.alias, "{} and {} share id {}", a.name, b.name, a.id);
            }
        }
    }
}

#[test]
fn typed_values_are_checked() {
    let ctx = Context::new().unwrap();
    let s = ctx.socket(zmq_script::constants::socket_type::SUB).unwrap();
    // Wrong kind of value.
    assert!(s
        .set("LINGER", OptionValue::Bytes(b"10".to_vec()))
        .unwrap_err()
        .is_type_error());
    assert!(s
        .set("SUBSCRIBE", OptionValue::Int(1))
        .unwrap_err()
        .is_type_error());
    // Out of range for the C type.
    assert_eq!(
        s.set("LINGER", OptionValue::Int64(1 << 40))
            .unwrap_err()
            .code(),
        "EINVAL"
    );
    assert_eq!(
        s.set("AFFINITY", OptionValue::Int(-1)).unwrap_err().code(),
        "EINVAL"
    );
    // Wider integers that fit are accepted.
    s.set("LINGER", OptionValue::Int64(250)).unwrap();
    assert_eq!(s.get("LINGER").unwrap(), OptionValue::Int(250));
    // Bools take any non-zero as true.
    s.set("IMMEDIATE", OptionValue::Int(7)).unwrap();
    assert_eq!(s.get("IMMEDIATE").unwrap(), OptionValue::Int(1));
    // Values libzmq rejects.
    assert_eq!(
        s.set("LINGER", OptionValue::Int(-5)).unwrap_err().code(),
        "EINVAL"
    );
    assert_eq!(
        s.set("ROUTING_ID", OptionValue::Bytes(vec![1; 256]))
            .unwrap_err()
            .code(),
        "EINVAL"
    );
    assert_eq!(
        s.set("USE_FD", OptionValue::Int(0)).unwrap_err().code(),
        "EINVAL"
    );
    assert_eq!(
        s.set("TYPE", OptionValue::Int(1)).unwrap_err().code(),
        "EINVAL"
    );
}

#[test]
fn defaults_strings_and_keys() {
    let ctx = Context::new().unwrap();
    let s = ctx
        .socket(zmq_script::constants::socket_type::DEALER)
        .unwrap();
    assert_eq!(
        s.get("LINGER").unwrap(),
        OptionValue::Int(zmq_script::DEFAULT_LINGER_MS)
    );
    assert_eq!(s.get("TYPE").unwrap(), OptionValue::Int(5));
    let ep = s.bind_to_random_port("tcp://127.0.0.1").unwrap();
    assert!(ep.starts_with("tcp://127.0.0.1:"), "{ep}");
    assert!(!ep.ends_with('\0'));
    // A 32-byte binary key reads back as its Z85 text.
    let raw = [7u8; 32];
    s.set("CURVE_SERVERKEY", OptionValue::Bytes(raw.to_vec()))
        .unwrap();
    assert_eq!(
        s.get("CURVE_SERVERKEY").unwrap(),
        OptionValue::Bytes(z85_encode(&raw).unwrap().into_bytes())
    );
    assert_eq!(
        s.set("CURVE_SERVERKEY", OptionValue::Bytes(b"short".to_vec()))
            .unwrap_err()
            .code(),
        "EINVAL"
    );
}

/// An empty string value resets a security option (libzmq wants NULL, 0 for that)
/// and still subscribes to everything.
#[test]
fn empty_values_reset_and_subscribe() {
    let ctx = Context::new().unwrap();
    let s = common::socket(&ctx, zmq_script::constants::socket_type::DEALER);
    s.set("PLAIN_USERNAME", OptionValue::Bytes(b"admin".to_vec()))
        .unwrap();
    assert_eq!(s.get("MECHANISM").unwrap(), OptionValue::Int(1));
    s.set("PLAIN_USERNAME", OptionValue::Bytes(Vec::new()))
        .unwrap();
    assert_eq!(s.get("MECHANISM").unwrap(), OptionValue::Int(0));
    let sub = common::socket(&ctx, zmq_script::constants::socket_type::SUB);
    sub.set("SUBSCRIBE", OptionValue::Bytes(Vec::new()))
        .unwrap();
    sub.set("UNSUBSCRIBE", OptionValue::Bytes(Vec::new()))
        .unwrap();
}
