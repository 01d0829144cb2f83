-- The Lua half of scripts/soak.sh; the same workload as soak.js (coroutine
-- I/O under zmq.loop where soak.js awaits Promises): runs for
-- SECONDS and fails (an error, exit 1) on any lost, altered or reordered message.
--   zlua soak.lua SECONDS IPC_DIR
local zmq = require "zmq"

local seconds, ipc_dir = tonumber(arg[1]), arg[2]
local BATCH = 200 -- numbered messages per stream and round
local TIMEOUT = 10000 -- ms: a lost message fails the run instead of hanging it

local function check(cond, what)
  if not cond then error("soak.lua: " .. what, 2) end
end

local ctx = zmq.context()
local function timed(s)
  s:setsockopt("RCVTIMEO", TIMEOUT)
  s:setsockopt("SNDTIMEO", TIMEOUT)
  return s
end

-- Long-lived: a PUB on tcp (monitored), a REP on ipc, a CURVE REP on tcp, a PULL on inproc.
local pub = timed(ctx:socket("PUB"))
local pub_endpoint = pub:bind_to_random_port("tcp://127.0.0.1")
local monitor = pub:monitor()
local rep = timed(ctx:socket("REP"))
rep:bind("ipc://" .. ipc_dir .. "/soak-lua-rep")
local server_public, server_secret = zmq.curve_keypair()
local curve_rep = timed(ctx:socket("REP"))
curve_rep:setsockopt("CURVE_SERVER", true)
curve_rep:setsockopt("CURVE_SECRETKEY", server_secret)
local curve_endpoint = curve_rep:bind_to_random_port("tcp://127.0.0.1")
local pull = timed(ctx:socket("PULL"))
pull:bind("inproc://soak-pull")

local messages, events = 0, 0

-- nil when nothing arrives in time (EAGAIN), the message otherwise.
local function try_recv(s, flags)
  local ok, m = pcall(s.recv, s, flags)
  if ok then return m end
  check(zmq.is_error(m) and m.code == "EAGAIN", "recv: " .. tostring(m))
  return nil
end

-- PUB/SUB over tcp with a fresh subscriber (a new connection).
local function pubsub(round)
  local sub = timed(ctx:socket("SUB"))
  sub:setsockopt("SUBSCRIBE", "")
  sub:connect(pub_endpoint)
  sub:setsockopt("RCVTIMEO", 20)
  local i = 0
  while true do
    check(i < TIMEOUT / 20, "subscriber never joined")
    pub:send("probe")
    if try_recv(sub) then break end
    i = i + 1
  end
  while try_recv(sub, zmq.DONTWAIT) do end -- late probes
  sub:setsockopt("RCVTIMEO", TIMEOUT)
  for j = 0, BATCH - 1 do pub:send(round .. ":" .. j) end
  for j = 0, BATCH - 1 do
    local got = sub:recv()
    -- Probes still on the wire come first (in order), never after a numbered message.
    while j == 0 and got == "probe" do got = sub:recv() end
    check(got == round .. ":" .. j, "pub/sub: expected " .. round .. ":" .. j .. ", got " .. tostring(got))
  end
  messages = messages + BATCH
  sub:close()
end

-- REQ/REP over ipc with a new REQ each round.
local function reqrep(round)
  local req = timed(ctx:socket("REQ"))
  req:connect("ipc://" .. ipc_dir .. "/soak-lua-rep")
  for i = 0, 19 do
    req:send("q" .. round .. ":" .. i)
    check(rep:recv() == "q" .. round .. ":" .. i, "req/rep: request")
    rep:send("a" .. round .. ":" .. i)
    check(req:recv() == "a" .. round .. ":" .. i, "req/rep: reply")
  end
  messages = messages + 40
  req:close()
end

-- PUSH/PULL over inproc, in order, with a 64 KiB payload now and then.
local function inproc(round)
  local push = timed(ctx:socket("PUSH"))
  push:connect("inproc://soak-pull")
  local big = string.rep(string.char(round & 0xff), 65536)
  for i = 0, BATCH - 1 do push:send_multipart({ round .. ":" .. i, i % 50 == 0 and big or "small" }) end
  for i = 0, BATCH - 1 do
    local parts = pull:recv_multipart()
    check(parts[1] == round .. ":" .. i, "inproc: expected " .. round .. ":" .. i .. ", got " .. tostring(parts[1]))
    check(parts[2] == (i % 50 == 0 and big or "small"), "inproc body")
  end
  messages = messages + BATCH
  push:close()
end

-- A context of its own, with a tcp pair, created and terminated.
local function churn(round)
  local c = zmq.context()
  local a, b = timed(c:socket("PAIR")), timed(c:socket("PAIR"))
  local ep = a:bind_to_random_port("tcp://127.0.0.1")
  b:connect(ep)
  b:send("churn " .. round)
  check(a:recv() == "churn " .. round, "churn")
  a:close()
  b:close()
  c:term()
  messages = messages + 1
end

-- A CURVE client per round.
local function curve(round)
  local req = timed(ctx:socket("REQ"))
  local public, secret = zmq.curve_keypair()
  req:setsockopt("CURVE_SERVERKEY", server_public)
  req:setsockopt("CURVE_PUBLICKEY", public)
  req:setsockopt("CURVE_SECRETKEY", secret)
  req:connect(curve_endpoint)
  req:send("secret " .. round)
  check(curve_rep:recv() == "secret " .. round, "curve request")
  curve_rep:send("ok " .. round)
  check(req:recv() == "ok " .. round, "curve reply")
  req:close()
  messages = messages + 2
end

-- DEALER/ROUTER over tcp in coroutines under zmq.loop(): the receiver
-- pauses in recv until the sender's coroutine has run, a sleeper meanwhile.
local function coroutines(round)
  local router = timed(ctx:socket("ROUTER"))
  local ep = router:bind_to_random_port("tcp://127.0.0.1")
  local dealer = timed(ctx:socket("DEALER"))
  dealer:connect(ep)
  local got = 0
  zmq.spawn(function()
    for i = 1, BATCH do
      local id = router:recv()
      local body = router:recv()
      check(body == round .. ":" .. i, "coroutines: expected " .. round .. ":" .. i .. ", got " .. tostring(body))
      router:send(id, zmq.SNDMORE)
      router:send("re " .. body)
    end
  end)
  zmq.spawn(function()
    zmq.sleep(0.001)
    for i = 1, BATCH do dealer:send(round .. ":" .. i) end
    for i = 1, BATCH do
      check(dealer:recv() == "re " .. round .. ":" .. i, "coroutines reply")
      got = got + 1
    end
  end)
  zmq.loop()
  check(got == BATCH, "coroutines: every reply")
  messages = messages + 2 * BATCH
  router:close()
  dealer:close()
end

local t0 = zmq.now()
local round = 0
while zmq.now() - t0 < seconds do
  coroutines(round)
  pubsub(round)
  reqrep(round)
  inproc(round)
  churn(round)
  curve(round)
  while true do
    local ok, ev = pcall(monitor.recv_event, monitor, zmq.DONTWAIT)
    if not ok or not ev then break end
    events = events + 1
  end
  round = round + 1
  if round % 50 == 0 then
    print(string.format("lua round %d messages %d events %d heap_kb %d", round, messages, events,
      math.floor(collectgarbage("count"))))
    io.stdout:flush()
  end
end
for _, s in ipairs({ pub, monitor, rep, curve_rep, pull }) do s:close() end
ctx:term()
check(events > 0, "the monitor saw events")
print(string.format("lua done rounds %d messages %d events %d", round, messages, events))
