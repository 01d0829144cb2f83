-- Prelude of the conformance script for Lua (tests/src/conformance.rs renders the cases of
-- tests/conformance/cases.txt after it). Runs on every supported Lua version.
zmq = require "zmq"

local ctx = zmq.context()
local seq = 0

-- The targets of the table.
T = {
  sock = function(type) return ctx:socket(type) end,
  -- A socket holding one message of `parts`, sent by a PAIR peer over inproc.
  fed = function(type, parts)
    seq = seq + 1
    local endpoint = "inproc://conformance-" .. seq
    local s = ctx:socket(type)
    s:set_timeout(5)
    s:bind(endpoint)
    local peer = ctx:socket("PAIR")
    peer:connect(endpoint)
    peer:send_multipart(parts)
    return s
  end,
  closed = function(type)
    local s = ctx:socket(type)
    s:close()
    return s
  end,
  termed = function(type)
    local c = zmq.context()
    local s = c:socket(type)
    c:term()
    return s
  end,
}

local function same(a, b)
  if type(a) ~= "table" or type(b) ~= "table" then return a == b end
  if #a ~= #b then return false end
  for i = 1, #a do
    if not same(a[i], b[i]) then return false end
  end
  return true
end

local function show(v)
  if zmq.is_error(v) then return "zmq.Error(code=" .. tostring(v.code) .. "): " .. tostring(v.message) end
  if type(v) == "table" then
    local parts = {}
    for i = 1, #v do parts[i] = show(v[i]) end
    return "{" .. table.concat(parts, ", ") .. "}"
  end
  if type(v) == "string" then return string.format("%q", v) end
  return tostring(v)
end

local cases, failures = 0, 0

-- Run one case: `call(target())` must give what `kind` (and `code`/`want`) say.
function check(name, target, call, kind, code, want)
  cases = cases + 1
  local ok_call, got = pcall(function() return call(target()) end)
  local err = not ok_call and got or nil
  local ok
  if kind == "ok" then ok = ok_call
  elseif kind == "eq" then ok = ok_call and same(got, want)
  elseif kind == "prefix" then ok = ok_call and type(got) == "string" and got:sub(1, #want) == want
  elseif kind == "truth" then ok = ok_call and got == want
  elseif kind == "again" then ok = zmq.is_error(err) and err.code == "EAGAIN"
  elseif kind == "error" or kind == "type" or kind == "range" then
    ok = zmq.is_error(err) and err.code == code and err.errno == zmq[code]
  elseif kind == "argerror" then ok = type(err) == "string" and err:find("bad argument") ~= nil
  else error("unknown expectation " .. kind) end
  if ok then
    print("pass " .. name)
  else
    failures = failures + 1
    print("FAIL " .. name .. ": expected " .. kind .. " " .. code .. " " .. show(want) .. ", got " ..
      (ok_call and show(got) or show(err)))
  end
end

function finish()
  print("cases " .. cases .. " failures " .. failures)
  ctx:term()
end
