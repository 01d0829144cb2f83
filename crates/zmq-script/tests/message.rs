//! Typed values: what goes on the wire and how it reads back.
mod common;

use common::*;
use zmq_script::constants::socket_type::{PAIR, PULL, PUSH};
use zmq_script::{bytes_to_i32, bytes_to_i64, text_bytes, text_lossy, Context, Error, Payload};

#[test]
fn typed_round_trips() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (a, b) = tcp_pair(&ctx, PAIR, PAIR);
        assert_eq!(a.send_payload(&Payload::Empty, 0).unwrap(), 0);
        assert_eq!(a.send_payload(&Payload::Int32(-42), 0).unwrap(), 4);
        assert_eq!(a.send_payload(&Payload::Int64(1 << 40), 0).unwrap(), 8);
        assert_eq!(a.send_payload(&Payload::Bytes(b"a\0b"), 0).unwrap(), 3);
        let all: Vec<u8> = (0..=255).collect();
        assert_eq!(a.send_payload(&Payload::Bytes(&all), 0).unwrap(), 256);

        assert!(b.recv(0).unwrap().is_empty());
        assert_eq!(b.recv(0).unwrap().to_i32().unwrap(), -42);
        assert_eq!(b.recv(0).unwrap().to_i64().unwrap(), 1 << 40);
        assert_eq!(b.recv(0).unwrap().data(), b"a\0b");
        assert_eq!(b.recv(0).unwrap().data(), &all[..]);
    });
}

#[test]
fn wrong_sizes_are_reported() {
    assert_eq!(
        bytes_to_i32(b"abc").unwrap_err(),
        Error::WrongSize {
            expected: 4,
            got: 3
        }
    );
    assert_eq!(
        bytes_to_i64(b"abcd").unwrap_err(),
        Error::WrongSize {
            expected: 8,
            got: 4
        }
    );
    let e = bytes_to_i32(b"").unwrap_err();
    assert!(e.is_type_error());
    assert_eq!(
        e.message(),
        "Expected a message of 4 bytes, received 0 bytes"
    );
}

#[test]
fn number_encoding_follows_the_reference() {
    assert_eq!(Payload::from_number(10.0).unwrap(), Payload::Int32(10));
    assert_eq!(
        Payload::from_number(-2147483648.0).unwrap(),
        Payload::Int32(i32::MIN)
    );
    assert_eq!(
        Payload::from_number(2147483648.0).unwrap(),
        Payload::Int64(2147483648)
    );
    assert_eq!(Payload::from_number(1.5).unwrap(), Payload::Int64(1));
    assert_eq!(Payload::from_number(-0.0).unwrap(), Payload::Int32(0));
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY, 1e300] {
        assert_eq!(Payload::from_number(bad).unwrap_err().code(), "EINVAL");
    }
    assert!(Payload::from_number(1e300)
        .unwrap_err()
        .message()
        .contains("1e300"));
    assert_eq!(Payload::from_integer(7), Payload::Int32(7));
    assert_eq!(Payload::from_integer(i64::MAX), Payload::Int64(i64::MAX));
}

#[test]
fn text_drops_only_a_lone_trailing_nul() {
    assert_eq!(text_bytes(b"Hello\0"), b"Hello");
    assert_eq!(text_bytes(b"Hello"), b"Hello");
    assert_eq!(text_bytes(b"a\0b\0"), b"a\0b\0");
    assert_eq!(text_bytes(b"\0"), b"");
    assert_eq!(text_bytes(b""), b"");
    assert_eq!(text_lossy(b"caf\xc3\xa9\0"), "café");
    assert_eq!(text_lossy(b"bad \xff"), "bad \u{fffd}");
}

#[test]
fn multipart_keeps_parts_and_more_flags() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (pull, push) = tcp_pair(&ctx, PULL, PUSH);
        push.send_multipart(&[&b"a"[..], b"", b"ccc"], 0).unwrap();
        push.send(b"single", 0).unwrap();
        let parts = pull.recv_multipart(0).unwrap();
        assert_eq!(
            parts.iter().map(|p| p.to_vec()).collect::<Vec<_>>(),
            vec![b"a".to_vec(), vec![], b"ccc".to_vec()]
        );
        assert_eq!(
            parts.iter().map(|p| p.more()).collect::<Vec<_>>(),
            vec![true, true, false]
        );
        let single = pull.recv_multipart(0).unwrap();
        assert_eq!(single.len(), 1);
        assert!(!single[0].more());
    });
}

#[test]
fn large_messages() {
    within(30, || {
        let ctx = Context::new().unwrap();
        let (pull, push) = tcp_pair(&ctx, PULL, PUSH);
        let big: Vec<u8> = (0..8 * 1024 * 1024).map(|i| (i % 251) as u8).collect();
        push.send(&big, 0).unwrap();
        assert_eq!(pull.recv(0).unwrap().data(), &big[..]);
    });
}

#[test]
fn oversized_message_drops_the_connection_not_the_process() {
    within(20, || {
        use zmq_script::OptionValue;
        let ctx = Context::new().unwrap();
        let pull = socket(&ctx, PULL);
        pull.set("MAXMSGSIZE", OptionValue::Int64(100)).unwrap();
        let ep = pull.bind_to_random_port("tcp://127.0.0.1").unwrap();
        let events = pull.monitor(0x0200 | 0x0800 | 0x2000).unwrap(); // DISCONNECTED, HANDSHAKE_FAILED_*
        events.set("RCVTIMEO", OptionValue::Int(5000)).unwrap();
        let push = socket(&ctx, PUSH);
        push.connect(&ep).unwrap();
        push.send(&[0u8; 1000], 0).unwrap();
        // The receiver never delivers it; libzmq drops that connection instead.
        let ev = events.recv_monitor_event(0).unwrap();
        assert_eq!(ev.name(), "EVENT_DISCONNECTED");
        pull.set("RCVTIMEO", OptionValue::Int(100)).unwrap();
        assert_eq!(pull.recv(0).unwrap_err().code(), "EAGAIN");
        // Within the limit everything still works (a new connection).
        let push2 = socket(&ctx, PUSH);
        push2.connect(&ep).unwrap();
        push2.send(&[1u8; 100], 0).unwrap();
        pull.set("RCVTIMEO", OptionValue::Int(5000)).unwrap();
        assert_eq!(pull.recv(0).unwrap().len(), 100);
    });
}

