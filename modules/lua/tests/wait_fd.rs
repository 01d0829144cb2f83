//! `zmq.wait_readable` / `zmq.wait_writable`: raw descriptors pause only the
//! calling coroutine inside `zmq.loop()` (one reactor wait with the sockets
//! other coroutines wait on) and block outside it; timeouts give false.
use mlua::Lua;

fn pipe() -> (i32, i32) {
    let mut fds = [0; 2];
    assert_eq!(unsafe { libc::pipe(fds.as_mut_ptr()) }, 0);
    (fds[0], fds[1])
}

fn lua_with_pipe() -> (Lua, i32, i32) {
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    let (r, w) = pipe();
    lua.globals().set("R", r).unwrap();
    lua.globals().set("W", w).unwrap();
    (lua, r, w)
}

#[test]
fn blocking_outside_a_coroutine() {
    let (lua, r, w) = lua_with_pipe();
    lua.load(
        r#"
        local zmq = require "zmq"
        assert(zmq.wait_readable(R, 0.02) == false, "nothing to read: times out")
        assert(zmq.wait_writable(W, 1) == true, "an empty pipe is writable")
        local ok, err = pcall(zmq.wait_readable, "x")
        assert(not ok and tostring(err):find("file descriptor expected"), tostring(err))
        ok, err = pcall(zmq.wait_readable, R, "soon")
        assert(not ok and tostring(err):find("number expected"), tostring(err))
    "#,
    )
    .exec()
    .unwrap();
    assert_eq!(unsafe { libc::write(w, b"x".as_ptr() as *const _, 1) }, 1);
    lua.load(r#"assert(require("zmq").wait_readable(R) == true)"#)
        .exec()
        .unwrap();
    unsafe {
        libc::close(r);
        libc::close(w);
    }
}

#[test]
fn inside_the_loop_only_the_coroutine_pauses() {
    let (lua, r, w) = lua_with_pipe();
    // A thread writes to the pipe only after the Lua side said (over a
    // socket) that its socket coroutine ran while the fd coroutine waited.
    let ctx = zmq_script::Context::new().unwrap();
    let pull = ctx.socket(zmq_script::constants::socket_type::PULL).unwrap();
    let ep = pull.bind_to_random_port(None).unwrap();
    pull.set("RCVTIMEO", zmq_script::OptionValue::Int(10_000)).unwrap();
    lua.globals().set("EP", ep).unwrap();
    let writer = std::thread::spawn(move || {
        let said = pull.recv(0).expect("the Lua side reports in");
        assert_eq!(said.data(), b"socket coroutine ran");
        assert_eq!(unsafe { libc::write(w, b"y".as_ptr() as *const _, 1) }, 1);
        w
    });
    lua.load(
        r#"
        local zmq = require "zmq"
        local order = {}
        zmq.spawn(function()
          order[#order + 1] = "fd: waiting"
          assert(zmq.wait_readable(R, 0.01) == false, "a timeout inside the loop gives false")
          assert(zmq.wait_readable(R, 10) == true)
          order[#order + 1] = "fd: readable"
        end)
        zmq.spawn(function()
          local pair_a = zmq.new("PAIR"); pair_a:bind("inproc://lua-wait-fd")
          local pair_b = zmq.new("PAIR"); pair_b:connect("inproc://lua-wait-fd")
          zmq.spawn(function() zmq.sleep(0.02); pair_b:send("ping") end)
          assert(pair_a:recv() == "ping")
          order[#order + 1] = "socket: received"
          local push = zmq.new("PUSH"); push:connect(EP)
          push:send("socket coroutine ran")
        end)
        zmq.loop()
        assert(order[1] == "fd: waiting" and order[2] == "socket: received" and order[3] == "fd: readable",
          table.concat(order, ", "))
    "#,
    )
    .exec()
    .unwrap();
    let w = writer.join().unwrap();
    unsafe {
        libc::close(r);
        libc::close(w);
    }
}
