-- The spec's server.js in Lua: forwards what producers send (PULL) to
-- subscribers (PUB).
--   server.lua [producers_endpoint] [subscribers_endpoint]
-- Defaults: tcp://*:5555 and tcp://*:5556, as server.js. Runs until Ctrl-C.
local zmq = require "zmq"

local producers = zmq.new("PULL")
producers:bind(arg[1] or "tcp://*:5555")
local subscribers = zmq.new("PUB")
subscribers:bind(arg[2] or "tcp://*:5556")

local poller = zmq.poller()
poller:add(producers, zmq.POLLIN)
while true do
  local event = poller:wait()           -- no timeout: wait until a producer sends
  if event then
    local data = event.socket:recv()
    subscribers:send(data)
    print(('Forwarded "%s"'):format(data))
  end
end
