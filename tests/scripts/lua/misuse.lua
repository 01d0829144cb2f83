-- Use after close, close twice, term twice, a socket from a terminated
-- context, a poller holding a closed socket: each raises a catchable error
-- value with a code name (never a crash, never a hang).
local zmq = require "zmq"
local u = require "util"

local checks = 0
local function err(code, what, f, ...)
  u.expect_error(code, what, f, ...)
  checks = checks + 1
end
local function ok(expected, what, f, ...)
  u.eq(f(...), expected, what)
  checks = checks + 1
end

-- Every socket method, with arguments that would be fine on an open socket.
local calls = {
  bind = function(s) return s:bind("inproc://misuse-bind") end,
  unbind = function(s) return s:unbind("inproc://misuse-bind") end,
  connect = function(s) return s:connect("inproc://misuse-connect") end,
  disconnect = function(s) return s:disconnect("inproc://misuse-connect") end,
  bind_to_random_port = function(s) return s:bind_to_random_port("tcp://127.0.0.1") end,
  send = function(s) return s:send("x", zmq.DONTWAIT) end,
  send_multipart = function(s) return s:send_multipart({ "a", "b" }, zmq.DONTWAIT) end,
  recv = function(s) return s:recv(zmq.DONTWAIT) end,
  recv_all = function(s) return s:recv_all() end,
  recv_multipart = function(s) return s:recv_multipart(zmq.DONTWAIT) end,
  recv_int = function(s) return s:recv_int(zmq.DONTWAIT) end,
  recv_int64 = function(s) return s:recv_int64(zmq.DONTWAIT) end,
  recv_str = function(s) return s:recv_str(zmq.DONTWAIT) end,
  recv_into = function(s) return s:recv_into(zmq.buffer(8), zmq.DONTWAIT) end,
  getsockopt = function(s) return s:getsockopt("LINGER") end,
  get = function(s) return s:get(zmq.LINGER) end,
  setsockopt = function(s) return s:setsockopt("LINGER", 5) end,
  set = function(s) return s:set(zmq.SNDHWM, 5) end,
  set_timeout = function(s) return s:set_timeout(1) end,
  get_timeout = function(s) return s:get_timeout() end,
  get_fd = function(s) return s:get_fd() end,
  events = function(s) return s:events() end,
  is_readable = function(s) return s:is_readable() end,
  is_writable = function(s) return s:is_writable() end,
  is_rcvmore = function(s) return s:is_rcvmore() end,
  last_endpoint = function(s) return s:last_endpoint() end,
  monitor = function(s) return s:monitor() end,
  recv_event = function(s) return s:recv_event(zmq.DONTWAIT) end,
}

-- A socket's methods after close(): ENOTSOCK, or (for a socket that term()
-- closed) ETERM. set_timeout/get_timeout only touch the Lua side's timeout
-- and may work on a closed socket.
local function all_fail(s, code, how)
  for name, call in pairs(calls) do
    if name == "set_timeout" or name == "get_timeout" then
      local okc, e = pcall(call, s)
      if not okc then u.eq(e.code, code, name .. " " .. how) end
      checks = checks + 1
    else
      err(code, name .. " " .. how, call, s)
    end
  end
end

-- use after close, close twice ------------------------------------------------
do
  local ctx = zmq.context()
  local s = ctx:socket("DEALER")
  s:bind("inproc://closed-once")
  ok(true, "close", s.close, s)
  ok(true, "close twice", s.close, s)
  ok(true, "closed", s.closed, s)
  all_fail(s, "ENOTSOCK", "after close")
  ok("DEALER", "type after close", s.type, s)
  u.check(type(tostring(s)) == "string", "tostring after close")
  ok(true, "same after close", s.same, s, s)
  -- The endpoint is released (libzmq closes sockets asynchronously: retry).
  local t = ctx:socket("DEALER")
  local bound
  for _ = 1, 200 do
    bound = pcall(t.bind, t, "inproc://closed-once")
    if bound then break end
    zmq.sleep(0.005)
  end
  ok(true, "bind the endpoint of a closed socket", function() return bound end)
  t:close()
  ok(true, "term", ctx.term, ctx)
end

