//! The `qjs` binary: command line, console output, exit statuses, signals,
//! and the scripts under `scripts/` (the spec example and the zguide
//! chapter-1 patterns) run end to end.
//!
//! Timeouts here only turn a hang into a failure; nothing asserts on speed.

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

const QJS: &str = env!("CARGO_BIN_EXE_qjs");
const TIMEOUT: Duration = Duration::from_secs(30);

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn scripts() -> PathBuf {
    repo().join("scripts")
}

use test_process::TempDir;

struct Output {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Wait for `child` (killing it and failing after `TIMEOUT`), then collect its output.
fn finish(child: Child) -> Output {
    let out = test_process::finish(child, TIMEOUT);
    Output {
        code: out.status(),
        stdout: out.stdout,
        stderr: out.stderr,
    }
}

fn spawn(args: &[&str], dir: &Path) -> Child {
    Command::new(QJS)
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

fn qjs(args: &[&str]) -> Output {
    finish(spawn(args, &repo()))
}

/// Run a script given as text.
fn qjs_source(source: &str, args: &[&str]) -> Output {
    let dir = TempDir::new("qjs-cli");
    let path = dir.file("main.js", source);
    let mut all = vec![path.as_str()];
    all.extend_from_slice(args);
    finish(spawn(&all, dir.path()))
}

/// A running script whose stdout lines arrive on a channel (so we can wait
/// for a line it prints and flushes before blocking).
struct Running {
    child: Option<Child>,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Running {
    fn start(args: &[&str], dir: &Path) -> Running {
        let mut child = spawn(args, dir);
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running {
            child: Some(child),
            lines,
            seen: Vec::new(),
        }
    }

    /// Wait until a line containing `text` was printed; fail after `TIMEOUT`.
    fn wait_for(&mut self, text: &str) {
        let start = Instant::now();
        while !self.seen.iter().any(|l| l.contains(text)) {
            let left = TIMEOUT.checked_sub(start.elapsed()).unwrap_or_default();
            match self.lines.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => panic!("no line containing {text:?}; got {:?}", self.seen),
            }
        }
    }

    fn signal(&self, sig: i32) {
        if let Some(child) = &self.child {
            unsafe { libc::kill(child.id() as i32, sig) };
        }
    }

    /// Wait for the exit; returns the status, all stdout lines and stderr.
    fn finish(mut self) -> (i32, Vec<String>, String) {
        let out = finish(self.child.take().unwrap());
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.seen.push(line);
        }
        (out.code, std::mem::take(&mut self.seen), out.stderr)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[test]
fn help_and_version() {
    let out = qjs(&["--help"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("usage: qjs"), "{}", out.stdout);
    assert!(out.stdout.contains("--memory-limit"));
    let out = qjs(&["-h"]);
    assert_eq!(out.code, 0);
    let out = qjs(&["--version"]);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("libzmq 4.3.5"), "{}", out.stdout);
    assert!(out.stdout.contains("QuickJS"), "{}", out.stdout);
}

#[test]
fn command_line_errors() {
    let out = qjs(&[]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("no script"), "{}", out.stderr);
    let out = qjs(&["--bogus"]);
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("unknown option"), "{}", out.stderr);
    let out = qjs(&["--memory-limit", "lots", "x.js"]);
    assert_eq!(out.code, 2);
    let out = qjs(&["-e"]);
    assert_eq!(out.code, 2);
    let out = qjs(&["/no/such/script.js"]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("could not load '/no/such/script.js'"),
        "{}",
        out.stderr
    );
}

#[test]
fn console_formats_values_like_quickjs() {
    let out = qjs_source(
        r#"
        console.log(1, 1.5, "text", true, null, undefined, 10n);
        console.log([1, 2, [3, 4]], { a: 1 }, new Uint8Array([1, 2, 3]), new Error("boom"));
        console.log(Symbol("s"), Object.create(null), function f() {}.name, "a\0b".length);
        console.log();
        console.info("info");
        console.debug("debug");
        print("print", 42);
        console.warn("warn");
        console.error("error", [1]);
        console.log({ toString() { throw new Error("x"); } });
        "#,
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "1 1.5 text true null undefined 10",
            "1,2,3,4 [object Object] 1,2,3 Error: boom",
            "Symbol(s) [object Object] f 3",
            "",
            "info",
            "debug",
            "print 42",
            "[object Object]",
        ]
    );
    assert_eq!(out.stderr, "warn\nerror 1\n");
}

#[test]
fn script_args_imports_and_modules() {
    let dir = TempDir::new("qjs-cli");
    dir.file("lib.js", "export const answer = 42;\n");
    std::fs::create_dir_all(dir.path().join("sub")).unwrap();
    dir.file(
        "sub/deep.js",
        "import { answer } from '../lib.js'; export const twice = answer * 2;\n",
    );
    let main = dir.file(
        "main.js",
        r#"
        import { answer } from "./lib.js";
        import { twice } from "./sub/deep.js";
        import * as zmq from "zmq";
        import * as std from "std";
        import * as os from "os";
        console.log(JSON.stringify(scriptArgs));
        console.log(answer, twice, typeof zmq.Context, typeof std.exit, typeof os.sleep);
        const m = await import("./lib.js");
        console.log(m.answer);
        "#,
    );
    let out = finish(spawn(&[main.as_str(), "hello", "world"], &repo()));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected_args = format!("[\"{main}\",\"hello\",\"world\"]");
    assert_eq!(
        out.stdout,
        format!("{expected_args}\n42 84 function function function\n42\n")
    );

    let bad = dir.file("bad.js", "import { x } from './missing.js';\n");
    let out = finish(spawn(&[bad.as_str()], &repo()));
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("missing.js"), "{}", out.stderr);
    let bad = dir.file("bad2.js", "import * as x from 'no-such-builtin';\n");
    let out = finish(spawn(&[bad.as_str()], &repo()));
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("no-such-builtin"), "{}", out.stderr);
}

