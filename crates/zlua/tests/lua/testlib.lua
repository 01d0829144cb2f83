-- Helpers shared by the Lua test files (found through LUA_PATH).
local zmq = require "zmq"
local T = {}

-- What differs between Lua versions (the tests run on 5.1, 5.2, 5.3, 5.4 and LuaJIT).
-- pcall that may pause inside zmq.loop() on every version (5.1's pcall cannot yield).
local pcall = zmq.pcall
T.unpack = table.unpack or unpack
--- table.pack.
function T.pack(...) return { n = select("#", ...), ... } end
--- True where numbers have an integer subtype (5.3+).
T.integers = math.type ~= nil
--- An integer value: the integer subtype where there is one (`2^40` is a float on 5.3+).
T.int = math.tointeger or function(x) return x end
--- math.type(v) == "integer", or an integral number before 5.3.
function T.is_integer(v)
  if math.type then return math.type(v) == "integer" end
  return type(v) == "number" and v == math.floor(v)
end
--- `a & b` of small non-negative integers (event masks).
function T.band(a, b)
  local r, v = 0, 1
  while a > 0 and b > 0 do
    if a % 2 == 1 and b % 2 == 1 then r = r + v end
    a, b, v = math.floor(a / 2), math.floor(b / 2), v * 2
  end
  return r
end
--- The unsigned little-endian integer in string `s` (exact below 2^53), as string.unpack("<I8").
function T.from_le(s)
  local n = 0
  for i = #s, 1, -1 do n = n * 256 + s:byte(i) end
  return n
end
--- The little-endian bytes of integer `n` in `size` (4 or 8) bytes, as string.pack("<i4"/"<i8").
function T.le_bytes(n, size)
  local b, neg = {}, n < 0
  if neg then n = -n - 1 end
  for i = 1, size do
    local d = n % 256
    if neg then d = 255 - d end
    b[i] = string.char(d)
    n = (n - n % 256) / 256
  end
  return table.concat(b)
end

--- Assert that f(...) raises a zmq error with `code`; returns the error.
function T.raises(code, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected a " .. code .. " error, got success")
  assert(zmq.is_error(err), "expected a zmq error " .. code .. ", got " .. tostring(err))
  assert(err.code == code, "expected " .. code .. ", got " .. tostring(err))
  assert(err.errno == zmq[code], "errno of " .. code .. " is " .. tostring(err.errno))
  assert(type(err.message) == "string" and #err.message > 0)
  assert(string.find(tostring(err), "[" .. code .. "]", 1, true) == 1, tostring(err))
  return err
end

--- Assert that f(...) raises a plain message error matching `pattern`.
function T.raises_msg(pattern, f, ...)
  local ok, err = pcall(f, ...)
  assert(not ok, "expected an error matching " .. pattern)
  assert(type(err) == "string", "expected a message, got " .. tostring(err))
  assert(string.find(err, pattern), "expected '" .. pattern .. "', got '" .. err .. "'")
  return err
end

local n = 0
--- A fresh inproc endpoint.
function T.inproc(tag)
  n = n + 1
  return "inproc://" .. (tag or "t") .. "-" .. n
end

--- A PUSH/PULL pair over a fresh tcp port (both with a 5 s timeout).
function T.pair(a, b)
  local bound = zmq.new(a or "PULL")
  local ep = bound:bind_to_random_port("tcp://127.0.0.1")
  local connected = zmq.new(b or "PUSH")
  connected:connect(ep)
  bound:set_timeout(5)
  connected:set_timeout(5)
  return bound, connected, ep
end

return T
