//! CURVE keys, Z85, and a CURVE handshake that accepts the right key only.
mod common;

use common::*;
use zmq_script::constants::socket_type::*;
use zmq_script::constants::POLLIN;
use zmq_script::{curve_keypair, curve_public, has, z85_decode, z85_encode, Context, OptionValue};

#[test]
fn z85_round_trip_and_errors() {
    let data: Vec<u8> = (0..32).collect();
    let text = z85_encode(&data).unwrap();
    assert_eq!(text.len(), 40);
    assert_eq!(z85_decode(&text).unwrap(), data);
    // The test vector of the Z85 spec.
    assert_eq!(
        z85_encode(&[0x86, 0x4F, 0xD2, 0x6F, 0xB5, 0x59, 0xF7, 0x5B]).unwrap(),
        "HelloWorld"
    );
    assert_eq!(z85_encode(&[1, 2, 3]).unwrap_err().code(), "EINVAL");
    assert_eq!(z85_decode("abc").unwrap_err().code(), "EINVAL");
    assert_eq!(z85_decode("abcd\u{1}").unwrap_err().code(), "EINVAL");
}

#[test]
fn keypair_and_public_key() {
    assert!(has("curve"), "this build links libsodium for CURVE");
    let (public, secret) = curve_keypair().unwrap();
    assert_eq!(public.len(), 40);
    assert_eq!(curve_public(&secret).unwrap(), public);
    assert_eq!(curve_public("short").unwrap_err().code(), "EINVAL");
}

fn curve_client(ctx: &Context, endpoint: &str, server_public: &str) -> zmq_script::Socket {
    let (public, secret) = curve_keypair().unwrap();
    let client = socket(ctx, REQ);
    client
        .set(
            "CURVE_SERVERKEY",
            OptionValue::Bytes(server_public.as_bytes().to_vec()),
        )
        .unwrap();
    client
        .set("CURVE_PUBLICKEY", OptionValue::Bytes(public.into_bytes()))
        .unwrap();
    client
        .set("CURVE_SECRETKEY", OptionValue::Bytes(secret.into_bytes()))
        .unwrap();
    client.connect(endpoint).unwrap();
    client
}

#[test]
fn curve_server_accepts_the_right_key_and_rejects_a_wrong_one() {
    within(30, || {
        let ctx = Context::new().unwrap();
        let (server_public, server_secret) = curve_keypair().unwrap();
        let server = socket(&ctx, REP);
        server.set("CURVE_SERVER", OptionValue::Int(1)).unwrap();
        server
            .set(
                "CURVE_SECRETKEY",
                OptionValue::Bytes(server_secret.into_bytes()),
            )
            .unwrap();
        let ep = server.bind_to_random_port("tcp://127.0.0.1").unwrap();
        assert_eq!(server.get("MECHANISM").unwrap(), OptionValue::Int(2));

        let (wrong_public, _) = curve_keypair().unwrap();
        let bad = curve_client(&ctx, &ep, &wrong_public);
        bad.send(b"let me in", 0).unwrap();
        assert!(!bad.wait_for(POLLIN, 500).unwrap());
        assert!(
            !server.wait_for(POLLIN, 100).unwrap(),
            "the server never sees the bad client's request"
        );

        let good = curve_client(&ctx, &ep, &server_public);
        good.send(b"hello", 0).unwrap();
        assert_eq!(server.recv(0).unwrap().data(), b"hello");
        server.send(b"welcome", 0).unwrap();
        assert_eq!(good.recv(0).unwrap().data(), b"welcome");
    });
}
