//! The multi-process examples the docs walk through, run as separate processes
//! over `ipc://` endpoints in temporary directories: the spec's server /
//! subscriber / producer (also in Lua, and mixed), the broker, the CURVE pair (and
//! the authenticating CURVE and PLAIN servers)
//! and the stdin + socket event loop. Timeouts only turn a hang into a failure.

use doc_tests::repo_root;
use doc_tests::run::{self, Engine, Outcome, Running, TempDir};
use std::io::Write;
use std::process::Stdio;
use zmq_script as zs;

/// The script `name` of an example in `engine`'s language.
fn example(engine: Engine, name: &str) -> String {
    match engine {
        Engine::Qjs => run::repo_file(&format!("scripts/examples/{name}.js")),
        Engine::Zlua | Engine::Lua54 => run::repo_file(&format!("scripts/lua/examples/{name}.lua")),
    }
}

fn start(engine: Engine, script: &str, args: &[&str]) -> Running {
    let mut all = vec![script];
    all.extend_from_slice(args);
    Running::start(script, run::command(engine, &all, &repo_root()))
}

fn finish_ok(engine: Engine, script: &str, args: &[&str]) -> Outcome {
    let mut all = vec![script];
    all.extend_from_slice(args);
    let out = run::run(run::command(engine, &all, &repo_root()), None);
    out.assert_ok(script);
    out
}

/// How a process stopped by SIGTERM ends: 143 from our runners; a stock lua5.4
/// (whose zmq.so handles only SIGINT) may die of the signal itself.
fn assert_terminated(engine: Engine, out: &Outcome, what: &str) {
    let ok = out.code == Some(143) || (engine == Engine::Lua54 && out.signal == Some(libc::SIGTERM));
    assert!(ok, "{what} did not end on SIGTERM as expected: {out:#?}");
}

/// A copy of a spec script with its fixed TCP endpoints replaced (tests may not use fixed ports).
fn spec_copy(dir: &TempDir, name: &str, inbound: &str, outbound: &str) -> String {
    let text = std::fs::read_to_string(repo_root().join("scripts").join(name)).unwrap();
    let text = text
        .replace("tcp://*:5555", inbound)
        .replace("tcp://localhost:5555", inbound)
        .replace("tcp://*:5556", outbound)
        .replace("tcp://localhost:5556", outbound);
    assert!(!text.contains("tcp://"), "{name}: an endpoint was not replaced");
    dir.file(name, &text)
}

/// Run producers until the subscriber has seen `hello` then `world` (a SUB that is still
/// joining misses what is published before it is connected: retry, boundedly).
fn produce_until_received(subscriber: &mut Running, mut produce: impl FnMut() -> Outcome) {
    for _ in 0..50 {
        let out = produce();
        out.assert_ok("producer");
        assert_eq!(out.stdout, "Sent \"hello\"\nSent \"world\"\n");
        std::thread::sleep(std::time::Duration::from_millis(200)); // pacing only: the check below decides
        subscriber.drain();
        let seen = &subscriber.seen;
        if let Some(i) = seen.iter().position(|l| l == "Received \"hello\"") {
            if seen[i + 1..].iter().any(|l| l == "Received \"world\"") {
                return;
            }
        }
    }
    panic!("the subscriber never received hello and world: {:?}", subscriber.seen);
}

fn stop(engine: Engine, p: Running, sig: i32) -> Outcome {
    p.signal(sig);
    let out = p.finish();
    if sig == libc::SIGTERM {
        assert_terminated(engine, &out, "a server");
    }
    out
}

#[test]
fn spec_example_in_javascript() {
    let dir = TempDir::new("spec");
    let (inbound, outbound) = (dir.ipc("in"), dir.ipc("out"));
    let server = spec_copy(&dir, "server.js", &inbound, &outbound);
    let subscriber = spec_copy(&dir, "subscriber.js", &inbound, &outbound);
    let producer = spec_copy(&dir, "producer.js", &inbound, &outbound);
    let server = Running::start("server.js", run::command(Engine::Qjs, &[&server], dir.path()));
    let mut sub = Running::start("subscriber.js", run::command(Engine::Qjs, &[&subscriber], dir.path()));
    produce_until_received(&mut sub, || {
        run::run(
            run::command(Engine::Qjs, &[&producer, "hello", "world"], dir.path()),
            None,
        )
    });
    let mut server = server;
    server.wait_for("Forwarded \"hello\"");
    server.wait_for("Forwarded \"world\"");
    for p in [server, sub] {
        let out = stop(Engine::Qjs, p, libc::SIGINT);
        assert_eq!(out.code, Some(130), "{out:#?}");
        assert!(!out.stdout.contains("Uncaught"), "{out:#?}");
    }
}

