//! Signals (issue #7, "Teardown and faults"):
//! - SIGINT / SIGTERM during a blocking recv, send, poll, proxy (and, in
//!   Lua, the coroutine scheduler's wait and zmq.sleep) end the runner within
//!   half a second: exit status 130 / 143 for qjs and zlua; a stock lua5.4
//!   with zmq.so stops with its usual "interrupted!" (status 1) on SIGINT and
//!   dies of SIGTERM (it has no handler for it).
//! - Other signals arriving while a call blocks do not break it: ignored
//!   ones sent to the runners, and — the real EINTR case — signals that a
//!   host application catches with its own handler (no SA_RESTART) while a
//!   script embedded in it is blocked in recv, poll or send.

use integration_tests::{embed, Engine, SIGNAL_BOUND};
use std::time::{Duration, Instant};

/// Start `block <kind>`, wait until it blocks, send `sig`, and check how
/// and how fast it ended.
fn interrupt(engine: Engine, kind: &str, sig: i32) {
    let mut p = engine.start("block", &[kind]);
    p.wait_line("blocking");
    // The line is printed just before the call: give it time to get inside.
    std::thread::sleep(Duration::from_millis(200));
    assert!(p.try_exit().is_none(), "{} {kind}: ended before the signal", engine.name());
    let sent = Instant::now();
    p.signal(sig);
    let out = p.finish_within(Duration::from_secs(10));
    let took = out.ended.saturating_duration_since(sent);
    let what = format!("{} blocked in {kind}, signal {sig}", engine.name());
    match (engine, sig) {
        (Engine::Lua54, libc::SIGINT) => {
            out.assert_code(1);
            assert!(out.stderr.contains("interrupted"), "{what}: {}", out.describe());
        }
        (Engine::Lua54, libc::SIGTERM) => {
            assert!(out.signal == Some(libc::SIGTERM) || out.code == Some(143), "{what}: {}", out.describe());
        }
        _ => {
            out.assert_code(128 + sig);
        }
    }
    assert!(took <= SIGNAL_BOUND, "{what}: took {took:?} to end (bound {SIGNAL_BOUND:?}): {}", out.describe());
}

