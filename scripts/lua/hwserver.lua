-- Hello World server (zguide chapter 1).
-- Binds a REP socket, expects "Hello" from clients, replies with "World".
--   hwserver.lua [endpoint] [count] [work-seconds]
-- Defaults: tcp://*:5555, serve forever, 1 second of "work" per request.
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://*:5555"
local count = tonumber(arg[2])          -- nil: forever
local work = tonumber(arg[3] or 1)

local responder <close> = zmq.new("REP")
responder:bind(endpoint)

local served = 0
while count == nil or served < count do
  local request = responder:recv()      -- wait for the next request
  print("Received " .. request)
  zmq.sleep(work)                       -- do some 'work'
  responder:send("World")
  served = served + 1
end
