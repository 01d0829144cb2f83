-- Task ventilator (zguide chapter 1).
-- Binds a PUSH socket and sends a batch of tasks to the workers; the first
-- message, sent to the sink, signals the start of the batch.
--   taskvent.lua [endpoint] [sink-endpoint] [tasks]
-- Defaults: tcp://*:5557, tcp://localhost:5558, 100 tasks.
-- Waits for Enter (when the workers are ready) before sending.
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://*:5557"
local sink_endpoint = arg[2] or "tcp://localhost:5558"
local tasks = tonumber(arg[3] or 100)

local sender <close> = zmq.new("PUSH")
sender:bind(endpoint)

local sink <close> = zmq.new("PUSH")
sink:connect(sink_endpoint)

io.write("Press Enter when the workers are ready: ")
io.flush()
io.read("l")
print("Sending tasks to workers...")

sink:send("0")                          -- the start of the batch

math.randomseed(os.time())
local total_msec = 0
for _ = 1, tasks do
  local workload = math.random(1, 100)  -- 1..100 msecs
  total_msec = total_msec + workload
  sender:send(tostring(workload))
end
print("Total expected cost: " .. total_msec .. " msec")
