//! Blocking calls can be interrupted by the host hook, and survive other signals.
mod common;

use common::*;
use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};
use zmq_script::constants::socket_type::*;
use zmq_script::interrupt::{self, Deadline};
use zmq_script::{Context, Error, PollTarget, Poller};

#[test]
fn hook_ends_blocking_recv_and_poll() {
    within(20, || {
        let ctx = Context::new().unwrap();
        let pull = ctx.socket(PULL).unwrap();
        pull.bind(&inproc("hook")).unwrap();
        let calls = Rc::new(Cell::new(0));
        let c = calls.clone();
        interrupt::set_hook(Some(Rc::new(move || {
            c.set(c.get() + 1);
            if c.get() >= 3 {
                Err(Error::Interrupted)
            } else {
                Ok(())
            }
        })));
        let t = Instant::now();
        assert_eq!(pull.recv(0).unwrap_err(), Error::Interrupted);
        assert!(t.elapsed() < Duration::from_secs(2));
        calls.set(0);
        let mut poller: Poller<()> = Poller::new();
        poller
            .add(
                PollTarget::Socket(pull.clone()),
                zmq_script::constants::POLLIN,
                (),
            )
            .unwrap();
        assert_eq!(poller.wait(-1).unwrap_err().code(), "EINTR");
        calls.set(0);
        assert_eq!(
            interrupt::sleep(Deadline::from_ms(10_000)).unwrap_err(),
            Error::Interrupted
        );
        interrupt::set_hook(None);
        assert_eq!(
            pull.recv(zmq_script::constants::DONTWAIT)
                .unwrap_err()
                .code(),
            "EAGAIN"
        );
    });
}

#[test]
fn other_signals_do_not_break_a_blocking_recv() {
    within(20, || {
        // Handler without SA_RESTART: the blocking poll sees EINTR and must retry.
        zmq_script::signal::install(&[libc::SIGUSR1], false).unwrap();
        let ctx = Context::new().unwrap();
        let ep = inproc("sig");
        let pull = ctx.socket(PULL).unwrap();
        pull.bind(&ep).unwrap();
        let push = ctx.socket(PUSH).unwrap();
        push.connect(&ep).unwrap();
        let me = unsafe { libc::pthread_self() } as usize;
        let sender = std::thread::spawn(move || {
            for _ in 0..5 {
                std::thread::sleep(Duration::from_millis(30));
                unsafe { libc::pthread_kill(me as libc::pthread_t, libc::SIGUSR1) };
            }
            std::thread::sleep(Duration::from_millis(30));
            push.send(b"after the signals", 0).unwrap();
            push
        });
        assert_eq!(pull.recv(0).unwrap().data(), b"after the signals");
        assert_eq!(zmq_script::signal::take(), Some(libc::SIGUSR1));
        drop(sender.join().unwrap());
    });
}

#[test]
fn deadline_slices() {
    assert_eq!(Deadline::from_ms(-1).next_slice(), interrupt::SLICE_MS);
    assert!(Deadline::from_ms(5).next_slice() <= 5);
    let d = Deadline::from_ms(0);
    std::thread::sleep(Duration::from_millis(1));
    assert!(d.expired());
    assert_eq!(d.next_slice(), 0);
    assert!(!Deadline::never().expired());
}

#[test]
fn signal_hook_ends_a_call_blocked_inside_libzmq() {
    within(20, || {
        zmq_script::signal::install(&[libc::SIGUSR2], false).unwrap();
        interrupt::set_signal_hook(Some(Rc::new(|| match zmq_script::signal::take() {
            Some(s) if s == libc::SIGUSR2 => Err(Error::Interrupted),
            _ => Ok(()),
        })));
        assert!(!interrupt::sliced());
        let ctx = Context::new().unwrap();
        let pull = ctx.socket(PULL).unwrap();
        pull.bind(&inproc("sighook")).unwrap();
        let me = unsafe { libc::pthread_self() } as usize;
        let killer = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(100));
            unsafe { libc::pthread_kill(me as libc::pthread_t, libc::SIGUSR2) };
        });
        let t = Instant::now();
        assert_eq!(pull.recv(0).unwrap_err(), Error::Interrupted);
        assert!(t.elapsed() < Duration::from_secs(2));
        killer.join().unwrap();
        interrupt::set_signal_hook(None);
    });
}

#[test]
fn signal_between_the_last_check_and_the_wait_still_ends_the_call() {
    within(20, || {
        // The hook's first call is the check a blocking recv makes before it waits; the signal
        // raised there has been seen by no check when libzmq starts waiting. Without the
        // redelivery timer (signal::Waiting) this recv would wait forever.
        zmq_script::signal::install(&[libc::SIGUSR2], false).unwrap();
        let calls = Rc::new(Cell::new(0));
        let c = calls.clone();
        interrupt::set_signal_hook(Some(Rc::new(move || {
            c.set(c.get() + 1);
            if c.get() == 1 {
                // SAFETY: raise only runs the handler install() put on SIGUSR2.
                unsafe { libc::raise(libc::SIGUSR2) };
                return Ok(());
            }
            match zmq_script::signal::take() {
                Some(s) if s == libc::SIGUSR2 => Err(Error::Interrupted),
                _ => Ok(()),
            }
        })));
        let ctx = Context::new().unwrap();
        let pull = ctx.socket(PULL).unwrap();
        pull.bind(&inproc("window")).unwrap();
        assert_eq!(pull.recv(0).unwrap_err(), Error::Interrupted);
        assert_eq!(calls.get(), 2);
        interrupt::set_signal_hook(None);
    });
}
