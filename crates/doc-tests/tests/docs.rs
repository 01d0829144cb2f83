//! Every ```` ```js ```` block of README.md and docs/*.md runs under `qjs`, every
//! ```` ```lua ```` block under `zlua` and under `lua5.4` + `zmq.so`: each must exit
//! with 0 and print what the ```` ```text output ```` block after it shows.
//! Blocks marked `file=PATH` must equal that file; `excerpt` blocks must appear in
//! a runnable block of their page; relative links must resolve.
//!
//! One test per page and engine (a page added to docs/ must be added to the
//! list below: `every_page_with_scripts_is_listed` checks).

use doc_tests::markdown::{self, Block, Lang};
use doc_tests::repo_root;
use doc_tests::run::{self, Engine};
use std::path::{Path, PathBuf};

/// The README's examples use a fixed port; tests may not.
const README_ENDPOINT: (&str, &str) = ("tcp://127.0.0.1:5555", "ipc://readme.ipc");

fn page_blocks(page: &str) -> Vec<Block> {
    markdown::blocks(Path::new(page))
}

/// The standard input a block asked for with `stdin=NAME`.
fn stdin_for<'a>(blocks: &'a [Block], b: &Block) -> Option<&'a str> {
    let name = b.attr("stdin")?;
    let input = blocks
        .iter()
        .find(|x| x.lang == "text" && x.attr("stdin") == Some(name))
        .unwrap_or_else(|| panic!("{}: no ```text stdin={name} block", b.place()));
    Some(input.code.as_str())
}

