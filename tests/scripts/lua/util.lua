-- Helpers shared by the Lua scripts the integration tests run (zlua, lua5.4 + zmq.so, and
-- the interop/conformance scripts under lua5.1-5.3 and luajit: this file parses on each).
local zmq = require "zmq"
local M = {}

local function show(v)
  if type(v) == "string" then
    local shown = v:sub(1, 40):gsub("[^\32-\126]", function(c) return string.format("\\x%02x", c:byte()) end)
    return string.format('"%s"%s (%d bytes)', shown, #v > 40 and "..." or "", #v)
  end
  return tostring(v)
end
M.show = show

-- math.type where there is one (5.3+), else type.
local kind = math.type and function(v) return math.type(v) or type(v) end or type

--- True where numbers have an integer subtype (5.3+).
M.integers = math.type ~= nil
--- An integer value: the integer subtype where there is one (`2^40` is a float on 5.3+).
M.int = math.tointeger or function(x) return x end

function M.eq(actual, expected, what)
  if actual ~= expected or kind(actual) ~= kind(expected) then
    error(string.format("%s: expected %s (%s), got %s (%s)", what, show(expected), kind(expected),
      show(actual), kind(actual)), 2)
  end
end

--- The little-endian bytes of integer `n` (|n| <= 2^53) in `size` bytes.
function M.le_bytes(n, size)
  local b, neg = {}, n < 0
  if neg then n = -n - 1 end  -- two's complement: the bytes of -n - 1, inverted
  for i = 1, size do
    local d = n % 256
    b[i] = string.char(neg and 255 - d or d)
    n = (n - d) / 256
  end
  return table.concat(b)
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
--- Lua 5.3+ only (compiled at load time so that older versions can parse this file).
M.prng = (loadstring or load)([[
return function(seed)
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
end]])
M.prng = M.prng and M.prng()

--- Flush stdout after each line (stock lua5.4 buffers a pipe).
function M.say(...)
  print(...)
  io.stdout:flush()
end

return M
