-- The common cases of send/recv stay in C (src/raw.rs) and never call the
-- module's Lua half; the other cases still behave. Checked with a call hook,
-- not with timings.
local zmq = require "zmq"
local T = require "testlib"

-- Names of the module's Lua functions (sources "=[zmq]", "=[zmq.base]"...) called while f(...) runs.
-- On 5.1 and LuaJIT the methods are thin Lua wrappers around the C functions
-- (a C function cannot call Lua code that yields there): those two are not counted.
local wrappers = {}
for _, m in ipairs { "send", "recv" } do
  local f = zmq.new("PAIR")[m]
  if debug.getinfo(f, "S").what == "Lua" then wrappers[f] = true end
end
local function lua_calls(f, ...)
  local seen = {}
  debug.sethook(function()
    local info = debug.getinfo(2, "Snf")
    if info and info.source:sub(1, 5) == "=[zmq" and not wrappers[info.func] then seen[#seen + 1] = info.name or "?" end
  end, "c")
  local results = T.pack(pcall(f, ...))
  debug.sethook()
  return seen, T.unpack(results, 1, results.n)
end

local function stays_in_c(what, f, ...)
  local seen, ok, a, b = lua_calls(f, ...)
  assert(ok, what .. ": " .. tostring(a))
  assert(#seen == 0, what .. " called the Lua half: " .. table.concat(seen, ", "))
  return a, b
end

local pull = zmq.new("PULL")
local push = zmq.new("PUSH")
local ep = T.inproc("fast")
pull:bind(ep)
push:connect(ep)

-- Every argument form of the common case, called as methods (absent
-- arguments included: nothing may take their place).
stays_in_c("send(s)", function() return push:send("s") end)
stays_in_c("send(s, true)", function() return push:send("t", true) end)
stays_in_c("send(s, false)", function() return push:send("f", false) end)
stays_in_c("send(s, SNDMORE)", function() return push:send("m", zmq.SNDMORE) end)
stays_in_c("send(s, DONTWAIT)", function() return push:send("d", zmq.DONTWAIT) end)
stays_in_c("send(int)", function() return push:send(7) end)
stays_in_c("send(nil)", function() return push:send(nil) end)
stays_in_c("send()", function() return push:send() end)
local expect = { { "s", false }, { "t", true }, { "f", false }, { "m", true }, { "d", false },
                 { T.le_bytes(7, 4), false }, { "", false }, { "", false } }
for i, e in ipairs(expect) do
  local data, more = stays_in_c("recv()", function() return pull:recv() end)
  assert(data == e[1] and more == e[2], "message " .. i)
end
push:send("x")
assert(stays_in_c("recv(DONTWAIT)", function() return pull:recv(zmq.DONTWAIT) end) == "x")
push:send("y")
assert(stays_in_c("recv(nil)", function() return pull:recv(nil) end) == "y")

-- Errors are raised from C as zmq errors (only the raising helper runs).
local seen, ok, err = lua_calls(pull.recv, pull, zmq.DONTWAIT)
assert(not ok and zmq.is_error(err) and err.code == "EAGAIN", tostring(err))
for _, name in ipairs(seen) do assert(name ~= "full_recv", "EAGAIN went through the full path") end

-- Blocking (outside zmq.loop) happens in C too, timeouts included.
pull:set_timeout(0.05)
seen, ok, err = lua_calls(pull.recv, pull)
assert(not ok and zmq.is_error(err) and err.code == "ETIMEDOUT", tostring(err))
for _, name in ipairs(seen) do assert(name ~= "full_recv", "a blocking recv went through the full path") end
pull:set_timeout(nil)

-- Odd arguments take the full path and fail as before.
T.raises_msg("bad argument #2 to 'send'", push.send, push, "x", "flags")
T.raises_msg("bad argument #1 to 'recv'", pull.recv, pull, true)
T.raises_msg("bad argument #1 to 'send'", push.send, push, {})
T.raises_msg("bad self to 'send'", push.send, io.stdout, "x")
T.raises_msg("bad self to 'recv'", pull.recv, setmetatable({}, {}))
-- A number that is not an integer is sent by the full path (4 bytes).
push:send(3.0)
assert(#pull:recv() == 4)

-- Closed sockets keep raising the same errors.
local c = zmq.new("PUSH")
c:close()
T.raises("ENOTSOCK", c.send, c, "x")
T.raises("ENOTSOCK", c.recv, c)
T.raises("ENOTSOCK", c.send, c, "x", zmq.DONTWAIT)

-- Inside zmq.loop, a coroutine that would block pauses (the full path) while
-- the others run.
local order = {}
local a, b = zmq.new("PAIR"), zmq.new("PAIR")
local ep2 = T.inproc("fastloop")
a:bind(ep2); b:connect(ep2)
zmq.spawn(function()
  order[#order + 1] = "wait"
  local got = a:recv()
  order[#order + 1] = got
end)
zmq.spawn(function()
  order[#order + 1] = "send"
  b:send("late")
end)
zmq.loop()
assert(table.concat(order, ",") == "wait,send,late", table.concat(order, ","))

-- The socket is found only through its own user value: other userdata are refused.
if debug.getuservalue then
  local holder = debug.getuservalue(push, 1)
  if type(holder) == "table" then holder = holder[1] end  -- 5.2: [1] of the user value table
  assert(type(holder) == "userdata" and getmetatable(holder) == false)
  T.raises_msg("bad self to 'send'", push.send, holder, "x")
end

print("fast_path ok")
