-- <close> (Lua 5.4 only) closes sockets and contexts at the end of their scope.
local zmq = require "zmq"
local T = require "testlib"

-- <close> closes at the end of the scope, and on errors.
local kept
do
  local s <close> = zmq.new("PUSH")
  kept = s
  assert(not s:closed())
end
assert(kept:closed())
local ok = pcall(function()
  local s <close> = zmq.new("PUSH")
  kept = s
  error("boom")
end)
assert(not ok and kept:closed())

do
  local c <close> = zmq.context()
  kept = c:socket("PUB")
end
T.raises("ETERM", kept.send, kept, "x")


print("gc_close ok")
