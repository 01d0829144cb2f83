//! Poller: sockets and raw fds, user data, fairness, errors.
mod common;

use common::*;
use std::os::unix::io::RawFd;
use zmq_script::constants::socket_type::*;
use zmq_script::constants::{POLLIN, POLLOUT};
use zmq_script::{Context, PollTarget, Poller};

fn pipe() -> (RawFd, RawFd) {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    (fds[0], fds[1])
}

#[test]
fn sockets_and_raw_fds_with_user_data() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (pull, push) = tcp_pair(&ctx, PULL, PUSH);
        let (rd, wr) = pipe();
        let mut poller: Poller<&str> = Poller::new();
        poller
            .add(PollTarget::Socket(pull.clone()), POLLIN, "zmq")
            .unwrap();
        poller.add(PollTarget::Fd(rd), POLLIN, "pipe").unwrap();
        assert_eq!(poller.len(), 2);
        assert_eq!(poller.wait(0).unwrap(), None);
        assert_eq!(poller.wait(50).unwrap(), None);

        assert_eq!(unsafe { libc::write(wr, b"x".as_ptr() as *const _, 1) }, 1);
        let ev = poller.wait(5000).unwrap().expect("pipe readable");
        assert_eq!(poller.entries()[ev.index].data, "pipe");
        assert_eq!(ev.events, POLLIN);
        let mut b = [0u8; 1];
        assert_eq!(unsafe { libc::read(rd, b.as_mut_ptr() as *mut _, 1) }, 1);

        push.send(b"hi", 0).unwrap();
        let ev = poller.wait(5000).unwrap().expect("socket readable");
        let entry = &poller.entries()[ev.index];
        assert_eq!(entry.data, "zmq");
        match &entry.target {
            PollTarget::Socket(s) => assert!(s.same(&pull)),
            _ => panic!("expected the socket"),
        }
        pull.recv(0).unwrap();
        unsafe {
            libc::close(rd);
            libc::close(wr);
        }
    });
}

#[test]
fn wait_all_and_fair_rotation() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let mut poller: Poller<usize> = Poller::new();
        let mut pairs = Vec::new();
        for i in 0..3 {
            let (a, b) = tcp_pair(&ctx, PAIR, PAIR);
            b.send(b"ready", 0).unwrap();
            assert!(a.wait_for(POLLIN, 5000).unwrap());
            poller
                .add(PollTarget::Socket(a.clone()), POLLIN, i)
                .unwrap();
            pairs.push((a, b));
        }
        let all = poller.wait_all(10, 1000).unwrap();
        assert_eq!(all.len(), 3);
        assert_eq!(poller.wait_all(2, 1000).unwrap().len(), 2);
        // With nothing consumed every entry stays ready; wait() must rotate over them.
        let seen: Vec<usize> = (0..6)
            .map(|_| {
                let ev = poller.wait(0).unwrap().unwrap();
                poller.entries()[ev.index].data
            })
            .collect();
        for i in 0..3 {
            assert_eq!(seen.iter().filter(|&&x| x == i).count(), 2, "{seen:?}");
        }
    });
}

#[test]
fn modify_remove_and_errors() {
    let ctx = Context::new().unwrap();
    let (a, _b) = tcp_pair(&ctx, PAIR, PAIR);
    let mut poller: Poller<u8> = Poller::new();
    let t = PollTarget::Socket(a.clone());
    poller.add(t.clone(), POLLIN, 1).unwrap();
    assert_eq!(
        poller.add(t.clone(), POLLIN, 2).unwrap_err().code(),
        "EINVAL"
    );
    assert_eq!(
        poller
            .add(PollTarget::Fd(-1), POLLIN, 3)
            .unwrap_err()
            .code(),
        "EBADF"
    );
    assert_eq!(poller.modify(&t, 0x40).unwrap_err().code(), "EINVAL");
    poller.modify(&t, POLLOUT).unwrap();
    let ev = poller
        .wait(1000)
        .unwrap()
        .expect("connected PAIR is writable");
    assert_eq!(ev.events, POLLOUT);
    assert_eq!(poller.remove(&t).unwrap(), 1);
    assert_eq!(poller.remove(&t).unwrap_err().code(), "EINVAL");
    assert_eq!(poller.modify(&t, POLLIN).unwrap_err().code(), "EINVAL");
    assert_eq!(poller.wait_all(0, 0).unwrap_err().code(), "EINVAL");
    // Empty: a bounded wait just times out; an endless one is refused.
    assert_eq!(poller.wait(10).unwrap(), None);
    assert_eq!(poller.wait(-1).unwrap_err().code(), "EFAULT");
}

#[test]
fn closed_socket_in_poller_is_an_error_not_a_crash() {
    let ctx = Context::new().unwrap();
    let s = ctx.socket(PULL).unwrap();
    let mut poller: Poller<()> = Poller::new();
    poller
        .add(PollTarget::Socket(s.clone()), POLLIN, ())
        .unwrap();
    s.close().unwrap();
    assert_eq!(poller.wait(10).unwrap_err().code(), "ENOTSOCK");
    assert_eq!(
        poller
            .add(PollTarget::Socket(s.clone()), POLLIN, ())
            .unwrap_err()
            .code(),
        "ENOTSOCK"
    );
    poller.remove(&PollTarget::Socket(s)).unwrap();
    ctx.term().unwrap();
}