macro_rules! interrupts {
    ($($name:ident: $engine:expr, $kind:literal, $sig:expr;)*) => {
        $(#[test] fn $name() { interrupt($engine, $kind, $sig); })*
    };
}

interrupts! {
    qjs_sigint_ends_recv: Engine::Qjs, "recv", libc::SIGINT;
    qjs_sigint_ends_recv_with_long_rcvtimeo: Engine::Qjs, "recv_timeo", libc::SIGINT;
    qjs_sigint_ends_send: Engine::Qjs, "send", libc::SIGINT;
    qjs_sigint_ends_poll: Engine::Qjs, "poll", libc::SIGINT;
    qjs_sigint_ends_proxy: Engine::Qjs, "proxy", libc::SIGINT;
    qjs_sigterm_ends_recv: Engine::Qjs, "recv", libc::SIGTERM;
    qjs_sigterm_ends_send: Engine::Qjs, "send", libc::SIGTERM;
    qjs_sigterm_ends_poll: Engine::Qjs, "poll", libc::SIGTERM;
    qjs_sigterm_ends_proxy: Engine::Qjs, "proxy", libc::SIGTERM;
    zlua_sigint_ends_recv: Engine::Zlua, "recv", libc::SIGINT;
    zlua_sigint_ends_recv_with_long_timeout: Engine::Zlua, "recv_timeo", libc::SIGINT;
    zlua_sigint_ends_send: Engine::Zlua, "send", libc::SIGINT;
    zlua_sigint_ends_poll: Engine::Zlua, "poll", libc::SIGINT;
    zlua_sigint_ends_proxy: Engine::Zlua, "proxy", libc::SIGINT;
    zlua_sigint_ends_scheduler_wait: Engine::Zlua, "loop", libc::SIGINT;
    zlua_sigint_ends_sleep: Engine::Zlua, "sleep", libc::SIGINT;
    zlua_sigterm_ends_recv: Engine::Zlua, "recv", libc::SIGTERM;
    zlua_sigterm_ends_send: Engine::Zlua, "send", libc::SIGTERM;
    zlua_sigterm_ends_poll: Engine::Zlua, "poll", libc::SIGTERM;
    zlua_sigterm_ends_proxy: Engine::Zlua, "proxy", libc::SIGTERM;
    zlua_sigterm_ends_scheduler_wait: Engine::Zlua, "loop", libc::SIGTERM;
    lua54_sigint_ends_recv: Engine::Lua54, "recv", libc::SIGINT;
    lua54_sigint_ends_recv_with_long_timeout: Engine::Lua54, "recv_timeo", libc::SIGINT;
    lua54_sigint_ends_send: Engine::Lua54, "send", libc::SIGINT;
    lua54_sigint_ends_poll: Engine::Lua54, "poll", libc::SIGINT;
    lua54_sigint_ends_proxy: Engine::Lua54, "proxy", libc::SIGINT;
    lua54_sigint_ends_scheduler_wait: Engine::Lua54, "loop", libc::SIGINT;
    lua54_sigint_ends_sleep: Engine::Lua54, "sleep", libc::SIGINT;
    lua54_sigterm_ends_recv: Engine::Lua54, "recv", libc::SIGTERM;
}

// ---------------------------------------------------------------------------
// Stray signals sent to the runners
// ---------------------------------------------------------------------------

/// Signals whose default action is to ignore them (and SIGCONT).
const STRAY: [i32; 4] = [libc::SIGCHLD, libc::SIGWINCH, libc::SIGURG, libc::SIGCONT];

/// `block <kind> <endpoint>`, pelted with stray signals, must still get the
/// message sent afterwards and end normally.
fn stray(engine: Engine, kind: &str) {
    Engine::Zlua.prepare();
    let dir = integration_tests::TempDir::new("stray");
    let ep = dir.ipc("in");
    let mut p = engine.start("block", &[kind, &ep]);
    p.wait_line("blocking");
    std::thread::sleep(Duration::from_millis(100));
    for _ in 0..25 {
        for s in STRAY {
            p.signal(s);
        }
        std::thread::sleep(Duration::from_millis(4));
    }
    assert!(p.try_exit().is_none(), "{} {kind}: a stray signal ended the call", engine.name());
    let sender = match engine {
        Engine::Qjs => Engine::Qjs,
        _ => Engine::Zlua,
    };
    sender.prepare();
    sender.run("send", &[&ep, "after the signals"]).assert_ok();
    let out = p.finish();
    out.assert_ok();
    assert_eq!(out.line("got"), "after the signals", "{}", out.describe());
}

#[test]
fn qjs_stray_signals_do_not_break_recv() {
    stray(Engine::Qjs, "recv");
}

#[test]
fn qjs_stray_signals_do_not_break_poll() {
    stray(Engine::Qjs, "poll");
}

#[test]
fn zlua_stray_signals_do_not_break_recv() {
    stray(Engine::Zlua, "recv");
}

#[test]
fn zlua_stray_signals_do_not_break_poll() {
    stray(Engine::Zlua, "poll");
}

#[test]
fn zlua_stray_signals_do_not_break_scheduler_wait() {
    stray(Engine::Zlua, "loop");
}

#[test]
fn lua54_stray_signals_do_not_break_recv() {
    stray(Engine::Lua54, "recv");
}

#[test]
fn lua54_stray_signals_do_not_break_scheduler_wait() {
    stray(Engine::Lua54, "loop");
}

// ---------------------------------------------------------------------------
// A host with its own signal handlers (real EINTR)
// ---------------------------------------------------------------------------

extern "C" fn host_handler(_: libc::c_int) {}

/// Install a do-nothing handler *without* SA_RESTART for SIGUSR1 and
/// SIGCHLD, as a host application managing child processes might: a
/// blocking libzmq call in a thread that receives one returns EINTR.
fn install_host_handlers() {
    for sig in [libc::SIGUSR1, libc::SIGCHLD] {
        unsafe {
            let mut sa: libc::sigaction = std::mem::zeroed();
            sa.sa_sigaction = host_handler as *const () as usize;
            sa.sa_flags = 0;
            libc::sigemptyset(&mut sa.sa_mask);
            assert_eq!(libc::sigaction(sig, &sa, std::ptr::null_mut()), 0);
        }
    }
}

/// Pelt `thread` with SIGUSR1 / SIGCHLD for `how_long` (and start a few
/// real child processes, whose exits raise SIGCHLD too).
fn pelt(thread: libc::pthread_t, how_long: Duration) {
    let end = Instant::now() + how_long;
    let mut n = 0;
    while Instant::now() < end {
        unsafe {
            libc::pthread_kill(thread, libc::SIGUSR1);
            libc::pthread_kill(thread, libc::SIGCHLD);
        }
        n += 1;
        if n % 20 == 0 {
            let _ = std::process::Command::new("true").status();
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

/// Run `eintr.{js,lua}` embedded in a thread of this process; from here,
/// pelt that thread with signals while it blocks in recv, poll and send,
/// then let each call complete. The script checks every result.
fn host_signals(js: bool) {
    install_host_handlers();
    let zctx = zmq::Context::new();
    // Phases 1-2: the script receives on a PULL connected to our PUSH.
    let push = zctx.socket(zmq::PUSH).unwrap();
    push.set_linger(1000).unwrap();
    push.bind("tcp://127.0.0.1:*").unwrap();
    let to_script = push.get_last_endpoint().unwrap().unwrap();
    // Phase 3: the script sends to our PULL, which reads nothing at first.
    let pull = zctx.socket(zmq::PULL).unwrap();
    pull.set_rcvhwm(1).unwrap();
    pull.set_rcvtimeo(30_000).unwrap();
    pull.bind("tcp://127.0.0.1:*").unwrap();
    let from_script = pull.get_last_endpoint().unwrap().unwrap();

    let script = if js { Engine::Qjs.script("eintr") } else { Engine::Zlua.script("eintr") };
    let (tx, rx) = std::sync::mpsc::channel();
    let worker = std::thread::spawn(move || {
        let args = [to_script.as_str(), from_script.as_str()];
        let r = if js { embed::run_js(&script, &args) } else { embed::run_lua(&script, &args) };
        let _ = tx.send(());
        r
    });
    use std::os::unix::thread::JoinHandleExt;
    let thread = worker.as_pthread_t();

    // The script must still be blocked after each barrage.
    let check_alive = |worker: std::thread::JoinHandle<embed::Embedded>, phase: &str| {
        if rx.try_recv().is_ok() {
            let r = worker.join().expect("script thread");
            panic!("the script ended during the signals in {phase} (it should block there): {:?}", r.result);
        }
        worker
    };
    let mut worker = worker;
    // Phase 1: recv. Phase 2: poller wait.
    for phase in ["recv", "poll"] {
        std::thread::sleep(Duration::from_millis(200));
        pelt(thread, Duration::from_millis(300));
        worker = check_alive(worker, phase);
        push.send(phase, 0).unwrap();
    }
    // Phase 3: the script's sends block (HWM 1 both sides, we read nothing).
    std::thread::sleep(Duration::from_millis(300));
    pelt(thread, Duration::from_millis(300));
    let worker = check_alive(worker, "send");
    for i in 0..100 {
        let m = pull.recv_string(0).expect("recv from the script").unwrap();
        assert!(
            m.starts_with(&format!("send {i} ")) && m.len() == format!("send {i} ").len() + 256 * 1024,
            "message {i}"
        );
    }
    let r = worker.join().expect("script thread");
    assert!(r.result.is_ok(), "embedded script failed: {:?}", r.result);
}

#[test]
fn js_embedded_calls_survive_host_signals() {
    host_signals(true);
}

#[test]
fn lua_embedded_calls_survive_host_signals() {
    host_signals(false);
}
