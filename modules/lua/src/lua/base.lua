-- The shared ground of the Lua half of the `zmq` module (zmq-lua): what
-- differs between Lua versions and the error values. Run first, once per
-- Lua state, with `C` (the Rust primitives) and `M` (the module table holding
-- every constant); returns the helpers the other chunks use (see lua/zmq.lua).
-- Like every chunk here it must parse and run on 5.1, 5.2, 5.3, 5.4 and LuaJIT.
local C, M = ...

local debug, error, getmetatable, select, setmetatable, table, tostring, type, math =
      debug, error, getmetatable, select, setmetatable, table, tostring, type, math

---------------------------------------------------------------------------
-- Lua versions: the few helpers that differ, chosen once here (this file
-- must parse and run on 5.1, 5.2, 5.3, 5.4 and LuaJIT; see src/compat.rs
-- for the Rust side)
---------------------------------------------------------------------------

local unpack = table.unpack or unpack  -- 5.1/LuaJIT: the global `unpack`

-- True for a number with an integer value: the integer subtype where there
-- is one (5.3+), any integral number before.
local is_integer
if math.type then
  local math_type = math.type
  is_integer = function(v) return math_type(v) == "integer" end
else
  local floor = math.floor
  is_integer = function(v) return type(v) == "number" and v == floor(v) and v - 1 ~= v end
end

-- `a | b` and `a & b` of event masks (small non-negative integers): the
-- operators where they exist (5.3+, compiled at load time so that older
-- versions can parse this file), else bit32 (5.2), bit (LuaJIT), arithmetic (5.1).
local bor, band
do
  local loadstring = loadstring or load
  local ops = loadstring("return function(a, b) return a | b end, function(a, b) return a & b end")
  if ops then
    bor, band = ops()
  elseif bit32 then
    bor, band = bit32.bor, bit32.band
  elseif bit then
    bor, band = bit.bor, bit.band
  else
    local function op(a, b, both)
      local r, v = 0, 1
      while a > 0 or b > 0 do
        local x, y = a % 2, b % 2
        if (both and x + y == 2) or (not both and x + y > 0) then r = r + v end
        a, b, v = (a - x) / 2, (b - y) / 2, v * 2
      end
      return r
    end
    bor = function(a, b) return op(a, b, false) end
    band = function(a, b) return op(a, b, true) end
  end
end

local POLLIN, POLLOUT, POLLERR = M.POLLIN, M.POLLOUT, M.POLLERR
local DONTWAIT = M.DONTWAIT

---------------------------------------------------------------------------
-- Errors
---------------------------------------------------------------------------

--- Metatable of error values: `err.code` ("EAGAIN"), `err.errno`, `err.message`;
--- `tostring(err)` gives "[EAGAIN] Resource temporarily unavailable".
local Error = { __name = "zmq.Error" }
Error.__index = Error
function Error.__tostring(e)
  local s = "[" .. tostring(e.code) .. "] " .. tostring(e.message)
  if e.traceback then s = s .. "\n" .. e.traceback end
  return s
end
M.Error = Error

local function new_error(code, errno, message)
  return setmetatable({ code = code, errno = errno, message = message }, Error)
end

--- True if `v` is a zmq error value.
function M.is_error(v)
  return getmetatable(v) == Error
end

-- Raise what a Rust primitive returned after its leading nil: `code, errno,
-- message` for a ZeroMQ error, a plain message for a bad argument.
local getinfo = debug and debug.getinfo
local function raise(level, code, errno, message)
  level = level + 1
  -- 5.1 keeps a "(tail call)" frame where a function was tail-called (as by
  -- `wrap` below): the script's line is the frame past it.
  if getinfo then
    local info = getinfo(level, "S")
    while info and info.what == "tail" do
      level = level + 1
      info = getinfo(level, "S")
    end
  end
  if errno == nil then error(code, level) end
  error(new_error(code, errno, message), level)
end

local function check(a, ...)
  if a == nil and select("#", ...) > 0 then raise(2, ...) end
  return a, ...
end

-- A script-facing function over primitive `f`: its results, or the error raised.
local function wrap(f)
  return function(...) return check(f(...)) end
end

local ETIMEDOUT = M.ETIMEDOUT
local function timed_out()
  return new_error("ETIMEDOUT", ETIMEDOUT, "Operation timed out")
end

return {
  unpack = unpack, is_integer = is_integer, bor = bor, band = band,
  Error = Error, new_error = new_error, raise = raise, check = check, wrap = wrap, timed_out = timed_out,
}
