-- set_timeout/get_timeout: a paused call that runs out raises ETIMEDOUT.
local zmq = require "zmq"
local T = require "testlib"

local pull = zmq.new("PULL")
pull:bind(T.inproc("timeouts"))
assert(pull:get_timeout() == -1)
assert(pull:set_timeout(0.05) == true)
assert(pull:get_timeout() == 0.05)

-- recv outside a coroutine blocks, then times out.
local err = T.raises("ETIMEDOUT", pull.recv, pull)
assert(tostring(err) == "[ETIMEDOUT] Operation timed out", tostring(err))
T.raises("ETIMEDOUT", pull.recv_all, pull)
T.raises("ETIMEDOUT", pull.recv_int, pull)

-- send to a PUSH without peers would block: times out too.
local push = zmq.new("PUSH")
push:set_timeout(0)
T.raises("ETIMEDOUT", push.send, push, "x")
push:set_timeout(0.02)
T.raises("ETIMEDOUT", push.send, push, "x")

-- nil or a negative number: no timeout again; RCVTIMEO then applies (EAGAIN).
pull:set_timeout(nil)
assert(pull:get_timeout() == -1)
pull:set_timeout(-3)
assert(pull:get_timeout() == -1)
pull:setsockopt("RCVTIMEO", 30)
T.raises("EAGAIN", pull.recv, pull)
pull:setsockopt("RCVTIMEO", -1)

-- Inside a coroutine only that coroutine waits; the timeout still applies.
pull:set_timeout(0.05)
local order = {}
zmq.spawn(function()
  local e = T.raises("ETIMEDOUT", pull.recv, pull)
  order[#order + 1] = "timeout"
end)
zmq.spawn(function()
  order[#order + 1] = "other"
end)
zmq.loop()
assert(order[1] == "other" and order[2] == "timeout", table.concat(order, ","))

-- A message that arrives in time is received.
local a, b = T.pair()
a:set_timeout(5)
zmq.spawn(function() assert(a:recv() == "in time") end)
zmq.spawn(function() zmq.sleep(0.01); b:send("in time") end)
zmq.loop()

print("timeouts ok")
