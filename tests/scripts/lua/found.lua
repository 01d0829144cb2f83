-- libzmq abort paths the fuzzers found (tests/tests/bad_input.rs); same
-- cases as found.js. The script ends printing "alive".
local zmq = require "zmq"
local u = require "util"

local what, arg, endpoint = ...
local ctx = zmq.context()
local function attempt(label, f)
  local ok, r = pcall(f)
  if ok then u.say(label .. " " .. tostring(r)) else u.say(label .. " refused " .. tostring(zmq.is_error(r) and r.code or r)) end
end

if what == "disconnect_parked" or what == "unbind_parked" then
  local a = ctx:socket("ROUTER")
  a:connect("inproc://parked")
  attempt(what, function()
    if what == "disconnect_parked" then return a:disconnect("inproc://parked") end
    return a:unbind("inproc://parked")
  end)
  a:events()
  local b = ctx:socket("PULL")
  attempt("bind", function() return b:bind("inproc://parked") end)
elseif what == "close_parked" then
  -- As in found.js: a socket closed with parked connections, then a PAIR bind or term().
  for round = 0, 199 do
    local c = zmq.context()
    local a = c:socket("DEALER")
    for _ = 1, 5 do a:connect("inproc://parked") end
    a:close()
    if round % 2 == 0 then
      local p = c:socket("PAIR")
      p:bind("inproc://parked")
      p:close()
    end
    c:term()
  end
  local push = ctx:socket("PUSH")
  push:connect("inproc://later")
  push:send("queued before close")
  push:close()
  local pull = ctx:socket("PULL")
  pull:setsockopt("RCVTIMEO", 5000)
  pull:bind("inproc://later")
  u.say("got " .. pull:recv())
elseif what == "max_sockets_parked" then
  attempt("MAX_SOCKETS", function() return ctx:set("MAX_SOCKETS", 1) end)
  local a = ctx:socket("DEALER")
  attempt("connect", function() return a:connect("inproc://nobody") end)
  attempt("term", function() return ctx:term() end)
elseif what == "use_fd" then
  local s = ctx:socket("PULL")
  attempt("use_fd", function()
    s:setsockopt("USE_FD", math.tointeger(tonumber(arg)))
    return s:bind(endpoint or "tcp://127.0.0.1:*")
  end)
  if endpoint then
    s:setsockopt("RCVTIMEO", 10000)
    u.say("got " .. s:recv())
  else
    zmq.sleep(0.5)  -- the test pokes the descriptor meanwhile
  end
  s:close()
else
  error("unknown case " .. tostring(what))
end
ctx:term()
u.say("alive")
