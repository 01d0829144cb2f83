//! Runs every implementation through the same perf roles, side by side in
//! one process tree, and prints medians with their ratio to the native
//! baseline measured in the same run.
//!
//! Pinned mode (`--pinned`): the receiving side (thr-recv, lat-rep, both
//! inproc roles) runs on core 0 and the sending side on core 1, each process
//! with its libzmq I/O thread, so the binding's per-call cost is not hidden by
//! a spare core; a C program on the system libzmq (`c/perf.c`, the protocol
//! of libzmq's local_thr/remote_thr and local_lat/remote_lat) joins the run
//! and every figure gets its ratio to C next to its ratio to native.

use crate::protocol::{parse, Measure};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// One implementation: a command prefix that takes `<role> <args...>`.
pub struct Impl {
    pub name: &'static str,
    program: PathBuf,
    prefix: Vec<String>,
    env: Vec<(String, String)>,
}

/// The name of the C baseline of the pinned mode.
const C_BASELINE: &str = "C";

impl Impl {
    fn command(&self, role: &str, args: &[String], core: Option<usize>) -> Command {
        let mut c = Command::new(&self.program);
        c.args(&self.prefix).arg(role).args(args);
        for (k, v) in &self.env {
            c.env(k, v);
        }
        c.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        if let Some(core) = core {
            pin(&mut c, core);
        }
        c
    }
}

