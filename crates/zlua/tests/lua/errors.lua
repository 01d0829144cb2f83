-- Errors are values with code, errno and message; wrong types raise clear messages.
local zmq = require "zmq"
local T = require "testlib"

-- A ZeroMQ error value.
local s = zmq.new("PULL")
local ok, err = pcall(s.recv, s, zmq.DONTWAIT)
assert(not ok and zmq.is_error(err))
assert(err.code == "EAGAIN" and err.errno == zmq.EAGAIN)
assert(err.message == "Resource temporarily unavailable", err.message)
assert(tostring(err) == "[EAGAIN] Resource temporarily unavailable", tostring(err))
assert(getmetatable(err) == zmq.Error)

-- Codes from libzmq and from the core.
T.raises("EINVAL", zmq.new, "NOT_A_TYPE")
T.raises("EINVAL", zmq.new, 99)
T.raises("EINVAL", zmq.new, 14)                        -- a draft socket type
T.raises("EINVAL", s.getsockopt, s, "NO_SUCH_OPTION")
T.raises("EINVAL", s.setsockopt, s, 12345, 1)
T.raises("EINVAL", s.getsockopt, s, "SUBSCRIBE")      -- write-only
T.raises("EINVAL", s.setsockopt, s, "TYPE", 1)        -- read-only
T.raises("EINVAL", s.setsockopt, s, "LINGER", T.int(2 ^ 40))
T.raises("EINVAL", s.bind, s, "tcp://127.0.0.1:70000")
T.raises("EINVAL", s.bind, s, "nonsense")
T.raises("EPROTONOSUPPORT", s.bind, s, "bogus://x")
T.raises("EINVAL", s.bind, s, "inproc://a\0b")
local a = zmq.new("PULL")
local ep = a:bind_to_random_port("tcp://127.0.0.1")
T.raises("EADDRINUSE", zmq.new("PULL").bind, zmq.new("PULL"), ep)
T.raises("ENOENT", a.unbind, a, "tcp://127.0.0.1:1")
T.raises("ENOENT", a.disconnect, a, "tcp://127.0.0.1:1")
local req = zmq.new("REQ")
req:connect(ep)
T.raises("EFSM", req.recv, req)                       -- recv before send
T.raises("ENOTSUP", zmq.new("PUB").recv, zmq.new("PUB"))
T.raises("ENOTSUP", zmq.new("SUB").send, zmq.new("SUB"), "x")
T.raises("EINVAL", s.send, s, "x", 0x100)              -- unknown flag
T.raises("EAGAIN", zmq.new("PUSH").send, zmq.new("PUSH"), "x", zmq.DONTWAIT)  -- no peer yet
T.raises("EAGAIN", zmq.new("PUSH").send_multipart, zmq.new("PUSH"), { "a", "b" }, zmq.DONTWAIT)
T.raises("EINVAL", zmq.prepare_uri, "zmq:pull")
T.raises("EINVAL", s.send_multipart, s, {})

-- Every failure of a closed socket is ENOTSOCK.
local c = zmq.new("PUSH")
c:close()
for _, call in ipairs {
  function() c:send("x") end, function() c:recv() end, function() c:bind("inproc://x") end,
  function() c:getsockopt("LINGER") end, function() c:setsockopt("LINGER", 1) end,
  function() c:get_fd() end, function() c:events() end, function() c:is_readable() end,
} do
  T.raises("ENOTSOCK", call)
end

-- Wrong argument types raise plain messages that point at the caller.
T.raises_msg("bad argument #1 to 'bind' %(string expected, got number%)", s.bind, s, 5555)
T.raises_msg("bad argument #1 to 'connect' %(string expected, got nil%)", s.connect, s)
T.raises_msg("bad argument #1 to 'send' %(string, integer or nil expected, got table%)", s.send, s, {})
T.raises_msg("bad argument #1 to 'send' %(string, integer or nil expected, got boolean%)", s.send, s, true)
T.raises_msg("bad argument #2 to 'send' %(boolean or flags expected, got string%)", s.send, s, "x", "more")
T.raises_msg("bad argument #1 to 'recv' %(integer expected, got string%)", s.recv, s, "x")
-- A value an option cannot take is the core's verdict (the same code in JS): EINVAL and why.
assert(T.raises("EINVAL", s.setsockopt, s, "LINGER", "10").message:find("option LINGER takes an integer, not string", 1, true))
assert(T.raises("EINVAL", zmq.new("SUB").setsockopt, zmq.new("SUB"), "SUBSCRIBE", 5)
  .message:find("option SUBSCRIBE takes a string or bytes, not number", 1, true))
T.raises_msg("bad argument #1 to 'getsockopt'", s.getsockopt, s, {})
T.raises_msg("bad argument #1 to 'new'", zmq.new, {})
T.raises_msg("bad argument #1 to 'set_timeout' %(number expected, got string%)", s.set_timeout, s, "1")
T.raises_msg("bad self to 'send' %(zmq socket expected, got string", s.send, "oops", "x")
T.raises_msg("bad self to 'bind' %(zmq socket expected, got zmq context", s.bind, zmq.context(), "x")
T.raises_msg("bad argument #1 to 'spawn'", zmq.spawn, 42)
T.raises_msg("bad argument #1 to 'sleep'", zmq.sleep, "1")
T.raises_msg("bad argument #1 to 'prepare_uri' %(string expected, got nil%)", zmq.prepare_uri)

-- The message names the script line that made the bad call.
local ok2, msg = pcall(function() s:bind(1) end)
assert(not ok2 and string.find(msg, "errors.lua:%d+: bad argument"), msg)
for _, call in ipairs {
  function() s:send({}) end, function() s:recv("x") end, function() s:send("x", "y") end,
  function() s:recv_multipart("x") end, function() s:recv_int(true) end, function() s:recv_str({}) end,
} do
  local ok, m = pcall(call)
  assert(not ok and string.find(m, "errors.lua:%d+: bad argument"), m)
end

-- Error values can be rethrown and compared.
local ok3, e3 = pcall(function() error(zmq.new("PUB"):recv()) end)
assert(not ok3 and e3.code == "ENOTSUP")

print("errors ok")
