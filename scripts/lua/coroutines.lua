-- Many concurrent REQ clients served by one process, with coroutines.
--
-- One ROUTER server and `clients` REQ clients run as coroutines of one
-- zmq.loop(): whenever a coroutine waits for a socket (or zmq.sleep), only
-- that coroutine pauses; the scheduler waits on all paused sockets with one
-- poll. Each client sends `requests` requests and checks every reply.
--   coroutines.lua [clients] [requests] [endpoint]
-- Defaults: 50 clients, 10 requests each, tcp://127.0.0.1:* (a free port).
local zmq = require "zmq"

local clients = tonumber(arg[1] or 50)
local requests = tonumber(arg[2] or 10)

local server <close> = zmq.new("ROUTER")
local endpoint = arg[3]
if endpoint then
  server:bind(endpoint)
else
  endpoint = server:bind_to_random_port("tcp://127.0.0.1")
end
server:set_timeout(10)                  -- a stuck test fails instead of hanging

local total = clients * requests

zmq.spawn(function()
  for _ = 1, total do
    -- A REQ client's message reaches a ROUTER as: identity, empty delimiter, body.
    local parts = server:recv_multipart()
    local identity, body = parts[1], parts[3]
    server:send_multipart({ identity, "", "echo " .. body })
  end
end)

local finished = 0
for c = 1, clients do
  zmq.spawn(function()
    local client <close> = zmq.new("REQ")
    client:set_timeout(10)
    client:connect(endpoint)
    for r = 1, requests do
      local body = c .. ":" .. r
      client:send(body)
      local reply = client:recv()
      assert(reply == "echo " .. body, "wrong reply: " .. reply)
      if r % 3 == 0 then zmq.sleep(0.001) end  -- let the others run
    end
    finished = finished + 1
  end)
end

zmq.loop()
print(string.format("%d clients x %d requests served by one process", finished, requests))
assert(finished == clients)
