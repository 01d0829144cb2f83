-- Running out of file descriptors; same cases as fdlimit.js (tests/tests/fd_limits.rs
-- runs them under `ulimit -n 32` or `64`). Each case makes things until EMFILE (a
-- catchable zmq error, never an abort), closes everything, shows that the process
-- is usable again and ends printing "alive".
local zmq = require "zmq"
local u = require "util"

local what = ...
local LIMIT = 10000 -- fail instead of looping forever if nothing ever runs out

-- Call make(i) until it raises; the error must be EMFILE. Returns the count.
local function until_emfile(label, make)
  for i = 0, LIMIT - 1 do
    local ok, err = pcall(make, i)
    if not ok then
      if not zmq.is_error(err) then error(err, 0) end
      u.eq(err.code, "EMFILE", label .. ": error after " .. i)
      u.say(label .. " EMFILE after " .. i)
      return i
    end
  end
  error(label .. ": never ran out of fds")
end

-- A PAIR round trip over inproc in a fresh context: the process works.
local function round_trip(label)
  local ctx = zmq.context()
  local a, b = ctx:socket("PAIR"), ctx:socket("PAIR")
  a:bind("inproc://" .. label)
  b:connect("inproc://" .. label)
  a:send(label)
  u.eq(b:recv(), label, label .. ": round trip")
  a:close()
  b:close()
  ctx:term()
end

-- f() once the fds closed earlier are free: libzmq closes sockets and
-- connections asynchronously (its reaper and I/O threads), so EMFILE can last
-- a moment after close(). Fails after 20 s instead of hanging.
local function eventually(f)
  for i = 0, math.huge do
    local ok, r = pcall(f)
    if ok then return r end
    if not zmq.is_error(r) or r.code ~= "EMFILE" or i >= 400 then error(r, 0) end
    zmq.sleep(0.05)
  end
end

-- Run `round` (make until EMFILE, close all) twice, then show that the process works.
local function twice(label, round)
  local first = round()
  eventually(function() round_trip(label) end)
  local second = round()
  u.check(first > 0, label .. ": made something before EMFILE (" .. first .. ", then " .. second .. ")")
  eventually(function() round_trip(label) end)
end

if what == "contexts" then
  twice(what, function()
    local contexts, sockets = {}, {}
    local n = until_emfile(what, function()
      local ctx = zmq.context()
      contexts[#contexts + 1] = ctx
      local s = ctx:socket("PUB")
      sockets[#sockets + 1] = s
      s:bind("tcp://127.0.0.1:*")
    end)
    for _, s in ipairs(sockets) do s:close() end
    for _, ctx in ipairs(contexts) do ctx:term() end
    return n
  end)
elseif what == "sockets" then
  twice(what, function()
    local ctx = zmq.context()
    local made = {}
    local n = until_emfile(what, function()
      local s = ctx:socket("PULL")
      made[#made + 1] = s
      s:bind("tcp://127.0.0.1:*")
    end)
    for _, s in ipairs(made) do s:close() end
    ctx:term()
    return n
  end)
elseif what == "connect" then
  local ctx = zmq.context()
  local server = ctx:socket("PULL")
  server:bind("tcp://127.0.0.1:*")
  local endpoint = server:last_endpoint()
  server:setsockopt("RCVTIMEO", 20000)
  twice(what, function()
    local made = {}
    local n = until_emfile(what, function()
      local s = ctx:socket("PUSH")
      made[#made + 1] = s
      s:connect(endpoint)
      s:bind("tcp://127.0.0.1:*") -- synchronous fd use, to reach EMFILE
    end)
    for _, s in ipairs(made) do s:close() end
    return n
  end)
  local client = eventually(function() return ctx:socket("PUSH") end)
  client:connect(endpoint)
  client:send("after")
  u.eq(server:recv(), "after", "delivery after exhaustion")
  client:close()
  server:close()
  ctx:term()
elseif what == "monitors" then
  twice(what, function()
    local ctx = zmq.context()
    local made = {}
    local n = until_emfile(what, function()
      local s = ctx:socket("REP")
      made[#made + 1] = s
      made[#made + 1] = s:monitor()
    end)
    for _, s in ipairs(made) do s:close() end
    ctx:term()
    return n
  end)
elseif what == "proxy" then
  -- A steerable proxy forwards while no fd is left (it needs none).
  local ctx = zmq.context()
  local front, back = ctx:socket("PULL"), ctx:socket("PUSH")
  local control, steer = ctx:socket("PAIR"), ctx:socket("PAIR")
  local input, output = ctx:socket("PUSH"), ctx:socket("PULL")
  front:bind("inproc://front")
  input:connect("inproc://front")
  back:bind("inproc://back")
  output:connect("inproc://back")
  control:bind("inproc://control")
  steer:connect("inproc://control")
  local made = {}
  local n = until_emfile(what, function()
    local s = ctx:socket("PUB")
    made[#made + 1] = s
    s:bind("tcp://127.0.0.1:*")
  end)
  input:send("through")
  steer:send("TERMINATE")
  zmq.proxy_steerable(front, back, nil, control)
  output:setsockopt("RCVTIMEO", 5000)
  u.eq(output:recv(), "through", "proxied while out of fds")
  for _, s in ipairs(made) do s:close() end
  for _, s in ipairs({ front, back, control, steer, input, output }) do s:close() end
  ctx:term()
  u.check(n > 0, "made sockets")
  eventually(function() round_trip(what) end)
else
  error("unknown case " .. tostring(what))
end
u.say("alive")