#[test]
fn eval_option() {
    let out = qjs(&["-e", "print(1 + 1)"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, "2\n"), "{}", out.stderr);
    let out = qjs(&["-e", "import * as zmq from 'zmq'; console.log(zmq.version().join('.'))"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, "4.3.5\n"), "{}", out.stderr);
    let out = qjs(&["--eval", "console.log(scriptArgs.join(' '))", "a", "b"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, "a b\n"), "{}", out.stderr);
    // like QuickJS-ng's qjs: code that is not valid module code runs as a script
    let out = qjs(&["-e", "with ({ a: 1 }) print(a, this === globalThis)"]);
    assert_eq!(out.stdout, "1 true\n", "sloppy code runs as a script: {}", out.stderr);
    let out = qjs(&["-e", "import('zmq').then(z => console.log(typeof z.Poller))"]);
    assert_eq!(out.stdout, "function\n", "{}", out.stderr);
}

#[test]
fn uncaught_exceptions_exit_1_with_message_and_stack() {
    let out = qjs_source("function f() { throw new Error('boom'); }\nf();\n", &[]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("Error: boom\n"), "{}", out.stderr);
    assert!(out.stderr.contains("    at f ("), "{}", out.stderr);
    assert!(out.stderr.contains("main.js:1"), "{}", out.stderr);

    let out = qjs_source(
        "import * as zmq from 'zmq';\nnew zmq.Context().socket(zmq.REQ).recv();\n",
        &[],
    );
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .starts_with("ZmqError: Operation cannot be accomplished in current state\n"),
        "{}",
        out.stderr
    );

    let out = qjs_source("throw 42;\n", &[]);
    assert_eq!((out.code, out.stderr.as_str()), (1, "42\n"));

    let out = qjs_source("setTimeout(() => { throw new TypeError('late'); }, 1);\n", &[]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("TypeError: late"), "{}", out.stderr);

    let out = qjs_source("await Promise.reject(new RangeError('rejected'));\n", &[]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("RangeError: rejected"), "{}", out.stderr);

    let out = qjs_source(
        "Promise.reject(new Error('nobody handles this'));\nconsole.log('after');\n",
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (1, "after\n"));
    assert!(out.stderr.starts_with("Error: nobody handles this\n"), "{}", out.stderr);
    let out = qjs_source(
        "const p = Promise.reject(new Error('x'));\np.catch(() => console.log('handled'));\n",
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (0, "handled\n"), "{}", out.stderr);

    let out = qjs_source("syntax error here\n", &[]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("SyntaxError"), "{}", out.stderr);

    // the spec's scripts catch everything themselves and exit 0
    let out = qjs_source(
        "import * as zmq from 'zmq';\ntry { new zmq.Context().socket(zmq.REQ).recv(); } catch (e) { console.log('Uncaught exception!'); console.log(e); }\n",
        &[],
    );
    assert_eq!(out.code, 0);
    assert_eq!(
        out.stdout,
        "Uncaught exception!\nZmqError: Operation cannot be accomplished in current state\n"
    );
}