/// Run the child on `core` only (it and every thread it starts, libzmq's included).
fn pin(c: &mut Command, core: usize) {
    use std::os::unix::process::CommandExt;
    // SAFETY: the hook runs in the forked child before exec and only calls
    // async-signal-safe libc functions on a local, zeroed cpu_set_t.
    unsafe {
        c.pre_exec(move || {
            let mut set: libc::cpu_set_t = std::mem::zeroed();
            libc::CPU_SET(core, &mut set);
            if libc::sched_setaffinity(0, std::mem::size_of::<libc::cpu_set_t>(), &set) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
}

/// The core a role runs on in pinned mode: receivers (and both inproc ends) on 0, senders on 1.
fn core_of(role: &str) -> usize {
    match role {
        "thr-send" | "lat-req" => 1,
        _ => 0,
    }
}

/// Build `c/perf.c` against the system libzmq (`cc ... -lzmq`, from libzmq3-dev) into
/// `target/zmq-bench-c/perf`; `None` (with the reason on stderr) if that fails.
fn build_c_baseline(root: &Path) -> Option<PathBuf> {
    let src = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("c/perf.c");
    let dir = root.join("target/zmq-bench-c");
    let out = dir.join("perf");
    std::fs::create_dir_all(&dir).ok()?;
    let cc = std::env::var("CC").unwrap_or_else(|_| "cc".into());
    match Command::new(&cc).args(["-O2", "-o"]).arg(&out).arg(&src).arg("-lzmq").output() {
        Ok(o) if o.status.success() => Some(out),
        Ok(o) => {
            eprintln!("C baseline left out ({cc} {}): {}", src.display(), String::from_utf8_lossy(&o.stderr).trim());
            None
        }
        Err(e) => {
            eprintln!("C baseline left out: cannot run {cc}: {e}");
            None
        }
    }
}

/// Options of one `run`.
pub struct Plan {
    pub impls: Vec<String>,
    pub transports: Vec<String>,
    pub sizes: Vec<usize>,
    pub tests: Vec<String>,
    pub repeat: usize,
    pub scale: f64,
    pub extras: bool,
    /// Receiver on core 0, sender on core 1, with the C baseline (see the module doc).
    pub pinned: bool,
}

/// The implementations that exist on this machine, baseline first.
pub fn implementations(root: &Path) -> Vec<Impl> {
    let me = std::env::current_exe().expect("own path");
    let release = root.join("target/release");
    let mut v = vec![
        Impl { name: "native", program: me.clone(), prefix: vec!["native".into()], env: vec![] },
        Impl { name: "libzmq-C", program: me, prefix: vec!["libzmq".into()], env: vec![] },
    ];
    let script = |p: &str| root.join(p).to_string_lossy().into_owned();
    if release.join("qjs").exists() {
        v.push(Impl { name: "qjs", program: release.join("qjs"), prefix: vec![script("scripts/bench/perf.js")], env: vec![] });
        // The same roles with the receiving side on the Promise API (recv_async...), side by side.
        v.push(Impl {
            name: "qjs-async",
            program: release.join("qjs"),
            prefix: vec![script("scripts/bench/perf.js"), "--async".into()],
            env: vec![],
        });
    }
    if release.join("qjs").exists() {
        // Receiving into one reused Uint8Array (recv_into), side by side.
        v.push(Impl {
            name: "qjs-recv_into",
            program: release.join("qjs"),
            prefix: vec![script("scripts/bench/perf.js"), "--into".into()],
            env: vec![],
        });
    }
    if release.join("zlua").exists() {
        v.push(Impl { name: "zlua", program: release.join("zlua"), prefix: vec![script("scripts/bench/perf.lua")], env: vec![] });
        v.push(Impl {
            name: "zlua-recv_into",
            program: release.join("zlua"),
            prefix: vec![script("scripts/bench/perf.lua"), "--into".into()],
            env: vec![],
        });
    }
    let so = root.join("target/lua/zmq.so");
    if so.exists() && which("lua5.4") {
        v.push(Impl {
            name: "lua5.4+zmq.so",
            program: "lua5.4".into(),
            prefix: vec![script("scripts/bench/perf.lua")],
            env: vec![("LUA_CPATH".into(), format!("{}/?.so", root.join("target/lua").display()))],
        });
    }
    // The same module for LuaJIT and Lua 5.1 (scripts/lua/build-module.sh --lua luajit / 5.1).
    for (name, interp, dir) in [("luajit+zmq.so", "luajit", "target/lua/luajit"), ("lua5.1+zmq.so", "lua5.1", "target/lua/5.1")] {
        let dir = root.join(dir);
        if dir.join("zmq.so").exists() && which(interp) {
            v.push(Impl {
                name,
                program: interp.into(),
                prefix: vec![script("scripts/bench/perf.lua")],
                env: vec![("LUA_CPATH".into(), format!("{}/?.so", dir.display()))],
            });
        }
    }
    let python = Path::new("/usr/bin/python3");
    if python.exists() && Command::new(python).args(["-c", "import zmq"]).status().map(|s| s.success()).unwrap_or(false) {
        v.push(Impl { name: "pyzmq", program: python.into(), prefix: vec![script("scripts/bench/perf.py")], env: vec![] });
    }
    v
}

fn which(program: &str) -> bool {
    Command::new("sh").args(["-c", &format!("command -v {program}")]).stdout(Stdio::null()).status().map(|s| s.success()).unwrap_or(false)
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).unwrap_or(47000)
}

/// Wait for a child with a deadline; kill it if it runs over. Returns (stdout, max RSS in KiB).
fn finish(mut child: Child, deadline: Instant) -> Result<(String, i64), String> {
    loop {
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        let pid = unsafe { libc::wait4(child.id() as i32, &mut status, libc::WNOHANG, &mut usage) };
        if pid > 0 {
            let mut out = String::new();
            let mut err = String::new();
            if let Some(mut o) = child.stdout.take() {
                let _ = o.read_to_string(&mut out);
            }
            if let Some(mut e) = child.stderr.take() {
                let _ = e.read_to_string(&mut err);
            }
            if !(libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0) {
                // The error is usually the first line, a traceback may follow.
                let first = err.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
                return Err(format!("failed (status {status:#x}): {first}"));
            }
            return Ok((out, usage.ru_maxrss));
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return Err("timed out".into());
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

fn spawn(imp: &Impl, role: &str, args: &[String]) -> Result<Child, String> {
    spawn_on(imp, role, args, false)
}

fn spawn_on(imp: &Impl, role: &str, args: &[String], pinned: bool) -> Result<Child, String> {
    let core = pinned.then(|| core_of(role));
    imp.command(role, args, core).spawn().map_err(|e| format!("cannot start {}: {e}", imp.name))
}

/// Counts per message size, before scaling.
fn count(test: &str, size: usize) -> u64 {
    match (test, size) {
        ("thr", s) if s <= 100 => 1_000_000,
        ("thr", s) if s <= 1024 => 300_000,
        ("thr", _) => 20_000,
        (_, s) if s <= 1024 => 20_000,
        _ => 5_000,
    }
}

/// One measurement of `imp`.
fn measure(imp: &Impl, test: &str, transport: &str, size: usize, n: u64, pinned: bool) -> Result<Measure, String> {
    let timeout = Duration::from_secs(120);
    let deadline = Instant::now() + timeout;
    let sz = size.to_string();
    let cnt = n.to_string();
    if transport == "inproc" {
        let role = format!("{test}-inproc");
        let mut args = vec![sz, cnt];
        if test == "thr" {
            args.push(crate::protocol::inproc_thr_hwm(size).to_string());
        }
        let (out, _) = finish(spawn_on(imp, &role, &args, pinned)?, deadline)?;
        return parse(&out).ok_or_else(|| format!("no result in {out:?}"));
    }
    let endpoint = match transport {
        "tcp" => format!("tcp://127.0.0.1:{}", free_port()),
        _ => format!("ipc:///tmp/zmq-bench-{}-{}.sock", std::process::id(), free_port()),
    };
    let args = vec![endpoint, sz, cnt];
    let (server_role, client_role) = if test == "thr" { ("thr-recv", "thr-send") } else { ("lat-rep", "lat-req") };
    let server = spawn_on(imp, server_role, &args, pinned)?;
    std::thread::sleep(Duration::from_millis(100));
    let client = spawn_on(imp, client_role, &args, pinned)?;
    let client_out = finish(client, deadline);
    let server_out = finish(server, deadline);
    let out = if test == "thr" { server_out?.0 } else { client_out?.0 };
    parse(&out).ok_or_else(|| format!("no result in {out:?}"))
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap());
    v[v.len() / 2]
}

fn human(rate: f64) -> String {
    if rate >= 1e6 {
        format!("{:.2}M", rate / 1e6)
    } else if rate >= 1e3 {
        format!("{:.0}k", rate / 1e3)
    } else {
        format!("{rate:.0}")
    }
}

/// Run the plan and print markdown tables.
pub fn run(root: &Path, plan: &Plan) {
    let mut all = implementations(root);
    let wants_c = plan.pinned || plan.impls.iter().any(|p| p == C_BASELINE);
    if wants_c {
        if let Some(program) = build_c_baseline(root) {
            all.insert(1, Impl { name: C_BASELINE, program, prefix: vec![], env: vec![] });
        }
    }
    let impls: Vec<Impl> = all
        .into_iter()
        .filter(|i| match i.name {
            "native" | C_BASELINE => true, // C is only in the list when wanted
            name => plan.impls.is_empty() || plan.impls.iter().any(|p| p == name),
        })
        .collect();
    if plan.pinned && std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1) < 2 {
        eprintln!("--pinned needs two cores");
        std::process::exit(2);
    }
    let has_c = impls.iter().any(|i| i.name == C_BASELINE);
    println!("{}", machine());
    println!("Implementations: {}", impls.iter().map(|i| i.name).collect::<Vec<_>>().join(", "));
    if plan.pinned {
        println!("Pinned: receivers (thr-recv, lat-rep, inproc) on core 0, senders on core 1, each process with its libzmq I/O thread.");
    }
    let ratios = if plan.pinned && has_c { "ratio to C · ratio to native" } else { "ratio to native" };
    println!("Each figure is the median of {} runs; ratios ({ratios}) are to figures measured in the same run.\n", plan.repeat);
    // (test, transport, size, implementation) → median, for the async summary.
    let mut medians: Vec<(String, String, usize, &'static str, f64)> = Vec::new();
    for test in &plan.tests {
        let better = if test == "thr" { "higher is better" } else { "lower is better" };
        let unit = if test == "thr" { "msg/s" } else { "µs per round trip" };
        println!("### {} — {unit} ({ratios}, {better})\n", if test == "thr" { "Throughput, PUSH → PULL" } else { "Latency, REQ ↔ REP" });
        print!("| transport | size |");
        for i in &impls {
            print!(" {} |", i.name);
        }
        println!();
        println!("|---|---|{}", "---|".repeat(impls.len()));
        for transport in &plan.transports {
            for &size in &plan.sizes {
                let n = ((count(test, size) as f64 * plan.scale) as u64).max(100);
                print!("| {transport} | {size} |");
                let (mut native, mut c) = (None, None);
                for imp in &impls {
                    let mut values = Vec::new();
                    let mut error = None;
                    for _ in 0..plan.repeat {
                        // One retry: the free port a run picked can be taken before it binds.
                        let once = || measure(imp, test, transport, size, n, plan.pinned);
                        match once().or_else(|_| once()) {
                            Ok(Measure::Throughput(rate, _)) => values.push(rate),
                            Ok(Measure::Latency(us)) => values.push(us),
                            Err(e) => {
                                error = Some(e);
                                break;
                            }
                        }
                    }
                    if let Some(e) = error {
                        eprintln!("{} {test} {transport} {size}: {e}", imp.name);
                        print!(" error |");
                        continue;
                    }
                    let m = median(values);
                    medians.push((test.clone(), transport.clone(), size, imp.name, m));
                    let shown = if test == "thr" { human(m) } else { format!("{m:.1}") };
                    match imp.name {
                        "native" => native = Some(m),
                        C_BASELINE => c = Some(m),
                        _ => {}
                    }
                    let to_native = native.filter(|_| imp.name != "native").map(|b| format!("{:.2}", m / b));
                    let to_c = c.filter(|_| plan.pinned && imp.name != C_BASELINE).map(|b| format!("{:.2}", m / b));
                    match (to_c, to_native) {
                        (Some(rc), Some(rn)) => print!(" {shown} ({rc} · {rn}) |"),
                        (Some(r), None) | (None, Some(r)) => print!(" {shown} ({r}) |"),
                        (None, None) => print!(" {shown} |"),
                    }
                }
                println!();
            }
        }
        println!();
    }
    async_summary(&medians);
    if plan.extras {
        extras(root, &impls, plan.scale);
    }
}

/// qjs's Promise API against its blocking calls, row by row (issue 11's ratio).
fn async_summary(medians: &[(String, String, usize, &'static str, f64)]) {
    let find = |t: &str, tr: &str, sz: usize, name: &str| {
        medians.iter().find(|m| m.0 == t && m.1 == tr && m.2 == sz && m.3 == name).map(|m| m.4)
    };
    let rows: Vec<String> = medians
        .iter()
        .filter(|m| m.3 == "qjs")
        .filter_map(|m| {
            let a = find(&m.0, &m.1, m.2, "qjs-async")?;
            // Throughput: async / blocking; latency: blocking / async, so that higher is better in both.
            let ratio = if m.0 == "thr" { a / m.4 } else { m.4 / a };
            Some(format!("| {} | {} | {} | {ratio:.2} |", if m.0 == "thr" { "throughput" } else { "latency" }, m.1, m.2))
        })
        .collect();
    if rows.is_empty() {
        return;
    }
    println!("### qjs Promise API against blocking calls, same run (speed ratio, higher is better)\n");
    println!("| test | transport | size | qjs-async / qjs |\n|---|---|---|---|");
    for r in rows {
        println!("{r}");
    }
    println!();
}

/// Memory growth over many messages and start-up time.
fn extras(root: &Path, impls: &[Impl], scale: f64) {
    println!("### Memory: max RSS after 10k vs 1M 100-byte REQ/REP round trips (inproc, one process, one message in flight)\n");
    println!("| implementation | RSS 10k (MiB) | RSS 1M (MiB) | growth (MiB) |\n|---|---|---|---|");
    let big = ((1_000_000.0 * scale) as u64).max(10_000);
    for imp in impls {
        let rss = |n: u64| -> Result<i64, String> {
            // Steady state: one message in flight, so growth means a leak, not a queue.
            let child = spawn(imp, "lat-inproc", &["100".into(), n.to_string()])?;
            finish(child, Instant::now() + Duration::from_secs(120)).map(|(_, r)| r)
        };
        match (rss(10_000), rss(big)) {
            (Ok(a), Ok(b)) => println!("| {} | {:.1} | {:.1} | {:.1} |", imp.name, a as f64 / 1024.0, b as f64 / 1024.0, (b - a) as f64 / 1024.0),
            (Err(e), _) | (_, Err(e)) => println!("| {} | error: {e} | | |", imp.name),
        }
    }
    many_pending(root, impls);
    println!("\n### Start-up: empty script, median of 20 runs\n");
    println!("| command | ms |\n|---|---|");
    for imp in impls {
        let cmd: Option<Launch> = match imp.name {
            "qjs" | "zlua" => Some((imp.program.clone(), vec!["-e".into(), "".into()], vec![])),
            "lua5.4+zmq.so" | "luajit+zmq.so" | "lua5.1+zmq.so" => Some((imp.program.clone(), vec!["-e".into(), "require 'zmq'".into()], imp.env.clone())),
            "pyzmq" => Some((imp.program.clone(), vec!["-c".into(), "import zmq".into()], vec![])),
            _ => None,
        };
        let Some((program, args, env)) = cmd else { continue };
        let mut times = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            let ok = Command::new(&program).args(&args).envs(env.iter().cloned()).stdout(Stdio::null()).stderr(Stdio::null()).status().map(|s| s.success()).unwrap_or(false);
            if !ok {
                break;
            }
            times.push(t.elapsed().as_secs_f64() * 1000.0);
        }
        if times.len() == 20 {
            println!("| {} {} | {:.2} |", program.file_name().unwrap_or_default().to_string_lossy(), args.join(" "), median(times));
        }
    }
    println!();
}

/// A program, its arguments and extra environment.
type Launch = (PathBuf, Vec<String>, Vec<(String, String)>);

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("model name")).map(|l| l.split(':').nth(1).unwrap_or("").trim().to_string()))
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default();
    let (a, b, c) = zmq_script::version();
    format!("Machine: {cpu}, {cores} cores, Linux {}, libzmq {a}.{b}.{c}", kernel.trim())
}

/// qjs's Promise API with 10,000 receives pending at once: on one socket, and
/// spread over 1,000 (scripts/bench/async-many.js), median of 3 runs each, with
/// the process's maximum RSS.
fn many_pending(root: &Path, impls: &[Impl]) {
    let Some(qjs) = impls.iter().find(|i| i.name == "qjs") else { return };
    println!("\n### Pending operations: 10,000 `recv_async()` pending at once (inproc), µs per completed operation\n");
    println!("| sockets | µs per operation | ratio to 1 socket | max RSS (MiB) |\n|---|---|---|---|");
    let script = root.join("scripts/bench/async-many.js");
    let mut base = None;
    for sockets in [1, 1000] {
        let mut values = Vec::new();
        let mut rss = Vec::new();
        for _ in 0..3 {
            let child = Command::new(&qjs.program)
                .arg(&script)
                .arg(sockets.to_string())
                .arg("10000")
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn();
            let out = child.map_err(|e| e.to_string()).and_then(|c| finish(c, Instant::now() + Duration::from_secs(120)));
            let us = out.ok().and_then(|(text, max_rss)| {
                rss.push(max_rss as f64 / 1024.0);
                text.lines().find_map(|l| l.strip_prefix("MANY ")?.split(' ').nth(2)?.parse::<f64>().ok())
            });
            match us {
                Some(us) => values.push(us),
                None => break,
            }
        }
        if values.len() < 3 {
            println!("| {sockets} | error | | |");
            continue;
        }
        let m = median(values);
        let ratio = base.map(|b: f64| format!("{:.2}", m / b)).unwrap_or_else(|| "1.00".into());
        base.get_or_insert(m);
        println!("| {sockets} | {m:.2} | {ratio} | {:.1} |", median(rss));
    }
}
