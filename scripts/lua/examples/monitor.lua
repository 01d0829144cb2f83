-- A socket monitor: prints a socket's connection events as peers come and go,
-- next to the messages the socket receives.
--   monitor.lua [endpoint] [disconnects]
-- Binds a PULL socket at endpoint (default tcp://127.0.0.1:5563). With
-- `disconnects`, ends after that many peers have gone; otherwise runs until Ctrl-C.
-- Try it: zlua monitor.lua, then in another terminal
--   zlua -e 'local s = require("zmq").new("PUSH"); s:connect("tcp://127.0.0.1:5563"); s:send("hi")'
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://127.0.0.1:5563"
local disconnects = tonumber(arg[2])      -- nil: forever

local pull <close> = zmq.new("PULL")
-- The monitor is a socket of its own on which the events arrive. Start it
-- before bind() to see EVENT_LISTENING too.
local events <close> = pull:monitor(zmq.EVENT_ALL)
pull:bind(endpoint)
print("listening on " .. pull:last_endpoint())

local poller = zmq.poller()
poller:add(events, zmq.POLLIN)
poller:add(pull, zmq.POLLIN)

local gone = 0
while disconnects == nil or gone < disconnects do
  local ready = poller:wait()
  if ready.socket == events then
    -- {event = zmq.EVENT_ACCEPTED, name = "EVENT_ACCEPTED", value = fd/errno/interval, endpoint = ...}
    local ev = events:recv_event()
    print(("%s %s"):format(ev.name, ev.endpoint))
    if ev.event == zmq.EVENT_DISCONNECTED then gone = gone + 1 end
  else
    print("message: " .. pull:recv())
  end
end
