-- The spec's producer.js in Lua: sends each argument to the server.
--   producer.lua [--endpoint ENDPOINT] words...      (default tcp://localhost:5555)
local zmq = require "zmq"

local endpoint, first = "tcp://localhost:5555", 1
if arg[1] == "--endpoint" then endpoint, first = arg[2], 3 end

local socket = zmq.new("PUSH")
socket:connect(endpoint)
for i = first, #arg do
  socket:send(arg[i])
  print(('Sent "%s"'):format(arg[i]))
end
-- The socket closes when the script ends, keeping its LINGER: the words are delivered.
