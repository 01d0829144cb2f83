-- A PLAIN server: clients log in with a user name and password, checked by
-- zmq.auth(). PLAIN sends the password in clear text: use it on a trusted
-- network or inside a tunnel (docs/security.md), or use CURVE.
--   plain-server.lua [endpoint] [count]
-- Defaults: tcp://*:5564, answer forever. Users: admin / secret, guest / guest.
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://*:5564"
local count = tonumber(arg[2])

local auth <close> = zmq.auth { plain = { admin = "secret", guest = "guest" } }
local server <close> = zmq.new("REP")
server:set("PLAIN_SERVER", true)
server:bind(endpoint)
print("listening on " .. endpoint)

local served = 0
while count == nil or served < count do
  local request = server:recv()
  print(("received %q"):format(request))
  server:send("echo: " .. request)
  served = served + 1
end
