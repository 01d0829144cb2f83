-- The ratchet compatibility shim.
require "ratchet.zmqsocket"
assert(type(ratchet) == "table" and ratchet.zmqsocket)
assert(require "ratchet" == ratchet)
local zmq = require "zmq"
assert(ratchet.zmqsocket.new == zmq.new)

local rec = ratchet.zmqsocket.prepare_uri("zmq:pair:inproc://ratchet-test")
local results = {}
local r = ratchet.new(function(greeting)
  local a = ratchet.zmqsocket.new(rec.type)
  a:bind(rec.endpoint)
  a:set_timeout(5)
  local got = a:recv_all()     -- pauses this coroutine; the other one runs
  results[#results + 1] = greeting .. " " .. got
end, "got")
r:attach(function(x)
  local b = ratchet.zmqsocket.new("PAIR")
  b:connect(rec.endpoint)
  b:send("multi", true)
  b:send("part")
  results[#results + 1] = x
end, "sent")
r:loop()
assert(#results == 2, table.concat(results, "|"))
assert(results[1] == "sent" and results[2] == "got multipart", table.concat(results, "|"))
print("ratchet_shim ok")
