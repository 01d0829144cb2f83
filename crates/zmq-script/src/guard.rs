//! Inputs a script can produce on which libzmq 4.3 aborts the process (an
//! `assert` inside libzmq) or misbehaves badly. Each is refused here, with a
//! clear error, before libzmq sees it.

use crate::constants::socket_type;
use crate::error::{Error, Result};
use std::ffi::CString;

/// Largest IO_THREADS accepted: each I/O thread costs file descriptors, and
/// libzmq aborts when it cannot create one.
pub const MAX_IO_THREADS: i32 = 64;
/// Largest MAX_SOCKETS accepted: libzmq allocates its slot table from it and
/// aborts when that allocation fails.
pub const MAX_MAX_SOCKETS: i32 = 1 << 20;

/// Socket types 12..=20 exist only with the draft API; a non-draft build still
/// creates some of them and then aborts on use.
pub fn socket_type(kind: i32) -> Result<()> {
    if (0..=11).contains(&kind) {
        return Ok(());
    }
    let message = if (12..=20).contains(&kind) {
        format!(
            "socket type {kind} is a draft socket type; this libzmq is built without the draft API"
        )
    } else {
        format!("unknown socket type {kind}")
    };
    Err(Error::invalid(message))
}

/// Endpoint checks before bind/connect/unbind/disconnect: no NUL byte, a tcp
/// port in 0..=65535 (libzmq silently truncates larger ones), and STREAM
/// sockets only over tcp (libzmq aborts on STREAM over ipc/inproc).
pub fn endpoint(kind: i32, endpoint: &str) -> Result<CString> {
    let c = CString::new(endpoint).map_err(|_| Error::invalid("endpoint contains a NUL byte"))?;
    let (transport, address) = endpoint.split_once("://").unwrap_or(("", endpoint));
    if kind == socket_type::STREAM && !transport.eq_ignore_ascii_case("tcp") {
        return Err(Error::Invalid {
            errno: zmq_sys::errno::ENOCOMPATPROTO,
            message: format!("STREAM sockets only work over tcp://, not '{transport}://'"),
        });
    }
    if transport.eq_ignore_ascii_case("tcp") {
        if let Some((_, port)) = address.rsplit_once(':') {
            if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) {
                let ok =
                    port.len() <= 5 && port.parse::<u32>().map(|p| p <= 65535).unwrap_or(false);
                if !ok {
                    return Err(Error::invalid(format!(
                        "tcp port {port} is out of range (0-65535)"
                    )));
                }
            }
        }
    }
    Ok(c)
}

/// Only a REP or ROUTER socket may bind libzmq's ZAP endpoint
/// (`inproc://zeromq.zap.01`): libzmq asserts that type when a handshake
/// looks for the handler, so any other type would abort the process at the
/// next CURVE or PLAIN connection. ([`crate::Context::auth`] serves it natively.)
pub(crate) fn zap_bind(kind: i32, endpoint: &str) -> Result<()> {
    if endpoint == crate::auth::ZAP_ENDPOINT && kind != socket_type::REP && kind != socket_type::ROUTER {
        return Err(Error::invalid(format!(
            "only a REP or ROUTER socket may bind {endpoint} (libzmq's ZAP handler endpoint; see Context::auth)"
        )));
    }
    Ok(())
}

/// The MAX_SOCKETS handed to libzmq for a script's `max`: libzmq needs slots
/// beyond the script's sockets — one per socket monitor, closed sockets its
/// reaper has not freed yet, and one it creates while terminating to settle
/// parked inproc connections (it aborts if none is left). The core enforces
/// the script's own `max` itself.
pub(crate) fn slots_for(max: i32) -> i32 {
    max.saturating_mul(2).saturating_add(8)
}

/// USE_FD must be -1 or a listening stream socket: libzmq accepts on it and
/// aborts if `accept` fails. Returns the descriptor to give libzmq: a
/// duplicate, because libzmq closes it at unbind, and the original belongs
/// to whoever opened it.
pub fn use_fd(fd: i32) -> Result<i32> {
    if fd == -1 {
        return Ok(-1);
    }
    let int_opt = |opt: i32| -> Option<i32> {
        let mut v: libc::c_int = 0;
        let mut len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        // SAFETY: `v` is a writable c_int and `len` says so; getsockopt on any fd number only
        // reads the descriptor table (a bad fd is EBADF/ENOTSOCK, seen as None).
        let rc = unsafe {
            libc::getsockopt(fd, libc::SOL_SOCKET, opt, &mut v as *mut libc::c_int as *mut libc::c_void, &mut len)
        };
        (rc == 0).then_some(v)
    };
    let listening =
        fd >= 0 && int_opt(libc::SO_TYPE) == Some(libc::SOCK_STREAM) && int_opt(libc::SO_ACCEPTCONN) == Some(1);
    if !listening {
        return Err(Error::invalid(format!("USE_FD {fd} is not a listening stream socket")));
    }
    // SAFETY: F_DUPFD_CLOEXEC only creates a new descriptor; `fd` itself is left alone.
    let copy = unsafe { libc::fcntl(fd, libc::F_DUPFD_CLOEXEC, 0) };
    if copy < 0 {
        // SAFETY: __errno_location returns the calling thread's errno slot, always valid.
        return Err(Error::Zmq(unsafe { *libc::__errno_location() }));
    }
    Ok(copy)
}

