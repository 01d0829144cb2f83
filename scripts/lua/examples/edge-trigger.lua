-- The missed-edge bug of event loops over ZMQ_FD, shown deterministically.
--
-- Ten messages are queued at a PULL socket in one burst (over inproc, sends
-- are complete when they return), then a poll loop watches the socket's fd:
-- - "drain" reads ZMQ_EVENTS and receives while it has POLLIN: all ten;
-- - "naive" receives one message per wake-up, as an `if` would: the fd never
--   fires again (nothing new arrives), so nine stay unread.
-- The loop ends when the fd has been quiet for 200 ms.
--
--   edge-trigger.lua [drain|naive] [messages]
local zmq = require "zmq"

local mode = arg[1] or "drain"
local total = tonumber(arg[2] or 10)

local pull = zmq.new("PULL")
pull:bind("inproc://edge")
local push = zmq.new("PUSH")
push:connect("inproc://edge")
for i = 1, total do push:send("message " .. i) end

local loop = zmq.poller()         -- plain poll(2) on the fd, as a foreign event loop would
loop:add(pull:get_fd(), zmq.POLLIN)

local received = 0
while loop:wait(200) do
  if mode == "naive" then
    if pull:events() & zmq.POLLIN ~= 0 then   -- WRONG: one message per wake-up
      pull:recv(zmq.DONTWAIT)
      received = received + 1
    end
  else
    while pull:events() & zmq.POLLIN ~= 0 do  -- RIGHT: everything queued
      pull:recv(zmq.DONTWAIT)
      received = received + 1
    end
  end
end

local unread = 0
while pull:is_readable() do
  pull:recv(zmq.DONTWAIT)
  unread = unread + 1
end
print(("%s: received %d of %d, %d left unread when the fd went quiet"):format(mode, received, total, unread))