/// An async operation rejected without a handler ends the script with exit 1,
/// its error and stack on stderr; the loop ends when nothing is pending.
#[test]
fn async_rejections_and_the_end_of_the_loop() {
    let out = qjs_source(
        "import * as zmq from 'zmq';\nfunction start() { return new zmq.Context().socket(zmq.PUB).recv_async(); }\nstart();\nconsole.log('after');\n",
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (1, "after\n"), "{}", out.stderr);
    assert!(out.stderr.starts_with("ZmqError: Operation not supported\n"), "{}", out.stderr);
    assert!(out.stderr.contains("    at start ("), "the stack is printed: {}", out.stderr);

    let out = qjs_source(
        "import * as zmq from 'zmq';\nconst s = new zmq.Context().socket(zmq.PULL);\ns.setsockopt(zmq.RCVTIMEO, 20);\nawait s.recv_async();\n",
        &[],
    );
    assert_eq!(out.code, 1);
    assert!(out.stderr.starts_with("ZmqError: Resource temporarily unavailable\n"), "{}", out.stderr);

    // Handled rejections, settled operations and no handlers left: the loop ends by itself.
    let out = qjs_source(
        "import * as zmq from 'zmq';\nimport * as os from 'os';\nconst c = new zmq.Context();\nconst a = c.socket(zmq.PAIR); a.bind('inproc://x');\nconst b = c.socket(zmq.PAIR); b.connect('inproc://x');\nsetTimeout(() => a.send('late'), 20);\nconsole.log(await b.recv_str_async());\nb.recv_async().catch((e) => console.log(e.code));\nb.close();\nconst [r, w] = os.pipe();\nos.setReadHandler(r, () => { os.setReadHandler(r, null); console.log('readable'); });\nos.write(w, new Uint8Array([1]).buffer, 0, 1);\n",
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (0, "late\nENOTSOCK\nreadable\n"), "{}", out.stderr);
}

#[test]
fn std_exit_sets_the_status_and_cannot_be_caught() {
    let out = qjs_source(
        "import * as std from 'std';\nconsole.log('a');\nstd.exit(3);\nconsole.log('b');\n",
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (3, "a\n"));
    let out = qjs_source(
        "import * as std from 'std';\ntry { std.exit(4); } catch (e) { console.log('caught'); } finally { console.log('finally'); }\n",
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (4, ""));
    let out = qjs_source(
        "import * as std from 'std';\nsetTimeout(() => std.exit(5), 5);\nsetTimeout(() => console.log('never'), 50);\n",
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (5, ""));
    let out = qjs_source(
        "import * as std from 'std';\nsetTimeout(() => console.log('never'), 50);\nstd.exit();\n",
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (0, ""));
    let out = qjs_source(
        "import * as std from 'std';\nPromise.resolve().then(() => std.exit(6));\n",
        &[],
    );
    assert_eq!(out.code, 6);
}

