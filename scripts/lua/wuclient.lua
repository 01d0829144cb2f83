-- Weather update client (zguide chapter 1).
-- Connects a SUB socket, collects `count` updates for one zip code and
-- prints the average temperature.
--   wuclient.lua [endpoint] [zipcode] [count]
-- Defaults: tcp://localhost:5556, 10001 (New York City), 100 updates.
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://localhost:5556"
local filter = string.format("%05d ", tonumber(arg[2] or 10001))
local count = tonumber(arg[3] or 100)

print("Collecting updates from weather server...")
local subscriber <close> = zmq.new("SUB")
subscriber:connect(endpoint)
subscriber:setsockopt("SUBSCRIBE", filter)

local total = 0
for _ = 1, count do
  local update = subscriber:recv()
  local _, temperature = string.match(update, "(%d+) (-?%d+) (%d+)")
  total = total + tonumber(temperature)
end
print(string.format("Average temperature for zipcode '%s' was %dF", filter, total // count))
