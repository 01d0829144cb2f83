//! Proxies forward both ways, copy to capture, obey steering, and stop on term.
mod common;

use common::*;
use std::time::Duration;
use zmq_script::constants::socket_type::*;
use zmq_script::{proxy, proxy_steerable, Context};

#[test]
fn router_dealer_broker_with_capture_and_steering() {
    within(30, || {
        let ctx = Context::new().unwrap();
        let frontend = socket(&ctx, ROUTER);
        let front_ep = frontend.bind_to_random_port("tcp://127.0.0.1").unwrap();
        let backend = socket(&ctx, DEALER);
        let back_ep = backend.bind_to_random_port("tcp://127.0.0.1").unwrap();
        let capture = socket(&ctx, PUSH);
        let cap_ep = inproc("capture");
        capture.bind(&cap_ep).unwrap();
        let control = socket(&ctx, PAIR);
        let ctl_ep = inproc("control");
        control.bind(&ctl_ep).unwrap();
        let captured = socket(&ctx, PULL);
        captured.connect(&cap_ep).unwrap();
        let steer = socket(&ctx, PAIR);
        steer.connect(&ctl_ep).unwrap();

        let broker = std::thread::spawn(move || {
            proxy_steerable(&frontend, &backend, Some(&capture), &control)
        });

        let worker = socket(&ctx, REP);
        worker.connect(&back_ep).unwrap();
        let client = socket(&ctx, REQ);
        client.connect(&front_ep).unwrap();
        for i in 0..5 {
            client.send(format!("request {i}").as_bytes(), 0).unwrap();
            assert_eq!(
                worker.recv(0).unwrap().data(),
                format!("request {i}").as_bytes()
            );
            worker.send(b"reply", 0).unwrap();
            assert_eq!(client.recv(0).unwrap().data(), b"reply");
        }
        // Capture saw every part of both directions: requests (id, "", body) and replies.
        let mut parts = 0;
        while captured
            .wait_for(zmq_script::constants::POLLIN, 200)
            .unwrap()
        {
            captured.recv(0).unwrap();
            parts += 1;
        }
        assert_eq!(parts, 5 * 3 * 2);

        steer.send(b"STATISTICS", 0).unwrap();
        let stats = steer.recv_multipart(0).unwrap();
        assert_eq!(stats.len(), 8);
        let counts: Vec<i64> = stats.iter().map(|f| f.to_i64().unwrap()).collect();
        assert_eq!(counts[0], 5, "frontend messages in");
        assert_eq!(counts[4], 5, "backend messages in");

        steer.send(b"PAUSE", 0).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        client.send(b"while paused", 0).unwrap();
        assert!(!worker.wait_for(zmq_script::constants::POLLIN, 200).unwrap());
        steer.send(b"RESUME", 0).unwrap();
        assert_eq!(worker.recv(0).unwrap().data(), b"while paused");
        worker.send(b"ok", 0).unwrap();
        assert_eq!(client.recv(0).unwrap().data(), b"ok");

        steer.send(b"TERMINATE", 0).unwrap();
        let result = broker.join().unwrap();
        assert_eq!(result.unwrap().frontend.in_msgs, 6);
    });
}

#[test]
fn plain_proxy_ends_with_eterm_when_the_context_terminates() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let frontend = ctx.socket(PULL).unwrap();
        let ep = inproc("front");
        frontend.bind(&ep).unwrap();
        let backend = ctx.socket(PUSH).unwrap();
        let back_ep = inproc("back");
        backend.bind(&back_ep).unwrap();
        let sink = ctx.socket(PULL).unwrap();
        sink.connect(&back_ep).unwrap();
        let source = ctx.socket(PUSH).unwrap();
        source.connect(&ep).unwrap();
        let t = std::thread::spawn(move || proxy(&frontend, &backend, None));
        source.send_multipart(&[&b"a"[..], b"b"], 0).unwrap();
        let got = sink.recv_multipart(0).unwrap();
        assert_eq!(got.len(), 2);
        ctx.term().unwrap();
        assert_eq!(t.join().unwrap().unwrap_err().code(), "ETERM");
    });
}
