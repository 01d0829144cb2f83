-- Weather update server (zguide chapter 1).
-- Binds a PUB socket and publishes random weather updates "zipcode temperature humidity".
--   wuserver.lua [endpoint] [count] [zipcodes]
-- Defaults: tcp://*:5556, publish forever, zip codes 0..99999 (a smaller
-- range makes a subscriber's zip code come up more often).
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://*:5556"
local count = tonumber(arg[2])          -- nil: forever
local zipcodes = tonumber(arg[3] or 100000)

local publisher <close> = zmq.new("PUB")
publisher:bind(endpoint)

math.randomseed(os.time())
local sent = 0
while count == nil or sent < count do
  local zipcode = math.random(0, zipcodes - 1)
  local temperature = math.random(-80, 134)
  local relhumidity = math.random(10, 59)
  publisher:send(string.format("%05d %d %d", zipcode, temperature, relhumidity))
  sent = sent + 1
end
