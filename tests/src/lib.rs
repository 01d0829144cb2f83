//! Helpers shared by the integration tests of issue #7 (`tests/tests/*.rs`).
//!
//! The tests run the project's runners (`qjs`, `zlua`, and a stock `lua5.4`
//! with `target/lua/zmq.so`) on the scripts under `tests/scripts/`, against
//! peers nobody here wrote (`tests/peers/`: pyzmq under Debian's
//! `/usr/bin/python3`, Perl `ZMQ::FFI`). Every child process runs under a
//! hard timeout: a hang is killed and fails the test. Nothing asserts on
//! speed, only on the bounds the project promises (linger + 1 s at exit,
//! half a second after a signal).
//!
//! Binaries: `qjs` and `zlua` are built by running `cargo build -p qjs -p
//! zlua` into the target directory this test binary lives in (a no-op when
//! they are fresh); `ZMQ_IT_QJS` / `ZMQ_IT_ZLUA` point at other builds
//! instead. `zmq.so` comes from `scripts/lua/build-module.sh`.

use test_process::lua_module_dir;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant};

/// The longest any child process may run before it is killed and the test fails.
/// Only turns a hang into a failure; generous because debug builds on a loaded
/// two-core machine are slow.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// LINGER every socket starts with (docs/design.md): exit may wait this long.
pub const DEFAULT_LINGER: Duration = Duration::from_millis(1000);

/// Issue #7: exit within the documented linger + 1 s.
pub const EXIT_BOUND: Duration = Duration::from_millis(2000);

/// Issue #7: a signal ends a blocking call within half a second.
pub const SIGNAL_BOUND: Duration = Duration::from_millis(500);

/// The repository root.
pub use test_process::repo_root;

