-- A client for broker.lua: sends requests and prints the replies.
--   broker-client.lua [frontend] [requests]
-- Defaults: tcp://localhost:5559, 10 requests.
local zmq = require "zmq"

local frontend = arg[1] or "tcp://localhost:5559"
local requests = tonumber(arg[2] or 10)

local socket <close> = zmq.new("REQ")
socket:set_timeout(10)                  -- no broker or worker: fail instead of waiting forever
socket:connect(frontend)

for i = 1, requests do
  socket:send("request " .. i)
  print((socket:recv()))
end
