//! Seeded fuzzing of each engine's whole API (issue #7, "Bad input"):
//! tests/scripts/js/fuzz.js and tests/scripts/lua/fuzz.lua call every
//! function and method — module functions, Context (options included),
//! Socket, Poller, proxy, and in Lua socket monitors, the coroutine
//! scheduler and the ratchet shim — with random argument kinds (undefined/nil, null, NaN, ±Infinity,
//! huge and negative numbers, out-of-range BigInts, symbols, objects with
//! throwing conversions, functions, 100 kB strings, strings with \0 and
//! invalid UTF-8, wrong socket types, closed sockets, terminated contexts,
//! unknown option names), at least 10,000 calls per run. Each call must work
//! or throw a catchable error; the process must be alive (and working) at
//! the end. A crash (libzmq abort, segfault) fails the test with the last
//! calls the script described on stderr.
//!
//! Seeds: fixed per test, so runs are reproducible; `ZMQ_FUZZ_SEED=<n>`
//! replaces them (`ZMQ_FUZZ_SEED=random` draws one and prints it), and
//! `ZMQ_FUZZ_CALLS=<n>` changes the number of calls:
//!
//! ```sh
//! ZMQ_FUZZ_SEED=random cargo test -p integration-tests --test fuzz -- --nocapture
//! ```

use integration_tests::{Engine, TempDir};

const DEFAULT_CALLS: u64 = 12_000;

fn seed(default: u64) -> u64 {
    match std::env::var("ZMQ_FUZZ_SEED") {
        Ok(s) if s == "random" => {
            let t = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
            (t.as_nanos() as u64 ^ std::process::id() as u64) % 4_000_000_000
        }
        Ok(s) => s.parse().unwrap_or_else(|_| panic!("ZMQ_FUZZ_SEED={s:?} is not a number or \"random\"")),
        Err(_) => default,
    }
}

fn fuzz(engine: Engine, default_seed: u64) {
    let seed = seed(default_seed);
    let calls: u64 =
        std::env::var("ZMQ_FUZZ_CALLS").ok().map(|s| s.parse().expect("ZMQ_FUZZ_CALLS")).unwrap_or(DEFAULT_CALLS);
    let dir = TempDir::new("fuzz");
    println!(
        "fuzz: {} seed {seed}, {calls} calls (reproduce: ZMQ_FUZZ_SEED={seed} cargo test -p integration-tests --test fuzz)",
        engine.name()
    );
    let out = engine.run("fuzz", &[&seed.to_string(), &calls.to_string(), &dir.path().display().to_string()]);
    assert!(
        out.ok(),
        "{} fuzzing with seed {seed} failed (reproduce: ZMQ_FUZZ_SEED={seed} cargo test -p integration-tests --test fuzz); \
         the last lines of stderr name the calls: {}",
        engine.name(),
        out.describe()
    );
    let done = out.line("fuzz done");
    assert!(done.starts_with(&format!("calls={calls} ")), "{}", out.describe());
    println!("{} {}", out.line("errors by kind:"), done);
}

#[test]
fn qjs_fuzz_seed_a() {
    fuzz(Engine::Qjs, 1);
}

#[test]
fn qjs_fuzz_seed_b() {
    fuzz(Engine::Qjs, 2_718_281_828);
}

#[test]
fn zlua_fuzz_seed_a() {
    fuzz(Engine::Zlua, 1);
}

#[test]
fn zlua_fuzz_seed_b() {
    fuzz(Engine::Zlua, 3_141_592_653);
}

#[test]
fn lua54_fuzz() {
    fuzz(Engine::Lua54, 1_414_213_562);
}
