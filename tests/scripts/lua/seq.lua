-- N messages carrying sequence numbers 0..N-1 (4-byte ints) through
-- PUSH/PULL or PUB/SUB with the high-water marks raised; the receiver checks
-- that each is exactly the next number: nothing lost, nothing duplicated,
-- order kept. A control channel runs the other way (ready / ack), so that
-- nothing depends on timing or on the sender's linger.
--
--   zlua seq.lua pull N            binds; prints "endpoints DATA CONTROL"
--   zlua seq.lua push N DATA CONTROL
--   zlua seq.lua pub N             binds; prints "endpoints DATA CONTROL"
--   zlua seq.lua sub N DATA CONTROL
local zmq = require "zmq"
local u = require "util"

local role, count, data, control = ...
local N = math.tointeger(tonumber(count))
local HWM = 2 * N + 1000

local function receive(s)
  -- The first message may be preceded by warm-up messages (PUB/SUB).
  local first = s:recv()
  while #first ~= 4 do
    u.eq(first, "warmup", "warm-up message")
    first = s:recv()
  end
  u.eq(string.unpack("<i4", first), 0, "first sequence number")
  for i = 1, N - 1 do
    local n = s:recv_int()
    if n ~= i then error(string.format("sequence broken: expected %d, got %s", i, tostring(n))) end
  end
  u.eq(s:recv_str(), "end", "end marker")
end

local function send_all(s)
  for i = 0, N - 1 do s:send(i) end
  s:send("end")
end

if role == "pull" or role == "pub" then
  local d = zmq.new(role == "pull" and "PULL" or "PUB")
  d:setsockopt(role == "pull" and "RCVHWM" or "SNDHWM", HWM)
  local data_ep = d:bind_to_random_port("tcp://127.0.0.1")
  local c = zmq.new(role == "pull" and "PUSH" or "PULL")
  local control_ep = c:bind_to_random_port("tcp://127.0.0.1")
  u.say("endpoints", data_ep, control_ep)
  if role == "pull" then
    receive(d)
    c:send("ack " .. N)
    u.say("received", N)
  else
    -- Warm up until the subscriber has seen a message (so its subscription is in place).
    local p = zmq.poller()
    p:add(c, zmq.POLLIN)
    while not p:wait(10) do d:send("warmup") end
    u.eq(c:recv_str(), "ready", "control")
    send_all(d)
    u.eq(c:recv_str(), "ack " .. N, "ack")
    u.say("sent", N)
  end
  c:close()
  d:close()
else
  local d = zmq.new(role == "push" and "PUSH" or "SUB")
  d:setsockopt(role == "push" and "SNDHWM" or "RCVHWM", HWM)
  if role == "sub" then d:setsockopt("SUBSCRIBE", "") end
  d:connect(data)
  local c = zmq.new(role == "push" and "PULL" or "PUSH")
  c:connect(control)
  if role == "push" then
    send_all(d)
    u.eq(c:recv_str(), "ack " .. N, "ack")
    u.say("sent", N)
  else
    u.eq(d:recv_str(), "warmup", "warm-up message")
    c:send("ready")
    receive(d)
    c:send("ack " .. N)
    u.say("received", N)
  end
  c:close()
  d:close()
end
