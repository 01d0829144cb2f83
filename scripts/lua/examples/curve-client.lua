-- A client for curve-server.lua: connects with the server's public key (and a
-- key pair of its own), sends one message and prints the reply.
--   curve-client.lua SERVER_PUBLIC_KEY [endpoint] [message] [timeout_seconds] [client_secret]
-- Defaults: tcp://localhost:5561, "hello", 5 seconds, a new key pair (give the
-- secret key for a server that admits listed keys only: curve-auth-server.lua).
-- Exits with 1 if no reply comes: with a wrong server key, or a client key an
-- authenticating server does not know, the handshake fails and nothing is delivered.
local zmq = require "zmq"

local server_key = arg[1]
if not server_key then
  io.stderr:write("usage: curve-client.lua SERVER_PUBLIC_KEY [endpoint] [message] [timeout_seconds] [client_secret]\n")
  os.exit(2)
end
local endpoint = arg[2] or "tcp://localhost:5561"
local message = arg[3] or "hello"
local timeout = tonumber(arg[4] or 5)

local public, secret
if arg[5] then
  public, secret = zmq.curve_public(arg[5]), arg[5]
else
  public, secret = zmq.curve_keypair()
end
local client <close> = zmq.new("REQ")
client:set("CURVE_SERVERKEY", server_key)
client:set("CURVE_PUBLICKEY", public)
client:set("CURVE_SECRETKEY", secret)
client:set("LINGER", 0)
client:set_timeout(timeout)
client:connect(endpoint)

client:send(message)
local ok, reply = pcall(client.recv, client)
if not ok then
  if zmq.is_error(reply) and reply.code == "ETIMEDOUT" then
    print(("no reply within %g s: wrong server key, unknown client key, or no server"):format(timeout))
    os.exit(1)
  end
  error(reply, 0)
end
print(reply)
