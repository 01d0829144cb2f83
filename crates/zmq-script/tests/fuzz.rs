//! Seeded random misuse of the whole core API: every call either works or
//! returns an error; libzmq must never abort the process. Reproduce a failure
//! with `FUZZ_SEED=<seed> cargo test -p zmq-script --test fuzz`.
mod common;

use zmq_script::options::{OptionValue, SOCKET_OPTIONS};
use zmq_script::{Context, Payload, PollTarget, Poller, Socket};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, v: &'a [T]) -> &'a T {
        &v[self.below(v.len())]
    }
    fn int(&mut self) -> i64 {
        let random = (self.next() % 1_000_000) as i64;
        *self.pick(&[
            0,
            1,
            -1,
            2,
            3,
            5,
            7,
            11,
            42,
            100,
            255,
            256,
            1000,
            65535,
            65536,
            70000,
            i32::MAX as i64,
            i32::MIN as i64,
            i32::MAX as i64 + 1,
            i64::MAX,
            i64::MIN,
            -2,
            -100,
            random,
        ])
    }
    fn bytes(&mut self) -> Vec<u8> {
        match self.below(7) {
            0 => Vec::new(),
            1 => b"\0".to_vec(),
            2 => b"a\0b".to_vec(),
            3 => vec![0xff, 0xfe, 0x80],
            4 => vec![b'x'; 300],
            5 => (0..self.below(64)).map(|_| self.next() as u8).collect(),
            _ => b"topic".to_vec(),
        }
    }
    fn endpoint(&mut self, dir: &str) -> String {
        match self.below(6) {
            0 => return "tcp://127.0.0.1:*".to_string(),
            1 => return format!("ipc://{dir}/s{}", self.below(4)),
            2 => return format!("inproc://name{}", self.below(4)),
            _ => {}
        }
        let transport = *self.pick(&[
            "tcp", "ipc", "inproc", "udp", "pgm", "epgm", "norm", "tipc", "vmci", "ws", "wss",
            "nope", "",
        ]);
        let address = match self.below(12) {
            0 => "127.0.0.1:*".to_string(),
            1 => format!("127.0.0.1:{}", self.int()),
            2 => "127.0.0.1".to_string(),
            3 => format!("{dir}/s{}", self.below(4)),
            4 => format!("name{}", self.below(4)),
            5 => String::new(),
            6 => ":".to_string(),
            7 => "[::1]:*".to_string(),
            8 => "127.0.0.1:0;127.0.0.1:*".to_string(),
            9 => "x".repeat(300),
            10 => "localhost:*".to_string(),
            _ => "127.0.0.1:*/path".to_string(),
        };
        match self.below(10) {
            0 => address,
            1 => format!("{transport}:/{address}"),
            _ => format!("{transport}://{address}"),
        }
    }
}

fn option_value(rng: &mut Rng) -> OptionValue {
    match rng.below(4) {
        0 => OptionValue::Int(rng.int() as i32),
        1 => OptionValue::Int64(rng.int()),
        2 => OptionValue::Uint64(rng.int() as u64),
        _ => OptionValue::Bytes(rng.bytes()),
    }
}

fn trace(what: std::fmt::Arguments) {
    if std::env::var_os("FUZZ_TRACE").is_some() {
        eprintln!("{what}");
    }
}

fn id(s: &Socket) -> String {
    format!(
        "{:?}#{:x}",
        zmq_script::constants::socket_type::name(s.kind()),
        s.with_raw(|p| p as usize).unwrap_or(0)
    )
}

