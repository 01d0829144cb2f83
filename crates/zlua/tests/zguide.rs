//! The zguide chapter-1 scripts (scripts/lua) as separate processes, under
//! both `zlua` and `lua5.4` + `zmq.so`, over ipc endpoints of their own.
mod support;

use std::time::Duration;
use support::{example, finish, ipc_endpoint, run, run_with_input, signal, spawn, command, Interp, TIMEOUT};

fn hello_world(interp: Interp) {
    let ep = ipc_endpoint("hw");
    let server = spawn(command(interp, &[&example("hwserver.lua"), &ep, "3", "0"]));
    let client = run(interp, &[&example("hwclient.lua"), &ep, "3"]);
    client.assert_ok("hwclient");
    assert!(client.stdout.contains("Received World 3"), "{client:#?}");
    let server = finish(server, TIMEOUT);
    server.assert_ok("hwserver");
    assert_eq!(server.stdout.matches("Received Hello").count(), 3, "{server:#?}");
}

fn weather(interp: Interp) {
    let ep = ipc_endpoint("wu");
    // Publish forever over three zip codes; the client takes 20 updates of one.
    let server = spawn(command(interp, &[&example("wuserver.lua"), &ep, "", "3"]));
    let client = run(interp, &[&example("wuclient.lua"), &ep, "1", "20"]);
    client.assert_ok("wuclient");
    assert!(client.stdout.contains("Average temperature for zipcode '00001 ' was"), "{client:#?}");
    signal(&server, libc::SIGTERM);
    let server = finish(server, TIMEOUT);
    assert_ne!(server.signal, Some(libc::SIGKILL), "{server:#?}");
    match interp {
        Interp::Zlua => assert_eq!(server.code, Some(143), "{server:#?}"),
        _ => assert!(server.code == Some(143) || server.signal == Some(libc::SIGTERM), "{server:#?}"),
    }
}

fn pipeline(interp: Interp) {
    let vent = ipc_endpoint("vent");
    let sink = ipc_endpoint("sink");
    let tasks = "20";
    let sink_proc = spawn(command(interp, &[&example("tasksink.lua"), &sink, tasks]));
    let workers: Vec<_> =
        (0..2).map(|_| spawn(command(interp, &[&example("taskwork.lua"), &vent, &sink]))).collect();
    std::thread::sleep(Duration::from_millis(100)); // not needed for correctness: spreads the tasks
    let vent_out = run_with_input(interp, &[&example("taskvent.lua"), &vent, &sink, tasks], "\n");
    vent_out.assert_ok("taskvent");
    assert!(vent_out.stdout.contains("Total expected cost:"), "{vent_out:#?}");
    let sink_out = finish(sink_proc, TIMEOUT);
    sink_out.assert_ok("tasksink");
    assert!(sink_out.stdout.contains("Total elapsed time:"), "{sink_out:#?}");
    for w in workers {
        signal(&w, libc::SIGINT);
        let out = finish(w, TIMEOUT);
        assert_ne!(out.code, Some(0), "a worker works until interrupted: {out:#?}");
        if interp == Interp::Zlua {
            assert_eq!(out.code, Some(130), "{out:#?}");
        }
    }
}

/// A worker with a task count ends by itself.
fn worker_with_count(interp: Interp) {
    let vent = ipc_endpoint("vent1");
    let sink = ipc_endpoint("sink1");
    let sink_proc = spawn(command(interp, &[&example("tasksink.lua"), &sink, "5"]));
    let worker = spawn(command(interp, &[&example("taskwork.lua"), &vent, &sink, "5"]));
    run_with_input(interp, &[&example("taskvent.lua"), &vent, &sink, "5"], "\n").assert_ok("taskvent");
    finish(sink_proc, TIMEOUT).assert_ok("tasksink");
    finish(worker, TIMEOUT).assert_ok("taskwork");
}

fn coroutines(interp: Interp) {
    let out = run(interp, &[&example("coroutines.lua"), "40", "5"]);
    out.assert_ok("coroutines.lua");
    assert!(out.stdout.contains("40 clients x 5 requests served by one process"), "{out:#?}");
}

fn ratchet_snippets(interp: Interp) {
    let out = run(interp, &[&example("ratchet-snippets.lua")]);
    out.assert_ok("ratchet-snippets.lua");
    assert!(out.stdout.contains("ratchet snippets ok"), "{out:#?}");
}

macro_rules! both {
    ($($name:ident,)*) => {
        mod zlua { $(#[test] fn $name() { super::$name(super::Interp::Zlua) })* }
        mod lua54 { $(#[test] fn $name() { super::$name(super::Interp::Lua54) })* }
    };
}

both! {
    hello_world,
    weather,
    pipeline,
    worker_with_count,
    coroutines,
    ratchet_snippets,
}