#[test]
fn jobs_and_timers_run_before_exit() {
    let out = qjs_source(
        r#"
        import * as os from "os";
        setTimeout(() => console.log("timer 2"), 20);
        os.setTimeout(() => console.log("timer 1"), 10);
        const t = setTimeout(() => console.log("cleared"), 15);
        clearTimeout(t);
        Promise.resolve().then(() => console.log("job"));
        (async () => { await null; console.log("async"); })();
        console.log("main");
        "#,
        &[],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "main\njob\nasync\ntimer 1\ntimer 2\n");
}

#[test]
fn memory_and_stack_limits() {
    let out = qjs(&[
        "--memory-limit",
        "8m",
        "-e",
        "const a = []; for (;;) a.push(new Array(1000).fill(1));",
    ]);
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("out of memory"), "{}", out.stderr);
    let out = qjs(&[
        "--stack-size",
        "256k",
        "-e",
        "function f(n) { return f(n + 1) + 1; } f(0);",
    ]);
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("RangeError: Maximum call stack size exceeded"),
        "{}",
        out.stderr
    );
    let out = qjs(&["--memory-limit", "64m", "--stack-size", "1m", "-e", "print('ok')"]);
    assert_eq!((out.code, out.stdout.as_str()), (0, "ok\n"));
}

/// Ctrl-C (SIGINT) and SIGTERM end every kind of blocking wait with 128+signal,
/// even inside the spec scripts' catch-all `try`.
#[test]
fn signals_end_blocking_calls() {
    let dir = TempDir::new("qjs-cli");
    let ep = dir.ipc("sig");
    let cases: Vec<(&str, String)> = vec![
        ("recv", format!("const s = new zmq.Context().socket(zmq.PULL); s.bind('{ep}-1'); ready(); s.recv();")),
        ("recv_str in a function", format!(
            "function main() {{ const c = new zmq.Context(); const s = c.socket(zmq.SUB); s.connect('{ep}-2'); s.setsockopt(zmq.SUBSCRIBE, ''); ready(); while (true) s.recv_str(); }}\ntry {{ main(); }} catch (e) {{ console.log('Uncaught exception!'); }}"
        )),
        ("send", format!("const s = new zmq.Context().socket(zmq.PUSH); s.setsockopt(zmq.IMMEDIATE, 1); s.connect('{ep}-3'); ready(); s.send('blocked');")),
        ("poller wait", format!("const s = new zmq.Context().socket(zmq.PULL); s.bind('{ep}-4'); const p = new zmq.Poller(); p.add(s, zmq.POLLIN); ready(); while (true) p.wait(-1);")),
        ("wait_all", format!("const s = new zmq.Context().socket(zmq.PULL); s.bind('{ep}-5'); const p = new zmq.Poller(); p.add(s, zmq.POLLIN); ready(); p.wait_all(4, -1);")),
        ("proxy", format!("const c = new zmq.Context(); const f = c.socket(zmq.ROUTER); f.bind('{ep}-6'); const b = c.socket(zmq.DEALER); b.bind('{ep}-7'); ready(); zmq.proxy(f, b);")),
        ("sleep", "ready(); os.sleep(60000);".to_string()),
        ("busy loop", "ready(); for (;;) {}".to_string()),
        ("timer", "ready(); setTimeout(() => {}, 60000);".to_string()),
        ("stdin", "ready(); std.in.getline();".to_string()),
        ("await recv_async", format!("const s = new zmq.Context().socket(zmq.PULL); s.bind('{ep}-8'); ready(); await s.recv_async();")),
        ("for await", format!("const s = new zmq.Context().socket(zmq.SUB); s.bind('{ep}-9'); s.setsockopt(zmq.SUBSCRIBE, ''); ready(); try {{ for await (const m of s) {{}} }} catch (e) {{ console.log('caught'); }}")),
        ("pending send_async with a timer", format!("const s = new zmq.Context().socket(zmq.PUSH); s.connect('{ep}-10'); s.setsockopt(zmq.SNDHWM, 1); for (let i = 0; i < 5000; i++) s.send_async('x'); setInterval(() => {{}}, 5); ready();")),
        ("fd handler", "const [r, w] = os.pipe(); os.setReadHandler(r, () => {}); ready();".to_string()),
    ];
    for (sig, expected) in [(libc::SIGINT, 130), (libc::SIGTERM, 143)] {
        for (name, body) in &cases {
            let path = dir.file(
                "sig.js",
                &format!(
                    "import * as zmq from 'zmq';\nimport * as os from 'os';\nimport * as std from 'std';\nfunction ready() {{ console.log('ready'); }}\n{body}\n"
                ),
            );
            let mut child = Command::new(QJS)
                .arg(&path)
                .stdin(Stdio::piped())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap();
            let stdin = child.stdin.take();
            let stdout = child.stdout.take().unwrap();
            let (tx, rx) = mpsc::channel();
            std::thread::spawn(move || {
                for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                    let _ = tx.send(line);
                }
            });
            let first = rx.recv_timeout(TIMEOUT);
            assert_eq!(
                first.as_deref(),
                Ok("ready"),
                "{name}: the line is flushed before blocking"
            );
            std::thread::sleep(Duration::from_millis(50)); // let it block
            unsafe { libc::kill(child.id() as i32, sig) };
            let out = finish(child);
            drop(stdin);
            assert_eq!(out.code, expected, "{name} with signal {sig}: stderr {}", out.stderr);
            let rest: Vec<String> = rx.try_iter().collect();
            assert!(rest.is_empty(), "{name}: no catch block ran: {rest:?}");
        }
    }
}

