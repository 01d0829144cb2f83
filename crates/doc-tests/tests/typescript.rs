//! modules/quickjs/zmq.d.ts: its generated part is current, it declares exactly
//! what the module exports, `tsc --strict` accepts a sample that calls every
//! function and rejects wrong calls (ts/negative.ts, `@ts-expect-error` on each),
//! the ```` ```ts ```` blocks of the docs type-check, and the compiled sample
//! runs under `qjs`.
//!
//! TypeScript comes from npm through scripts/setup-typescript.sh (installed
//! once into ~/.cache/zmq-script, outside the repository).

use doc_tests::markdown;
use doc_tests::run::{self, Engine, TempDir};
use doc_tests::{dts, repo_root};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn dts_path() -> PathBuf {
    repo_root().join("modules/quickjs/zmq.d.ts")
}

fn ts_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("ts")
}

#[test]
fn generated_part_is_up_to_date() {
    let path = dts_path();
    let text = std::fs::read_to_string(&path).unwrap();
    let expected = dts::splice(&text).expect("zmq.d.ts lost its generated-part markers");
    if std::env::var_os("UPDATE_DOCS").is_some() && expected != text {
        std::fs::write(&path, &expected).unwrap();
        return;
    }
    assert!(
        expected == text,
        "modules/quickjs/zmq.d.ts is out of date: run UPDATE_DOCS=1 cargo test -p doc-tests --test typescript"
    );
}

/// Names declared in zmq.d.ts: `"module"` → exports, `"Socket"` → members...
fn declared() -> BTreeMap<String, BTreeSet<String>> {
    let text = std::fs::read_to_string(dts_path()).unwrap();
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut class: Option<String> = None;
    for line in text.lines() {
        if let Some(c) = &class {
            if line == "  }" {
                class = None;
                continue;
            }
            let Some(member) = line.strip_prefix("    ") else {
                continue;
            };
            if member.starts_with(' ') || member.starts_with('/') || member.starts_with('*') {
                continue;
            }
            let member = member.strip_prefix("readonly ").unwrap_or(member);
            let name: String = member
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && name != "constructor" && name != "private" {
                out.entry(c.clone()).or_default().insert(name);
            }
            continue;
        }
        let Some(decl) = line.strip_prefix("  export ") else {
            continue;
        };
        if decl.starts_with("default") {
            out.entry("module".into()).or_default().insert("default".into());
            continue;
        }
        let mut words = decl.split_whitespace();
        let kind = words.next().unwrap_or("");
        let name: String = words
            .next()
            .unwrap_or("")
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect();
        match kind {
            "function" | "const" => {
                out.entry("module".into()).or_default().insert(name);
            }
            "class" => {
                out.entry("module".into()).or_default().insert(name.clone());
                out.entry(name.clone()).or_default();
                class = Some(name);
            }
            _ => {}
        }
    }
    out
}

/// Names the module really has, from a script run under qjs.
fn exported() -> BTreeMap<String, BTreeSet<String>> {
    let script = r#"
import * as zmq from "zmq";
const own = (o) => Object.getOwnPropertyNames(o).filter((n) => n !== "constructor");
for (const n of Object.keys(zmq)) console.log(`module ${n}`);
for (const c of ["Context", "Socket", "Poller"]) for (const n of own(zmq[c].prototype)) console.log(`${c} ${n}`);
for (const n of Object.keys(new zmq.ZmqError("m", 1, "EPERM"))) console.log(`ZmqError ${n}`);
"#;
    let out = run::run_source(Engine::Qjs, script, &[], None);
    out.assert_ok("listing the module's names");
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for line in out.stdout.lines() {
        let (k, v) = line.split_once(' ').unwrap();
        map.entry(k.to_string()).or_default().insert(v.to_string());
    }
    map
}

#[test]
fn declarations_match_the_module() {
    let declared = declared();
    let exported = exported();
    for (scope, names) in &exported {
        let d = declared.get(scope).cloned().unwrap_or_default();
        let missing: Vec<_> = names.difference(&d).collect();
        let extra: Vec<_> = d.difference(names).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "zmq.d.ts and the module differ in {scope}: not declared {missing:?}, declared but absent {extra:?}"
        );
    }
    for scope in declared.keys() {
        assert!(
            exported.contains_key(scope),
            "zmq.d.ts declares class {scope} that the module lacks"
        );
    }
}