fn spec_example_lua(engine: Engine) {
    let dir = TempDir::new("spec-lua");
    let (inbound, outbound) = (dir.ipc("in"), dir.ipc("out"));
    let mut server = start(engine, &example(engine, "server"), &[&inbound, &outbound]);
    let mut sub = start(engine, &example(engine, "subscriber"), &[&outbound]);
    let producer = example(engine, "producer");
    produce_until_received(&mut sub, || {
        run::run(
            run::command(
                engine,
                &[&producer, "--endpoint", &inbound, "hello", "world"],
                &repo_root(),
            ),
            None,
        )
    });
    server.wait_for("Forwarded \"hello\"");
    server.wait_for("Forwarded \"world\"");
    stop(engine, server, libc::SIGTERM);
    stop(engine, sub, libc::SIGTERM);
}

#[test]
fn spec_example_in_lua_zlua() {
    spec_example_lua(Engine::Zlua);
}

#[test]
fn spec_example_in_lua_lua54() {
    spec_example_lua(Engine::Lua54);
}

/// A Lua server between a JavaScript producer and subscriber, as getting-started.md says.
#[test]
fn spec_example_mixed_languages() {
    let dir = TempDir::new("spec-mixed");
    let (inbound, outbound) = (dir.ipc("in"), dir.ipc("out"));
    let subscriber = spec_copy(&dir, "subscriber.js", &inbound, &outbound);
    let producer = spec_copy(&dir, "producer.js", &inbound, &outbound);
    let mut server = start(Engine::Zlua, &example(Engine::Zlua, "server"), &[&inbound, &outbound]);
    let mut sub = Running::start("subscriber.js", run::command(Engine::Qjs, &[&subscriber], dir.path()));
    produce_until_received(&mut sub, || {
        run::run(
            run::command(Engine::Qjs, &[&producer, "hello", "world"], dir.path()),
            None,
        )
    });
    server.wait_for("Forwarded \"world\"");
    stop(Engine::Zlua, server, libc::SIGTERM);
    stop(Engine::Qjs, sub, libc::SIGTERM);
}

fn broker(engine: Engine) {
    broker_named(engine, "broker");
}

fn broker_named(engine: Engine, name: &str) {
    let dir = TempDir::new("broker");
    let (frontend, backend) = (dir.ipc("frontend"), dir.ipc("backend"));
    let mut broker = start(engine, &example(engine, name), &[&frontend, &backend]);
    broker.wait_for("broker: clients on");
    let workers: Vec<Running> = ["alice", "bob"]
        .iter()
        .map(|name| start(engine, &example(engine, "broker-worker"), &[&backend, name]))
        .collect();
    let out = finish_ok(engine, &example(engine, "broker-client"), &[&frontend, "6"]);
    let replies: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(replies.len(), 6, "{out:#?}");
    for (i, reply) in replies.iter().enumerate() {
        let want = format!("request {} done by ", i + 1);
        assert!(
            reply.starts_with(&want) && (reply.ends_with("alice") || reply.ends_with("bob")),
            "{reply:?}"
        );
    }
    let mut served = 0;
    for w in workers {
        let out = stop(engine, w, libc::SIGTERM);
        served += out.stdout.lines().filter(|l| l.contains(": request ")).count();
    }
    assert_eq!(served, 6);
    stop(engine, broker, libc::SIGTERM);
}

#[test]
fn broker_js() {
    broker(Engine::Qjs);
}

/// The async broker (two `for await` loops) serves the same blocking clients and workers.
#[test]
fn broker_async_js() {
    broker_named(Engine::Qjs, "broker-async");
}

