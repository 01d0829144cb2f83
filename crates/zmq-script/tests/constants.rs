//! Constants by name, version and capabilities.
use zmq_script::constants::{self, socket_type};
use zmq_script::{has, version, CAPABILITIES};

#[test]
fn constants_by_name() {
    let expect = [
        ("PAIR", 0),
        ("PUB", 1),
        ("SUB", 2),
        ("REQ", 3),
        ("REP", 4),
        ("DEALER", 5),
        ("ROUTER", 6),
        ("PULL", 7),
        ("PUSH", 8),
        ("XPUB", 9),
        ("XSUB", 10),
        ("STREAM", 11),
        ("DONTWAIT", 1),
        ("SNDMORE", 2),
        ("MORE", 1),
        ("POLLIN", 1),
        ("POLLOUT", 2),
        ("POLLERR", 4),
        ("POLLPRI", 8),
        ("SUBSCRIBE", 6),
        ("LINGER", 17),
        ("IDENTITY", 5),
        ("ROUTING_ID", 5),
        ("LAST_ENDPOINT", 32),
        ("CURVE_SERVERKEY", 50),
        ("RCVTIMEO", 27),
        ("MAXMSGSIZE", 22),
        ("IO_THREADS", 1),
        ("MAX_SOCKETS", 2),
        ("BLOCKY", 70),
        ("MAX_MSGSZ", 5),
        ("MSG_T_SIZE", 6),
        ("THREAD_SCHED_POLICY", 4),
        ("SOCKET_LIMIT", 3),
        ("THREAD_PRIORITY", 3),
        ("IPV6", 42),
        ("EVENT_CONNECTED", 1),
        ("EVENT_ALL", 0xFFFF),
        ("EVENT_HANDSHAKE_SUCCEEDED", 0x1000),
        ("EAGAIN", libc::EAGAIN as i64),
        ("EINTR", libc::EINTR as i64),
        ("ETERM", 156_384_765),
        ("EFSM", 156_384_763),
        ("EHOSTUNREACH", libc::EHOSTUNREACH as i64),
    ];
    for (name, value) in expect {
        assert_eq!(constants::value(name), Some(value), "{name}");
        assert_eq!(
            constants::value(&format!("ZMQ_{name}")),
            Some(value),
            "ZMQ_{name}"
        );
    }
    assert_eq!(constants::value("NOT_A_CONSTANT"), None);
    let names: Vec<&str> = constants::all().iter().map(|(n, _)| *n).collect();
    let mut sorted = names.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(sorted.len(), names.len(), "no duplicate names");
    assert!(names.len() > 150, "{} constants", names.len());
}

#[test]
fn socket_type_names() {
    assert_eq!(socket_type::from_name("PUB"), Some(1));
    assert_eq!(socket_type::from_name("ZMQ_REQ"), Some(3));
    assert_eq!(socket_type::from_name("pull"), Some(7));
    assert_eq!(socket_type::from_name("zmq_pub"), Some(1));
    assert_eq!(socket_type::from_name("XREP"), Some(6));
    assert_eq!(socket_type::from_name("SERVER"), None);
    assert_eq!(socket_type::name(11), Some("STREAM"));
    assert_eq!(socket_type::name(12), None);
}

#[test]
fn version_and_capabilities() {
    let (major, minor, patch) = version();
    assert_eq!((major, minor), (4, 3));
    assert!(patch >= 4);
    assert!(has("ipc"));
    assert!(has("curve"));
    assert!(!has("draft"));
    assert!(!has("nonsense"));
    assert!(!has("ipc\0"));
    for cap in CAPABILITIES {
        let _ = has(cap);
    }
}
