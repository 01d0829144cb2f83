//! Builds the vendored libzmq 4.3.5 with CURVE enabled, linked against the
//! libsodium that `libsodium-sys-stable` builds from its bundled source, then
//! replaces one object with a patched copy (see `patch_pipe`).
use std::env;
use std::fs;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let sodium_lib = PathBuf::from(env::var("DEP_SODIUM_LIB").expect("libsodium-sys-stable exports DEP_SODIUM_LIB"));
    let sodium_include =
        PathBuf::from(env::var("DEP_SODIUM_INCLUDE").expect("libsodium-sys-stable exports DEP_SODIUM_INCLUDE"));

    // The shim calls into libzmq, so it is linked first (GNU ld resolves left to right).
    println!("cargo:rerun-if-changed=shim/monitor.cpp");
    cc::Build::new().cpp(true).file("shim/monitor.cpp").compile("zmq_sys_shim");

    // libzmq's own sources warn a lot under -Wextra; those warnings are not ours to fix.
    let flags = env::var("CXXFLAGS").unwrap_or_default();
    env::set_var("CXXFLAGS", format!("{flags} -w"));
    zeromq_src::Build::new()
        .with_libsodium(Some(zeromq_src::LibLocation::new(sodium_lib, &sodium_include)))
        .build();

    let out = PathBuf::from(env::var("OUT_DIR").unwrap());
    patch_pipe(&out, &sodium_include);
}

/// Two libzmq 4.3.5 bugs in pipe.cpp, both found by our fuzz tests:
///
/// 1. Changing SNDHWM/RCVHWM on a socket sends the new limits to the peer of
///    every pipe, including pipes whose peer has already been deleted during
///    termination, so the command lands on freed memory and the process
///    crashes. Fixed by sending them only while the pipe is active (the peer
///    then still exists).
/// 2. A PAIR socket that already has a peer binds an inproc endpoint on which
///    a ROUTER/REP connected earlier: the bind attaches the parked pipe, PAIR
///    rejects (terminates) it at once, and then libzmq writes the routing id
///    into the terminated pipe and aborts on `zmq_assert (written)`. Fixed by
///    dropping the routing id when the pipe no longer takes writes (it is
///    going away).
///
/// zeromq-src compiles from its own directory, so we recompile pipe.cpp from
/// the copy it leaves in OUT_DIR and swap the object inside libzmq.a.
fn patch_pipe(out: &Path, sodium_include: &Path) {
    let source = out.join("source");
    let mut text = fs::read_to_string(source.join("src/pipe.cpp")).expect("zeromq-src copies its sources to OUT_DIR");
    let patches = [
        (
            "void zmq::pipe_t::send_hwms_to_peer (int inhwm_, int outhwm_)\n{\n    send_pipe_hwm (_peer, inhwm_, outhwm_);\n}",
            "void zmq::pipe_t::send_hwms_to_peer (int inhwm_, int outhwm_)\n{\n    if (_state == active)\n        send_pipe_hwm (_peer, inhwm_, outhwm_);\n}",
        ),
        (
            "    id.set_flags (zmq::msg_t::routing_id);\n    const bool written = pipe_->write (&id);\n    zmq_assert (written);\n",
            "    id.set_flags (zmq::msg_t::routing_id);\n    const bool written = pipe_->write (&id);\n    if (!written) {\n        id.close ();\n        return;\n    }\n",
        ),
    ];
    for (needle, fixed) in patches {
        assert!(text.contains(needle), "libzmq pipe.cpp changed: review the patch of\n{needle}");
        text = text.replace(needle, fixed);
    }
    let dir = out.join("patched");
    fs::create_dir_all(&dir).unwrap();
    let file = dir.join("pipe.cpp");
    fs::write(&file, text).unwrap();

    // The same defines zeromq-src uses on Linux.
    let mut build = cc::Build::new();
    build
        .cpp(true)
        .std("c++11")
        .flag("-w")
        .include(source.join("include"))
        .include(source.join("src"))
        .include(out)
        .include(sodium_include)
        .file(&file);
    for (k, v) in [
        ("ZMQ_BUILD_TESTS", "OFF"),
        ("ZMQ_USE_CV_IMPL_STL11", "1"),
        ("ZMQ_STATIC", "1"),
        ("ZMQ_USE_BUILTIN_SHA1", "1"),
        ("ZMQ_HAVE_WS", "1"),
        ("ZMQ_USE_LIBSODIUM", "1"),
        ("ZMQ_HAVE_CURVE", "1"),
        ("ZMQ_HAVE_LINUX", "1"),
        ("ZMQ_IOTHREAD_POLLER_USE_EPOLL", "1"),
        ("ZMQ_POLL_BASED_ON_POLL", "1"),
        ("ZMQ_HAVE_IPC", "1"),
        ("HAVE_STRNLEN", "1"),
        ("ZMQ_HAVE_UIO", "1"),
        ("ZMQ_HAVE_STRUCT_SOCKADDR_UN", "1"),
    ] {
        build.define(k, v);
    }
    let objects = build.compile_intermediates();
    let object = objects.first().expect("pipe.cpp compiled");

    let lib = out.join("lib/libzmq.a");
    let listing = build.get_archiver().arg("t").arg(&lib).output().expect("ar t");
    let members = String::from_utf8_lossy(&listing.stdout);
    let member = members
        .lines()
        .find(|m| *m == "pipe.o" || m.ends_with("-pipe.o"))
        .expect("libzmq.a contains pipe.o")
        .to_string();
    let ok = build.get_archiver().arg("d").arg(&lib).arg(&member).status().expect("ar d").success()
        && build.get_archiver().arg("rs").arg(&lib).arg(object).status().expect("ar rs").success();
    assert!(ok, "could not replace {member} in libzmq.a");
}