/// The async weather client (`for await`) against the zguide weather server.
#[test]
fn weather_client_async_js() {
    let dir = TempDir::new("weather");
    let ep = dir.ipc("weather");
    let server = start(Engine::Qjs, &run::repo_file("scripts/zguide/wuserver.js"), &[&ep]);
    let out = finish_ok(Engine::Qjs, &example(Engine::Qjs, "wuclient-async"), &["1", &ep, "20"]);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(lines[0], "Collecting updates from weather server…");
    let avg: i32 = lines[1]
        .strip_prefix("Average temperature for zipcode '1' was ")
        .and_then(|s| s.strip_suffix('F'))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("{out:#?}"));
    assert!((-80..=134).contains(&avg), "{avg}");
    stop(Engine::Qjs, server, libc::SIGTERM);
}

#[test]
fn broker_zlua() {
    broker(Engine::Zlua);
}

#[test]
fn broker_lua54() {
    broker(Engine::Lua54);
}

fn curve(engine: Engine) {
    let dir = TempDir::new("curve");
    let endpoint = dir.ipc("curve");
    let mut server = start(engine, &example(engine, "curve-server"), &[&endpoint, "1"]);
    let line = server.wait_for("server public key: ");
    let key = line.trim_start_matches("server public key: ").to_string();
    assert_eq!(key.len(), 40, "{line}");

    // Another key: the handshake fails and the client gives up after its timeout.
    let (wrong, timeout) = match engine {
        Engine::Qjs => ("0".repeat(40), "300"),
        _ => ("0".repeat(40), "0.3"),
    };
    let client = example(engine, "curve-client");
    let out = run::run(
        run::command(engine, &[&client, &wrong, &endpoint, "intruder", timeout], &repo_root()),
        None,
    );
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(out.stdout.contains("no reply within"), "{out:#?}");

    // The right key: encrypted request and reply.
    let out = finish_ok(
        engine,
        &client,
        &[
            &key,
            &endpoint,
            "hello",
            if engine == Engine::Qjs { "20000" } else { "20" },
        ],
    );
    assert_eq!(out.stdout, "echo: hello\n");
    let out = server.finish();
    out.assert_ok("curve-server");
    assert!(out.stdout.contains("received \"hello\" (mechanism CURVE)"), "{out:#?}");
    assert!(!out.stdout.contains("intruder"), "{out:#?}");
}

#[test]
fn curve_js() {
    curve(Engine::Qjs);
}

#[test]
fn curve_zlua() {
    curve(Engine::Zlua);
}

#[test]
fn curve_lua54() {
    curve(Engine::Lua54);
}

/// curve-auth-server + curve-client: a listed client key gets an answer, an unlisted one does not.
fn curve_auth(engine: Engine) {
    let dir = TempDir::new("curve-auth");
    let endpoint = dir.ipc("curve-auth");
    let (listed_public, listed_secret) = zs::curve_keypair().unwrap();
    let (_, unlisted_secret) = zs::curve_keypair().unwrap();
    let mut server = start(engine, &example(engine, "curve-auth-server"), &[&endpoint, "1", &listed_public]);
    let line = server.wait_for("server public key: ");
    let key = line.trim_start_matches("server public key: ").to_string();
    let (short, long) = if engine == Engine::Qjs { ("300", "20000") } else { ("0.3", "20") };
    let client = example(engine, "curve-client");
    let out = run::run(
        run::command(engine, &[&client, &key, &endpoint, "intruder", short, &unlisted_secret], &repo_root()),
        None,
    );
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(out.stdout.contains("no reply within"), "{out:#?}");
    let out = finish_ok(engine, &client, &[&key, &endpoint, "hello", long, &listed_secret]);
    assert_eq!(out.stdout, "echo: hello\n");
    let out = server.finish();
    out.assert_ok("curve-auth-server");
    assert!(out.stdout.contains("received \"hello\""), "{out:#?}");
    assert!(!out.stdout.contains("intruder"), "{out:#?}");
}

#[test]
fn curve_auth_js() {
    curve_auth(Engine::Qjs);
}

#[test]
fn curve_auth_zlua() {
    curve_auth(Engine::Zlua);
}

#[test]
fn curve_auth_lua54() {
    curve_auth(Engine::Lua54);
}