/// A script that leaves sockets with undeliverable messages open still exits.
#[test]
fn open_sockets_do_not_hold_the_exit() {
    let out = qjs_source(
        r#"
        import * as zmq from "zmq";
        const ctx = new zmq.Context();
        const push = ctx.socket(zmq.PUSH);
        push.setsockopt(zmq.LINGER, -1);
        push.connect("tcp://127.0.0.1:9");
        push.send("nobody listens", zmq.DONTWAIT);
        const pub = new zmq.Context().socket(zmq.PUB);
        pub.connect("tcp://127.0.0.1:9");
        for (let i = 0; i < 100; i++) pub.send("x");
        console.log("done");
        "#,
        &[],
    );
    assert_eq!((out.code, out.stdout.as_str()), (0, "done\n"), "{}", out.stderr);
}

/// The spec's full example, verbatim: server, subscriber, then the producer.
/// It is the one test on the fixed ports 5555/5556.
#[test]
fn spec_example_server_subscriber_producer() {
    let dir = scripts();
    let mut server = Running::start(&["server.js"], &dir);
    let mut subscriber = Running::start(&["subscriber.js"], &dir);
    // PUB/SUB has no start: resend until the subscriber has both (slow joiner).
    let mut tries = 0;
    loop {
        let out = finish(spawn(&["producer.js", "hello", "world"], &dir));
        assert_eq!(out.code, 0, "producer failed: {}", out.stderr);
        assert_eq!(out.stdout, "Sent \"hello\"\nSent \"world\"\n");
        while let Ok(line) = subscriber.lines.recv_timeout(Duration::from_millis(200)) {
            subscriber.seen.push(line);
        }
        while let Ok(line) = server.lines.try_recv() {
            server.seen.push(line);
        }
        assert!(
            !server.seen.iter().any(|l| l.contains("Uncaught exception!")),
            "server.js failed (are ports 5555/5556 in use?): {:?}",
            server.seen
        );
        let seen = &subscriber.seen;
        let hello = seen.iter().position(|l| l == "Received \"hello\"");
        if hello.is_some_and(|i| seen[i + 1..].iter().any(|l| l == "Received \"world\"")) {
            break;
        }
        tries += 1;
        if tries > 50 {
            let (_, lines, err) = server.finish();
            panic!("subscriber saw {:?}; server said {lines:?} {err}", subscriber.seen);
        }
    }
    server.wait_for("Forwarded \"hello\"");
    server.wait_for("Forwarded \"world\"");
    for running in [server, subscriber] {
        running.signal(libc::SIGINT);
        let (code, lines, _) = running.finish();
        assert_eq!(code, 130);
        assert!(!lines.iter().any(|l| l.contains("Uncaught")), "{lines:?}");
    }
}

