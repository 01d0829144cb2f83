-- Task sink (zguide chapter 1).
-- Binds a PULL socket, waits for the start of the batch, then collects the
-- results of every task and prints how long the batch took.
--   tasksink.lua [endpoint] [tasks]
-- Defaults: tcp://*:5558, 100 tasks.
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://*:5558"
local tasks = tonumber(arg[2] or 100)

local receiver <close> = zmq.new("PULL")
receiver:bind(endpoint)

receiver:recv()                         -- the start of the batch
local start = zmq.now()

for n = 1, tasks do
  receiver:recv()
  io.write(n % 10 == 0 and ":" or ".")
  io.flush()
end
print(string.format("\nTotal elapsed time: %d msec", math.floor((zmq.now() - start) * 1000)))
