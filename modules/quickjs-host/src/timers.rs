//! `setTimeout`/`clearTimeout` and `setInterval`/`clearInterval` (global and
//! in `"os"`). Timers fire from [`crate::run::run_loop`], one at a time,
//! in due order; pending promise jobs run after each.

use crate::state::HostState;
use rquickjs::prelude::{Opt, Rest};
use rquickjs::{Ctx, Exception, Function, Object, Value};
use std::time::{Duration, Instant};

/// One scheduled callback.
pub(crate) struct Timer<'js> {
    id: u32,
    at: Instant,
    interval: Option<Duration>,
    func: Function<'js>,
    args: Vec<Value<'js>>,
}

/// The timer queue of a runtime.
pub(crate) struct Timers<'js> {
    next_id: u32,
    list: Vec<Timer<'js>>,
}

impl Default for Timers<'_> {
    fn default() -> Self {
        Timers {
            next_id: 1,
            list: Vec::new(),
        }
    }
}

impl<'js> Timers<'js> {
    fn add(&mut self, func: Function<'js>, delay: Duration, interval: bool, args: Vec<Value<'js>>) -> u32 {
        let id = self.next_id;
        self.next_id = self.next_id.checked_add(1).unwrap_or(1);
        let at = Instant::now().checked_add(delay).unwrap_or_else(Instant::now);
        self.list.push(Timer {
            id,
            at,
            interval: interval.then_some(delay),
            func,
            args,
        });
        id
    }

    fn remove(&mut self, id: u32) {
        self.list.retain(|t| t.id != id);
    }

    /// When the next timer is due, if any.
    pub(crate) fn next_due(&self) -> Option<Instant> {
        self.list.iter().map(|t| t.at).min()
    }

    /// Take the earliest timer if it is due (re-queueing an interval).
    fn take_due(&mut self, now: Instant) -> Option<(Function<'js>, Vec<Value<'js>>)> {
        let (i, _) = self
            .list
            .iter()
            .enumerate()
            .filter(|(_, t)| t.at <= now)
            .min_by_key(|(_, t)| (t.at, t.id))?;
        match self.list[i].interval {
            Some(every) => {
                let t = &mut self.list[i];
                t.at = now.checked_add(every).unwrap_or(now);
                Some((t.func.clone(), t.args.clone()))
            }
            None => {
                let t = self.list.remove(i);
                Some((t.func, t.args))
            }
        }
    }
}

/// When the next timer of this runtime is due, if any.
pub fn next_due(ctx: &Ctx<'_>) -> Option<Instant> {
    ctx.userdata::<HostState>().and_then(|s| s.timers.borrow().next_due())
}

/// Run the earliest due timer, if one is due. Returns false if none was.
pub fn fire_due(ctx: &Ctx<'_>) -> rquickjs::Result<bool> {
    let due = match ctx.userdata::<HostState>() {
        Some(s) => s.timers.borrow_mut().take_due(Instant::now()),
        None => None,
    };
    match due {
        Some((func, args)) => {
            let mut a = rquickjs::function::Args::new(ctx.clone(), args.len());
            a.push_args(args)?;
            func.call_arg::<()>(a)?;
            Ok(true)
        }
        None => Ok(false),
    }
}

fn delay_of(v: Option<&Value<'_>>) -> Duration {
    let ms = v.and_then(|v| v.as_number()).unwrap_or(0.0);
    if ms.is_finite() && ms > 0.0 {
        Duration::from_secs_f64((ms / 1000.0).min(1e9))
    } else {
        Duration::ZERO
    }
}

fn schedule<'js>(
    ctx: Ctx<'js>,
    func: Value<'js>,
    delay: Opt<Value<'js>>,
    args: Rest<Value<'js>>,
    interval: bool,
) -> rquickjs::Result<u32> {
    let Some(func) = func.into_function() else {
        return Err(Exception::throw_type(&ctx, "the callback must be a function"));
    };
    HostState::ensure(&ctx)?;
    let state = ctx.userdata::<HostState>().ok_or(rquickjs::Error::Unknown)?;
    let id = state
        .timers
        .borrow_mut()
        .add(func, delay_of(delay.0.as_ref()), interval, args.0);
    Ok(id)
}

fn clear<'js>(ctx: Ctx<'js>, id: Opt<Value<'js>>) {
    let Some(id) = id.0.and_then(|v| v.as_number()) else {
        return;
    };
    if let Some(state) = ctx.userdata::<HostState>() {
        if id >= 0.0 && id <= u32::MAX as f64 {
            state.timers.borrow_mut().remove(id as u32);
        }
    }
}

/// Define `setTimeout`, `clearTimeout`, `setInterval` and `clearInterval` on `target`.
pub fn define<'js>(ctx: &Ctx<'js>, target: &Object<'js>) -> rquickjs::Result<()> {
    target.set(
        "setTimeout",
        Function::new(ctx.clone(), |ctx, f, d, a| schedule(ctx, f, d, a, false))?.with_name("setTimeout")?,
    )?;
    target.set(
        "setInterval",
        Function::new(ctx.clone(), |ctx, f, d, a| schedule(ctx, f, d, a, true))?.with_name("setInterval")?,
    )?;
    target.set(
        "clearTimeout",
        Function::new(ctx.clone(), clear)?.with_name("clearTimeout")?,
    )?;
    target.set(
        "clearInterval",
        Function::new(ctx.clone(), clear)?.with_name("clearInterval")?,
    )?;
    Ok(())
}

/// Define the timer functions on the global object.
pub fn install(ctx: &Ctx<'_>) -> rquickjs::Result<()> {
    HostState::ensure(ctx)?;
    define(ctx, &ctx.globals())
}
