//! Socket monitor events.
mod common;

use common::*;
use zmq_script::constants::socket_type::*;
use zmq_script::{Context, MonitorEvent};

#[test]
fn monitor_reports_listening_accepted_and_connected() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let server = socket(&ctx, REP);
        let mon = server.monitor(0xFFFF).unwrap();
        mon.set("RCVTIMEO", zmq_script::OptionValue::Int(5000))
            .unwrap();
        let ep = server.bind_to_random_port("tcp://127.0.0.1").unwrap();
        let ev = mon.recv_monitor_event(0).unwrap();
        assert_eq!(ev.name(), "EVENT_LISTENING");
        assert_eq!(ev.endpoint, ep);

        let client = socket(&ctx, REQ);
        let cmon = client.monitor(0x0001).unwrap(); // EVENT_CONNECTED only
        cmon.set("RCVTIMEO", zmq_script::OptionValue::Int(5000))
            .unwrap();
        client.connect(&ep).unwrap();
        assert_eq!(
            cmon.recv_monitor_event(0).unwrap().name(),
            "EVENT_CONNECTED"
        );
        let mut names = Vec::new();
        while names.last() != Some(&"EVENT_HANDSHAKE_SUCCEEDED") {
            names.push(mon.recv_monitor_event(0).unwrap().name());
        }
        assert!(names.contains(&"EVENT_ACCEPTED"), "{names:?}");
        client.close().unwrap();
        let mut names = Vec::new();
        while names.last() != Some(&"EVENT_DISCONNECTED") {
            names.push(mon.recv_monitor_event(0).unwrap().name());
        }
    });
}

#[test]
fn bad_frames_are_not_events() {
    assert_eq!(MonitorEvent::parse(&[]).unwrap_err().code(), "EINVAL");
}

#[test]
fn a_monitor_nobody_reads_never_blocks_the_socket() {
    within(30, || {
        let ctx = Context::new().unwrap();
        let server = socket(&ctx, ROUTER);
        let mon = server.monitor(0xFFFF).unwrap();
        drop(mon); // the reader goes away
        let ep = server.bind_to_random_port("tcp://127.0.0.1").unwrap();
        // Thousands of events with no reader, then a second monitor replacing the first.
        for _ in 0..300 {
            let c = socket(&ctx, DEALER);
            c.connect(&ep).unwrap();
            c.send(b"hi", 0).unwrap();
            server.recv_multipart(0).unwrap();
        }
        let again = server.monitor(0xFFFF).unwrap();
        let _ = again.recv_monitor_event(zmq_script::constants::DONTWAIT);
        server.close().unwrap();
    });
}

#[test]
fn event_from_parts() {
    let mut head = Vec::new();
    head.extend_from_slice(&8u16.to_ne_bytes());
    head.extend_from_slice(&42u32.to_ne_bytes());
    let ev = MonitorEvent::from_parts(&head, b"tcp://127.0.0.1:5555").unwrap();
    assert_eq!(
        (ev.event, ev.value, ev.name(), ev.endpoint.as_str()),
        (8, 42, "EVENT_LISTENING", "tcp://127.0.0.1:5555")
    );
    assert_eq!(
        MonitorEvent::from_parts(b"short", b"").unwrap_err().code(),
        "EINVAL"
    );
}
