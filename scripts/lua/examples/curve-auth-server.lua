-- A CURVE server that admits listed clients only. CURVE alone encrypts, but
-- admits any client that knows the server's public key (public by design);
-- zmq.auth() checks each client's public key against a list (docs/security.md).
--   curve-auth-server.lua ENDPOINT COUNT CLIENT_PUBLIC_KEY...
-- COUNT is how many requests to answer ("forever" for no limit). Try it with
-- curve-client.lua SERVER_PUBLIC_KEY ENDPOINT hello 2 CLIENT_SECRET_KEY.
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://*:5562"
local count = tonumber(arg[2])          -- nil ("forever"): no limit
local clients = { table.unpack(arg, 3) }

local public, secret = zmq.curve_keypair()
local auth <close> = zmq.auth { curve = clients }  -- only these client keys get in
local server <close> = zmq.new("REP")
server:set("CURVE_SERVER", true)
server:set("CURVE_SECRETKEY", secret)
server:bind(endpoint)
print("server public key: " .. public)

local served = 0
while count == nil or served < count do
  local request = server:recv()
  print(("received %q"):format(request))
  server:send("echo: " .. request)
  served = served + 1
end
