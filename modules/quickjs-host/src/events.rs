//! What the run loop waits for besides timers: [`EventSource`]s registered
//! by modules (the `"zmq"` module's pending socket operations) and the fd
//! handlers of `os.setReadHandler`/`os.setWriteHandler`.
//!
//! Each turn of the loop ([`crate::run`]) asks every source and handler for
//! its interests, adds them to one core [`Reactor`], waits once, and hands
//! each source the reports for its own interests. This crate names no
//! ZeroMQ concept: a module plugs in through the trait.

use crate::state::HostState;
use rquickjs::{Ctx, Function};
use std::os::unix::io::RawFd;
use std::rc::Rc;
use zmq_script::constants::{POLLIN, POLLOUT};
use zmq_script::reactor::{Ready, Source};
use zmq_script::Reactor;

/// Something the run loop waits for on behalf of a module.
pub trait EventSource {
    /// Add what this source waits for to `reactor` (sockets, fds, each with
    /// an optional deadline). Returns true if anything is pending: a source
    /// that still waits for something keeps the loop alive.
    fn interests(&self, ctx: &Ctx<'_>, reactor: &mut Reactor) -> bool;

    /// The reports of [`Reactor::wait`] for this source's interests, with
    /// indices counted from the first interest it added. Settle what can be
    /// settled (run no JS code here besides resolving or rejecting promises).
    fn dispatch(&self, ctx: &Ctx<'_>, ready: &[Ready]) -> rquickjs::Result<()>;
}

/// Register `source` with this runtime's run loop.
///
/// Errors: only if QuickJS fails to allocate the state.
pub fn add_event_source(ctx: &Ctx<'_>, source: Rc<dyn EventSource>) -> rquickjs::Result<()> {
    HostState::ensure(ctx)?;
    let state = ctx.userdata::<HostState>().ok_or(rquickjs::Error::Unknown)?;
    state.sources.borrow_mut().push(source);
    Ok(())
}

/// The handlers of one descriptor (`os.setReadHandler`/`os.setWriteHandler`).
pub(crate) struct FdHandler<'js> {
    pub(crate) fd: RawFd,
    pub(crate) read: Option<Function<'js>>,
    pub(crate) write: Option<Function<'js>>,
}

/// Set (or with `None` remove) the read (`events` = POLLIN) or write (POLLOUT) handler of `fd`.
pub(crate) fn set_fd_handler<'js>(
    ctx: &Ctx<'js>,
    fd: RawFd,
    events: i16,
    func: Option<Function<'js>>,
) -> rquickjs::Result<()> {
    HostState::ensure(ctx)?;
    let state = ctx.userdata::<HostState>().ok_or(rquickjs::Error::Unknown)?;
    let mut handlers = state.fd_handlers.borrow_mut();
    let i = match handlers.iter().position(|h| h.fd == fd) {
        Some(i) => i,
        None => {
            handlers.push(FdHandler {
                fd,
                read: None,
                write: None,
            });
            handlers.len() - 1
        }
    };
    if events == POLLIN {
        handlers[i].read = func;
    } else {
        handlers[i].write = func;
    }
    handlers.retain(|h| h.read.is_some() || h.write.is_some());
    Ok(())
}

/// One turn's interests: the reactor and who owns which of its entries.
pub(crate) struct Gathered {
    pub(crate) reactor: Reactor,
    /// Per source: the range of its interests.
    sources: Vec<(Rc<dyn EventSource>, std::ops::Range<usize>)>,
    /// Per fd handler interest: `(fd, POLLIN or POLLOUT)`.
    fds: Vec<(usize, RawFd, i16)>,
    /// A source said it has something pending, or an fd handler is set.
    pub(crate) pending: bool,
}

/// Ask every source and fd handler what it waits for.
pub(crate) fn gather(ctx: &Ctx<'_>) -> Gathered {
    let mut g = Gathered {
        reactor: Reactor::new(),
        sources: Vec::new(),
        fds: Vec::new(),
        pending: false,
    };
    // Copied out so that no state is borrowed while sources run.
    type Handlers = Vec<(RawFd, bool, bool)>;
    let (sources, handlers): (Vec<Rc<dyn EventSource>>, Handlers) = match ctx.userdata::<HostState>() {
        Some(s) => (
            s.sources.borrow().clone(),
            s.fd_handlers
                .borrow()
                .iter()
                .map(|h| (h.fd, h.read.is_some(), h.write.is_some()))
                .collect(),
        ),
        None => return g,
    };
    for source in sources {
        let start = g.reactor.len();
        g.pending |= source.interests(ctx, &mut g.reactor);
        let end = g.reactor.len();
        g.sources.push((source, start..end));
    }
    for (fd, read, write) in handlers {
        for (wanted, events) in [(read, POLLIN), (write, POLLOUT)] {
            if wanted {
                let index = g.reactor.add(Source::Fd(fd), events, None);
                g.fds.push((index, fd, events));
                g.pending = true;
            }
        }
    }
    g
}

/// Hand each source its reports, then call the handlers of ready fds.
pub(crate) fn dispatch(ctx: &Ctx<'_>, g: &Gathered, ready: &[Ready]) -> rquickjs::Result<()> {
    for (source, range) in &g.sources {
        let mine: Vec<Ready> = ready
            .iter()
            .filter(|r| range.contains(&r.index))
            .map(|r| Ready {
                index: r.index - range.start,
                ..*r
            })
            .collect();
        if !mine.is_empty() {
            source.dispatch(ctx, &mine)?;
        }
    }
    for (index, fd, events) in &g.fds {
        if !ready.iter().any(|r| r.index == *index && r.events != 0) {
            continue;
        }
        // Look the handler up again: an earlier handler may have removed it.
        let func = ctx.userdata::<HostState>().and_then(|s| {
            let handlers = s.fd_handlers.borrow();
            let h = handlers.iter().find(|h| h.fd == *fd)?;
            if *events == POLLIN {
                h.read.clone()
            } else {
                h.write.clone()
            }
        });
        if let Some(func) = func {
            func.call::<_, ()>(())?;
            crate::run::run_jobs(ctx)?;
        }
    }
    Ok(())
}
