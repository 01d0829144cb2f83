//! The ZAP authenticator (`Context::auth`): configuration errors, the
//! decision on each request, and real handshakes over tcp (CURVE key lists,
//! "*", PLAIN passwords, address rules under NULL and CURVE), replacement,
//! close, term, and the monitor event a refusal produces.
//!
//! A refused client never gets in: each refusal is observed as the server's
//! EVENT_HANDSHAKE_FAILED_AUTH, then the server finds nothing to receive.
mod common;

use common::*;
use zmq_script::auth::{ZapRequest, ZAP_ENDPOINT};
use zmq_script::constants::socket_type::*;
use zmq_script::constants::POLLIN;
use zmq_script::{curve_keypair, z85_decode, AuthConfig, ConfigValue as V, Context, OptionValue, Socket};

const EVENT_HANDSHAKE_FAILED_AUTH: i32 = 0x4000;
const EVENT_HANDSHAKE_SUCCEEDED: i32 = 0x1000;

fn config(fields: Vec<(&str, V)>) -> zmq_script::Result<AuthConfig> {
    AuthConfig::from_value(&V::map(fields))
}

fn bytes(s: &str) -> OptionValue {
    OptionValue::Bytes(s.as_bytes().to_vec())
}

// ---------------------------------------------------------------------------
// Configuration
// ---------------------------------------------------------------------------

#[test]
fn configuration_errors_are_einval() {
    let (key, _) = curve_keypair().unwrap();
    let bad: Vec<(V, &str)> = vec![
        (V::map([("allwo", V::texts(["127.0.0.1"]))]), "unknown field"),
        (V::map([("allow", V::texts(["localhost"]))]), "not an IP address"),
        (V::map([("deny", V::texts(["300.1.1.1"]))]), "not an IP address"),
        (
            V::map([("allow", V::texts(["127.0.0.1"])), ("deny", V::texts(["10.0.0.1"]))]),
            "exclude each other",
        ),
        (V::map([("curve", V::texts(["short"]))]), "Z85 public key"),
        (
            V::map([("curve", V::texts([format!("{}~", &key[..39])]))]),
            "Z85 public key",
        ),
        (V::map([("curve", V::Other("number".into()))]), "expected a list"),
        (
            V::map([("curve", V::List(vec![V::text(&key), V::Other("number".into())]))]),
            "expected strings",
        ),
        (V::map([("plain", V::texts(["admin"]))]), "expected an object"),
        (
            V::map([("plain", V::map([("admin", V::Other("number".into()))]))]),
            "plain.admin",
        ),
        (V::map([("domain", V::texts(["a"]))]), "expected a string"),
        (V::Other("number".into()), "config object"),
        (V::text("allow"), "config object"),
    ];
    for (value, pattern) in bad {
        let e = AuthConfig::from_value(&value).unwrap_err();
        assert_eq!(e.code(), "EINVAL", "{value:?}");
        assert!(e.message().contains(pattern), "{value:?}: {}", e.message());
    }
    // Valid shapes: absent, empty, a single string for a list, "*", IPv6, absent fields.
    assert_eq!(AuthConfig::from_value(&V::Absent).unwrap(), AuthConfig::default());
    assert_eq!(AuthConfig::from_value(&V::List(vec![])).unwrap(), AuthConfig::default());
    config(vec![
        ("allow", V::text("::1")),
        ("curve", V::text("*")),
        ("deny", V::Absent),
    ])
    .unwrap();
    config(vec![
        ("curve", V::texts([key.as_str()])),
        ("plain", V::map([("u", V::text("p"))])),
    ])
    .unwrap();
    config(vec![("plain", V::List(vec![])), ("curve", V::Map(vec![]))]).unwrap();
}

