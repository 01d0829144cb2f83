-- Inputs on which libzmq 4.3 would abort or crash (docs/design.md, "libzmq
-- abort paths refused before libzmq sees them"): each is refused with a
-- coded error, or — where this process may legitimately apply it — works
-- without bringing the process down. Ends with a working round trip.
--   zlua abort.lua TMPDIR
local zmq = require "zmq"
local u = require "util"

local tmp = ...
local checks = 0
local function refuse(code, what, f, ...)
  u.expect_error(code, what, f, ...)
  checks = checks + 1
end
-- Either refused with a zmq error, or accepted and then harmless: `after` runs.
local function refused_or_harmless(what, f, after)
  local ok, err = pcall(f)
  if not ok then
    u.check(zmq.is_error(err), what .. ": " .. tostring(err))
  else
    after()
  end
  checks = checks + 1
end

local ctx = zmq.context()
for t = 12, 20 do refuse("EINVAL", "socket type " .. t, ctx.socket, ctx, t) end
for _, t in ipairs { -1, 21, 1000, (1 << 31) - 1, math.maxinteger } do
  refuse("EINVAL", "socket type " .. t, ctx.socket, ctx, t)
end

for _, ep in ipairs { "ipc://" .. tmp .. "/stream", "inproc://stream" } do
  local s = ctx:socket("STREAM")
  refuse("ENOCOMPATPROTO", "STREAM bind " .. ep, s.bind, s, ep)
  refuse("ENOCOMPATPROTO", "STREAM connect " .. ep, s.connect, s, ep)
  s:close()
end

do
  local s = ctx:socket("PAIR")
  for _, port in ipairs { "65536", "70000", "4294967297", "99999999999999999999" } do
    refuse("EINVAL", "bind port " .. port, s.bind, s, "tcp://127.0.0.1:" .. port)
    refuse("EINVAL", "connect port " .. port, s.connect, s, "tcp://127.0.0.1:" .. port)
  end
  s:close()
end

do
  local c = zmq.context()
  refuse("EINVAL", "IO_THREADS 65", c.set, c, "IO_THREADS", 65)
  refuse("EINVAL", "MAX_SOCKETS 2^20+1", c.set, c, "MAX_SOCKETS", (1 << 20) + 1)
  u.expect_raise("MAX_SOCKETS maxinteger", c.set, c, "MAX_SOCKETS", math.maxinteger)  -- (a plain range error)
  refuse("EINVAL", "CPU 1024", c.set, c, "THREAD_AFFINITY_CPU_ADD", 1024)
  refuse("EINVAL", "scheduling policy 12345", c.set, c, "THREAD_SCHED_POLICY", 12345)
  local function start(cx)
    return function()
      local s = cx:socket("PAIR")
      s:bind("tcp://127.0.0.1:*")  -- starts the I/O thread
      s:close()
    end
  end
  for _, pp in ipairs { { 1, 99 }, { 2, 1 }, { 1, 1000 }, { 0, 5 }, { -1, 1000 }, { -1, -20 } } do
    local cx = zmq.context()
    refused_or_harmless("policy " .. pp[1] .. " priority " .. pp[2], function()
      cx:set("THREAD_SCHED_POLICY", pp[1])
      cx:set("THREAD_PRIORITY", pp[2])
    end, start(cx))
    cx:term()
  end
  local cx = zmq.context()
  refused_or_harmless("CPU 0", function() cx:set("THREAD_AFFINITY_CPU_ADD", 0) end, start(cx))
  cx:term()
  start(c)()
  c:term()
end

do
  local s = ctx:socket("PAIR")
  for _, fd in ipairs { 0, 2, 1234567 } do
    refuse("EINVAL", "USE_FD " .. fd, function()
      s:setsockopt("USE_FD", fd)
      s:bind("tcp://127.0.0.1:*")
    end)
  end
  s:close()
end

do
  local s = ctx:socket("PULL")
  s:setsockopt("CONFLATE", true)
  refuse("EINVAL", "CONFLATE connect before bind", s.connect, s, "inproc://later")
  s:close()
  local b = ctx:socket("PUSH")
  b:bind("inproc://later")
  b:close()
  local c, d = ctx:socket("PUSH"), ctx:socket("PULL")
  c:bind("inproc://first")
  d:setsockopt("CONFLATE", true)
  u.eq(d:connect("inproc://first"), true, "CONFLATE connect after bind")
  c:send("only the last")
  u.eq(d:recv(), "only the last", "conflated message")
  c:close()
  d:close()
  checks = checks + 1
end

for i = 0, 299 do
  local a, b = ctx:socket("PAIR"), ctx:socket("PAIR")
  a:bind("inproc://hwm" .. i)
  b:connect("inproc://hwm" .. i)
  b:send("x")
  b:close()
  a:setsockopt("SNDHWM", i + 1)
  a:setsockopt("RCVHWM", i + 1)
  a:close()
end
checks = checks + 1

-- A monitor nobody reads (libzmq's own monitor would block the monitored
-- socket once its queue fills): 300 peers come and go, the socket goes on.
if zmq.new("PAIR").monitor then
  local server = ctx:socket("ROUTER")
  local unread = server:monitor()
  local ep = server:bind_to_random_port("tcp://127.0.0.1")
  for i = 1, 300 do
    local c = ctx:socket("DEALER")
    c:setsockopt("LINGER", 0)
    c:connect(ep)
    c:send("hello " .. i)
    local parts = server:recv_multipart()
    u.eq(parts[2], "hello " .. i, "message with an unread monitor")
    c:close()
  end
  unread:close()
  checks = checks + 1
end

local p = zmq.poller()
refuse("EFAULT", "empty poller, no timeout", p.wait, p, -1)
refuse("EFAULT", "empty poller, wait_all", p.wait_all, p, 4, -1)

local a, b = ctx:socket("REP"), ctx:socket("REQ")
b:connect(a:bind_to_random_port("tcp://127.0.0.1"))
b:send("still alive?")
u.eq(a:recv(), "still alive?", "request")
a:send("yes")
u.eq(b:recv(), "yes", "reply")
ctx:term()
u.say("ok " .. checks)
