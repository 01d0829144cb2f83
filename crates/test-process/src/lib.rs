//! Child processes in tests: start a command with its output captured, wait
//! for it with a timeout that only turns a hang into a failure, and keep what
//! it printed; find the repository and the loadable `zmq.so` a stock
//! `lua5.4` needs. Used by the runners' tests (`qjs`, `zlua`), `doc-tests`
//! and the integration tests.

use std::io::{Read, Write};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// The repository's root directory.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// The directory holding `zmq.so` for a stock `lua5.4`, built once per test
/// process by scripts/lua/build-module.sh (which serialises concurrent builds
/// and is a no-op when nothing changed).
pub fn lua_module_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let script = repo_root().join("scripts/lua/build-module.sh");
        let out = Command::new("bash").arg(&script).output().expect("run scripts/lua/build-module.sh");
        assert!(out.status.success(), "scripts/lua/build-module.sh failed:\n{}", String::from_utf8_lossy(&out.stderr));
        let so = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
        assert!(so.exists(), "{} missing", so.display());
        so.parent().unwrap().to_path_buf()
    })
}

/// `lua5.4` with `LUA_CPATH` reaching the `zmq.so` of [`lua_module_dir`].
pub fn lua54_command() -> Command {
    let mut cmd = Command::new("lua5.4");
    cmd.env("LUA_CPATH", format!("{}/?.so;;", lua_module_dir().display()));
    cmd
}

/// The stock Lua interpreters the loadable module is built for.
pub const LUA_VERSIONS: [&str; 5] = ["5.1", "5.2", "5.3", "5.4", "luajit"];

/// The directory holding `zmq.so` for Lua `version` (one of [`LUA_VERSIONS`]),
/// built once per test process by `scripts/lua/build-module.sh --lua VERSION`
/// (`target/lua/VERSION`; a no-op when nothing changed).
pub fn lua_version_dir(version: &str) -> &'static Path {
    static DIRS: [OnceLock<PathBuf>; 5] = [const { OnceLock::new() }; 5];
    let i = LUA_VERSIONS.iter().position(|v| *v == version).unwrap_or_else(|| panic!("unknown Lua version {version}"));
    DIRS[i].get_or_init(|| {
        let script = repo_root().join("scripts/lua/build-module.sh");
        let out = Command::new("bash").arg(&script).args(["--lua", version]).output().expect("run build-module.sh");
        assert!(
            out.status.success(),
            "scripts/lua/build-module.sh --lua {version} failed:\n{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let so = PathBuf::from(String::from_utf8(out.stdout).unwrap().trim());
        assert!(so.exists(), "{} missing", so.display());
        so.parent().unwrap().to_path_buf()
    })
}

/// The stock interpreter of Lua `version` (`lua5.1`, ..., `luajit`) with
/// `LUA_CPATH` reaching the `zmq.so` of [`lua_version_dir`].
pub fn lua_command(version: &str) -> Command {
    let dir = lua_version_dir(version);
    let mut cmd = Command::new(if version == "luajit" { "luajit".to_string() } else { format!("lua{version}") });
    cmd.env("LUA_CPATH", format!("{}/?.so;;", dir.display()));
    cmd
}

/// How a finished process ended and what it printed.
#[derive(Debug)]
pub struct Outcome {
    /// The exit status, if it exited.
    pub code: Option<i32>,
    /// The signal that ended it, if one did.
    pub signal: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Outcome {
    /// True for exit status 0.
    pub fn ok(&self) -> bool {
        self.code == Some(0)
    }

    /// Panics with everything the process printed unless it exited with 0.
    pub fn assert_ok(&self, what: &str) {
        assert!(self.ok(), "{what} failed: {self:#?}");
    }

    /// The status as a shell reports it: the exit code, or 128 + the signal.
    pub fn status(&self) -> i32 {
        self.code.unwrap_or_else(|| 128 + self.signal.unwrap_or(0))
    }
}

/// Start `cmd` with stdout and stderr piped (stdin as the command has it).
pub fn spawn(mut cmd: Command) -> Child {
    cmd.stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {cmd:?}: {e}"))
}

/// Wait for `child`, reading its output meanwhile (so a chatty child cannot
/// fill a pipe and stall); kill it and panic after `timeout`.
pub fn finish(mut child: Child, timeout: Duration) -> Outcome {
    let reader = |r: Option<Box<dyn Read + Send>>| {
        std::thread::spawn(move || {
            let mut s = String::new();
            if let Some(mut r) = r {
                let mut bytes = Vec::new();
                let _ = r.read_to_end(&mut bytes);
                s = String::from_utf8_lossy(&bytes).into_owned();
            }
            s
        })
    };
    let t_out = reader(child.stdout.take().map(|o| Box::new(o) as Box<dyn Read + Send>));
    let t_err = reader(child.stderr.take().map(|e| Box::new(e) as Box<dyn Read + Send>));
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for a child") {
            break st;
        }
        if start.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            let stdout = t_out.join().unwrap_or_default();
            let stderr = t_err.join().unwrap_or_default();
            panic!("timed out after {timeout:?}\nstdout:\n{stdout}\nstderr:\n{stderr}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Outcome {
        code: status.code(),
        signal: status.signal(),
        stdout: t_out.join().unwrap_or_default(),
        stderr: t_err.join().unwrap_or_default(),
    }
}

/// Run `cmd` to the end, with `input` (if any) written to its stdin from a
/// thread of its own (a script that does not read cannot block the test).
pub fn run(mut cmd: Command, input: Option<&str>, timeout: Duration) -> Outcome {
    if input.is_some() {
        cmd.stdin(Stdio::piped());
    }
    let mut child = spawn(cmd);
    if let Some(input) = input {
        let mut stdin = child.stdin.take().expect("piped stdin");
        let input = input.to_string();
        std::thread::spawn(move || {
            let _ = stdin.write_all(input.as_bytes());
        });
    }
    finish(child, timeout)
}

/// A fresh temporary directory (for scripts and `ipc://` endpoints), removed on drop.
pub struct TempDir(std::path::PathBuf);

impl TempDir {
    /// `$TMPDIR/<tag>-<pid>-<n>`, unique within and across test processes.
    pub fn new(tag: &str) -> TempDir {
        use std::sync::atomic::{AtomicUsize, Ordering};
        static N: AtomicUsize = AtomicUsize::new(0);
        let dir = std::env::temp_dir().join(format!(
            "{tag}-{}-{}",
            std::process::id(),
            N.fetch_add(1, Ordering::SeqCst)
        ));
        std::fs::create_dir_all(&dir).unwrap();
        TempDir(dir)
    }

    /// The directory.
    pub fn path(&self) -> &std::path::Path {
        &self.0
    }

    /// Write `text` to `name` in the directory; returns its path.
    pub fn file(&self, name: &str, text: &str) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, text).unwrap();
        p.to_string_lossy().into_owned()
    }

    /// `ipc://<dir>/<name>`.
    pub fn ipc(&self, name: &str) -> String {
        format!("ipc://{}", self.0.join(name).display())
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