/// This crate's directory (`tests/`).
pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/scripts/<dir>/<name>`.
pub fn script_path(dir: &str, name: &str) -> PathBuf {
    crate_dir().join("scripts").join(dir).join(name)
}

/// `tests/peers/<name>`.
pub fn peer_path(name: &str) -> PathBuf {
    crate_dir().join("peers").join(name)
}

// ---------------------------------------------------------------------------
// Binaries
// ---------------------------------------------------------------------------

/// `<target>/<profile>`: where cargo put this test binary (it runs from `<profile>/deps`).
fn profile_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let deps = exe.parent().expect("test binary directory");
    if deps.file_name().is_some_and(|n| n == "deps") {
        deps.parent().unwrap().to_path_buf()
    } else {
        deps.to_path_buf()
    }
}

/// Build qjs and zlua (once per process) into the target directory of this
/// test binary, with its profile, and return that profile directory.
fn built_bins() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let profile = profile_dir();
        let profile_name = profile.file_name().unwrap().to_string_lossy().into_owned();
        let mut target = profile.parent().unwrap().to_path_buf();
        let mut cmd = Command::new(env!("CARGO"));
        cmd.current_dir(repo_root()).args(["build", "-q", "-p", "qjs", "-p", "zlua"]);
        // `<target>/<triple>/<profile>` when a --target was given.
        if !target.join("CACHEDIR.TAG").exists() && target.parent().is_some_and(|p| p.join("CACHEDIR.TAG").exists()) {
            let triple = target.file_name().unwrap().to_string_lossy().into_owned();
            cmd.args(["--target", &triple]);
            target = target.parent().unwrap().to_path_buf();
        }
        cmd.arg("--target-dir").arg(&target);
        match profile_name.as_str() {
            "debug" => {}
            "release" => {
                cmd.arg("--release");
            }
            other => {
                cmd.args(["--profile", other]);
            }
        }
        let out = cmd.output().expect("run cargo build -p qjs -p zlua");
        assert!(out.status.success(), "cargo build -p qjs -p zlua failed:\n{}", String::from_utf8_lossy(&out.stderr));
        profile
    })
}

fn binary(var: &str, name: &str) -> PathBuf {
    if let Some(p) = std::env::var_os(var) {
        return PathBuf::from(p);
    }
    let p = built_bins().join(name);
    assert!(p.exists(), "{} missing after cargo build", p.display());
    p
}

/// The `qjs` runner.
pub fn qjs() -> PathBuf {
    binary("ZMQ_IT_QJS", "qjs")
}

/// The `zlua` runner.
pub fn zlua() -> PathBuf {
    binary("ZMQ_IT_ZLUA", "zlua")
}

// ---------------------------------------------------------------------------
// Engines (our bindings) and peers (other people's)
// ---------------------------------------------------------------------------

/// One way to run a script of ours.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// `qjs script.js`
    Qjs,
    /// `zlua script.lua`
    Zlua,
    /// `LUA_CPATH=target/lua/?.so lua5.4 script.lua`
    Lua54,
    /// `LUA_CPATH=target/lua/5.3/?.so lua5.3 script.lua`
    Lua53,
    /// `LUA_CPATH=target/lua/5.2/?.so lua5.2 script.lua`
    Lua52,
    /// `LUA_CPATH=target/lua/5.1/?.so lua5.1 script.lua`
    Lua51,
    /// `LUA_CPATH=target/lua/luajit/?.so luajit script.lua`
    LuaJit,
}

impl Engine {
    pub const ALL: [Engine; 3] = [Engine::Qjs, Engine::Zlua, Engine::Lua54];

    pub fn name(self) -> &'static str {
        match self {
            Engine::Qjs => "qjs",
            Engine::Zlua => "zlua",
            Engine::Lua54 => "lua5.4",
            Engine::Lua53 => "lua5.3",
            Engine::Lua52 => "lua5.2",
            Engine::Lua51 => "lua5.1",
            Engine::LuaJit => "luajit",
        }
    }

    /// The Lua version of a stock interpreter with its own `zmq.so` other
    /// than 5.4 (`test_process::LUA_VERSIONS`), if this is one.
    pub fn lua_version(self) -> Option<&'static str> {
        match self {
            Engine::Lua53 => Some("5.3"),
            Engine::Lua52 => Some("5.2"),
            Engine::Lua51 => Some("5.1"),
            Engine::LuaJit => Some("luajit"),
            _ => None,
        }
    }

    pub fn is_lua(self) -> bool {
        self != Engine::Qjs
    }

    /// The script `name` (without extension) of this engine's language.
    pub fn script(self, name: &str) -> PathBuf {
        if self.is_lua() {
            script_path("lua", &format!("{name}.lua"))
        } else {
            script_path("js", &format!("{name}.js"))
        }
    }

    /// A command running script `name` with `args`.
    pub fn command(self, name: &str, args: &[&str]) -> Command {
        self.command_for(&self.script(name), args)
    }

    /// A command running the script file `script` with `args`.
    pub fn command_for(self, script: &Path, args: &[&str]) -> Command {
        assert!(script.exists(), "{} missing", script.display());
        let mut cmd = match self {
            Engine::Qjs => Command::new(qjs()),
            Engine::Zlua => Command::new(zlua()),
            Engine::Lua54 => test_process::lua54_command(),
            other => test_process::lua_command(other.lua_version().unwrap_or("5.4")),
        };
        if self.is_lua() {
            cmd.env("LUA_PATH", format!("{}/?.lua;;", script_path("lua", "").display()));
        }
        cmd.arg(script).args(args);
        cmd
    }

    /// Start script `name` with `args`.
    pub fn start(self, name: &str, args: &[&str]) -> Proc {
        Proc::spawn(
            &format!("{} {name}.{}", self.name(), if self.is_lua() { "lua" } else { "js" }),
            self.command(name, args),
        )
    }

    /// Build what this engine needs now (binaries, zmq.so), so that a later
    /// start is immediate (a process started earlier must not time out while
    /// another one's interpreter is being built).
    pub fn prepare(self) {
        match self {
            Engine::Qjs => {
                qjs();
            }
            Engine::Zlua => {
                zlua();
            }
            Engine::Lua54 => {
                lua_module_dir();
            }
            other => {
                test_process::lua_version_dir(other.lua_version().unwrap_or("5.4"));
            }
        }
    }

    /// Run script `name` with `args` to its end.
    pub fn run(self, name: &str, args: &[&str]) -> Outcome {
        self.start(name, args).finish()
    }

    /// How the conformance suite writes its cases in this engine's language.
    pub fn shim(self) -> &'static dyn conformance::Shim {
        if self.is_lua() {
            &conformance::LuaShim
        } else {
            &conformance::JsShim
        }
    }
}

/// A peer written with someone else's binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Peer {
    /// pyzmq under Debian's /usr/bin/python3 (`python3-zmq`)
    Python,
    /// Perl ZMQ::FFI (`libzmq-ffi-perl`)
    Perl,
}

/// Debian's python3, the one with `python3-zmq` (the `python3` on PATH may be a pyenv without it).
pub const PYTHON: &str = "/usr/bin/python3";

impl Peer {
    pub fn name(self) -> &'static str {
        match self {
            Peer::Python => "pyzmq",
            Peer::Perl => "ZMQ::FFI",
        }
    }

    /// Fail loudly (never skip) if the peer's binding is not installed.
    pub fn require(self) {
        static PY: OnceLock<Result<(), String>> = OnceLock::new();
        static PL: OnceLock<Result<(), String>> = OnceLock::new();
        let (cell, cmd, args): (_, &str, &[&str]) = match self {
            Peer::Python => (&PY, PYTHON, &["-c", "import zmq; print(zmq.zmq_version())"]),
            Peer::Perl => (&PL, "perl", &["-MZMQ::FFI", "-e", "print ZMQ::FFI->new->version"]),
        };
        let r = cell.get_or_init(|| match Command::new(cmd).args(args).output() {
            Ok(o) if o.status.success() => Ok(()),
            Ok(o) => Err(String::from_utf8_lossy(&o.stderr).into_owned()),
            Err(e) => Err(e.to_string()),
        });
        if let Err(e) = r {
            panic!(
                "{} is not usable ({cmd} {args:?}: {e}).\nThe test command installs it: run scripts/setup-test-deps.sh (python3-zmq, libzmq-ffi-perl).",
                self.name()
            );
        }
    }

    /// A command running peer script `name` (in tests/peers, `.py` or `.pl`) with `args`.
    pub fn command(self, name: &str, args: &[&str]) -> Command {
        self.require();
        let (prog, file) = match self {
            Peer::Python => (PYTHON, format!("{name}.py")),
            Peer::Perl => ("perl", format!("{name}.pl")),
        };
        let path = peer_path(&file);
        assert!(path.exists(), "{} missing", path.display());
        let mut cmd = Command::new(prog);
        cmd.arg(path).args(args);
        if self == Peer::Python {
            // Unbuffered, so each line reaches the test at once.
            cmd.env("PYTHONUNBUFFERED", "1");
        }
        cmd
    }

    /// Start peer script `name` with `args`.
    pub fn start(self, name: &str, args: &[&str]) -> Proc {
        Proc::spawn(&format!("{} {name}", self.name()), self.command(name, args))
    }
}

// ---------------------------------------------------------------------------
// Child processes
// ---------------------------------------------------------------------------

/// How a child ended.
#[derive(Debug)]
pub struct Outcome {
    pub name: String,
    pub code: Option<i32>,
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
    /// When the exit was seen (polled every few milliseconds).
    pub ended: Instant,
    /// Each stdout line with the time it arrived.
    pub lines: Vec<(Instant, String)>,
}

impl Outcome {
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }

    /// Fail unless the exit status is 0.
    pub fn assert_ok(&self) -> &Self {
        assert!(self.ok(), "{} failed: {}", self.name, self.describe());
        self
    }

    /// Fail unless the exit status is `code`.
    pub fn assert_code(&self, code: i32) -> &Self {
        assert_eq!(self.code, Some(code), "{}: expected exit status {code}: {}", self.name, self.describe());
        self
    }

    /// When the first stdout line starting with `prefix` arrived.
    pub fn line_time(&self, prefix: &str) -> Instant {
        match self.lines.iter().find(|(_, l)| l.starts_with(prefix)) {
            Some((t, _)) => *t,
            None => panic!("{}: no line starting with {prefix:?}: {}", self.name, self.describe()),
        }
    }

    /// The rest of the first stdout line starting with `prefix`.
    pub fn line(&self, prefix: &str) -> &str {
        match self.lines.iter().find_map(|(_, l)| l.strip_prefix(prefix)) {
            Some(rest) => rest.trim(),
            None => panic!("{}: no line starting with {prefix:?}: {}", self.name, self.describe()),
        }
    }

    /// Status and output, for failure messages.
    pub fn describe(&self) -> String {
        let status = match (self.code, self.signal) {
            (Some(c), _) => format!("exit status {c}"),
            (None, Some(s)) => format!("killed by signal {s}"),
            _ => "unknown status".into(),
        };
        format!("{status}\n--- stdout ---\n{}\n--- stderr ---\n{}", tail(&self.stdout, 6000), tail(&self.stderr, 6000))
    }
}

fn tail(s: &str, n: usize) -> &str {
    if s.len() <= n {
        return s;
    }
    let mut i = s.len() - n;
    while !s.is_char_boundary(i) {
        i += 1;
    }
    &s[i..]
}

/// A running child whose stdout lines arrive as they are printed.
pub struct Proc {
    pub name: String,
    child: Option<Child>,
    lines: Receiver<(Instant, String)>,
    seen: Vec<(Instant, String)>,
    /// Lines already handed out by `wait_line`.
    taken: usize,
    stdout_thread: Option<std::thread::JoinHandle<()>>,
    stderr: Arc<Mutex<String>>,
    stderr_thread: Option<std::thread::JoinHandle<()>>,
    started: Instant,
}

impl Proc {
    /// Start `cmd` with stdin closed and stdout/stderr captured.
    pub fn spawn(name: &str, mut cmd: Command) -> Proc {
        cmd.stdin(Stdio::null()).stdout(Stdio::piped()).stderr(Stdio::piped());
        let mut child = cmd.spawn().unwrap_or_else(|e| panic!("cannot start {name} ({cmd:?}): {e}"));
        let stdout = child.stdout.take().unwrap();
        let (tx, lines) = mpsc::channel();
        let stdout_thread = std::thread::spawn(move || {
            let mut r = BufReader::new(stdout);
            let mut buf = Vec::new();
            loop {
                buf.clear();
                match r.read_until(b'\n', &mut buf) {
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        // (Tabs as spaces: Lua's print separates values with tabs.)
                        let line = String::from_utf8_lossy(&buf).trim_end_matches(['\n', '\r']).replace('\t', " ");
                        if tx.send((Instant::now(), line)).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut err_pipe = child.stderr.take().unwrap();
        let sink = stderr.clone();
        let stderr_thread = std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            loop {
                match err_pipe.read(&mut buf) {
                    // (A host-signal test may have a handler without SA_RESTART.)
                    Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().unwrap().push_str(&String::from_utf8_lossy(&buf[..n])),
                }
            }
        });
        Proc {
            name: name.to_string(),
            child: Some(child),
            lines,
            seen: Vec::new(),
            taken: 0,
            stdout_thread: Some(stdout_thread),
            stderr,
            stderr_thread: Some(stderr_thread),
            started: Instant::now(),
        }
    }

    pub fn pid(&self) -> i32 {
        self.child.as_ref().unwrap().id() as i32
    }

    /// Send `sig` to the child.
    pub fn signal(&self, sig: i32) {
        if let Some(c) = &self.child {
            unsafe { libc::kill(c.id() as i32, sig) };
        }
    }

    /// Kill the child at once (SIGKILL) and reap it.
    pub fn kill(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    fn drain(&mut self) {
        while let Ok(l) = self.lines.try_recv() {
            self.seen.push(l);
        }
    }

    /// Wait for the next stdout line starting with `prefix` (lines before it
    /// are skipped); return its time and the rest of the line, trimmed. Fails
    /// (killing the child) after `TIMEOUT` or if the child exits first.
    pub fn wait_line_at(&mut self, prefix: &str) -> (Instant, String) {
        let deadline = self.started + TIMEOUT;
        loop {
            while self.taken < self.seen.len() {
                let (t, l) = &self.seen[self.taken];
                self.taken += 1;
                if let Some(rest) = l.strip_prefix(prefix) {
                    return (*t, rest.trim().to_string());
                }
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left.min(Duration::from_millis(200))) {
                Ok(l) => self.seen.push(l),
                Err(RecvTimeoutError::Timeout) if Instant::now() < deadline => {}
                Err(_) => {
                    // Timed out or stdout closed (the child ended): report everything.
                    self.kill();
                    let out = self.collect();
                    panic!("{}: no stdout line starting with {prefix:?}: {}", self.name, out.describe());
                }
            }
        }
    }

    /// Like [`wait_line_at`](Self::wait_line_at), the text only.
    pub fn wait_line(&mut self, prefix: &str) -> String {
        self.wait_line_at(prefix).1
    }

    /// The child's status if it has exited.
    pub fn try_exit(&mut self) -> Option<std::process::ExitStatus> {
        self.child.as_mut().and_then(|c| c.try_wait().unwrap())
    }

    /// Wait for the exit (at most `TIMEOUT` since the start), then collect the output.
    pub fn finish(self) -> Outcome {
        let deadline = self.started + TIMEOUT;
        self.finish_by(deadline)
    }

    /// Wait for the exit at most `limit` from now; kill and fail after that.
    pub fn finish_within(self, limit: Duration) -> Outcome {
        self.finish_by(Instant::now() + limit)
    }

    fn finish_by(mut self, deadline: Instant) -> Outcome {
        loop {
            if self.try_exit().is_some() {
                break;
            }
            if Instant::now() > deadline {
                self.kill();
                let out = self.collect();
                panic!("{} did not exit in time (killed): {}", self.name, out.describe());
            }
            std::thread::sleep(Duration::from_millis(2));
        }
        self.collect()
    }

    /// Reap (the child must have exited or been killed) and gather the output.
    fn collect(&mut self) -> Outcome {
        use std::os::unix::process::ExitStatusExt;
        let mut child = self.child.take().expect("collected twice");
        let status = child.wait().unwrap();
        let ended = Instant::now();
        if let Some(t) = self.stdout_thread.take() {
            let _ = t.join();
        }
        if let Some(t) = self.stderr_thread.take() {
            let _ = t.join();
        }
        self.drain();
        let stdout = self.seen.iter().map(|(_, l)| l.as_str()).collect::<Vec<_>>().join("\n");
        Outcome {
            name: self.name.clone(),
            code: status.code(),
            signal: status.signal(),
            stdout,
            stderr: std::mem::take(&mut *self.stderr.lock().unwrap()),
            ended,
            lines: std::mem::take(&mut self.seen),
        }
    }
}

impl Drop for Proc {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

/// Wait for all of `procs` to exit (each at most `TIMEOUT`). As soon as one
/// fails, the others get a few seconds and are then killed, and the test
/// fails showing everyone's output. Returns the outcomes in order.
pub fn finish_all(procs: Vec<Proc>) -> Vec<Outcome> {
    let mut procs: Vec<Option<Proc>> = procs.into_iter().map(Some).collect();
    let mut outs: Vec<Option<Outcome>> = procs.iter().map(|_| None).collect();
    let mut grace: Option<Instant> = None;
    loop {
        for i in 0..procs.len() {
            if let Some(p) = &mut procs[i] {
                let timed_out = Instant::now() > p.started + TIMEOUT || grace.is_some_and(|g| Instant::now() > g);
                if p.try_exit().is_some() || timed_out {
                    let mut p = procs[i].take().unwrap();
                    if timed_out {
                        p.kill();
                    }
                    let o = p.collect();
                    if !o.ok() && grace.is_none() {
                        grace = Some(Instant::now() + Duration::from_secs(3));
                    }
                    outs[i] = Some(o);
                }
            }
        }
        if procs.iter().all(|p| p.is_none()) {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let outs: Vec<Outcome> = outs.into_iter().map(|o| o.unwrap()).collect();
    if outs.iter().any(|o| !o.ok()) {
        let all: Vec<String> = outs.iter().map(|o| format!("=== {}: {}", o.name, o.describe())).collect();
        panic!("a process failed:\n{}", all.join("\n"));
    }
    outs
}

// ---------------------------------------------------------------------------
// Temporary directories
// ---------------------------------------------------------------------------

pub use test_process::TempDir;

/// A tcp port on 127.0.0.1 that was free a moment ago (for endpoints a test
/// must know before anyone binds, e.g. an absent peer).
pub fn free_port() -> u16 {
    let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    l.local_addr().unwrap().port()
}

pub mod conformance;
pub mod embed;

/// Who runs a script: one of our engines or someone else's binding.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Ours(Engine),
    Peer(Peer),
}

impl Side {
    pub fn name(self) -> &'static str {
        match self {
            Side::Ours(e) => e.name(),
            Side::Peer(p) => p.name(),
        }
    }

    /// See [`Engine::prepare`]; for a peer, check that its binding is installed.
    pub fn prepare(self) {
        match self {
            Side::Ours(e) => e.prepare(),
            Side::Peer(p) => p.require(),
        }
    }

    /// Start script `name` (tests/scripts/{js,lua}/NAME.* or tests/peers/NAME.{py,pl}).
    pub fn start(self, name: &str, args: &[&str]) -> Proc {
        match self {
            Side::Ours(e) => e.start(name, args),
            Side::Peer(p) => p.start(name, args),
        }
    }
}

/// Start `binder` (which prints "endpoints A B ..."), then `connector` with
/// `connector_args` followed by those endpoints; wait for both to succeed.
pub fn binder_connector(
    binder: Side,
    binder_args: &[&str],
    connector: Side,
    connector_args: &[&str],
    script: &str,
) -> Vec<Outcome> {
    binder.prepare();
    connector.prepare();
    let mut b = binder.start(script, binder_args);
    let eps = b.wait_line("endpoints");
    let mut args: Vec<&str> = connector_args.to_vec();
    args.extend(eps.split_whitespace());
    let c = connector.start(script, &args);
    finish_all(vec![b, c])
}

/// The interop matrix against one foreign peer: for each engine, each
/// pattern (REQ/REP, PUB/SUB, PUSH/PULL, DEALER/ROUTER), our side binding and
/// the peer binding; both sides check every message of the suite byte for byte.
pub fn interop_pattern(peer: Peer, ours_binds: bool, engine: Engine, server: &str, client: &str) {
    let (binder, connector) =
        if ours_binds { (Side::Ours(engine), Side::Peer(peer)) } else { (Side::Peer(peer), Side::Ours(engine)) };
    let outs = binder_connector(binder, &[server], connector, &[client], "interop");
    assert_eq!(outs[0].line("ok"), server, "{}", outs[0].describe());
    assert_eq!(outs[1].line("ok"), client, "{}", outs[1].describe());
}

/// Expands to the tests of [`interop_pattern`] for `$peer`: every pattern for every engine of
/// the `@engines` list (adding an engine to the matrix is one entry there).
#[macro_export]
macro_rules! interop_matrix {
    ($peer:expr) => {
        // Every engine (one module each: `qjs::req_to_peer_rep`...) times every pattern.
        $crate::interop_matrix!(@engines $peer; qjs: Qjs, zlua: Zlua, lua54: Lua54, lua51: Lua51, luajit: LuaJit);
    };
    (@engines $peer:expr; $($module:ident: $engine:ident),*) => {
        $(mod $module {
            $crate::interop_matrix!(@tests $peer, $engine;
                req_to_peer_rep: false, "rep", "req";
                rep_for_peer_req: true, "rep", "req";
                sub_from_peer_pub: false, "pub", "sub";
                pub_to_peer_sub: true, "pub", "sub";
                push_to_peer_pull: false, "pull", "push";
                pull_from_peer_push: true, "pull", "push";
                dealers_to_peer_router: false, "router", "dealer";
                router_for_peer_dealers: true, "router", "dealer";
            );
        })*
    };
    (@tests $peer:expr, $engine:ident; $($name:ident: $ours_binds:expr, $server:literal, $client:literal;)*) => {
        $(#[test] fn $name() {
            $crate::interop_pattern($peer, $ours_binds, $crate::Engine::$engine, $server, $client);
        })*
    };
}
