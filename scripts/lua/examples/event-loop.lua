-- One poll loop over two kinds of file descriptor: standard input and a
-- ZeroMQ socket's ZMQ_FD, as a program with its own event loop would do it
-- (docs/event-loop.md explains the rules):
--
-- - ZMQ_FD is not the socket's data: it only says "something changed". It is
--   edge-triggered, and reading ZMQ_EVENTS is what re-arms it.
-- - So when it fires, read EVENTS and receive *while* it has POLLIN: several
--   messages may be waiting behind one wake-up.
--
--   event-loop.lua [endpoint]      (default tcp://127.0.0.1:5562)
-- Prints each line typed on stdin and each message received; ends at end of input.
local zmq = require "zmq"

local endpoint = arg[1] or "tcp://127.0.0.1:5562"
local pull <close> = zmq.new("PULL")
pull:bind(endpoint)
print("listening on " .. pull:last_endpoint())

-- Unbuffered: a read takes only its line, so poll(2) still sees the next one.
io.stdin:setvbuf("no")

local STDIN = 0
local zmq_fd = pull:get_fd()
local loop = zmq.poller()         -- used as plain poll(2): it only sees file descriptors
loop:add(STDIN, zmq.POLLIN)
loop:add(zmq_fd, zmq.POLLIN)

local lines, messages, open = 0, 0, true
while open do
  for _, ready in ipairs(loop:wait_all(2)) do
    if ready.fd == zmq_fd then
      -- Drain: the fd will not fire again for messages already queued.
      while pull:events() & zmq.POLLIN ~= 0 do
        local message = pull:recv(zmq.DONTWAIT)
        messages = messages + 1
        print("zmq: " .. message)
      end
    else
      local line = io.read("l")
      if line == nil then
        open = false
      else
        lines = lines + 1
        print("stdin: " .. line)
      end
    end
  end
end
print(("end of input after %d lines and %d messages"):format(lines, messages))
