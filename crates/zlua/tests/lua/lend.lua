-- Large strings are lent to libzmq (zero-copy) rather than copied: what
-- arrives is intact even when the sender's string was collected meanwhile,
-- errors are the usual ones, and lent strings are released afterwards.
local zmq = require "zmq"
local T = require "testlib"

local K = 1024
-- A string of `size` bytes unique to `i` (not kept anywhere by the caller).
local function body(i, size)
  local head = string.format("%08d:", i)
  return head .. string.rep(string.char(65 + i % 26), size - #head)
end

-- Distinct large messages over each transport; every string is garbage
-- right after send, and the collector runs while they are in flight.
local function through(pull, push, n, size)
  for i = 1, n do
    push:send(body(i, size))
    if i % 8 == 0 then collectgarbage() end
  end
  collectgarbage(); collectgarbage()
  for i = 1, n do
    local got = pull:recv()
    assert(#got == size, "size of message " .. i)
    assert(got == body(i, size), "content of message " .. i)
  end
end

do
  local pull, push = T.pair()
  through(pull, push, 64, 64 * K)
  through(pull, push, 8, 1024 * K)
  through(pull, push, 16, 16 * K)        -- the smallest lent size
  through(pull, push, 16, 16 * K - 1)    -- copied
end
do
  local pull, push = zmq.new("PULL"), zmq.new("PUSH")
  local ep = "ipc://" .. os.tmpname() .. ".lend"
  pull:bind(ep); push:connect(ep)
  pull:set_timeout(5); push:set_timeout(5)
  through(pull, push, 32, 64 * K)
end
do
  local pull, push = zmq.new("PULL"), zmq.new("PUSH")
  local ep = T.inproc("lend")
  pull:bind(ep); push:connect(ep)
  through(pull, push, 32, 64 * K)
end

-- Multipart messages with lent parts; integers and nil between them.
do
  local a, b = zmq.new("PAIR"), zmq.new("PAIR")
  local ep = T.inproc("lendmp")
  a:bind(ep); b:connect(ep)
  a:send(body(1, 100 * K), true); a:send(7, true); a:send(nil, true); a:send(body(2, 20 * K))
  local p = b:recv_multipart()
  assert(#p == 4 and p[1] == body(1, 100 * K) and #p[2] == 4 and p[3] == "" and p[4] == body(2, 20 * K))
  a:send_multipart({ body(3, 32 * K), body(4, 32 * K) })
  p = b:recv_multipart()
  assert(#p == 2 and p[1] == body(3, 32 * K) and p[2] == body(4, 32 * K))
end

-- The same errors as copied sends.
local big = body(0, 64 * K)
do
  local lonely = zmq.new("PUSH")               -- no peer: a send would block
  T.raises("EAGAIN", lonely.send, lonely, big, zmq.DONTWAIT)
  lonely:set_timeout(0.05)
  T.raises("ETIMEDOUT", lonely.send, lonely, big)
  lonely:set_timeout(nil)
  lonely:setsockopt("SNDTIMEO", 50)
  T.raises("EAGAIN", lonely.send, lonely, big)
  lonely:close()
  T.raises("ENOTSOCK", lonely.send, lonely, big)
  local req = zmq.new("REQ")                   -- no peer at all
  req:setsockopt("SNDTIMEO", 0)
  T.raises("EAGAIN", req.send, req, big)
  local a, b = zmq.new("REQ"), zmq.new("REP")
  local ep = T.inproc("lendfsm")
  b:bind(ep); a:connect(ep)
  a:send(big)
  T.raises("EFSM", a.send, a, big)             -- REQ must receive first
  assert(b:recv() == big)
  local sub = zmq.new("SUB")
  T.raises("ENOTSUP", sub.send, sub, big)
end

-- A full queue (HWM) falls back to a waiting copy; everything still arrives in order.
do
  local pull, push = T.pair()
  push:setsockopt("SNDHWM", 2); pull:setsockopt("RCVHWM", 2)
  local n = 40
  zmq.spawn(function() for i = 1, n do push:send(body(i, 32 * K)) end end)
  zmq.spawn(function()
    for i = 1, n do assert(pull:recv() == body(i, 32 * K), "HWM message " .. i) end
  end)
  zmq.loop()
end

-- Lent strings are released once libzmq is done: memory does not grow with
-- the number of messages.
do
  local a, b = zmq.new("PAIR"), zmq.new("PAIR")
  local ep = T.inproc("lendmem")
  a:bind(ep); b:connect(ep)
  local function round(n)
    for i = 1, n do a:send(body(i, 256 * K)); b:recv() end
    a:send("x"); b:recv()                      -- gives back what the last recv freed
    collectgarbage(); collectgarbage()
    return collectgarbage("count")
  end
  local after_few = round(4)
  local after_many = round(200)                 -- 50 MiB lent in all
  assert(after_many < after_few + 2048, ("memory grew from %.0f to %.0f KiB"):format(after_few, after_many))
end

print("lend ok")
