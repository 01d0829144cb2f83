-- A worker for broker.lua: answers requests forwarded by the broker.
--   broker-worker.lua [backend] [name] [count]
-- Defaults: tcp://localhost:5560, "worker", serve forever.
local zmq = require "zmq"

local backend = arg[1] or "tcp://localhost:5560"
local name = arg[2] or "worker"
local count = tonumber(arg[3])          -- nil: forever

local socket <close> = zmq.new("REP")
socket:connect(backend)

local served = 0
while count == nil or served < count do
  local request = socket:recv()
  print(name .. ": " .. request)
  socket:send(request .. " done by " .. name)
  served = served + 1
end
