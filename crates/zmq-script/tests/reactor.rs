//! Reactor: sockets, raw fds and deadlines in one wait; closed sockets and
//! terminating contexts show up as ready; interrupts end the wait; the
//! ZMQ_FD edge is not missed when the drain keeps going while EVENTS says POLLIN.
mod common;

use common::*;
use std::os::unix::io::RawFd;
use std::rc::Rc;
use std::time::{Duration, Instant};
use zmq_script::constants::socket_type::*;
use zmq_script::constants::{POLLIN, POLLOUT};
use zmq_script::reactor::{Ready, Source};
use zmq_script::{Context, Error, Reactor};

fn pipe() -> (RawFd, RawFd) {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    (fds[0], fds[1])
}

#[test]
fn sockets_fds_and_deadlines_in_one_wait() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (pull, push) = tcp_pair(&ctx, PULL, PUSH);
        let (rd, wr) = pipe();
        let mut r = Reactor::new();
        assert_eq!(r.add(Source::Socket(pull.clone()), POLLIN, None), 0);
        assert_eq!(r.add(Source::Fd(rd), POLLIN, None), 1);
        // Nothing ready: `until` passes, nothing reported.
        assert!(r
            .wait(Some(Instant::now() + Duration::from_millis(30)))
            .unwrap()
            .is_empty());

        assert_eq!(unsafe { libc::write(wr, b"x".as_ptr() as *const _, 1) }, 1);
        let ready = r.wait(None).unwrap();
        assert_eq!(
            ready,
            vec![Ready {
                index: 1,
                events: POLLIN,
                expired: false
            }]
        );
        let mut b = [0u8; 1];
        assert_eq!(unsafe { libc::read(rd, b.as_mut_ptr() as *mut _, 1) }, 1);

        push.send(b"hi", 0).unwrap();
        let ready = r.wait(None).unwrap();
        assert_eq!(
            ready,
            vec![Ready {
                index: 0,
                events: POLLIN,
                expired: false
            }]
        );
        assert_eq!(pull.try_recv(0).unwrap().unwrap().data(), b"hi");

        // A writable socket and an interest whose deadline passes.
        let mut r = Reactor::new();
        r.add(
            Source::Socket(pull.clone()),
            POLLIN,
            Some(Instant::now() + Duration::from_millis(20)),
        );
        r.add(Source::Socket(push.clone()), POLLOUT, None);
        let ready = r.wait(None).unwrap();
        assert_eq!(
            ready,
            vec![Ready {
                index: 1,
                events: POLLOUT,
                expired: false
            }]
        );
        let mut r = Reactor::new();
        r.add(
            Source::Socket(pull.clone()),
            POLLIN,
            Some(Instant::now() + Duration::from_millis(20)),
        );
        let ready = r.wait(None).unwrap();
        assert_eq!(
            ready,
            vec![Ready {
                index: 0,
                events: 0,
                expired: true
            }]
        );
        unsafe {
            libc::close(rd);
            libc::close(wr);
        }
    });
}

#[test]
fn closed_and_terminated_sockets_are_reported_ready() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let (pull, _push) = tcp_pair(&ctx, PULL, PUSH);
        let mut r = Reactor::new();
        r.add(Source::Socket(pull.clone()), POLLIN, None);
        pull.close().unwrap();
        assert_eq!(
            r.wait(None).unwrap(),
            vec![Ready {
                index: 0,
                events: POLLIN,
                expired: false
            }]
        );
        assert!(matches!(pull.try_recv(0), Err(Error::Closed)));

        let ctx = Context::new().unwrap();
        let pull = socket(&ctx, PULL);
        pull.bind_to_random_port(None).unwrap();
        let mut r = Reactor::new();
        r.add(Source::Socket(pull.clone()), POLLIN, None);
        ctx.term().unwrap();
        assert_eq!(r.wait(None).unwrap().len(), 1);
        assert_eq!(pull.try_recv(0).unwrap_err().code(), "ETERM");
    });
}

#[test]
fn waiting_for_nothing_forever_is_refused_and_a_hook_interrupts() {
    within(20, || {
        let r = Reactor::new();
        assert_eq!(r.wait(None).unwrap_err().code(), "EFAULT");
        assert!(r
            .wait(Some(Instant::now() + Duration::from_millis(5)))
            .unwrap()
            .is_empty());

        let ctx = Context::new().unwrap();
        let pull = socket(&ctx, PULL);
        pull.bind_to_random_port(None).unwrap();
        let mut r = Reactor::new();
        r.add(Source::Socket(pull.clone()), POLLIN, None);
        let start = Instant::now();
        zmq_script::interrupt::set_hook(Some(Rc::new(move || {
            if start.elapsed() > Duration::from_millis(50) {
                Err(Error::Interrupted)
            } else {
                Ok(())
            }
        })));
        assert!(matches!(r.wait(None), Err(Error::Interrupted)));
        zmq_script::interrupt::set_hook(None);
    });
}

/// Watching ZMQ_FD (as a foreign loop does) and draining only while
/// ZMQ_EVENTS says POLLIN receives every message: a drain that stopped after
/// one message per wake-up would wait on an edge that never comes.
#[test]
fn zmq_fd_edges_are_not_missed_when_draining_while_ready() {
    within(30, || {
        let ctx = Context::new().unwrap();
        let (pull, push) = tcp_pair(&ctx, PULL, PUSH);
        let mut r = Reactor::new();
        r.add(Source::Socket(pull.clone()), POLLIN, None);
        let watch = r.watch_list();
        assert_eq!(watch.len(), 1);
        let (fd, events) = watch[0];
        assert_eq!(events, POLLIN);
        const N: usize = 2000;
        let sender = std::thread::spawn(move || {
            for i in 0..N {
                push.send(format!("{i}").as_bytes(), 0).unwrap();
            }
            push
        });
        let mut got = 0;
        while got < N {
            // Never wait while the socket is ready: its edge may already be gone.
            if r.ready_now().is_empty() {
                let mut p = libc::pollfd {
                    fd,
                    events: libc::POLLIN,
                    revents: 0,
                };
                let rc = unsafe { libc::poll(&mut p, 1, 5000) };
                assert!(
                    rc > 0,
                    "waited 5 s on ZMQ_FD with {got} of {N} messages received: a missed edge"
                );
            }
            while let Some(f) = pull.try_recv(0).unwrap() {
                assert_eq!(f.data(), format!("{got}").as_bytes());
                got += 1;
            }
        }
        drop(sender.join().unwrap());
    });
}