fn run(seed: u64, steps: usize) {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let dir = std::env::temp_dir().join(format!("zmq-script-fuzz-{}-{seed}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    // Relative ipc:// paths create files in the working directory: keep them in the temp dir.
    std::env::set_current_dir(&dir).unwrap();
    let dir = dir.display().to_string();
    let mut contexts = vec![Context::new().unwrap()];
    let mut sockets: Vec<Socket> = Vec::new();
    let mut poller: Poller<u32> = Poller::new();
    let mut done = [0usize; 16];
    let mut ok = 0usize;
    let mut codes = std::collections::BTreeMap::new();
    for _ in 0..steps {
        let op = rng.below(16);
        if !sockets.is_empty() || op < 5 {
            done[op] += 1;
        }
        match op {
            0 if contexts.len() < 4 => contexts.push(Context::new().unwrap()),
            1 => {
                let ctx = contexts[rng.below(contexts.len())].clone();
                let kind = rng.below(24) as i32 - 2;
                if sockets.len() >= 40 {
                    sockets.retain(|s| !s.is_closed());
                }
                if sockets.len() < 40 {
                    if let Ok(s) = ctx.socket(kind) {
                        trace(format_args!("new {}", id(&s)));
                        let _ = s.set("LINGER", OptionValue::Int(0));
                        sockets.push(s);
                    }
                }
            }
            2 => {
                let i = rng.below(contexts.len());
                let id = if rng.below(2) == 0 {
                    rng.below(12) as i32
                } else {
                    *rng.pick(&[42, 70, 100, -1])
                };
                let v = rng.int() as i32;
                trace(format_args!(
                    "ctx{i}.set({id}, {v}) -> {:?}",
                    contexts[i].set(id, v)
                ));
                let _ = contexts[i].get(id);
            }
            3 if rng.below(60) == 0 => {
                let i = rng.below(contexts.len());
                trace(format_args!("ctx{i}.term()"));
                let _ = contexts[i].term();
                if rng.below(2) == 0 {
                    contexts[i] = Context::new().unwrap();
                }
            }
            4 if rng.below(60) == 0 => {
                let i = rng.below(contexts.len());
                trace(format_args!("ctx{i}.shutdown()"));
                let _ = contexts[i].shutdown();
                contexts[i] = Context::new().unwrap();
            }
            _ if sockets.is_empty() => {}
            5 => {
                let s = rng.pick(&sockets).clone();
                let opt = rng.pick(SOCKET_OPTIONS);
                if opt.name == "USE_FD" || opt.name == "LINGER" {
                    continue;
                }
                let v = option_value(&mut rng);
                trace(format_args!(
                    "{}.set({}, {v:?}) -> {:?}",
                    id(&s),
                    opt.name,
                    s.set_option(opt, v.clone())
                ));
                let _ = s.get_option(opt);
            }
            6 => {
                let s = rng.pick(&sockets).clone();
                let ep = rng.endpoint(&dir);
                let verb = rng.below(4);
                let r = match verb {
                    0 => s.bind(&ep),
                    1 => s.connect(&ep),
                    2 => s.unbind(&ep),
                    _ => s.disconnect(&ep),
                };
                trace(format_args!(
                    "{}.{}({ep:?}) -> {r:?}",
                    id(&s),
                    ["bind", "connect", "unbind", "disconnect"][verb]
                ));
                match r {
                    Ok(()) => ok += 1,
                    Err(e) => *codes.entry(e.code()).or_insert(0usize) += 1,
                }
            }
            7 | 8 => {
                let s = rng.pick(&sockets).clone();
                let data = rng.bytes();
                let flags = *rng.pick(&[1, 3, 1 | 0x10]);
                let _ = match rng.below(3) {
                    0 => s.send(&data, flags),
                    1 => s.send_payload(&Payload::from_integer(rng.int()), flags),
                    _ => s.send_multipart(&[&data[..], b"x"], flags),
                };
            }
            9 | 10 => {
                let s = rng.pick(&sockets).clone();
                let _ = if rng.below(2) == 0 {
                    s.recv(1).map(|_| ())
                } else {
                    s.recv_multipart(1).map(|_| ())
                };
                let _ = s.events();
                let _ = s.rcvmore();
            }
            11 => {
                let s = rng.pick(&sockets).clone();
                let events = *rng.pick(&[1i16, 2, 3, 4, 8, 0, 0x40]);
                let _ = poller.add(PollTarget::Socket(s), events, 1);
                let _ = poller.wait_all(1 + rng.below(3), 0);
            }
            12 => {
                let s = rng.pick(&sockets).clone();
                let _ = poller.remove(&PollTarget::Socket(s));
            }
            13 => {
                let i = rng.below(sockets.len());
                trace(format_args!("{}.close()", id(&sockets[i])));
                let _ = sockets[i].close();
                if rng.below(8) != 0 {
                    sockets.swap_remove(i); // keep a few closed ones around for use-after-close
                }
            }
            14 if std::env::var_os("FUZZ_NO_MONITOR").is_none() => {
                let s = rng.pick(&sockets).clone();
                let ev = rng.int() as i32;
                trace(format_args!("{}.monitor({ev})", id(&s)));
                if let Ok(m) = s.monitor(ev) {
                    trace(format_args!("monitor sub {}", id(&m)));
                    let _ = m.set("LINGER", OptionValue::Int(0));
                    let _ = m.recv(1);
                    sockets.push(m);
                }
            }
            _ => {
                let s = rng.pick(&sockets).clone();
                let _ = s.fd();
                let _ = s.last_endpoint();
                let _ = s.wait_for(*rng.pick(&[1i16, 2, 0]), 0);
            }
        }
    }
    eprintln!("seed {seed}: operations by kind {done:?}, {ok} endpoint calls succeeded, failures {codes:?}, {} sockets left", sockets.len());
    assert!(
        done.iter().skip(5).all(|&n| n > 0),
        "every kind of operation ran"
    );
    drop(poller);
    drop(sockets);
    for c in contexts {
        c.term().unwrap();
    }
    std::env::set_current_dir(std::env::temp_dir()).unwrap();
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn random_misuse_never_aborts() {
    let seeds: Vec<u64> = match std::env::var("FUZZ_SEED") {
        Ok(s) => vec![s.parse().expect("FUZZ_SEED is a number")],
        Err(_) => (1..=30).collect(),
    };
    for seed in seeds {
        common::within(120, move || run(seed, 4000));
    }
}
