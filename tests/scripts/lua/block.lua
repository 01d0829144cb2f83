-- Blocks forever in one call (nobody will send); prints "blocking" first.
--   zlua block.lua recv|send|poll|proxy|recv_timeo|loop|sleep [ENDPOINT]
-- With ENDPOINT, recv/poll/loop bind a PULL there and end normally when a
-- message arrives (printing "got <message>"): for stray signals that must
-- not break the call.
local zmq = require "zmq"
local u = require "util"

local kind, endpoint = ...
if kind == "recv" then
  local pull = zmq.new("PULL")
  pull:bind(endpoint or "inproc://block")
  u.say("blocking")
  u.say("got", pull:recv_str())
elseif kind == "recv_timeo" then
  -- A long timeout: a signal must not wait for it.
  local pull = zmq.new("PULL")
  pull:setsockopt("RCVTIMEO", 3600 * 1000)
  pull:set_timeout(3600)
  pull:bind("inproc://block")
  u.say("blocking")
  u.say("got", pull:recv_str())
elseif kind == "send" then
  local push = zmq.new("PUSH")
  u.say("blocking")
  push:send("nobody takes this")
elseif kind == "poll" then
  local pull = zmq.new("PULL")
  pull:bind(endpoint or "inproc://block")
  local p = zmq.poller()
  p:add(pull, zmq.POLLIN)
  u.say("blocking")
  local ev = p:wait(-1)
  u.say("got", ev.socket:recv_str())
elseif kind == "proxy" then
  local f, b = zmq.new("ROUTER"), zmq.new("DEALER")
  f:bind("inproc://front")
  b:bind("inproc://back")
  u.say("blocking")
  zmq.proxy(f, b)
elseif kind == "loop" then
  -- The coroutine scheduler's wait: two coroutines paused on sockets, one sleeping.
  local pull = zmq.new("PULL")
  pull:bind(endpoint or "inproc://block")
  local idle = zmq.new("PULL")
  idle:bind("inproc://idle")
  zmq.spawn(function() u.say("got", pull:recv_str()) os.exit(0) end)
  zmq.spawn(function() idle:recv() end)
  zmq.spawn(function() zmq.sleep(3600) end)
  zmq.spawn(function() u.say("blocking") end)
  zmq.loop()
elseif kind == "sleep" then
  u.say("blocking")
  zmq.sleep(3600)
else
  error("unknown kind " .. tostring(kind))
end
