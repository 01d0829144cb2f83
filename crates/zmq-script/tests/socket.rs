//! Every socket type in the pattern it belongs to.
mod common;

use common::*;
use zmq_script::constants::socket_type::*;
use zmq_script::constants::{DONTWAIT, POLLIN, SNDMORE};
use zmq_script::{Context, Error, OptionValue};

#[test]
fn req_rep_round_trip() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (rep, req) = tcp_pair(&ctx, REP, REQ);
        for i in 0..10 {
            let n = req.send(format!("Hello {i}").as_bytes(), 0).unwrap();
            assert_eq!(n, 7);
            assert_eq!(rep.recv(0).unwrap().data(), format!("Hello {i}").as_bytes());
            rep.send(b"World", 0).unwrap();
            assert_eq!(req.recv(0).unwrap().data(), b"World");
        }
    });
}

#[test]
fn req_sending_twice_is_efsm() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (_rep, req) = tcp_pair(&ctx, REP, REQ);
        req.send(b"one", 0).unwrap();
        let err = req.send(b"two", 0).unwrap_err();
        assert_eq!(err.code(), "EFSM");
    });
}

#[test]
fn pub_sub_prefix_filter() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (publisher, sub) = tcp_pair(&ctx, PUB, SUB);
        sub.set("SUBSCRIBE", OptionValue::Bytes(b"10001 ".to_vec()))
            .unwrap();
        sub.set("SUBSCRIBE", OptionValue::Bytes(b"sync".to_vec()))
            .unwrap();
        assert_eq!(sync_pubsub(&publisher, &sub, b"sync"), b"sync");
        // Drain any extra sync messages that were in flight.
        while sub.recv(DONTWAIT).is_ok() {}
        publisher.send(b"20000 cold", 0).unwrap();
        publisher.send(b"10001 warm", 0).unwrap();
        publisher.send(b"1000 no", 0).unwrap();
        publisher.send(b"10001 hot", 0).unwrap();
        assert_eq!(sub.recv(0).unwrap().data(), b"10001 warm");
        assert_eq!(sub.recv(0).unwrap().data(), b"10001 hot");
        assert!(sub.recv(DONTWAIT).unwrap_err().is_again());
        sub.set("UNSUBSCRIBE", OptionValue::Bytes(b"10001 ".to_vec()))
            .unwrap();
    });
}

#[test]
fn push_pull_fair_queue_and_load_balance() {
    within(20, || {
        let ctx = Context::new().unwrap();
        // The workers bind and the ventilator connects: a connecting PUSH has a pipe
        // to each peer at once, so it deals round-robin without waiting for TCP.
        let w1 = socket(&ctx, PULL);
        let w2 = socket(&ctx, PULL);
        let vent = socket(&ctx, PUSH);
        vent.connect(&w1.bind_to_random_port("tcp://127.0.0.1").unwrap())
            .unwrap();
        vent.connect(&w2.bind_to_random_port("tcp://127.0.0.1").unwrap())
            .unwrap();
        for i in 0..100u32 {
            vent.send(&i.to_ne_bytes(), 0).unwrap();
        }
        let mut got = Vec::new();
        let (mut n1, mut n2) = (0, 0);
        while got.len() < 100 {
            if let Ok(f) = w1.recv(DONTWAIT) {
                got.push(f.to_i32().unwrap());
                n1 += 1;
            }
            if let Ok(f) = w2.recv(DONTWAIT) {
                got.push(f.to_i32().unwrap());
                n2 += 1;
            }
        }
        got.sort();
        assert_eq!(got, (0..100).collect::<Vec<_>>());
        assert_eq!((n1, n2), (50, 50), "round-robin over both workers");
    });
}

