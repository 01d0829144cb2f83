//! The missed-edge bug (docs/event-loop.md): a loop over a socket's ZMQ_FD that
//! receives one message per wake-up leaves messages unread once the descriptor
//! goes quiet; one that receives while ZMQ_EVENTS has POLLIN gets them all.
//!
//! scripts/examples/edge-trigger.js and scripts/lua/examples/edge-trigger.lua
//! queue N messages in one burst over inproc (complete when the sends return),
//! then poll the descriptor until it has been quiet for 200 ms. Nothing here
//! depends on timing: the burst is queued before the loop starts, and a naive
//! loop's descriptor never fires again because nothing new arrives.

use doc_tests::repo_root;
use doc_tests::run::{self, Engine};

/// `(received, unread)` from the script's result line.
fn run_mode(engine: Engine, mode: &str, total: usize) -> (usize, usize, String) {
    let script = match engine {
        Engine::Qjs => run::repo_file("scripts/examples/edge-trigger.js"),
        _ => run::repo_file("scripts/lua/examples/edge-trigger.lua"),
    };
    let n = total.to_string();
    let out = run::run(run::command(engine, &[&script, mode, &n], &repo_root()), None);
    out.assert_ok("edge-trigger");
    let line = out.stdout.trim_end().to_string();
    // "<mode>: received R of N, U left unread when the fd went quiet"
    let rest = line
        .strip_prefix(&format!("{mode}: received "))
        .unwrap_or_else(|| panic!("{line}"));
    let (received, rest) = rest.split_once(" of ").unwrap();
    let (of, rest) = rest.split_once(", ").unwrap();
    let unread = rest.split_whitespace().next().unwrap();
    assert_eq!(of.parse::<usize>().unwrap(), total, "{line}");
    (received.parse().unwrap(), unread.parse().unwrap(), line)
}

fn missed_edge(engine: Engine) {
    for total in [10, 100] {
        let (received, unread, _) = run_mode(engine, "drain", total);
        assert_eq!(
            (received, unread),
            (total, 0),
            "draining while EVENTS has POLLIN must get every message"
        );

        let (received, unread, _) = run_mode(engine, "naive", total);
        assert!(
            received < total,
            "the naive loop got all {total}: the test no longer shows the bug"
        );
        assert!(unread > 0, "the naive loop left nothing unread");
        assert_eq!(received + unread, total, "messages went missing altogether");
    }
}

#[test]
fn missed_edge_js() {
    missed_edge(Engine::Qjs);
}

#[test]
fn missed_edge_zlua() {
    missed_edge(Engine::Zlua);
}

#[test]
fn missed_edge_lua54() {
    missed_edge(Engine::Lua54);
}

/// docs/event-loop.md shows the script's output for both modes: it must be what the script prints.
#[test]
fn the_page_shows_what_the_script_prints() {
    let page = std::fs::read_to_string(repo_root().join("docs/event-loop.md")).unwrap();
    for mode in ["drain", "naive"] {
        let (_, _, line) = run_mode(Engine::Qjs, mode, 10);
        assert!(page.contains(&line), "docs/event-loop.md should show {line:?}");
    }
}