#[test]
fn a_refused_configuration_starts_nothing() {
    let ctx = Context::new().unwrap();
    assert!(ctx.auth(config(vec![]).unwrap()).is_ok());
    let ctx2 = Context::new().unwrap();
    assert!(config(vec![("curve", V::texts(["bad"]))]).is_err());
    // Nothing bound the ZAP endpoint of ctx2: a script's own handler can.
    let rep = socket(&ctx2, REP);
    rep.bind(ZAP_ENDPOINT).unwrap();
    // ...and then auth() finds it taken.
    assert_eq!(ctx2.auth(AuthConfig::default()).unwrap_err().code(), "EADDRINUSE");
    // libzmq asserts the handler's type: other types may not bind the endpoint.
    let push = socket(&ctx, PUSH);
    assert_eq!(push.bind(ZAP_ENDPOINT).unwrap_err().code(), "EINVAL");
    ctx.term().unwrap();
    ctx2.term().unwrap();
}

// ---------------------------------------------------------------------------
// Decisions (the protocol without sockets)
// ---------------------------------------------------------------------------

fn request<'a>(domain: &'a [u8], address: &'a [u8], mechanism: &'a [u8], credentials: Vec<&'a [u8]>) -> ZapRequest<'a> {
    ZapRequest {
        version: b"1.0",
        request_id: b"7",
        domain,
        address,
        routing_id: b"",
        mechanism,
        credentials,
    }
}

#[test]
fn decisions_follow_the_configuration() {
    let (key, _) = curve_keypair().unwrap();
    let (other, _) = curve_keypair().unwrap();
    let raw = z85_decode(&key).unwrap();
    let raw_other = z85_decode(&other).unwrap();
    let c = config(vec![
        ("curve", V::texts([key.as_str()])),
        ("plain", V::map([("admin", V::text("secret"))])),
        ("deny", V::texts(["10.0.0.9", "::ffff:10.0.0.8"])),
    ])
    .unwrap();
    let ok = |r: &ZapRequest| c.answer(r).admitted();
    assert!(ok(&request(b"", b"127.0.0.1", b"CURVE", vec![&raw])));
    assert_eq!(
        c.answer(&request(b"", b"127.0.0.1", b"CURVE", vec![&raw])).user_id,
        key.as_bytes()
    );
    assert!(!ok(&request(b"", b"127.0.0.1", b"CURVE", vec![&raw_other])));
    assert!(!ok(&request(b"", b"10.0.0.9", b"CURVE", vec![&raw])), "denied address");
    assert!(
        !ok(&request(b"", b"::ffff:10.0.0.9", b"NULL", vec![])),
        "IPv4-mapped form of a denied address"
    );
    assert!(
        !ok(&request(b"", b"10.0.0.8", b"NULL", vec![])),
        "denied as written in IPv6"
    );
    assert!(ok(&request(b"x", b"10.0.0.7", b"NULL", vec![])));
    let plain = c.answer(&request(b"", b"127.0.0.1", b"PLAIN", vec![b"admin", b"secret"]));
    assert!(plain.admitted());
    assert_eq!(plain.user_id, b"admin");
    assert!(!ok(&request(b"", b"127.0.0.1", b"PLAIN", vec![b"admin", b"Secret"])));
    assert!(!ok(&request(b"", b"127.0.0.1", b"PLAIN", vec![b"nobody", b"secret"])));
    assert!(
        !ok(&request(b"", b"127.0.0.1", b"PLAIN", vec![b"admin"])),
        "malformed credentials"
    );
    assert!(!ok(&request(b"", b"127.0.0.1", b"GSSAPI", vec![])));
    let mut v = request(b"", b"127.0.0.1", b"NULL", vec![]);
    v.version = b"2.0";
    assert!(!ok(&v));

    // Unconfigured mechanisms are refused; NULL passes.
    let empty = AuthConfig::default();
    assert!(!empty
        .answer(&request(b"", b"127.0.0.1", b"CURVE", vec![&raw]))
        .admitted());
    assert!(!empty
        .answer(&request(b"", b"127.0.0.1", b"PLAIN", vec![b"a", b"b"]))
        .admitted());
    assert!(empty.answer(&request(b"", b"127.0.0.1", b"NULL", vec![])).admitted());

    // "*", allow lists, domains.
    let any = config(vec![
        ("curve", V::text("*")),
        ("allow", V::texts(["127.0.0.1"])),
        ("domain", V::text("d")),
    ])
    .unwrap();
    assert!(any
        .answer(&request(b"d", b"127.0.0.1", b"CURVE", vec![&raw_other]))
        .admitted());
    assert!(!any
        .answer(&request(b"d", b"127.0.0.2", b"CURVE", vec![&raw_other]))
        .admitted());
    assert!(!any
        .answer(&request(b"e", b"127.0.0.1", b"CURVE", vec![&raw_other]))
        .admitted());
    assert!(
        !any.answer(&request(b"d", b"", b"NULL", vec![])).admitted(),
        "no address is not allowed"
    );

    // Frames: the reply keeps the request id; too few frames are refused.
    let reply = c.answer_frames(&[b"1.0", b"42", b"", b"127.0.0.1", b"", b"NULL"]);
    assert_eq!(reply.frames()[..3], [b"1.0".to_vec(), b"42".to_vec(), b"200".to_vec()]);
    let reply = c.answer_frames(&[b"1.0", b"43"]);
    assert_eq!((reply.status, reply.request_id.as_slice()), (400, &b"43"[..]));
}

