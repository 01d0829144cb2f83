//! # doc-tests: the docs cannot rot
//!
//! Helpers for the tests in `tests/`, which
//!
//! | test | checks |
//! |---|---|
//! | `docs.rs` | every ```` ```js ```` block of README.md and docs/*.md runs under `qjs`, every ```` ```lua ```` block under `zlua` and `lua5.4` + `zmq.so`, exit status 0 and the output the doc shows; mirrored files are identical; relative links resolve |
//! | `examples.rs` | scripts/examples and scripts/lua/examples (and the spec's server/subscriber/producer) as separate processes talking to each other |
//! | `event_loop.rs` | the missed-edge bug: a naive `if` handler leaves messages unread, the `while` handler drains them all |
//! | `embedding.rs` | every ```` ```rust ```` block of docs/embedding.md compiles (see `build.rs`) and its `main` returns `Ok` |
//! | `typescript.rs` | modules/quickjs/zmq.d.ts: generated part up to date, names match the module, `tsc --strict` accepts the sample and rejects wrong calls, the compiled sample runs under `qjs` |
//!
//! ## Markers in the markdown
//!
//! | fence | meaning |
//! |---|---|
//! | ```` ```js ```` / ```` ```lua ```` | a complete script: run it (in a fresh temporary directory) |
//! | ```` ```text output ```` | what the closest runnable block above prints on stdout; a line may use `[..]` for "any text" |
//! | ```` ```js file=scripts/server.js ```` | must be identical to that file (which a test in `examples.rs` runs) |
//! | ```` ```js excerpt ```` | lines that appear, in order, in a runnable block of the same page (or in `excerpt=PATH`) |
//! | ```` ```js stdin=NAME ```` | run with the page's ```` ```text stdin=NAME ```` block as standard input |
//! | ```` ```rust ```` | (docs/embedding.md) a complete program, compiled and run by `embedding.rs` |
//!
//! Runnable blocks may bind only `inproc://`, `ipc://` (relative: the temporary
//! directory) or `tcp://127.0.0.1:*`; a fixed TCP port fails the test.

pub mod dts;
pub mod markdown;
pub mod run;

/// The repository root.
pub use test_process::repo_root;
