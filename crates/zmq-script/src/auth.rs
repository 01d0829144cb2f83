//! Authentication of incoming connections: [`Context::auth`] starts a ZAP
//! handler (ZeroMQ RFC 27) for the context, answered natively on a thread of
//! its own, so it works while the script blocks, polls or loops.
//!
//! libzmq asks the handler bound at `inproc://zeromq.zap.01` of the server
//! socket's context about every handshake of a CURVE or PLAIN server, and of
//! a NULL server that has a `ZAP_DOMAIN` (NULL without a domain never asks:
//! set `ZAP_DOMAIN` on such a server for address rules to apply). Without a
//! handler, a CURVE server admits any client that knows its public key, and
//! a PLAIN server refuses everyone. What the handler admits is an
//! [`AuthConfig`] (see [`config`] for the fields and rules, [`zap`] for the
//! protocol). A refused handshake shows up as `EVENT_HANDSHAKE_FAILED_AUTH`
//! (value 400) on the server socket's monitor; the client never gets in.
//!
//! One authenticator per context: a second `auth()` replaces the
//! configuration of the running one (and the earlier [`Authenticator`]
//! handle no longer controls it). It stops on [`Authenticator::close`], on
//! the context's `term()`/`shutdown()`, or when the context goes away. The
//! thread holds no reference to the context (so it never keeps one alive)
//! and waits on its socket and a wake-up pipe, so stopping is immediate.

pub mod config;
pub mod zap;

pub use config::{AuthConfig, ConfigValue};
pub use zap::{ZapReply, ZapRequest};

use crate::constants::{socket_type, DONTWAIT, POLLIN, SNDMORE};
use crate::context::{lock, Context, ContextInner};
use crate::error::{Error, Result};
use crate::message::Frame;
use crate::raw::RawSocket;
use std::io::Write;
use std::os::fd::AsRawFd;
use std::os::raw::c_int;
use std::os::unix::net::UnixStream;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, Weak};
use std::thread::JoinHandle;

/// Where libzmq sends ZAP requests (in the server socket's context).
pub const ZAP_ENDPOINT: &str = "inproc://zeromq.zap.01";

/// The running authenticator of a context, if any (a field of the context).
pub(crate) type Slot = Mutex<Option<Running>>;

/// A handle on the authenticator [`Context::auth`] started or reconfigured.
/// Dropping it does not stop the authenticator; [`Authenticator::close`] does.
#[derive(Clone, Debug)]
pub struct Authenticator {
    ctx: Weak<ContextInner>,
    generation: u64,
}

/// The thread serving a context's ZAP endpoint.
pub(crate) struct Running {
    config: Arc<Mutex<Arc<AuthConfig>>>,
    stop: Arc<AtomicBool>,
    wake: UnixStream,
    thread: Option<JoinHandle<()>>,
    /// Which `auth()` call configured it last.
    generation: u64,
}

impl Drop for Running {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = self.wake.write(&[1]);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Stop the context's authenticator, if one runs (for `term()`).
pub(crate) fn stop(slot: &Slot) {
    let running = lock(slot).take();
    drop(running); // joins the thread, outside the lock
}

impl Context {
    /// Authenticate this context's incoming connections with `config` (see
    /// the [module docs](crate::auth)); if an authenticator already runs, it
    /// takes the new configuration instead.
    ///
    /// Errors: `ETERM` after `term()`; `EADDRINUSE` if a socket of the
    /// script already bound the ZAP endpoint; `EMFILE` without descriptors.
    pub fn auth(&self, config: AuthConfig) -> Result<Authenticator> {
        static GENERATION: AtomicU64 = AtomicU64::new(1);
        let generation = GENERATION.fetch_add(1, Ordering::Relaxed);
        let mut slot = lock(&self.inner.auth);
        if self.is_terminated() {
            return Err(Error::Zmq(zmq_sys::errno::ETERM));
        }
        match slot.as_mut() {
            Some(running) if running.thread.as_ref().is_some_and(|t| !t.is_finished()) => {
                *lock(&running.config) = Arc::new(config);
                running.generation = generation;
            }
            _ => {
                drop(slot.take());
                *slot = Some(start(&self.inner, config, generation)?);
            }
        }
        Ok(Authenticator {
            ctx: Arc::downgrade(&self.inner),
            generation,
        })
    }
}

impl Authenticator {
    /// Stop the authenticator (unless a later `auth()` took it over, or it
    /// already stopped). From then on libzmq finds no ZAP handler: CURVE
    /// servers admit any client again, PLAIN servers refuse all. Idempotent.
    pub fn close(&self) -> Result<()> {
        if let Some(ctx) = self.ctx.upgrade() {
            let taken = {
                let mut slot = lock(&ctx.auth);
                if slot.as_ref().is_some_and(|r| r.generation == self.generation) {
                    slot.take()
                } else {
                    None
                }
            };
            drop(taken);
        }
        Ok(())
    }