#[test]
fn zguide_version() {
    let out = finish(spawn(&["zguide/version.js"], &scripts()));
    assert_eq!((out.code, out.stdout.as_str()), (0, "Current 0MQ version is 4.3.5\n"));
}

#[test]
fn zguide_hello_world() {
    let dir = TempDir::new("qjs-cli");
    let ep = dir.ipc("hello");
    let server = Running::start(&["zguide/hwserver.js", &ep, "3", "1"], &scripts());
    let client = finish(spawn(&["zguide/hwclient.js", &ep, "3"], &scripts()));
    assert_eq!(client.code, 0, "{}", client.stderr);
    assert_eq!(
        client.stdout,
        "Connecting to hello world server…\nSending Hello 0…\nReceived World 0\nSending Hello 1…\nReceived World 1\nSending Hello 2…\nReceived World 2\n"
    );
    let (code, lines, _) = server.finish();
    assert_eq!(code, 0);
    assert_eq!(lines, ["Received Hello"; 3]);
}

#[test]
fn zguide_weather() {
    let dir = TempDir::new("qjs-cli");
    let ep = dir.ipc("weather");
    let server = Running::start(&["zguide/wuserver.js", &ep], &scripts());
    let client = finish(spawn(&["zguide/wuclient.js", "1", &ep, "20"], &scripts()));
    assert_eq!(client.code, 0, "{}", client.stderr);
    let lines: Vec<&str> = client.stdout.lines().collect();
    assert_eq!(lines[0], "Collecting updates from weather server…");
    let avg = lines[1]
        .strip_prefix("Average temperature for zipcode '1' was ")
        .and_then(|s| s.strip_suffix('F'))
        .unwrap_or_else(|| panic!("{}", lines[1]));
    let avg: i32 = avg.parse().unwrap();
    assert!((-80..=134).contains(&avg), "{avg}");
    server.signal(libc::SIGTERM);
    let (code, _, _) = server.finish();
    assert_eq!(code, 143);
}

#[test]
fn zguide_pipeline() {
    let dir = TempDir::new("qjs-cli");
    let vent = dir.ipc("vent");
    let sink_ep = dir.ipc("sink");
    let sink = Running::start(&["zguide/tasksink.js", &sink_ep, "10"], &scripts());
    let worker = Running::start(&["zguide/taskwork.js", &vent, &sink_ep, "10"], &scripts());
    let mut ventilator = Command::new(QJS)
        .args(["zguide/taskvent.js", &vent, &sink_ep, "10"])
        .current_dir(scripts())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    ventilator.stdin.take().unwrap().write_all(b"\n").unwrap();
    let out = finish(ventilator);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("Press Enter when the workers are ready: Sending tasks to workers…\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Total expected cost: "), "{}", out.stdout);
    let (code, lines, err) = sink.finish();
    assert_eq!(code, 0, "{err}");
    assert_eq!(lines[0], ":.........");
    assert!(
        lines[1].starts_with("Total elapsed time: ") && lines[1].ends_with(" msec"),
        "{lines:?}"
    );
    let (code, lines, err) = worker.finish();
    assert_eq!(code, 0, "{err}");
    assert_eq!(lines[0].matches('.').count(), 10, "{lines:?}");
}
