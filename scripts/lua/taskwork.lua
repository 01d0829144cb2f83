-- Task worker (zguide chapter 1).
-- Connects a PULL socket to the ventilator and a PUSH socket to the sink;
-- for each task, sleeps the given number of milliseconds, then reports.
--   taskwork.lua [ventilator-endpoint] [sink-endpoint] [tasks]
-- Defaults: tcp://localhost:5557, tcp://localhost:5558, work forever.
local zmq = require "zmq"

local vent_endpoint = arg[1] or "tcp://localhost:5557"
local sink_endpoint = arg[2] or "tcp://localhost:5558"
local tasks = tonumber(arg[3])          -- nil: forever

local receiver <close> = zmq.new("PULL")
receiver:connect(vent_endpoint)

local sender <close> = zmq.new("PUSH")
sender:connect(sink_endpoint)

local done = 0
while tasks == nil or done < tasks do
  local workload = receiver:recv()
  io.write(workload .. ".")             -- show progress
  io.flush()
  zmq.sleep(tonumber(workload) / 1000)  -- do the work
  sender:send("")                       -- send results to the sink
  done = done + 1
end