    /// True while the authenticator this handle configured last still runs.
    pub fn is_running(&self) -> bool {
        let Some(ctx) = self.ctx.upgrade() else { return false };
        let slot = lock(&ctx.auth);
        slot.as_ref()
            .is_some_and(|r| r.generation == self.generation && r.thread.as_ref().is_some_and(|t| !t.is_finished()))
    }
}

/// Bind the ZAP endpoint and start the thread that answers on it.
fn start(ctx: &ContextInner, config: AuthConfig, generation: u64) -> Result<Running> {
    let (wake_rx, wake) = UnixStream::pair().map_err(io_error)?;
    wake_rx.set_nonblocking(true).map_err(io_error)?;
    wake.set_nonblocking(true).map_err(io_error)?;
    let sock = ctx.raw_socket(socket_type::ROUTER)?;
    sock.set_int(zmq_sys::ZMQ_LINGER as c_int, 0)?;
    let endpoint = std::ffi::CString::new(ZAP_ENDPOINT).expect("no NUL");
    // SAFETY: `sock` is a live socket owned here and `endpoint` a NUL-terminated
    // string that outlives the call.
    crate::error::check(unsafe { zmq_sys::zmq_bind(sock.ptr(), endpoint.as_ptr()) })?;
    let config = Arc::new(Mutex::new(Arc::new(config)));
    let stop = Arc::new(AtomicBool::new(false));
    let (c, s) = (config.clone(), stop.clone());
    let thread = spawn_without_signals(move || serve(sock, wake_rx, s, c))?;
    Ok(Running {
        config,
        stop,
        wake,
        thread: Some(thread),
        generation,
    })
}

fn io_error(e: std::io::Error) -> Error {
    Error::Zmq(e.raw_os_error().unwrap_or(libc::EIO))
}

/// Spawn `f` on a thread that blocks every signal, so that SIGINT/SIGTERM
/// keep reaching the script's thread (and interrupt its blocking calls).
fn spawn_without_signals(f: impl FnOnce() + Send + 'static) -> Result<JoinHandle<()>> {
    // SAFETY: sigset_t is plain data, filled by sigfillset before use; the
    // calling thread's mask is restored right after the spawn (the new
    // thread inherits the full mask).
    unsafe {
        let mut all: libc::sigset_t = std::mem::zeroed();
        let mut old: libc::sigset_t = std::mem::zeroed();
        libc::sigfillset(&mut all);
        libc::pthread_sigmask(libc::SIG_BLOCK, &all, &mut old);
        let spawned = std::thread::Builder::new().name("zmq-zap".into()).spawn(f);
        libc::pthread_sigmask(libc::SIG_SETMASK, &old, std::ptr::null_mut());
        spawned.map_err(io_error)
    }
}

/// The thread: answer requests until stopped or the context shuts down.
fn serve(sock: RawSocket, wake: UnixStream, stop: Arc<AtomicBool>, config: Arc<Mutex<Arc<AuthConfig>>>) {
    let mut items = [
        zmq_sys::zmq_pollitem_t {
            socket: sock.ptr(),
            fd: 0,
            events: POLLIN,
            revents: 0,
        },
        zmq_sys::zmq_pollitem_t {
            socket: std::ptr::null_mut(),
            fd: wake.as_raw_fd(),
            events: POLLIN,
            revents: 0,
        },
    ];
    while !stop.load(Ordering::SeqCst) {
        // SAFETY: both items are valid for the call: the socket is owned by
        // this thread until it returns, the descriptor by `wake`.
        let rc = unsafe { zmq_sys::zmq_poll(items.as_mut_ptr(), 2, crate::interrupt::SLICE_MS as _) };
        if rc < 0 {
            match unsafe { zmq_sys::zmq_errno() } {
                libc::EINTR => continue,
                e if e == zmq_sys::errno::ETERM => break,
                // Unexpected: keep serving (stopping would admit CURVE clients), without spinning.
                _ => std::thread::sleep(std::time::Duration::from_millis(10)),
            }
            continue;
        }
        if items[1].revents & POLLIN != 0 {
            break; // woken by close(): `stop` is set
        }
        if items[0].revents & POLLIN != 0 && answer_all(&sock, &config).is_err() {
            break; // ETERM
        }
    }
    // zmq_close unregisters inproc endpoints later, on libzmq's reaper thread; an explicit
    // unbind frees the name now, so that an auth() right after close() can bind it again.
    let endpoint = std::ffi::CString::new(ZAP_ENDPOINT).expect("no NUL");
    // SAFETY: the socket is open and owned by this thread; `endpoint` is a valid C string.
    unsafe { zmq_sys::zmq_unbind(sock.ptr(), endpoint.as_ptr()) };
    drop(sock);
}

/// Answer every request queued now. `Err` only for ETERM.
fn answer_all(sock: &RawSocket, config: &Mutex<Arc<AuthConfig>>) -> std::result::Result<(), ()> {
    loop {
        let frames = match recv_message(sock) {
            Ok(Some(frames)) => frames,
            Ok(None) => return Ok(()),
            Err(e) if e == zmq_sys::errno::ETERM => return Err(()),
            Err(_) => return Ok(()),
        };
        // ROUTER: [peer routing id, empty delimiter (libzmq's REQ-style envelope), request...].
        let Some(split) = frames.iter().position(|f| f.is_empty()) else {
            continue; // not from libzmq: nowhere to answer
        };
        let body: Vec<&[u8]> = frames[split + 1..].iter().map(|f| f.data()).collect();
        let current = lock(config).clone();
        let reply = current.answer_frames(&body);
        let envelope = frames[..=split].iter().map(|f| f.data().to_vec());
        let parts: Vec<Vec<u8>> = envelope.chain(reply.frames()).collect();
        for (i, part) in parts.iter().enumerate() {
            let flags = if i + 1 < parts.len() { SNDMORE } else { 0 };
            // SAFETY: the socket is open and owned by this thread; `part` outlives the call.
            let rc = unsafe { zmq_sys::zmq_send(sock.ptr(), part.as_ptr() as *const _, part.len(), flags | DONTWAIT) };
            if rc < 0 {
                if unsafe { zmq_sys::zmq_errno() } == zmq_sys::errno::ETERM {
                    return Err(());
                }
                break; // the peer went away (ROUTER drops what it cannot route)
            }
        }
    }
}

/// All parts of the next message; `None` if none is queued.
fn recv_message(sock: &RawSocket) -> std::result::Result<Option<Vec<Frame>>, i32> {
    let mut frames = Vec::new();
    loop {
        let mut frame = Frame::new();
        // SAFETY: `frame` holds an initialised zmq_msg_t; the socket is open and owned by this thread.
        let rc = unsafe { zmq_sys::zmq_msg_recv(frame.raw(), sock.ptr(), DONTWAIT) };
        if rc < 0 {
            let errno = unsafe { zmq_sys::zmq_errno() };
            if errno == libc::EAGAIN && frames.is_empty() {
                return Ok(None);
            }
            if errno == libc::EINTR {
                continue;
            }
            return Err(errno);
        }
        frame.set_more();
        let more = frame.more();
        // A request has a handful of frames; keep at most 64 of a runaway message.
        if frames.len() < 64 {
            frames.push(frame);
        }
        if !more {
            return Ok(Some(frames));
        }
    }
}
