//! The `zlua` command line: arguments, errors, exit status, signals; and
//! Ctrl-C under a stock `lua5.4` with `zmq.so`.
mod support;

use std::io::Read;
use std::time::Duration;
use support::{command, finish, run, run_with_input, signal, spawn, Interp, TIMEOUT};

fn zlua(args: &[&str]) -> support::Outcome {
    run(Interp::Zlua, args)
}

fn temp_script(name: &str, text: &str) -> String {
    let path = std::env::temp_dir().join(format!("zlua-runner-{}-{name}", std::process::id()));
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

#[test]
fn help_and_version() {
    let h = zlua(&["--help"]);
    h.assert_ok("--help");
    assert!(h.stdout.contains("usage: zlua"), "{h:#?}");
    let v = zlua(&["--version"]);
    v.assert_ok("--version");
    assert!(v.stdout.starts_with("zlua ") && v.stdout.contains("Lua 5.4") && v.stdout.contains("libzmq 4."), "{v:#?}");
    let none = zlua(&[]);
    assert_eq!(none.code, Some(1));
    assert!(none.stderr.contains("usage"), "{none:#?}");
    let bad = zlua(&["--bogus"]);
    assert_eq!(bad.code, Some(1));
    assert!(bad.stderr.contains("unrecognized option '--bogus'"), "{bad:#?}");
}

#[test]
fn arg_table_and_varargs() {
    let script = temp_script(
        "args.lua",
        "#!/usr/bin/env zlua\nlocal a, b = ...\nprint(arg[0], arg[1], arg[2], a, b, #arg, arg[-1] ~= nil)\n",
    );
    let out = zlua(&[&script, "one", "two"]);
    out.assert_ok("args");
    assert_eq!(out.stdout.trim(), format!("{script}\tone\ttwo\tone\ttwo\t2\ttrue"));
}

#[test]
fn exec_and_require_options() {
    let out = zlua(&["-e", "x = 41", "-e", "print(x + 1)"]);
    out.assert_ok("-e");
    assert_eq!(out.stdout.trim(), "42");
    let out = zlua(&["-l", "zmq", "-e", "print(zmq.PUB, type(zmq.new))"]);
    out.assert_ok("-l zmq");
    assert_eq!(out.stdout.trim(), "1\tfunction");
    let out = zlua(&["-e", "print(require('zmq').SUB)"]);
    assert_eq!(out.stdout.trim(), "2");
}

#[test]
fn script_from_stdin() {
    let out = run_with_input(Interp::Zlua, &["-", "x"], "print('stdin', ...)");
    out.assert_ok("stdin");
    assert_eq!(out.stdout.trim(), "stdin\tx");
}

#[test]
fn errors_print_message_and_traceback() {
    let script = temp_script("err.lua", "local function f()\n  error('boom')\nend\nf()\n");
    let out = zlua(&[&script]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(out.stderr.starts_with(&format!("zlua: {script}:2: boom")), "{out:#?}");
    assert!(out.stderr.contains("stack traceback:"), "{out:#?}");
    assert!(out.stderr.contains("in local 'f'") || out.stderr.contains("in function 'f'"), "{out:#?}");

    // A zmq error value prints as [CODE] message.
    let out = zlua(&["-e", "local zmq = require 'zmq'; zmq.new('PULL'):recv(zmq.DONTWAIT)"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.starts_with("zlua: [EAGAIN] Resource temporarily unavailable"), "{out:#?}");

    // Syntax errors, missing files.
    let bad = temp_script("syntax.lua", "x = = 1\n");
    let out = zlua(&[&bad]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("syntax.lua:1:"), "{out:#?}");
    let out = zlua(&["/nonexistent/script.lua"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("cannot open /nonexistent/script.lua"), "{out:#?}");
    // Errors in a coroutine carry its traceback.
    let out = zlua(&["-e", "local zmq = require 'zmq'; zmq.spawn(function() local x = nil; x() end); zmq.loop()"]);
    assert_eq!(out.code, Some(1));
    assert!(out.stderr.contains("attempt to call a nil value"), "{out:#?}");
    assert!(out.stderr.matches("stack traceback").count() >= 2, "{out:#?}");
}

/// Start `code`, wait for it to print its first line, send `sig`, collect.
fn interrupt(interp: Interp, code: &str, sig: i32) -> support::Outcome {
    let script = temp_script(&format!("sig-{sig}-{}.lua", code.len()), code);
    let mut child = spawn(command(interp, &[&script]));
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 6];
    stdout.read_exact(&mut first).expect("the script prints 'ready\\n' first");
    assert_eq!(&first, b"ready\n");
    std::thread::sleep(Duration::from_millis(50));
    signal(&child, sig);
    child.stdout = Some(stdout);
    finish(child, TIMEOUT)
}

const BLOCKING_RECV: &str = "local zmq = require 'zmq'\nlocal s = zmq.new('PULL')\ns:bind('tcp://127.0.0.1:*')\nprint('ready')\nio.stdout:flush()\ns:recv()\n";
const BLOCKING_LOOP: &str = "local zmq = require 'zmq'\nlocal s = zmq.new('PULL')\ns:bind('tcp://127.0.0.1:*')\nzmq.spawn(function() s:recv() end)\nzmq.spawn(function() zmq.sleep(1000) end)\nprint('ready')\nio.stdout:flush()\nzmq.loop()\n";
const BUSY: &str = "print('ready')\nio.stdout:flush()\nlocal x = 0\nwhile true do x = x + 1 end\n";
const PROXY: &str = "local zmq = require 'zmq'\nlocal f, b = zmq.new('PULL'), zmq.new('PUSH')\nf:bind('tcp://127.0.0.1:*'); b:bind('tcp://127.0.0.1:*')\nprint('ready')\nio.stdout:flush()\nzmq.proxy(f, b)\n";
const STEERABLE: &str = "local zmq = require 'zmq'\nlocal f, b, c = zmq.new('PULL'), zmq.new('PUSH'), zmq.new('PAIR')\nf:bind('tcp://127.0.0.1:*'); b:bind('tcp://127.0.0.1:*'); c:bind('inproc://ctl')\nprint('ready')\nio.stdout:flush()\nzmq.proxy_steerable(f, b, nil, c)\n";
const SLEEPING: &str = "local zmq = require 'zmq'\nprint('ready')\nio.stdout:flush()\nzmq.sleep(1000)\n";

#[test]
fn zlua_sigint_ends_blocking_calls_with_130() {
    for code in [BLOCKING_RECV, BLOCKING_LOOP, BUSY, SLEEPING, PROXY, STEERABLE] {
        let out = interrupt(Interp::Zlua, code, libc::SIGINT);
        assert_eq!(out.code, Some(130), "{code}\n{out:#?}");
        assert!(out.stderr.contains("interrupted"), "{out:#?}");
    }
}

#[test]
fn zlua_sigterm_exits_143() {
    for code in [BLOCKING_RECV, BLOCKING_LOOP, BUSY] {
        let out = interrupt(Interp::Zlua, code, libc::SIGTERM);
        assert_eq!(out.code, Some(143), "{code}\n{out:#?}");
    }
}

#[test]
fn lua54_sigint_ends_blocking_calls() {
    for code in [BLOCKING_RECV, BLOCKING_LOOP, BUSY, SLEEPING, PROXY, STEERABLE] {
        let out = interrupt(Interp::Lua54, code, libc::SIGINT);
        assert_eq!(out.code, Some(1), "{code}\n{out:#?}");
        assert!(out.stderr.contains("interrupted"), "{out:#?}");
    }
}

#[test]
fn stdout_is_line_buffered() {
    // The first line must arrive while the script still runs (piped stdout).
    let out = interrupt(Interp::Zlua, "print('ready')\nlocal zmq = require 'zmq'\nzmq.sleep(1000)\n", libc::SIGTERM);
    assert_eq!(out.code, Some(143));
}

#[test]
fn zlua_second_signal_ends_a_script_that_catches_errors() {
    let script = temp_script(
        "stubborn.lua",
        "local zmq = require 'zmq'\nlocal s = zmq.new('PULL')\ns:bind('tcp://127.0.0.1:*')\nprint('ready')\nio.stdout:flush()\nwhile true do pcall(function() while true do pcall(s.recv, s) end end) end\n",
    );
    let mut child = spawn(command(Interp::Zlua, &[&script]));
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 6];
    stdout.read_exact(&mut first).unwrap();
    child.stdout = Some(stdout);
    std::thread::sleep(Duration::from_millis(50));
    signal(&child, libc::SIGINT);
    std::thread::sleep(Duration::from_millis(100));
    signal(&child, libc::SIGINT);
    let out = finish(child, TIMEOUT);
    assert_eq!(out.code, Some(130), "{out:#?}");
}

/// zlua starts the collector in generational mode, as the stock `lua` does.
#[test]
fn collector_mode_as_lua() {
    for interp in [Interp::Zlua, Interp::Lua54] {
        let out = run(interp, &["-e", "print(collectgarbage('incremental'))"]);
        out.assert_ok("collectgarbage");
        assert_eq!(out.stdout.trim(), "generational", "{interp:?}: {out:#?}");
    }
}

/// `--memory-limit N` (as qjs's): past it, a catchable "not enough memory"
/// error; uncaught, the script ends with status 1. A bad size is a usage error.
#[test]
fn memory_limit() {
    let out = zlua(&[
        "--memory-limit",
        "8m",
        "-e",
        "local ok, e = pcall(function() local t = {} for i = 1, 1e7 do t[i] = ('x'):rep(100) .. i end end) \
         print(ok, e) t = nil collectgarbage() print('alive')",
    ]);
    out.assert_ok("caught");
    assert_eq!(out.stdout, "false\tnot enough memory\nalive\n", "{out:#?}");
    let out = zlua(&["--memory-limit", "8m", "-e", "local t = {} for i = 1, 1e7 do t[i] = ('x'):rep(100) .. i end"]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(out.stderr.contains("not enough memory"), "{out:#?}");
    let out = zlua(&["--memory-limit", "64m", "-e", "print('ok')"]);
    out.assert_ok("roomy limit");
    assert_eq!(out.stdout, "ok\n");
    let out = zlua(&["--memory-limit", "lots", "-e", "print('ok')"]);
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(out.stderr.contains("invalid size 'lots' for --memory-limit"), "{out:#?}");
}