/// Context option values that would make libzmq abort when it starts its
/// threads. `policy`/`priority` are the values the context would end up with.
pub fn context_option(id: i32, value: i32, policy: i32, priority: i32) -> Result<()> {
    use crate::options::context_id::*;
    match id {
        IO_THREADS if !(0..=MAX_IO_THREADS).contains(&value) => Err(Error::invalid(format!(
            "IO_THREADS must be between 0 and {MAX_IO_THREADS}"
        ))),
        MAX_SOCKETS if !(1..=MAX_MAX_SOCKETS).contains(&value) => Err(Error::invalid(format!(
            "MAX_SOCKETS must be between 1 and {MAX_MAX_SOCKETS}"
        ))),
        THREAD_PRIORITY | THREAD_SCHED_POLICY => scheduling(policy, priority),
        THREAD_AFFINITY_CPU_ADD | THREAD_AFFINITY_CPU_REMOVE => affinity_cpu(value),
        _ => Ok(()),
    }
}

/// THREAD_AFFINITY_CPU_ADD/REMOVE: a CPU this process may run on.
fn affinity_cpu(cpu: i32) -> Result<()> {
    // SAFETY: cpu_set_t is plain data (all zeroes is the empty set); sched_getaffinity writes
    // at most its size into `set`; CPU_ISSET reads only `set`, with `cpu` checked to be in
    // 0..CPU_SETSIZE first.
    let allowed = unsafe {
        let mut set: libc::cpu_set_t = std::mem::zeroed();
        cpu >= 0
            && (cpu as usize) < libc::CPU_SETSIZE as usize
            && libc::sched_getaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &mut set) == 0
            && libc::CPU_ISSET(cpu as usize, &set)
    };
    if allowed {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "CPU {cpu} is not available to this process"
        )))
    }
}

/// THREAD_SCHED_POLICY/THREAD_PRIORITY: libzmq applies them in each thread it
/// starts and aborts if that fails, so try the same steps once in a
/// throw-away thread and refuse what fails there.
fn scheduling(policy: i32, priority: i32) -> Result<()> {
    if policy == -1 && priority == -1 {
        return Ok(());
    }
    // SAFETY: the probe thread only changes its own scheduling (pthread_self) and niceness;
    // sched_param is plain data and every pointer is to a local; errno is this thread's.
    let probe = std::thread::spawn(move || unsafe {
        let mut current_policy = 0;
        let mut param: libc::sched_param = std::mem::zeroed();
        if libc::pthread_getschedparam(libc::pthread_self(), &mut current_policy, &mut param) != 0 {
            return Err(libc::EINVAL);
        }
        let policy = if policy == -1 { current_policy } else { policy };
        let nice_instead = policy != libc::SCHED_FIFO && policy != libc::SCHED_RR;
        if priority != -1 {
            param.sched_priority = if nice_instead { 0 } else { priority };
        }
        let rc = libc::pthread_setschedparam(libc::pthread_self(), policy, &param);
        if rc != 0 {
            return Err(rc);
        }
        if nice_instead && priority != -1 {
            // libzmq asserts `nice(-20) != -1` whatever errno says.
            if libc::nice(-20) == -1 {
                let e = *libc::__errno_location();
                return Err(if e == 0 { libc::EPERM } else { e });
            }
        }
        Ok(())
    });
    match probe.join() {
        Ok(Ok(())) => Ok(()),
        Ok(Err(errno)) => Err(Error::Invalid {
            errno,
            message: format!(
                "thread scheduling policy {policy} with priority {priority} cannot be applied here ({}); \
                 libzmq would abort when starting its threads",
                crate::error::strerror(errno)
            ),
        }),
        Err(_) => Err(Error::invalid("thread scheduling probe failed")),
    }
}

/// Before SNDHWM/RCVHWM change: libzmq 4.3 pushes the new limits to the peer
/// of every pipe, including a pipe whose peer already finished terminating
/// (a dangling pointer, then a crash). Reading ZMQ_EVENTS first processes the
/// socket's pending commands, which retires such pipes.
pub(crate) fn settle_pipes(sock: &crate::raw::RawSocket) {
    let _ = sock.get_int(zmq_sys::ZMQ_EVENTS as i32);
}

/// A CONFLATE socket may only connect to an inproc endpoint that is already
/// bound (see [`crate::inproc`]).
pub(crate) fn conflate_connect(names: &crate::inproc::InprocNames, endpoint: &str) -> Result<()> {
    if names.bound(endpoint) {
        Ok(())
    } else {
        Err(Error::invalid(format!(
            "a CONFLATE socket can only connect to an inproc endpoint that is already bound ({endpoint})"
        )))
    }
}

/// A connection parked on an inproc name nobody has bound yet cannot be
/// disconnected or unbound (see [`crate::inproc`]); closing the socket can.
pub(crate) fn parked_disconnect(endpoint: &str) -> Error {
    Error::invalid(format!(
        "{endpoint} has not been bound yet, and libzmq 4.3 cannot drop a connection that waits for \
         its bind without crashing later; close the socket instead"
    ))
}