/// Run every runnable block of `page` in `lang` under `engine`; fail with all problems.
fn run_page(page: &str, lang: Lang, engine: Engine) {
    let blocks = page_blocks(page);
    let mut failures = Vec::new();
    let mut ran = 0;
    for b in blocks.iter().filter(|b| b.runnable() && b.script_lang() == Some(lang)) {
        let mut code = b.code.clone();
        if page == "README.md" {
            code = code.replace(README_ENDPOINT.0, README_ENDPOINT.1);
        }
        let args: Vec<&str> = b.attr("args").map(|a| a.split(',').collect()).unwrap_or_default();
        let out = run::run_source(engine, &code, &args, stdin_for(&blocks, b));
        ran += 1;
        if !out.ok() {
            failures.push(format!(
                "{} under {engine:?}: exit {:?} signal {:?}\nstdout:\n{}stderr:\n{}",
                b.place(),
                out.code,
                out.signal,
                out.stdout,
                out.stderr
            ));
            continue;
        }
        if let Some(expected) = &b.output {
            if let Err(e) = markdown::check_output(expected, &out.stdout) {
                failures.push(format!("{} under {engine:?}: {e}", b.place()));
            }
        }
    }
    assert!(
        ran > 0,
        "{page} has no {lang:?} blocks: remove it from the list in tests/docs.rs"
    );
    assert!(
        failures.is_empty(),
        "{} of {ran} blocks failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

macro_rules! pages {
    ($($name:ident: $page:literal, $lang:ident, $engine:ident;)*) => {
        $(
            #[test]
            fn $name() {
                run_page($page, Lang::$lang, Engine::$engine);
            }
        )*
        /// (page, language) pairs the tests above cover.
        const COVERED: &[(&str, Lang)] = &[$(($page, Lang::$lang)),*];
    };
}

pages! {
    readme_js: "README.md", Js, Qjs;
    readme_zlua: "README.md", Lua, Zlua;
    readme_lua54: "README.md", Lua, Lua54;
    getting_started_js: "docs/getting-started.md", Js, Qjs;
    getting_started_zlua: "docs/getting-started.md", Lua, Zlua;
    getting_started_lua54: "docs/getting-started.md", Lua, Lua54;
    js_api: "docs/js-api.md", Js, Qjs;
    lua_api_zlua: "docs/lua-api.md", Lua, Zlua;
    lua_api_lua54: "docs/lua-api.md", Lua, Lua54;
    event_loop_js: "docs/event-loop.md", Js, Qjs;
    event_loop_zlua: "docs/event-loop.md", Lua, Zlua;
    event_loop_lua54: "docs/event-loop.md", Lua, Lua54;
    security_js: "docs/security.md", Js, Qjs;
    security_zlua: "docs/security.md", Lua, Zlua;
    security_lua54: "docs/security.md", Lua, Lua54;
}

/// README.md and every docs/*.md, relative to the repository root.
fn all_pages() -> Vec<String> {
    let mut pages = vec!["README.md".to_string()];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(repo_root().join("docs"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    docs.sort();
    pages.extend(
        docs.iter()
            .map(|p| format!("docs/{}", p.file_name().unwrap().to_string_lossy())),
    );
    pages
}

#[test]
fn every_page_with_scripts_is_listed() {
    for page in all_pages() {
        for lang in [Lang::Js, Lang::Lua] {
            let has = page_blocks(&page)
                .iter()
                .any(|b| b.runnable() && b.script_lang() == Some(lang));
            assert!(
                !has || COVERED.contains(&(page.as_str(), lang)),
                "{page} has {lang:?} blocks but no test runs them: add it to pages! in tests/docs.rs"
            );
        }
    }
}

#[test]
fn mirrored_blocks_equal_their_files() {
    for page in all_pages() {
        if std::env::var_os("UPDATE_DOCS").is_some() {
            markdown::refresh_mirrors(Path::new(&page));
        }
        for b in page_blocks(&page) {
            let Some(file) = b.attr("file") else { continue };
            let text = std::fs::read_to_string(repo_root().join(file))
                .unwrap_or_else(|e| panic!("{}: {file}: {e}", b.place()));
            assert!(
                text == b.code,
                "{}: the block differs from {file}: UPDATE_DOCS=1 cargo test -p doc-tests --test docs copies it in",
                b.place()
            );
        }
    }
}

#[test]
fn excerpts_appear_in_runnable_code() {
    for page in all_pages() {
        let blocks = page_blocks(&page);
        for b in blocks.iter().filter(|b| b.flag("excerpt")) {
            let found = match b.attr("excerpt") {
                Some(file) => {
                    let text = std::fs::read_to_string(repo_root().join(file))
                        .unwrap_or_else(|e| panic!("{}: {file}: {e}", b.place()));
                    markdown::contains_lines(&text, &b.code)
                }
                None => blocks
                    .iter()
                    .filter(|x| x.runnable() || x.flag("file"))
                    .any(|x| markdown::contains_lines(&x.code, &b.code)),
            };
            assert!(
                found,
                "{}: this excerpt is not in any runnable block or file of the page",
                b.place()
            );
        }
    }
}

/// Runnable blocks bind and connect only to inproc, ipc or OS-chosen TCP ports (tests run in parallel).
#[test]
fn runnable_blocks_use_no_fixed_tcp_port() {
    for page in all_pages().iter().filter(|p| *p != "README.md") {
        for b in page_blocks(page).iter().filter(|b| b.runnable()) {
            for (n, line) in b.code.lines().enumerate() {
                if !line.contains("bind") && !line.contains("connect") {
                    continue; // an endpoint only parsed or printed is harmless
                }
                let mut rest = line;
                while let Some(at) = rest.find("tcp://") {
                    let ep: String = rest[at..]
                        .chars()
                        .take_while(|c| !matches!(c, '"' | '\'' | '`' | ' ' | ')'))
                        .collect();
                    let address = &ep["tcp://".len()..];
                    let port = address.rsplit_once(':').map_or("", |(_, p)| p);
                    assert!(
                        port == "*" || port.is_empty() || port.contains('$') || port.contains('{'),
                        "{} line {}: fixed TCP port in {ep:?}: use tcp://127.0.0.1:* and LAST_ENDPOINT, ipc:// or inproc://",
                        b.place(),
                        n + 1
                    );
                    rest = &rest[at + 6..];
                }
            }
        }
    }
}

#[test]
fn relative_links_resolve() {
    let mut pages = all_pages();
    pages.push("modules/quickjs/README.md".into());
    pages.push("modules/lua/README.md".into());
    for page in pages {
        let path = repo_root().join(&page);
        let text = std::fs::read_to_string(&path).unwrap();
        for (line, target) in markdown::relative_links(&text) {
            let (file, anchor) = match target.split_once('#') {
                Some((f, a)) => (f, Some(a)),
                None => (target.as_str(), None),
            };
            let dest = if file.is_empty() {
                path.clone()
            } else {
                path.parent().unwrap().join(file)
            };
            assert!(dest.exists(), "{page}:{line}: link to missing {target}");
            if let Some(anchor) = anchor {
                if dest.extension().is_some_and(|e| e == "md") {
                    let anchors = markdown::anchors(&std::fs::read_to_string(&dest).unwrap());
                    assert!(
                        anchors.iter().any(|a| a == anchor),
                        "{page}:{line}: no heading #{anchor} in {file}"
                    );
                }
            }
        }
    }
}

/// Names a script prints, one `scope name` per line.
fn names_from(engine: Engine, script: &str) -> Vec<(String, String)> {
    let out = run::run_source(engine, script, &[], None);
    out.assert_ok("listing the module's functions");
    out.stdout
        .lines()
        .map(|l| {
            let (a, b) = l.split_once(' ').unwrap();
            (a.to_string(), b.to_string())
        })
        .collect()
}

/// Every function and method the JavaScript module has is described in docs/js-api.md.
#[test]
fn js_api_covers_every_function() {
    let names = names_from(
        Engine::Qjs,
        r#"
import * as zmq from "zmq";
for (const [k, v] of Object.entries(zmq)) if (typeof v !== "number") console.log(`zmq ${k}`);
for (const c of ["Context", "Socket", "Poller"])
  for (const n of Object.getOwnPropertyNames(zmq[c].prototype)) if (n !== "constructor") console.log(`${c} ${n}`);
"#,
    );
    let page = std::fs::read_to_string(repo_root().join("docs/js-api.md")).unwrap();
    let missing: Vec<String> = names
        .iter()
        .filter(|(scope, n)| {
            let spelled = [
                format!("{n}("),
                format!(".{n}"),
                format!("`{n}`"),
                format!("{scope}.{n}"),
            ];
            !spelled.iter().any(|s| page.contains(s.as_str()))
        })
        .map(|(scope, n)| format!("{scope}.{n}"))
        .collect();
    assert!(missing.is_empty(), "docs/js-api.md does not describe {missing:?}");
}

/// Every function of the Lua module and every socket, context and poller method is
/// described in docs/lua-api.md.
#[test]
fn lua_api_covers_every_function() {
    let names = names_from(
        Engine::Zlua,
        r#"
local zmq = require "zmq"
for k, v in pairs(zmq) do if type(v) == "function" then print("zmq " .. k) end end
local function methods(scope, obj)
  for k, v in pairs(debug.getmetatable(obj).__index) do
    if type(v) == "function" then print(scope .. " " .. k) end
  end
end
methods("socket", zmq.new("PAIR"))
methods("context", zmq.context())
methods("poller", zmq.poller())
"#,
    );
    let page = std::fs::read_to_string(repo_root().join("docs/lua-api.md")).unwrap();
    let missing: Vec<String> = names
        .iter()
        .filter(|(scope, n)| {
            let spelled = if scope == "zmq" {
                format!("zmq.{n}")
            } else {
                format!(":{n}(")
            };
            !page.contains(&spelled)
        })
        .map(|(scope, n)| format!("{scope} {n}"))
        .collect();
    assert!(missing.is_empty(), "docs/lua-api.md does not describe {missing:?}");
}

/// docs/benchmarks.md describes exactly the options `zmq-bench run` takes, and the
/// command it documents runs (a tiny native-only run).
#[test]
fn benchmarks_page_matches_zmq_bench() {
    let bench = run::workspace_bin("zmq-bench");
    let usage = run::run(run::command_for(&bench, &[]), None);
    assert_eq!(
        usage.code,
        Some(2),
        "zmq-bench without arguments prints its usage: {usage:#?}"
    );
    let options = |text: &str| -> std::collections::BTreeSet<String> {
        text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
            .filter(|w| w.starts_with("--") && w[2..].starts_with(|c: char| c.is_ascii_alphabetic()))
            .map(str::to_string)
            .collect()
    };
    let page = std::fs::read_to_string(repo_root().join("docs/benchmarks.md")).unwrap();
    let (documented, accepted) = (options(&page), options(&usage.stderr));
    assert_eq!(
        documented, accepted,
        "docs/benchmarks.md and `zmq-bench` usage list different options"
    );
    assert!(repo_root().join("scripts/bench.sh").exists());

    let out = run::run(
        run::command_for(
            &bench,
            &[
                "run",
                "--quick",
                "--impl",
                "native",
                "--transport",
                "inproc",
                "--size",
                "1",
                "--test",
                "lat",
                "--repeat",
                "1",
                "--no-extras",
            ],
        ),
        None,
    );
    out.assert_ok("zmq-bench run");
    assert!(
        out.stdout.contains("### Latency, REQ ↔ REP") && out.stdout.contains("| inproc | 1 |"),
        "{out:#?}"
    );
}
