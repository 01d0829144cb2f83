-- Bad input arriving from a peer (tests/tests/bad_input.rs); same roles as
-- badinput.js, but recv_str prints "str HEXBYTES" (Lua strings are bytes).
local zmq = require "zmq"
local u = require "util"

local role, max = ...
local s = zmq.new("PULL")
local mon
if role == "maxmsgsize" then
  s:setsockopt("MAXMSGSIZE", math.tointeger(tonumber(max)))
  u.eq(s:getsockopt("MAXMSGSIZE"), math.tointeger(tonumber(max)), "MAXMSGSIZE")
  -- The receiver's own view of the error: its monitor sees the connection dropped.
  mon = s:monitor(zmq.EVENT_DISCONNECTED)
end
u.say("endpoint " .. s:bind_to_random_port("tcp://127.0.0.1"))
if role == "recv_str" then
  while true do
    local t = s:recv_str()
    if t == "end" then break end
    u.say("str " .. t:gsub(".", function(c) return string.format("%02x", c:byte()) end))
  end
elseif role == "maxmsgsize" then
  u.eq(s:recv_str(), "before", "first message")
  local m = s:recv()
  u.check(#m <= tonumber(max), "a message of " .. #m .. " bytes got through MAXMSGSIZE " .. max)
  u.check(m:match("^after %d+$"), "expected \"after N\", got " .. u.show(m))
  u.say("got " .. m)
  mon:setsockopt("RCVTIMEO", 10000)
  u.say("receiver event " .. mon:recv_event().name)
else
  error("unknown role " .. tostring(role))
end
s:close()
