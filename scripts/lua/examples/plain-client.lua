-- A client for plain-server.lua: logs in, sends one message and prints the reply.
--   plain-client.lua USER PASSWORD [endpoint] [message] [timeout_seconds]
-- Defaults: tcp://localhost:5564, "hello", 5 seconds. Exits with 1 if no reply
-- comes: the server refused the user name or password.
local zmq = require "zmq"

local user, password = arg[1], arg[2]
if not user or not password then
  io.stderr:write("usage: plain-client.lua USER PASSWORD [endpoint] [message] [timeout_seconds]\n")
  os.exit(2)
end
local endpoint = arg[3] or "tcp://localhost:5564"
local message = arg[4] or "hello"
local timeout = tonumber(arg[5] or 5)

local client <close> = zmq.new("REQ")
client:set("PLAIN_USERNAME", user)
client:set("PLAIN_PASSWORD", password)
client:set("LINGER", 0)
client:set_timeout(timeout)
client:connect(endpoint)

client:send(message)
local ok, reply = pcall(client.recv, client)
if not ok then
  if zmq.is_error(reply) and reply.code == "ETIMEDOUT" then
    print(("no reply within %g s: wrong user name or password, or no server"):format(timeout))
    os.exit(1)
  end
  error(reply, 0)
end
print(reply)