// ---------------------------------------------------------------------------
// Handshakes over tcp
// ---------------------------------------------------------------------------

/// A PULL server with `setup` applied, bound to a random port, and a monitor of its handshakes.
fn server(ctx: &Context, setup: &[(&str, OptionValue)]) -> (Socket, Socket, String) {
    let s = socket(ctx, PULL);
    for (name, value) in setup {
        s.set(name, value.clone()).unwrap();
    }
    let monitor = s
        .monitor(EVENT_HANDSHAKE_FAILED_AUTH | EVENT_HANDSHAKE_SUCCEEDED)
        .unwrap();
    monitor.set("RCVTIMEO", OptionValue::Int(10_000)).unwrap();
    let ep = s.bind_to_random_port("tcp://127.0.0.1").unwrap();
    (s, monitor, ep)
}

/// A PUSH client with `setup`, connected, that has sent "hello".
fn client(ctx: &Context, ep: &str, setup: &[(&str, OptionValue)]) -> Socket {
    let c = socket(ctx, PUSH);
    for (name, value) in setup {
        c.set(name, value.clone()).unwrap();
    }
    c.connect(ep).unwrap();
    c.send(b"hello", 0).unwrap();
    c
}

/// Whether the client that just connected got in: its hello arrives after a successful
/// handshake, or a refusal (status 400) shows on the monitor and nothing arrives.
/// A refused client retries, so later refusals of an earlier client are skipped when
/// waiting for a success.
fn admitted(server: &Socket, monitor: &Socket) -> bool {
    let e = monitor.recv_monitor_event(0).expect("a handshake event within 10 s");
    if e.event == EVENT_HANDSHAKE_FAILED_AUTH {
        assert_eq!(e.value, 400, "ZAP status of a refusal");
        assert!(
            !server.wait_for(POLLIN, 200).unwrap(),
            "a refused client got a message through"
        );
        return false;
    }
    assert_eq!(server.recv(0).unwrap().data(), b"hello");
    true
}

/// Like `admitted`, for a client expected to get in after refused ones.
fn admitted_after_refusals(server: &Socket, monitor: &Socket) -> bool {
    for _ in 0..100 {
        let e = monitor.recv_monitor_event(0).expect("a handshake event within 10 s");
        if e.event == EVENT_HANDSHAKE_SUCCEEDED {
            assert_eq!(server.recv(0).unwrap().data(), b"hello");
            return true;
        }
    }
    false
}

