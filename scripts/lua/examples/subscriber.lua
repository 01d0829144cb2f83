-- The spec's subscriber.js in Lua: prints everything the server publishes.
--   subscriber.lua [endpoint]      (default tcp://localhost:5556)
local zmq = require "zmq"

local socket = zmq.new("SUB")
socket:connect(arg[1] or "tcp://localhost:5556")
socket:setsockopt("SUBSCRIBE", "")      -- everything
while true do
  local data = socket:recv()
  print(('Received "%s"'):format(data))
end
