-- Hello World client (zguide chapter 1).
-- Connects a REQ socket, sends "Hello" and waits for "World", `count` times.
--   hwclient.lua [endpoint] [count]
-- Defaults: tcp://localhost:5555, 10 requests.
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://localhost:5555"
local count = tonumber(arg[2] or 10)

print("Connecting to hello world server...")
local requester <close> = zmq.new("REQ")
requester:connect(endpoint)

for n = 1, count do
  print("Sending Hello " .. n .. "...")
  requester:send("Hello")
  local reply = requester:recv()
  print("Received " .. reply .. " " .. n)
end
