//! `sock:recv_into(buf[, flags])` and `zmq.buffer(size)`: the C fast path,
//! the full path (inside `zmq.loop`, where the call pauses) and `recv`
//! give the same bytes; a message larger than the buffer is cut and its
//! size returned; errors are `zmq.Error`s with codes.

use mlua::Lua;

fn run(code: &str) {
    let lua = Lua::new();
    zmq_lua::install(&lua).unwrap();
    lua.load(code).exec().unwrap_or_else(|e| panic!("{e}"));
}

#[test]
fn recv_into_gives_the_bytes_recv_gives() {
    run(r#"
        local zmq = require "zmq"
        local a, b = zmq.new("PAIR"), zmq.new("PAIR")
        a:bind("inproc://lua-recv-into"); b:connect("inproc://lua-recv-into")
        b:setsockopt("RCVTIMEO", 5000)
        local function pattern(n, seed)
          local t = {}
          for i = 1, n do t[i] = string.char((i * 7 + seed) % 256) end
          return table.concat(t)
        end
        for _, n in ipairs({0, 1, 100, 8192, 65536}) do
          local sent = pattern(n, n % 256)
          a:send(sent); a:send(sent)
          local general, more = b:recv()
          assert(not more)
          local buf = zmq.buffer(n)
          local size, more2 = b:recv_into(buf)
          assert(size == n and more2 == false, "size " .. n)
          assert(buf:tostring() == general and general == sent, "same bytes " .. n)
          assert(#buf == n and buf:size() == n)
        end
        -- Larger than the buffer: the first bytes, the whole size, more parts follow.
        local buf = zmq.buffer(4)
        assert(buf:tostring() == "", "a new buffer holds no message")
        a:send("0123456789", true); a:send("tail")
        local size, more = b:recv_into(buf)
        assert(size == 10 and more == true)
        assert(buf:tostring() == "0123" and buf:tostring(2) == "01" and buf:tostring(99) == "0123")
        size, more = b:recv_into(buf, 0)
        assert(size == 4 and more == false and buf:tostring() == "tail")
        -- EAGAIN, flags the core refuses, not a buffer, a bad size, a closed socket.
        local function code(f, ...)
          local ok, e = pcall(f, ...)
          assert(not ok, "expected an error")
          return e.code
        end
        assert(code(b.recv_into, b, buf, zmq.DONTWAIT) == "EAGAIN")
        assert(code(b.recv_into, b, buf, zmq.SNDMORE) == "EINVAL")
        assert(code(b.recv_into, b, "not a buffer") == "EINVAL")
        assert(code(b.recv_into, b, io.stdout) == "EINVAL")
        assert(code(zmq.buffer, -1) == "EINVAL")
        assert(code(zmq.buffer, "big") == "EINVAL")
        -- Inside zmq.loop the call pauses until the message comes (the full path).
        local got
        zmq.spawn(function()
          local s, m = b:recv_into(buf)
          got = {s, m, buf:tostring()}
        end)
        zmq.spawn(function() a:send("late") end)
        zmq.loop()
        assert(got[1] == 4 and got[2] == false and got[3] == "late")
        b:close()
        assert(code(b.recv_into, b, buf) ~= nil)
        a:close()
    "#);
}