#[test]
fn recv_with_and_prepared_frames() {
    within(20, || {
        use std::sync::atomic::{AtomicUsize, Ordering};
        use std::sync::Arc;
        use zmq_script::Frame;
        let ctx = Context::new().unwrap();
        let (pull, push) = tcp_pair(&ctx, PULL, PUSH);
        // A copied frame, then a borrowed one whose release runs once libzmq is done with it.
        let mut copied = Frame::from_bytes(b"copied").unwrap();
        assert_eq!(
            push.send_frame(&mut copied, zmq_script::constants::SNDMORE)
                .unwrap(),
            6
        );
        assert!(copied.is_empty(), "libzmq took the contents");
        let data: &'static [u8] = Box::leak(vec![7u8; 100_000].into_boxed_slice());
        let released = Arc::new(AtomicUsize::new(0));
        let r = released.clone();
        let mut lent = unsafe {
            Frame::from_external(
                data.as_ptr(),
                data.len(),
                Box::new(move || {
                    r.fetch_add(1, Ordering::SeqCst);
                }),
            )
        }
        .unwrap();
        push.send_frame(&mut lent, 0).unwrap();
        drop(lent);
        assert_eq!(
            pull.recv_with(0, |d, more| (d.to_vec(), more)).unwrap(),
            (b"copied".to_vec(), true)
        );
        assert_eq!(
            pull.recv_with(0, |d, more| (d.len(), d.iter().all(|&b| b == 7), more))
                .unwrap(),
            (100_000, true, false)
        );
        for _ in 0..100 {
            if released.load(Ordering::SeqCst) == 1 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        assert_eq!(
            released.load(Ordering::SeqCst),
            1,
            "released exactly once after sending"
        );
        // An unsent borrowed frame releases when dropped.
        let r2 = Arc::new(AtomicUsize::new(0));
        let r3 = r2.clone();
        let unsent = unsafe {
            Frame::from_external(
                data.as_ptr(),
                10,
                Box::new(move || {
                    r3.fetch_add(1, Ordering::SeqCst);
                }),
            )
        }
        .unwrap();
        drop(unsent);
        assert_eq!(r2.load(Ordering::SeqCst), 1);
        // recv_with reports EAGAIN like recv.
        assert!(pull
            .recv_with(zmq_script::constants::DONTWAIT, |_, _| ())
            .unwrap_err()
            .is_again());
    });
}

#[test]
fn fanned_out_inproc_messages_are_shared() {
    within(20, || {
        use zmq_script::constants::socket_type::{PUB, SUB};
        let ctx = Context::new().unwrap();
        let publisher = ctx.socket(PUB).unwrap();
        publisher.bind("inproc://fan").unwrap();
        let subs: Vec<_> = (0..2)
            .map(|_| {
                let s = socket(&ctx, SUB);
                s.set("SUBSCRIBE", zmq_script::OptionValue::Bytes(vec![])).unwrap();
                s.connect("inproc://fan").unwrap();
                s
            })
            .collect();
        publisher.send(&vec![1u8; 100_000], 0).unwrap();
        let got = subs[0].recv(0).unwrap();
        assert!(got.is_shared(), "one message, two subscribers");
        let (pull, push) = tcp_pair(&ctx, PULL, PUSH);
        push.send(b"mine alone", 0).unwrap();
        assert!(!pull.recv(0).unwrap().is_shared());
    });
}

#[test]
fn recv_into_gives_the_bytes_recv_gives() {
    within(20, || {
        use zmq_script::constants::{DONTWAIT, SNDMORE};
        let ctx = Context::new().unwrap();
        let (pull, push) = tcp_pair(&ctx, PULL, PUSH);
        let payloads: Vec<Vec<u8>> = vec![b"hello".to_vec(), vec![], (0..=255u8).cycle().take(70_000).collect()];
        // Each payload twice: once for the general path, once for recv_into.
        for p in &payloads {
            push.send(p, 0).unwrap();
            push.send(p, 0).unwrap();
        }
        let mut buf = vec![0u8; 100_000];
        for p in &payloads {
            let general = pull.recv(0).unwrap();
            let (n, more) = pull.recv_into(&mut buf, 0).unwrap();
            assert!(!more);
            assert_eq!(n, general.len());
            assert_eq!(&buf[..n], general.data());
            assert_eq!(&buf[..n], &p[..]);
        }
        // A part larger than the buffer: its size, and the bytes that fit.
        push.send(b"0123456789", SNDMORE).unwrap();
        push.send(b"tail", 0).unwrap();
        let mut small = [0u8; 4];
        assert_eq!(pull.recv_into(&mut small, 0).unwrap(), (10, true));
        assert_eq!(&small, b"0123");
        assert_eq!(pull.recv_into_timeout(&mut small, 0, 5000).unwrap(), (4, false));
        assert_eq!(&small, b"tail");
        // EAGAIN and flag rules as recv.
        assert!(pull.recv_into(&mut buf, DONTWAIT).unwrap_err().is_again());
        assert_eq!(pull.recv_into(&mut buf, SNDMORE).unwrap_err().code(), "EINVAL");
    });
}