fn curve_server(keys: &(String, String)) -> Vec<(&'static str, OptionValue)> {
    vec![
        ("CURVE_SERVER", OptionValue::Int(1)),
        ("CURVE_SECRETKEY", bytes(&keys.1)),
    ]
}

fn curve_client(server_public: &str, keys: &(String, String)) -> Vec<(&'static str, OptionValue)> {
    vec![
        ("CURVE_SERVERKEY", bytes(server_public)),
        ("CURVE_PUBLICKEY", bytes(&keys.0)),
        ("CURVE_SECRETKEY", bytes(&keys.1)),
    ]
}

#[test]
fn curve_admits_listed_keys_only() {
    within(60, || {
        let ctx = Context::new().unwrap();
        let server_keys = curve_keypair().unwrap();
        let (listed, unlisted) = (curve_keypair().unwrap(), curve_keypair().unwrap());
        let auth = ctx
            .auth(config(vec![("curve", V::texts([listed.0.as_str()]))]).unwrap())
            .unwrap();
        assert!(auth.is_running());
        let (s, m, ep) = server(&ctx, &curve_server(&server_keys));
        let bad = client(&ctx, &ep, &curve_client(&server_keys.0, &unlisted));
        assert!(!admitted(&s, &m), "an unlisted key got in");
        bad.close().unwrap();
        let _good = client(&ctx, &ep, &curve_client(&server_keys.0, &listed));
        assert!(admitted_after_refusals(&s, &m), "the listed key was refused");
        ctx.term().unwrap();
        assert!(!auth.is_running());
    });
}

#[test]
fn curve_star_admits_any_key_and_address_rules_still_apply() {
    within(60, || {
        let ctx = Context::new().unwrap();
        let server_keys = curve_keypair().unwrap();
        ctx.auth(config(vec![("curve", V::text("*")), ("allow", V::texts(["127.0.0.1"]))]).unwrap())
            .unwrap();
        let (s, m, ep) = server(&ctx, &curve_server(&server_keys));
        let _c = client(&ctx, &ep, &curve_client(&server_keys.0, &curve_keypair().unwrap()));
        assert!(admitted(&s, &m));
        // Reconfigured: the same "*" but this address denied.
        ctx.auth(config(vec![("curve", V::text("*")), ("deny", V::texts(["127.0.0.1"]))]).unwrap())
            .unwrap();
        let _d = client(&ctx, &ep, &curve_client(&server_keys.0, &curve_keypair().unwrap()));
        assert!(!admitted(&s, &m));
        ctx.term().unwrap();
    });
}

#[test]
fn plain_checks_user_and_password() {
    within(60, || {
        let ctx = Context::new().unwrap();
        ctx.auth(config(vec![("plain", V::map([("admin", V::text("secret"))]))]).unwrap())
            .unwrap();
        let (s, m, ep) = server(&ctx, &[("PLAIN_SERVER", OptionValue::Int(1))]);
        let creds =
            |user: &str, password: &str| vec![("PLAIN_USERNAME", bytes(user)), ("PLAIN_PASSWORD", bytes(password))];
        let wrong = client(&ctx, &ep, &creds("admin", "guess"));
        assert!(!admitted(&s, &m));
        wrong.close().unwrap();
        let _right = client(&ctx, &ep, &creds("admin", "secret"));
        assert!(admitted_after_refusals(&s, &m));
        ctx.term().unwrap();
    });
}

