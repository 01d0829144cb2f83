-- Sockets are closed when collected and by their context; GC order does not matter
-- (`<close>`, Lua 5.4 only, is in gc_close.lua).
local zmq = require "zmq"
local T = require "testlib"

local base = zmq.open_sockets()

-- Collected sockets are closed.
for _ = 1, 50 do
  local s = zmq.new("PUSH")
  s:connect("tcp://127.0.0.1:1")
end
collectgarbage(); collectgarbage()
assert(zmq.open_sockets() == base, "open sockets after GC: " .. zmq.open_sockets())

-- A collected socket still delivers what it sent (its LINGER).
local pull = zmq.new("PULL")
local ep = pull:bind_to_random_port("tcp://127.0.0.1")
pull:set_timeout(5)
do
  local push = zmq.new("PUSH")
  push:connect(ep)
  push:send("sent before collection")
end
collectgarbage(); collectgarbage()
assert(pull:recv() == "sent before collection")

-- Contexts: collecting one does not close its sockets; closing one does.
local ctx = zmq.context()
local s1 = ctx:socket("PULL")
local ep2 = s1:bind_to_random_port("tcp://127.0.0.1")
ctx = nil
collectgarbage(); collectgarbage()
local p = zmq.new("PUSH")
p:connect(ep2)
p:send("still alive")
s1:set_timeout(5)
assert(s1:recv() == "still alive")

-- A socket reached from another finalizer after its own finalizer ran fails cleanly.
local outcome
local send, recv, close = zmq.new("PAIR").send, zmq.new("PAIR").recv, zmq.new("PAIR").close
-- (A finalizer of its own: __gc of a table before 5.2, where only userdata have one.)
local function finalized(h, gc)
  if newproxy and not T.integers and _VERSION == "Lua 5.1" then
    local p = newproxy(true)
    getmetatable(p).__gc = function() gc(h) end
    h.proxy = p
    return h
  end
  return setmetatable(h, { __gc = gc })
end
do
  local holder = finalized({}, function(h)
    local ok1 = pcall(function() return h.s:send("x") end)
    local ok2 = pcall(function() return h.s:recv(zmq.DONTWAIT) end)
    local ok3 = pcall(function() return h.s:close() end)
    -- The methods themselves (the C fast path included) refuse it too.
    local ok4, e4 = pcall(send, h.s, "x")
    local ok5 = pcall(recv, h.s, zmq.DONTWAIT)
    local ok6 = pcall(close, h.s)
    assert(string.find(e4, "zmq socket expected"), e4)
    outcome = { ok1, ok2, ok3, ok4, ok5, ok6 }
  end)
  holder.s = zmq.new("PAIR")
end
collectgarbage(); collectgarbage()
assert(outcome and #outcome == 6, "the finalizer did not finish")
for i = 1, 6 do assert(outcome[i] == false, i) end

-- Sockets and contexts left for the final collection, in any order.
local keep = {}
for i = 1, 10 do
  local c = zmq.context()
  keep[#keep + 1] = c:socket("PUSH")
  keep[#keep + 1] = (i % 2 == 0) and c or nil
  keep[#keep + 1] = zmq.new("SUB")
end
_G.leftovers = keep

print("gc ok")