-- term twice, a socket from a terminated context ------------------------------
do
  local ctx = zmq.context()
  local open = ctx:socket("PUSH")
  open:connect("inproc://nobody")
  ok(true, "term with a socket open", ctx.term, ctx)
  ok(true, "term twice", ctx.term, ctx)
  ok(true, "shutdown after term", ctx.shutdown, ctx)
  err("ETERM", "socket() from a terminated context", ctx.socket, ctx, "PAIR")
  err("ETERM", "get on a terminated context", ctx.get, ctx, "IO_THREADS")
  err("ETERM", "set on a terminated context", ctx.set, ctx, "IO_THREADS", 2)
  all_fail(open, "ETERM", "on a socket term() closed")
  ok(true, "close a socket term() closed", open.close, open)
  ok(true, "closed after term", open.closed, open)
  -- <close> on a terminated context
  do local c <close> = ctx end
end

-- the hidden context: zmq.term() twice, then a new one -------------------------
do
  local h = zmq.new("PUSH")
  h:connect("inproc://nobody")
  ok(true, "zmq.term", zmq.term)
  ok(true, "zmq.term twice", zmq.term)
  err("ETERM", "a socket of the terminated hidden context", h.send, h, "x")
  local n = zmq.new("PAIR")
  ok(true, "a socket of the next hidden context", n.bind, n, "inproc://next-hidden")
  n:close()
end

-- shutdown: blocking calls and new sockets end with ETERM ------------------------
do
  local ctx = zmq.context()
  local pull = ctx:socket("PULL")
  pull:bind("inproc://shut")
  ok(true, "shutdown", ctx.shutdown, ctx)
  err("ETERM", "blocking recv after shutdown", pull.recv, pull)
  err("ETERM", "socket() after shutdown", ctx.socket, ctx, "PAIR")
  ok(true, "term after shutdown", ctx.term, ctx)
end

-- a poller holding a closed socket ----------------------------------------------------
do
  local ctx = zmq.context()
  local a, b, c = ctx:socket("PULL"), ctx:socket("PUSH"), ctx:socket("PULL")
  a:bind("inproc://poll-closed")
  c:bind("inproc://poll-open")
  b:connect("inproc://poll-open")
  local p = zmq.poller()
  ok(true, "add", p.add, p, a, zmq.POLLIN)
  ok(true, "add", p.add, p, b, zmq.POLLOUT)
  a:close()
  err("ENOTSOCK", "wait with a closed socket", p.wait, p, 0)
  err("ENOTSOCK", "poll with a closed socket", p.poll, p)
  err("ENOTSOCK", "wait_all with a closed socket", p.wait_all, p, 2, 0)
  err("ENOTSOCK", "poll_all with a closed socket", p.poll_all, p, 2)
  err("ENOTSOCK", "add a closed socket again", p.add, p, a, zmq.POLLIN)
  local okm, e = pcall(p.modify, p, a, zmq.POLLOUT)  -- may succeed or refuse
  if not okm then u.eq(e.code, "ENOTSOCK", "modify a closed socket") end
  ok(true, "remove a closed socket", p.remove, p, a)
  ok(1, "size", p.size, p)
  local ev = p:wait(0)
  u.check(ev and ev.socket == b and ev.events == zmq.POLLOUT, "the other socket still polls")
  ctx:term()
  err("ETERM", "wait with a socket term() closed", p.wait, p, 0)
  ok(true, "remove it", p.remove, p, b)
  ok(0, "empty", p.size, p)
  err("EFAULT", "waiting forever on an empty poller", p.wait, p, -1)
  err("EFAULT", "waiting forever on an empty poller (nil)", p.wait, p)
end

-- proxy with closed sockets or a terminated context -------------------------------------
do
  local ctx = zmq.context()
  local f, b = ctx:socket("ROUTER"), ctx:socket("DEALER")
  f:close()
  err("ENOTSOCK", "proxy with a closed frontend", zmq.proxy, f, b)
  ctx:term()
  err("ETERM", "proxy with a socket term() closed", zmq.proxy, b, b)
end

-- a socket outliving its collected context object ------------------------------------------
do
  local s = zmq.context():socket("PAIR")
  collectgarbage()
  collectgarbage()
  ok(true, "socket of a collected context", s.bind, s, "inproc://orphan")
  ok(true, "close it", s.close, s)
  err("ENOTSOCK", "use it after close", s.send, s, "x")
end

u.say("ok", checks)