#[test]
fn null_address_rules_need_a_zap_domain() {
    within(60, || {
        let ctx = Context::new().unwrap();
        ctx.auth(config(vec![("deny", V::texts(["127.0.0.1"]))]).unwrap())
            .unwrap();
        // With ZAP_DOMAIN libzmq asks the authenticator: refused.
        let (s, m, ep) = server(&ctx, &[("ZAP_DOMAIN", bytes("global"))]);
        let _c = client(&ctx, &ep, &[]);
        assert!(!admitted(&s, &m));
        // Without a domain, NULL never asks: the deny list does not apply.
        let (s2, _m2, ep2) = server(&ctx, &[]);
        let _c2 = client(&ctx, &ep2, &[]);
        assert_eq!(s2.recv(0).unwrap().data(), b"hello");
        // An allow list that has the address admits.
        ctx.auth(config(vec![("allow", V::texts(["127.0.0.1"])), ("domain", V::text("global"))]).unwrap())
            .unwrap();
        let (s3, m3, ep3) = server(&ctx, &[("ZAP_DOMAIN", bytes("global"))]);
        let _c3 = client(&ctx, &ep3, &[]);
        assert!(admitted(&s3, &m3));
        ctx.term().unwrap();
    });
}

#[test]
fn replacing_and_closing() {
    within(60, || {
        let ctx = Context::new().unwrap();
        let server_keys = curve_keypair().unwrap();
        let (a, b) = (curve_keypair().unwrap(), curve_keypair().unwrap());
        let first = ctx
            .auth(config(vec![("curve", V::texts([a.0.as_str()]))]).unwrap())
            .unwrap();
        let second = ctx
            .auth(config(vec![("curve", V::texts([b.0.as_str()]))]).unwrap())
            .unwrap();
        assert!(!first.is_running() && second.is_running());
        first.close().unwrap(); // replaced: does nothing
        assert!(second.is_running());
        let (s, m, ep) = server(&ctx, &curve_server(&server_keys));
        let ca = client(&ctx, &ep, &curve_client(&server_keys.0, &a));
        assert!(!admitted(&s, &m), "the first configuration still applies");
        ca.close().unwrap();
        let _cb = client(&ctx, &ep, &curve_client(&server_keys.0, &b));
        assert!(admitted_after_refusals(&s, &m));
        second.close().unwrap();
        second.close().unwrap();
        assert!(!second.is_running());
        // Without a handler the ZAP endpoint is free again.
        let rep = socket(&ctx, REP);
        rep.bind(ZAP_ENDPOINT).unwrap();
        rep.unbind(ZAP_ENDPOINT).unwrap(); // close() alone frees the name later (libzmq's reaper)
        rep.close().unwrap();
        // A new auth() starts again.
        let third = ctx.auth(AuthConfig::default()).unwrap();
        assert!(third.is_running());
        ctx.term().unwrap();
        assert!(!third.is_running());
        assert_eq!(ctx.auth(AuthConfig::default()).unwrap_err().code(), "ETERM");
        third.close().unwrap();
    });
}

#[test]
fn term_shutdown_and_drop_with_an_authenticator_running() {
    within(60, || {
        // term() while clients are mid-handshake.
        let ctx = Context::new().unwrap();
        let server_keys = curve_keypair().unwrap();
        let auth = ctx.auth(config(vec![("curve", V::text("*"))]).unwrap()).unwrap();
        let (s, m, ep) = server(&ctx, &curve_server(&server_keys));
        let _c = client(&ctx, &ep, &curve_client(&server_keys.0, &curve_keypair().unwrap()));
        assert!(admitted(&s, &m));
        ctx.term().unwrap();
        assert!(!auth.is_running());

        // shutdown() ends the thread (ETERM); term() afterwards still returns.
        let ctx = Context::new().unwrap();
        let auth = ctx.auth(AuthConfig::default()).unwrap();
        ctx.shutdown().unwrap();
        ctx.term().unwrap();
        assert!(!auth.is_running());

        // The last handle dropped: the context terminates (the thread keeps no reference).
        let ctx = Context::new().unwrap();
        let auth = ctx.auth(AuthConfig::default()).unwrap();
        drop(ctx);
        zmq_script::wait_for_terminations();
        assert!(!auth.is_running());
        auth.close().unwrap();
    });
}
