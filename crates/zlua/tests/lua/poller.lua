-- zmq.poller(): add, modify, remove, size, wait, wait_all, poll, poll_all.
local zmq = require "zmq"
local T = require "testlib"

local pull, push = T.pair()
local pull2, push2 = T.pair()
local poller = zmq.poller()
assert(string.find(tostring(poller), "zmq.poller"), tostring(poller))
assert(poller:size() == 0)
assert(poller:add(pull, zmq.POLLIN, "first") == true)
assert(poller:add(pull2, zmq.POLLIN, { n = 2 }) == true)
assert(poller:size() == 2)
T.raises("EINVAL", poller.add, poller, pull, zmq.POLLIN)  -- already added
T.raises("EINVAL", poller.add, poller, push, 0x100)       -- bad events
local closed = zmq.new("PULL"); closed:close()
T.raises("ENOTSOCK", poller.add, poller, closed, zmq.POLLIN)

-- Nothing yet: nil after the timeout.
assert(poller:wait(10) == nil)
assert(poller:poll() == nil)
assert(poller:wait_all(4, 0) == nil)
assert(poller:poll_all(4) == nil)

push2:send("to two")
local ev = poller:wait(5000)
assert(ev, "no event")
assert(rawequal(ev.socket, pull2), "event.socket is the object passed to add")
assert(ev.events == zmq.POLLIN and ev.user_data.n == 2)
assert(pull2:recv() == "to two")

push:send("to one")
push2:send("to two again")
local deadline, seen = zmq.now() + 5, {}
while (not seen.first or not seen.two) and zmq.now() < deadline do
  local evs = poller:wait_all(4, 100)
  for _, e in ipairs(evs or {}) do
    if e.user_data == "first" then seen.first = true; assert(pull:recv() == "to one") end
    if type(e.user_data) == "table" then seen.two = true; assert(pull2:recv() == "to two again") end
  end
end
assert(seen.first and seen.two)
T.raises("EINVAL", poller.wait_all, poller, 0, 0)

-- modify: a PUSH with a peer is writable.
assert(poller:add(push, zmq.POLLIN) == true)
assert(poller:modify(push, zmq.POLLOUT) == true)
local ev2 = poller:wait(5000)
assert(rawequal(ev2.socket, push) and T.band(ev2.events, zmq.POLLOUT) ~= 0 and ev2.user_data == nil)
T.raises("EINVAL", poller.modify, poller, zmq.new("PUB"), zmq.POLLIN)

-- remove
assert(poller:remove(push) == true)
assert(poller:size() == 2)
T.raises("EINVAL", poller.remove, poller, push)
assert(poller:remove(pull) == true)
push2:send("after remove")
local ev3 = poller:wait(5000)
assert(rawequal(ev3.socket, pull2) and type(ev3.user_data) == "table")
pull2:recv()

-- File descriptors: a socket's ZMQ_FD signals when it has something to do.
local fdp = zmq.poller()
local fd = pull:get_fd()
assert(fdp:add(fd, zmq.POLLIN, "fd") == true)
-- Edge-triggered: the fd signals only after ZMQ_EVENTS found nothing to read.
assert(T.band(pull:events(), zmq.POLLIN) == 0)
push:send("wake the fd")
local ev4 = fdp:wait(5000)
assert(ev4 and ev4.fd == fd and ev4.socket == nil and ev4.user_data == "fd")
assert(pull:recv() == "wake the fd")
assert(fdp:remove(fd))
assert(fdp:size() == 0)
T.raises("EBADF", fdp.add, fdp, -1, zmq.POLLIN)
T.raises("EFAULT", fdp.wait, fdp, -1)        -- an empty poller would wait forever

T.raises_msg("bad argument #1 to 'add' %(zmq socket or file descriptor expected, got string%)", poller.add, poller, "x")
print("poller ok")
