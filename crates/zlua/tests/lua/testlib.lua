-- Helpers shared by the Lua test files (found through LUA_PATH).
local zmq = require "zmq"
local T = {}

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
