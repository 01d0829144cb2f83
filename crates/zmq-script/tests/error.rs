//! Errors carry errno, code name and message.
use zmq_script::error::{errno_name, strerror, ERRNO_NAMES};
use zmq_script::Error;

#[test]
fn code_names_and_messages() {
    let e = Error::Zmq(libc::EAGAIN);
    assert_eq!(e.errno(), libc::EAGAIN);
    assert_eq!(e.code(), "EAGAIN");
    assert_eq!(e.message(), "Resource temporarily unavailable");
    assert_eq!(e.to_string(), "[EAGAIN] Resource temporarily unavailable");
    assert!(e.is_again());

    let term = Error::Zmq(156_384_712 + 53);
    assert_eq!(term.code(), "ETERM");
    assert_eq!(term.message(), "Context was terminated");
    assert_eq!(Error::Zmq(156_384_712 + 51).code(), "EFSM");
    assert_eq!(Error::Zmq(libc::EHOSTUNREACH).code(), "EHOSTUNREACH");
    assert_eq!(Error::Zmq(99999).code(), "EUNKNOWN");
}

#[test]
fn misuse_kinds_have_codes() {
    assert_eq!(Error::Closed.code(), "ENOTSOCK");
    assert_eq!(Error::UnknownOption("FOO".into()).code(), "EINVAL");
    assert_eq!(
        Error::UnknownOption("FOO".into()).message(),
        "Unknown option 'FOO'"
    );
    assert_eq!(Error::WrongType("x".into()).code(), "EINVAL");
    assert!(Error::WrongType("x".into()).is_type_error());
    assert_eq!(Error::Interrupted.code(), "EINTR");
    assert_eq!(Error::TimedOut.code(), "ETIMEDOUT");
    assert_eq!(Error::invalid("bad").to_string(), "[EINVAL] bad");
}

#[test]
fn every_name_is_unique_and_known_to_strerror() {
    for (i, (name, value)) in ERRNO_NAMES.iter().enumerate() {
        assert!(name.starts_with('E'));
        assert_eq!(errno_name(*value), Some(*name), "{name}");
        assert!(!strerror(*value).is_empty());
        for (other, v) in &ERRNO_NAMES[i + 1..] {
            assert!(
                v != value || other == name,
                "{name} and {other} share {value}"
            );
        }
    }
}
