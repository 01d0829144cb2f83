//! `zmq-bench`: side-by-side ZeroMQ benchmarks of every binding.
//!
//! - `zmq-bench run [--quick] [--pinned] [--repeat N] [--impl a,b] [--transport tcp,ipc,inproc]
//!   [--size 1,100,1024,65536] [--test thr,lat] [--no-extras]`
//! - `zmq-bench native <role> <args...>` / `zmq-bench libzmq <role> <args...>`:
//!   one perf role (see [`protocol`]), used by `run`.

mod libzmq;
mod native;
mod protocol;
mod runner;

use std::path::PathBuf;

fn list(v: Option<String>, default: &[&str]) -> Vec<String> {
    v.map(|s| s.split(',').map(str::to_string).collect()).unwrap_or_else(|| default.iter().map(|s| s.to_string()).collect())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let code = match args.first().map(String::as_str) {
        Some("native") | Some("libzmq") if args.len() >= 2 => {
            let result = if args[0] == "native" {
                native::run(&args[1], &args[2..]).map_err(|e| e.to_string())
            } else {
                libzmq::run(&args[1], &args[2..])
            };
            match result {
                Ok(Some(line)) => {
                    println!("{line}");
                    0
                }
                Ok(None) => 0,
                Err(e) => {
                    eprintln!("{e}");
                    1
                }
            }
        }
        Some("run") => {
            let mut opts = std::collections::HashMap::new();
            let mut quick = false;
            let mut extras = true;
            let mut pinned = false;
            let mut it = args[1..].iter();
            while let Some(a) = it.next() {
                match a.as_str() {
                    "--quick" => quick = true,
                    "--no-extras" => extras = false,
                    "--pinned" => pinned = true,
                    flag if flag.starts_with("--") => {
                        opts.insert(flag.trim_start_matches("--").to_string(), it.next().cloned().unwrap_or_default());
                    }
                    other => {
                        eprintln!("unknown argument {other}");
                        std::process::exit(2);
                    }
                }
            }
            let plan = runner::Plan {
                impls: list(opts.remove("impl"), &[]),
                transports: list(opts.remove("transport"), &["tcp", "ipc", "inproc"]),
                sizes: list(opts.remove("size"), &["1", "100", "1024", "65536"]).iter().filter_map(|s| s.parse().ok()).collect(),
                tests: list(opts.remove("test"), &["thr", "lat"]),
                repeat: opts.remove("repeat").and_then(|s| s.parse().ok()).unwrap_or(if quick { 1 } else { 3 }),
                scale: if quick { 0.1 } else { 1.0 },
                extras,
                pinned,
            };
            let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
            runner::run(&root.canonicalize().unwrap_or(root), &plan);
            0
        }
        _ => {
            eprintln!("usage: zmq-bench run [--quick] [--pinned] [--repeat N] [--impl a,b] [--transport t,..] [--size n,..] [--test thr,lat] [--no-extras]\n       zmq-bench native|libzmq <role> <args...>");
            2
        }
    };
    std::process::exit(code);
}