#[test]
fn dealer_router_identities_and_multipart() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let router = socket(&ctx, ROUTER);
        let ep = router.bind_to_random_port("tcp://127.0.0.1").unwrap();
        let dealer = socket(&ctx, DEALER);
        dealer
            .set("ROUTING_ID", OptionValue::Bytes(b"dealer-1".to_vec()))
            .unwrap();
        dealer.connect(&ep).unwrap();
        dealer
            .send_multipart(&[&b"ABC"[..], b"DEF", b"GHI"], 0)
            .unwrap();
        let parts = router.recv_multipart(0).unwrap();
        let data: Vec<&[u8]> = parts.iter().map(|p| p.data()).collect();
        assert_eq!(data, vec![&b"dealer-1"[..], b"ABC", b"DEF", b"GHI"]);
        assert!(parts[0].more() && !parts[3].more());
        router
            .send_multipart(&[&b"dealer-1"[..], b"reply"], 0)
            .unwrap();
        assert_eq!(dealer.recv(0).unwrap().data(), b"reply");
        // Unknown identity with ROUTER_MANDATORY: EHOSTUNREACH.
        router.set("ROUTER_MANDATORY", OptionValue::Int(1)).unwrap();
        let err = router.send(b"nobody", SNDMORE).unwrap_err();
        assert_eq!(err.code(), "EHOSTUNREACH");
    });
}

#[test]
fn pair_over_inproc_and_ipc() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let ep = inproc("pair");
        let a = socket(&ctx, PAIR);
        a.bind(&ep).unwrap();
        let b = socket(&ctx, PAIR);
        b.connect(&ep).unwrap();
        a.send(b"ping", 0).unwrap();
        assert_eq!(b.recv(0).unwrap().data(), b"ping");
        b.send(b"pong", 0).unwrap();
        assert_eq!(a.recv(0).unwrap().data(), b"pong");

        let dir = std::env::temp_dir().join(format!("zmq-script-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let ipc = format!("ipc://{}/pair.sock", dir.display());
        let c = socket(&ctx, PAIR);
        c.bind(&ipc).unwrap();
        let d = socket(&ctx, PAIR);
        d.connect(&ipc).unwrap();
        d.send(b"over ipc", 0).unwrap();
        assert_eq!(c.recv(0).unwrap().data(), b"over ipc");
        let _ = std::fs::remove_dir_all(dir);
    });
}

#[test]
fn xpub_xsub_see_subscriptions() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (xpub, xsub) = tcp_pair(&ctx, XPUB, XSUB);
        // XSUB subscribes by sending \x01 + topic.
        xsub.send(b"\x01news", 0).unwrap();
        assert_eq!(xpub.recv(0).unwrap().data(), b"\x01news");
        xpub.send(b"news today", 0).unwrap();
        xpub.send(b"sport", 0).unwrap();
        assert_eq!(xsub.recv(0).unwrap().data(), b"news today");
        assert!(!xsub.wait_for(POLLIN, 100).unwrap());
    });
}

#[test]
fn stream_talks_raw_tcp() {
    within(20, || {
        use std::io::{Read, Write};
        let ctx = Context::new().unwrap();
        let stream = socket(&ctx, STREAM);
        let ep = stream.bind_to_random_port("tcp://127.0.0.1").unwrap();
        let port: u16 = ep.rsplit(':').next().unwrap().parse().unwrap();
        let mut tcp = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
        // Connection notification: [id, ""].
        let hello = stream.recv_multipart(0).unwrap();
        assert_eq!(hello.len(), 2);
        assert!(hello[1].is_empty());
        let id = hello[0].to_vec();
        tcp.write_all(b"GET /").unwrap();
        let mut data = Vec::new();
        while data.len() < 5 {
            let parts = stream.recv_multipart(0).unwrap();
            assert_eq!(parts[0].data(), &id[..]);
            data.extend_from_slice(parts[1].data());
        }
        assert_eq!(data, b"GET /");
        stream.send_multipart(&[&id[..], b"200 OK"], 0).unwrap();
        let mut buf = [0u8; 6];
        tcp.read_exact(&mut buf).unwrap();
        assert_eq!(&buf, b"200 OK");
    });
}

#[test]
fn dontwait_gives_eagain_and_timeouts_give_eagain() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let pull = socket(&ctx, PULL);
        pull.bind(&inproc("again")).unwrap();
        assert!(pull.recv(DONTWAIT).unwrap_err().is_again());
        pull.set("RCVTIMEO", OptionValue::Int(50)).unwrap();
        let t = std::time::Instant::now();
        let err = pull.recv(0).unwrap_err();
        assert_eq!(err.code(), "EAGAIN");
        assert!(t.elapsed() >= std::time::Duration::from_millis(40));
        let push = socket(&ctx, PUSH);
        assert!(
            push.send(b"x", DONTWAIT).unwrap_err().is_again(),
            "no peer: EAGAIN"
        );
    });
}