/// plain-server + plain-client: a wrong password gets no answer, the right one does.
fn plain(engine: Engine) {
    let dir = TempDir::new("plain");
    let endpoint = dir.ipc("plain");
    let mut server = start(engine, &example(engine, "plain-server"), &[&endpoint, "1"]);
    server.wait_for("listening on ");
    let (short, long) = if engine == Engine::Qjs { ("300", "20000") } else { ("0.3", "20") };
    let client = example(engine, "plain-client");
    let out = run::run(
        run::command(engine, &[&client, "admin", "guess", &endpoint, "intruder", short], &repo_root()),
        None,
    );
    assert_eq!(out.code, Some(1), "{out:#?}");
    assert!(out.stdout.contains("no reply within"), "{out:#?}");
    let out = finish_ok(engine, &client, &["admin", "secret", &endpoint, "hello", long]);
    assert_eq!(out.stdout, "echo: hello\n");
    let out = server.finish();
    out.assert_ok("plain-server");
    assert!(!out.stdout.contains("intruder"), "{out:#?}");
}

#[test]
fn plain_js() {
    plain(Engine::Qjs);
}

#[test]
fn plain_zlua() {
    plain(Engine::Zlua);
}

#[test]
fn plain_lua54() {
    plain(Engine::Lua54);
}

/// event-loop.js/.lua: a burst of 100 messages from another process and lines on stdin,
/// all printed; end of input ends the loop.
fn event_loop(engine: Engine) {
    let dir = TempDir::new("event-loop");
    let endpoint = dir.ipc("loop");
    let script = example(engine, "event-loop");
    let mut cmd = run::command(engine, &[&script, &endpoint], &repo_root());
    cmd.stdin(Stdio::piped());
    let mut p = Running::start("event-loop", cmd);
    let mut stdin = p.stdin().unwrap();
    p.wait_for("listening on ");

    let ctx = zs::Context::new().unwrap();
    let push = ctx.socket(zs::constants::socket_type::PUSH).unwrap();
    push.connect(&endpoint).unwrap();
    for i in 0..100 {
        push.send(format!("m{i}").as_bytes(), 0).unwrap();
    }
    stdin.write_all(b"first line\nsecond line\n").unwrap(); // two lines in one write
    stdin.flush().unwrap();
    p.wait_for("zmq: m99");
    p.wait_for("stdin: second line");
    drop(stdin); // end of input
    let out = p.finish();
    out.assert_ok("event-loop");
    let zmq_lines: Vec<&str> = out.stdout.lines().filter(|l| l.starts_with("zmq: ")).collect();
    let want: Vec<String> = (0..100).map(|i| format!("zmq: m{i}")).collect();
    assert_eq!(zmq_lines, want);
    assert!(
        out.stdout.ends_with("end of input after 2 lines and 100 messages\n"),
        "{out:#?}"
    );
    push.close().unwrap();
    ctx.term().unwrap();
}

#[test]
fn event_loop_js() {
    event_loop(Engine::Qjs);
}

#[test]
fn event_loop_zlua() {
    event_loop(Engine::Zlua);
}

#[test]
fn event_loop_lua54() {
    event_loop(Engine::Lua54);
}

/// monitor.js / monitor.lua: a peer connects, sends and leaves; the script prints the events and
/// the message, and ends after one disconnect.
fn monitor(engine: Engine) {
    let dir = TempDir::new("monitor");
    let endpoint = dir.ipc("monitored");
    let mut p = start(engine, &example(engine, "monitor"), &[&endpoint, "1"]);
    p.wait_for("listening on ");
    let ctx = zs::Context::new().unwrap();
    let push = ctx.socket(zs::constants::socket_type::PUSH).unwrap();
    push.connect(&endpoint).unwrap();
    push.send(b"hi", 0).unwrap();
    p.wait_for("message: hi");
    p.wait_for(&format!("EVENT_ACCEPTED {endpoint}"));
    push.close().unwrap(); // the script sees the peer go and ends
    let out = p.finish();
    out.assert_ok("monitor");
    assert!(
        out.stdout.contains(&format!("EVENT_DISCONNECTED {endpoint}")),
        "{out:#?}"
    );
    ctx.term().unwrap();
}

#[test]
fn monitor_qjs() {
    monitor(Engine::Qjs);
}

#[test]
fn monitor_zlua() {
    monitor(Engine::Zlua);
}

#[test]
fn monitor_lua54() {
    monitor(Engine::Lua54);
}
