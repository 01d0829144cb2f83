-- The perf protocol of crates/zmq-bench (src/protocol.rs) for Lua, run by
-- both `zlua` and `lua5.4` with zmq.so:
--   zlua perf.lua <role> <args...>   e.g. zlua perf.lua thr-recv tcp://127.0.0.1:5555 100 1000000
-- Loops call methods kept in locals (`local recv = s.recv`), the usual Lua
-- idiom for hot loops (it saves the method lookup of `s:recv()`).
--   zlua perf.lua --into <role> ...  every receive is recv_into() one reused zmq.buffer
local zmq = require "zmq"

local into_mode = arg[1] == "--into"
if into_mode then table.remove(arg, 1) end
local role = arg[1]
-- HWM 100000 (crates/zmq-bench/src/protocol.rs), or what the runner gives thr-inproc.
local function socket(kind, hwm)
  local s = zmq.new(kind)
  s:setsockopt("SNDHWM", hwm or 100000)
  s:setsockopt("RCVHWM", hwm or 100000)
  return s
end
local function thr(count, size, secs)
  local rate = count / secs
  print(string.format("THR %.0f %.3f", rate, rate * size / 1e6))
end
local function lat(count, secs)
  print(string.format("LAT %.3f", secs * 1e6 / count))
end

if role == "thr-recv" then
  local ep, size, count = arg[2], tonumber(arg[3]), tonumber(arg[4])
  local s = socket("PULL")
  s:bind(ep)
  local recv = s.recv
  recv(s)
  local start = zmq.now()
  if into_mode then
    local recv_into, buf = s.recv_into, zmq.buffer(size)
    for _ = 2, count do recv_into(s, buf) end
  else
    for _ = 2, count do recv(s) end
  end
  thr(count - 1, size, zmq.now() - start)
elseif role == "thr-send" then
  local ep, size, count = arg[2], tonumber(arg[3]), tonumber(arg[4])
  local s = socket("PUSH")
  s:connect(ep)
  local buf = string.rep("x", size)
  local send = s.send
  for _ = 1, count do send(s, buf) end
  -- Everything may still be queued here (large strings are not even copied):
  -- wait for delivery as libzmq's remote_thr does, not the default 1 s.
  s:setsockopt("LINGER", 60000)
  s:close()
  zmq.term()
elseif role == "lat-rep" then
  local ep, count = arg[2], tonumber(arg[4])
  local s = socket("REP")
  s:bind(ep)
  local send, recv = s.send, s.recv
  if into_mode then
    local recv_into, buf = s.recv_into, zmq.buffer(tonumber(arg[3]))
    for _ = 1, count do
      recv_into(s, buf)
      send(s, buf:tostring())
    end
  else
    for _ = 1, count do send(s, (recv(s))) end
  end
elseif role == "lat-req" then
  local ep, size, count = arg[2], tonumber(arg[3]), tonumber(arg[4])
  local s = socket("REQ")
  s:connect(ep)
  local buf = string.rep("x", size)
  local send, recv = s.send, s.recv
  local start = zmq.now()
  if into_mode then
    local recv_into, into = s.recv_into, zmq.buffer(size)
    for _ = 1, count do
      send(s, buf)
      recv_into(s, into)
    end
  else
    for _ = 1, count do
      send(s, buf)
      recv(s)
    end
  end
  lat(count, zmq.now() - start)
elseif role == "thr-inproc" then
  local size, count, hwm = tonumber(arg[2]), tonumber(arg[3]), tonumber(arg[4])
  local pull = socket("PULL", hwm)
  pull:bind("inproc://thr")
  local push = socket("PUSH", hwm)
  push:connect("inproc://thr")
  local buf = string.rep("x", size)
  local send, recv, DONTWAIT = push.send, pull.recv, zmq.DONTWAIT
  local sent, received = 0, 0
  -- Fill the queue until a send would block (EAGAIN), then drain it.
  local function fill()
    while sent < count do
      send(push, buf, DONTWAIT)
      sent = sent + 1
    end
  end
  local function drain()
    while received < sent do
      recv(pull, DONTWAIT)
      received = received + 1
    end
  end
  if into_mode then
    local recv_into, into = pull.recv_into, zmq.buffer(size)
    drain = function()
      while received < sent do
        recv_into(pull, into, DONTWAIT)
        received = received + 1
      end
    end
  end
  local start = zmq.now()
  while received < count do
    pcall(fill)
    pcall(drain)
  end
  thr(count, size, zmq.now() - start)
elseif role == "lat-inproc" then
  local size, count = tonumber(arg[2]), tonumber(arg[3])
  local rep = socket("REP")
  rep:bind("inproc://lat")
  local req = socket("REQ")
  req:connect("inproc://lat")
  local buf = string.rep("x", size)
  local send, recv = req.send, req.recv
  local start = zmq.now()
  if into_mode then
    local recv_into, into = req.recv_into, zmq.buffer(size)
    for _ = 1, count do
      send(req, buf)
      recv_into(rep, into)
      send(rep, into:tostring())
      recv_into(req, into)
    end
  else
    for _ = 1, count do
      send(req, buf)
      send(rep, (recv(rep)))
      recv(req)
    end
  end
  lat(count, zmq.now() - start)
else
  error("unknown role " .. tostring(role))
end