#[test]
fn close_is_idempotent_and_use_after_close_fails() {
    let ctx = Context::new().unwrap();
    let s = ctx.socket(PUB).unwrap();
    s.close().unwrap();
    s.close().unwrap();
    assert!(s.is_closed());
    assert_eq!(s.bind("inproc://x").unwrap_err(), Error::Closed);
    assert_eq!(s.send(b"x", 0).unwrap_err().code(), "ENOTSOCK");
    assert_eq!(s.get("LINGER").unwrap_err().code(), "ENOTSOCK");
    assert_eq!(s.fd().unwrap_err().code(), "ENOTSOCK");
}

#[test]
fn events_and_fd() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (a, b) = tcp_pair(&ctx, PAIR, PAIR);
        assert!(a.fd().unwrap() >= 0);
        b.send(b"x", 0).unwrap();
        assert!(a.wait_for(POLLIN, 5000).unwrap());
        assert!(a.events().unwrap() & POLLIN != 0);
        a.recv(0).unwrap();
        assert!(a.events().unwrap() & POLLIN == 0);
        assert!(!a.rcvmore().unwrap());
    });
}

#[test]
fn bad_flags_and_endpoints_are_refused() {
    let ctx = Context::new().unwrap();
    let s = ctx.socket(PUSH).unwrap();
    assert_eq!(s.send(b"x", 0x100).unwrap_err().code(), "EINVAL");
    assert_eq!(
        s.connect("tcp://127.0.0.1:70000").unwrap_err().code(),
        "EINVAL"
    );
    assert_eq!(
        s.connect("tcp://127.0.0.1:notaport").unwrap_err().code(),
        "EINVAL"
    );
    assert_eq!(s.bind("nope://x").unwrap_err().code(), "EPROTONOSUPPORT");
    assert_eq!(s.bind("tcp://127.0.0.1\0:1").unwrap_err().code(), "EINVAL");
    assert_eq!(s.unbind("tcp://127.0.0.1:1").unwrap_err().code(), "ENOENT");
    let stream = ctx.socket(STREAM).unwrap();
    assert_eq!(
        stream
            .bind("ipc:///tmp/zmq-script-stream")
            .unwrap_err()
            .code(),
        "ENOCOMPATPROTO"
    );
    assert_eq!(
        stream.bind("inproc://stream").unwrap_err().code(),
        "ENOCOMPATPROTO"
    );
}

#[test]
fn draft_and_unknown_socket_types_are_refused() {
    let ctx = Context::new().unwrap();
    for kind in [12, 18, 20, 21, -1, 1000] {
        assert_eq!(
            ctx.socket(kind).unwrap_err().code(),
            "EINVAL",
            "type {kind}"
        );
    }
}

#[test]
fn unbind_and_disconnect() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let pull = socket(&ctx, PULL);
        let ep = pull.bind_to_random_port("tcp://127.0.0.1").unwrap();
        let push = socket(&ctx, PUSH);
        push.connect(&ep).unwrap();
        push.send(b"one", 0).unwrap();
        assert_eq!(pull.recv(0).unwrap().data(), b"one");
        push.disconnect(&ep).unwrap();
        assert_eq!(push.disconnect(&ep).unwrap_err().code(), "ENOENT");
        // No peer left: a non-blocking send cannot be queued.
        assert!(push.send(b"two", DONTWAIT).unwrap_err().is_again());
        pull.unbind(&ep).unwrap();
        assert_eq!(pull.unbind(&ep).unwrap_err().code(), "ENOENT");
        // The port is free again (the listener closes asynchronously on libzmq's I/O thread).
        let again = socket(&ctx, PULL);
        let mut bound = again.bind(&ep);
        for _ in 0..50 {
            if bound.is_ok() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
            bound = again.bind(&ep);
        }
        bound.unwrap();
    });
}