/// `tsc`, installed by scripts/setup-typescript.sh.
fn tsc() -> &'static Path {
    static TSC: OnceLock<PathBuf> = OnceLock::new();
    TSC.get_or_init(|| {
        let out = Command::new("bash")
            .arg(repo_root().join("scripts/setup-typescript.sh"))
            .stderr(std::process::Stdio::inherit())
            .output()
            .expect("run scripts/setup-typescript.sh");
        assert!(out.status.success(), "scripts/setup-typescript.sh failed");
        PathBuf::from(String::from_utf8(out.stdout).unwrap().trim())
    })
}

/// Run tsc on a tsconfig.json written in `dir` for `files`; `outDir` if emitting.
fn tsc_run(dir: &TempDir, files: &[PathBuf], emit: bool) -> run::Outcome {
    let base = std::fs::read_to_string(ts_dir().join("tsconfig.json")).unwrap();
    let files: Vec<String> = files.iter().map(|f| format!("{:?}", f.display().to_string())).collect();
    let options = if emit {
        format!(
            r#""noEmit": false, "outDir": {:?}"#,
            dir.path().join("out").display().to_string()
        )
    } else {
        r#""noEmit": true"#.to_string()
    };
    // The shared options, plus this run's files and output.
    let config = base.replacen(
        "\"compilerOptions\": {",
        &format!(
            "\"files\": [{}],\n  \"compilerOptions\": {{\n    {options},",
            files.join(", ")
        ),
        1,
    );
    dir.file("tsconfig.json", &config);
    let mut cmd = Command::new(tsc());
    cmd.args(["-p", "tsconfig.json", "--pretty", "false"])
        .current_dir(dir.path());
    run::run(cmd, None)
}

#[test]
fn tsc_accepts_the_sample_and_the_docs_and_rejects_wrong_calls() {
    let dir = TempDir::new("tsc");
    let mut files = vec![
        dts_path(),
        ts_dir().join("qjs-globals.d.ts"),
        ts_dir().join("sample.ts"),
        ts_dir().join("negative.ts"),
    ];
    // Every ```ts block of the docs, as a module of its own.
    let docs = repo_root().join("docs");
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&docs).unwrap().map(|e| e.unwrap().path()).collect();
    pages.sort();
    for page in pages.iter().filter(|p| p.extension().is_some_and(|e| e == "md")) {
        for b in markdown::blocks(page)
            .into_iter()
            .filter(|b| b.lang == "ts" || b.lang == "typescript")
        {
            let name = format!(
                "{}_{}.ts",
                page.file_stem().unwrap().to_string_lossy().replace('-', "_"),
                b.line
            );
            files.push(PathBuf::from(dir.file(&name, &b.code)));
        }
    }
    let out = tsc_run(&dir, &files, false);
    assert!(out.ok(), "tsc --strict failed:\n{}{}", out.stdout, out.stderr);
}

#[test]
fn tsc_rejects_a_wrong_call_without_the_directive() {
    // The negative file's checks only count if tsc reports errors at all.
    let dir = TempDir::new("tsc-neg");
    let bad = dir.file(
        "bad.ts",
        "import * as zmq from \"zmq\";\nnew zmq.Context().socket(zmq.PUB).setsockopt(zmq.LINGER, \"1000\");\n",
    );
    let out = tsc_run(&dir, &[dts_path(), PathBuf::from(bad)], false);
    assert!(!out.ok(), "tsc accepted a string for LINGER");
    assert!(out.stdout.contains("bad.ts(2,"), "{}", out.stdout);
}

#[test]
fn compiled_sample_runs_under_qjs() {
    let dir = TempDir::new("tsc-emit");
    let files = [
        dts_path(),
        ts_dir().join("qjs-globals.d.ts"),
        ts_dir().join("sample.ts"),
    ];
    let out = tsc_run(&dir, &files, true);
    assert!(out.ok(), "tsc failed:\n{}{}", out.stdout, out.stderr);
    let js = dir.path().join("out/sample.js");
    assert!(js.exists(), "tsc wrote no {}", js.display());
    let out = run::run(run::command(Engine::Qjs, &["out/sample.js"], dir.path()), None);
    out.assert_ok("the compiled sample");
    assert_eq!(out.stdout, "sample ok\n");
}
