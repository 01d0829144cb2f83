-- <close> (Lua 5.4 only) inside zmq.loop: the to-be-closed variables of dropped coroutines are closed.
local zmq = require "zmq"

-- <close> variables of dropped coroutines are closed.
local dropped
zmq.spawn(function()
  local s <close> = zmq.new("PUSH")
  dropped = s
  zmq.sleep(10)
end)
zmq.spawn(function() error("stop") end)
assert(not pcall(zmq.loop))
assert(dropped:closed())

print("scheduler_close ok")
