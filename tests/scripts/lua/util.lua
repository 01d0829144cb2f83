-- Helpers shared by the Lua scripts the integration tests run (zlua, lua5.4 + zmq.so).
local zmq = require "zmq"
local M = {}

local function show(v)
  if type(v) == "string" then
    local shown = v:sub(1, 40):gsub("[^%g ]", function(c) return string.format("\\x%02x", c:byte()) end)
    return string.format('"%s"%s (%d bytes)', shown, #v > 40 and "..." or "", #v)
  end
  return tostring(v)
end
M.show = show

function M.eq(actual, expected, what)
  if actual ~= expected or math.type(actual) ~= math.type(expected) then
    error(string.format("%s: expected %s (%s), got %s (%s)", what, show(expected), math.type(expected) or type(expected),
      show(actual), math.type(actual) or type(actual)), 2)
  end
end

function M.check(cond, what)
  if not cond then error("assertion failed: " .. what, 2) end
end

--- Every byte value, 0..255 in order.
function M.all_bytes()
  local t = {}
  for i = 0, 255 do t[#t + 1] = string.char(i) end
  return table.concat(t)
end

--- Call f(...), which must raise a zmq error with `code`; returns the error.
function M.expect_error(code, what, f, ...)
  local ok, err = pcall(f, ...)
  if ok then error(what .. ": expected " .. code .. ", nothing was raised", 2) end
  if not zmq.is_error(err) then error(what .. ": expected zmq error " .. code .. ", got " .. tostring(err), 2) end
  if err.code ~= code then error(what .. ": expected " .. code .. ", got " .. tostring(err), 2) end
  if err.errno ~= zmq[code] then error(what .. ": errno " .. tostring(err.errno) .. " is not zmq." .. code, 2) end
  if type(err.message) ~= "string" or err.message == "" then error(what .. ": no message", 2) end
  return err
end

--- Call f(...), which must raise (any catchable error); returns it.
function M.expect_raise(what, f, ...)
  local ok, err = pcall(f, ...)
  if ok then error(what .. ": expected an error, nothing was raised", 2) end
  return err
end

--- A small seeded PRNG (xorshift64*, on Lua's 64-bit integers): same seed, same sequence.
function M.prng(seed)
  local s = seed ~ 0x9E3779B97F4A7C15
  if s == 0 then s = 1 end
  local r = {}
  function r.next_int()
    s = s ~ (s >> 12)
    s = s ~ (s << 25)
    s = s ~ (s >> 27)
    return (s * 0x2545F4914F6CDD1D) >> 11  -- 53 bits
  end
  function r.next() return r.next_int() / 9007199254740992.0 end
  function r.int(n) return r.next_int() % n end
  function r.pick(list) return list[r.int(#list) + 1] end
  function r.chance(p) return r.next() < p end
  return r
end

--- Flush stdout after each line (stock lua5.4 buffers a pipe).
function M.say(...)
  print(...)
  io.stdout:flush()
end

return M
