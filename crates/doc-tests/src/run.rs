//! Running scripts under `qjs`, `zlua` and `lua5.4` + `zmq.so`, with a timeout
//! that only turns a hang into a failure.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Longest any one script may run (none should come close).
pub const TIMEOUT: Duration = Duration::from_secs(60);

/// The three ways to run a script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// `qjs script.js`
    Qjs,
    /// `zlua script.lua`
    Zlua,
    /// `lua5.4 script.lua` with `LUA_CPATH` reaching `target/lua/zmq.so`
    Lua54,
}

impl Engine {
    /// The engines that run a language's scripts.
    pub fn for_lang(lang: crate::markdown::Lang) -> &'static [Engine] {
        match lang {
            crate::markdown::Lang::Js => &[Engine::Qjs],
            crate::markdown::Lang::Lua => &[Engine::Zlua, Engine::Lua54],
        }
    }

    /// File extension of its scripts.
    pub fn ext(self) -> &'static str {
        match self {
            Engine::Qjs => "js",
            Engine::Zlua | Engine::Lua54 => "lua",
        }
    }
}

/// Directory of the workspace binaries built with this test (`target/debug`).
fn bin_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("current_exe");
    let mut dir = exe.parent().expect("exe dir").to_path_buf();
    if dir.ends_with("deps") {
        dir.pop();
    }
    dir
}

/// A workspace binary built next to this test (`cargo test --workspace` and
/// `cargo nextest run --workspace` build `qjs` and `zlua` for their own tests).
pub fn workspace_bin(name: &str) -> PathBuf {
    let path = bin_dir().join(name);
    assert!(
        path.exists(),
        "{} is missing: build it with `cargo build -p {name}` (same profile and target dir), \
         or run the tests with --workspace",
        path.display()
    );
    path
}

/// A command that runs `args` (a script and its arguments) under `engine` in `dir`.
pub fn command(engine: Engine, args: &[&str], dir: &Path) -> Command {
    let mut cmd = match engine {
        Engine::Qjs => Command::new(workspace_bin("qjs")),
        Engine::Zlua => Command::new(workspace_bin("zlua")),
        Engine::Lua54 => test_process::lua54_command(),
    };
    cmd.args(args).current_dir(dir).stdin(Stdio::null());
    cmd
}

/// A command for any program, run in the repository root with stdin closed.
pub fn command_for(program: &Path, args: &[&str]) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args).current_dir(crate::repo_root()).stdin(Stdio::null());
    cmd
}

pub use test_process::{finish, spawn, Outcome};

/// Run `cmd` to the end with `input` (if any) on stdin.
pub fn run(cmd: Command, input: Option<&str>) -> Outcome {
    test_process::run(cmd, input, TIMEOUT)
}

/// Run `source` as a script file under `engine` in a fresh temporary directory.
pub fn run_source(engine: Engine, source: &str, args: &[&str], input: Option<&str>) -> Outcome {
    let dir = TempDir::new("doc");
    let name = format!("main.{}", engine.ext());
    dir.file(&name, source);
    let mut all = vec![name.as_str()];
    all.extend_from_slice(args);
    run(command(engine, &all, dir.path()), input)
}

pub use test_process::TempDir;

/// A running process whose stdout lines arrive on a channel, so a test can
/// wait for a line it printed before going on.
pub struct Running {
    child: Option<Child>,
    lines: mpsc::Receiver<String>,
    stderr: Option<std::thread::JoinHandle<String>>,
    /// Every stdout line received so far.
    pub seen: Vec<String>,
    /// Name for messages.
    pub name: String,
}

impl Running {
    /// Start `cmd` (stdin as configured on it).
    pub fn start(name: &str, mut cmd: Command) -> Running {
        let mut child = cmd
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let stdout = child.stdout.take().unwrap();
        let mut stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr = std::thread::spawn(move || {
            let mut s = String::new();
            let _ = stderr.read_to_string(&mut s);
            s
        });
        Running {
            child: Some(child),
            lines,
            stderr: Some(stderr),
            seen: Vec::new(),
            name: name.to_string(),
        }
    }

    /// The child's stdin (if it was piped).
    pub fn stdin(&mut self) -> Option<std::process::ChildStdin> {
        self.child.as_mut().and_then(|c| c.stdin.take())
    }

    /// Wait for a line containing `text`; returns it. Fails after [`TIMEOUT`].
    pub fn wait_for(&mut self, text: &str) -> String {
        let start = Instant::now();
        loop {
            if let Some(l) = self.seen.iter().find(|l| l.contains(text)) {
                return l.clone();
            }
            let left = TIMEOUT.checked_sub(start.elapsed()).unwrap_or_default();
            match self.lines.recv_timeout(left) {
                Ok(line) => self.seen.push(line),
                Err(_) => {
                    let out = self.kill_and_collect();
                    panic!(
                        "{}: no line containing {text:?}; stdout {:?}; {out}",
                        self.name, self.seen
                    )
                }
            }
        }
    }

    /// Take the lines printed so far without waiting.
    pub fn drain(&mut self) {
        while let Ok(line) = self.lines.try_recv() {
            self.seen.push(line);
        }
    }

    /// Send `sig` to the process.
    pub fn signal(&self, sig: i32) {
        if let Some(child) = &self.child {
            unsafe { libc::kill(child.id() as i32, sig) };
        }
    }

    fn kill_and_collect(&mut self) -> String {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
        let err = self
            .stderr
            .take()
            .map(|t| t.join().unwrap_or_default())
            .unwrap_or_default();
        format!("stderr: {err}")
    }

    /// Wait for the exit (failing after [`TIMEOUT`]); all stdout lines are in `seen`.
    pub fn finish(mut self) -> Outcome {
        use std::os::unix::process::ExitStatusExt;
        let mut child = self.child.take().unwrap();
        let start = Instant::now();
        let status = loop {
            if let Some(st) = child.try_wait().unwrap() {
                break st;
            }
            if start.elapsed() > TIMEOUT {
                let _ = child.kill();
                let _ = child.wait();
                self.drain();
                panic!("{}: did not exit within {TIMEOUT:?}; stdout {:?}", self.name, self.seen);
            }
            std::thread::sleep(Duration::from_millis(5));
        };
        while let Ok(line) = self.lines.recv_timeout(Duration::from_secs(5)) {
            self.seen.push(line);
        }
        let stderr = self
            .stderr
            .take()
            .map(|t| t.join().unwrap_or_default())
            .unwrap_or_default();
        Outcome {
            code: status.code(),
            signal: status.signal(),
            stdout: self.seen.join("\n") + if self.seen.is_empty() { "" } else { "\n" },
            stderr,
        }
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

/// Path of a file under the repository root.
pub fn repo_file(rel: &str) -> String {
    crate::repo_root().join(rel).display().to_string()
}
