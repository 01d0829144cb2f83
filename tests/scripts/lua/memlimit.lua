-- Memory limits; same as memlimit.js (tests/tests/memory_limits.rs runs this
-- under `zlua --memory-limit 64m`): received messages count against the limit.
--   zlua --memory-limit 64m memlimit.lua [COUNT [SIZE]]
local zmq = require "zmq"
local u = require "util"

local count = math.tointeger(tonumber(arg and arg[1] or nil) or 200)
local size = math.tointeger(tonumber(arg and arg[2] or nil) or 1 << 20)
local ctx = zmq.context()
local push, pull = ctx:socket("PUSH"), ctx:socket("PULL")
push:bind("inproc://memlimit")
pull:connect("inproc://memlimit")
pull:setsockopt("RCVTIMEO", 10000)
local payload = string.rep("\7", size)

-- Send and receive messages, keeping them, until recv fails for memory;
-- returns how many were kept. (zlua lends `payload` to libzmq: over inproc
-- the received message is the lent one. A recv that fails must release it:
-- scripts/sanitize.sh runs this under valgrind, which would see the leak.)
local function hoard()
  local kept = {}
  for _ = 1, count do
    local stage = "send"
    local ok, err = pcall(function()
      push:send(payload)
      stage = "recv"
      local m = pull:recv()
      stage = "keep"
      u.eq(#m, size, "message size")
      kept[#kept + 1] = m
    end)
    if not ok then
      local text = tostring(err)
      u.check(text:find("not enough memory", 1, true) ~= nil, "out of memory error: " .. text)
      u.check(stage == "recv" or stage == "keep", "memory ran out in " .. stage)
      u.say("out of memory after " .. #kept .. " messages (" .. stage .. "): " .. text)
      local n = #kept
      kept = nil -- dropped: the heap is free again
      collectgarbage()
      return n
    end
  end
  error(string.format("kept all %d messages of %d bytes: the limit does not hold", count, size))
end

local first = hoard()
local second = hoard()
u.check(first > 0 and second > 0, string.format("kept some messages (%d, %d)", first, second))
push:send("after")
u.eq(pull:recv(), "after", "round trip after the out-of-memory errors")
push:close()
pull:close()
ctx:term()
u.say("alive")
