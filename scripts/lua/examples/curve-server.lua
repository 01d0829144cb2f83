-- A CURVE-secured REP server: traffic is encrypted, and only clients that
-- know the server's public key can talk to it. It makes a new key pair at
-- start and prints the public key; a real server would load its secret key.
--   curve-server.lua [endpoint] [count]
-- Defaults: tcp://*:5561, answer forever.
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://*:5561"
local count = tonumber(arg[2])          -- nil: forever

local public, secret = zmq.curve_keypair()
local server <close> = zmq.new("REP")
server:set("CURVE_SERVER", true)        -- this side of the handshake is the server
server:set("CURVE_SECRETKEY", secret)
server:bind(endpoint)
print("server public key: " .. public)

local served = 0
while count == nil or served < count do
  local request = server:recv()
  print(('received "%s" (mechanism %s)'):format(request, server:get("MECHANISM") == zmq.CURVE and "CURVE" or "?"))
  server:send("echo: " .. request)
  served = served + 1
end
