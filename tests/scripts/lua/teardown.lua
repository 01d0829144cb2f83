-- Scripts that end in awkward states; the test measures how long the process
-- takes to exit after it prints "done" (promise: the documented linger + 1 s).
--   zlua teardown.lua CASE ABSENT_TCP ABSENT_IPC
local zmq = require "zmq"
local u = require "util"

local what, absent_tcp, absent_ipc = ...

-- A socket with messages queued for a peer that never comes.
local function queued(ctx, endpoint, kind)
  local s = ctx and ctx:socket(kind or "PUSH") or zmq.new(kind or "PUSH")
  s:connect(endpoint)
  for i = 1, 10 do u.eq(s:send("undeliverable " .. i), true, "send") end
  return s
end

if what == "absent_open" then
  -- Sent to absent peers; the sockets (of the hidden context) left open at the end.
  queued(nil, absent_tcp)
  KEEP = { queued(nil, absent_ipc, "DEALER") }
  u.say("done")
elseif what == "contexts_open" then
  -- Three contexts (the hidden one and two of the script's), each with
  -- messages queued for absent peers, left open.
  queued(nil, absent_tcp)
  KEEP = { queued(zmq.context(), absent_ipc), queued(zmq.context(), absent_tcp) }
  u.say("done")
elseif what == "absent_closed" then
  local ctx = zmq.context()
  local s = queued(ctx, absent_tcp)
  local d = queued(nil, absent_ipc, "DEALER")
  u.say("done")
  s:close()
  d:close()
  ctx:term()
  zmq.term()
elseif what == "linger_forever" then
  -- LINGER -1 is honoured while open but capped when the socket closes.
  local s = queued(nil, absent_tcp)
  s:setsockopt("LINGER", -1)
  u.eq(s:getsockopt("LINGER"), -1, "LINGER")
  local ctx = zmq.context()
  local t = queued(ctx, absent_ipc)
  t:setsockopt("LINGER", -1)
  KEEP = { ctx, t }
  u.say("done")
  s:close()
elseif what == "left_open" then
  -- Every kind of object left open: contexts, sockets of every type, bound
  -- and connected, messages queued both ways, a REQ waiting for its reply,
  -- a poller holding sockets, LINGER -1 on some.
  local types = { "PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB", "STREAM" }
  KEEP = {}
  for c = 1, 3 do
    local ctx = c == 3 and nil or zmq.context()
    local poller = zmq.poller()
    for _, t in ipairs(types) do
      local s = ctx and ctx:socket(t) or zmq.new(t)
      s:bind_to_random_port("tcp://127.0.0.1")
      if t ~= "STREAM" then s:connect(absent_tcp) end
      if c == 2 then s:setsockopt("LINGER", -1) end
      poller:add(s, zmq.POLLIN, t)
      KEEP[#KEEP + 1] = s
    end
    local a = ctx and ctx:socket("PAIR") or zmq.new("PAIR")
    local b = ctx and ctx:socket("PAIR") or zmq.new("PAIR")
    a:bind("inproc://pair" .. c)
    b:connect("inproc://pair" .. c)
    a:send("unread")
    b:send("unread too")
    local req = ctx and ctx:socket("REQ") or zmq.new("REQ")
    local rep = ctx and ctx:socket("REP") or zmq.new("REP")
    rep:bind("inproc://req" .. c)
    req:connect("inproc://req" .. c)
    req:send("question nobody answers")
    local push = ctx and ctx:socket("PUSH") or zmq.new("PUSH")
    push:connect(absent_ipc)
    for _ = 1, 100 do push:send(string.rep("x", 1000)) end
    for _, o in ipairs { ctx or false, poller, a, b, req, rep, push } do KEEP[#KEEP + 1] = o end
  end
  u.say("done")
elseif what == "term_open" then
  -- term() with sockets open (messages queued for absent peers): it closes
  -- them and returns; the sockets then report ETERM.
  local ctx = zmq.context()
  local s = queued(ctx, absent_tcp)
  local d = queued(ctx, absent_ipc, "DEALER")
  local r = ctx:socket("PULL")
  r:bind("inproc://term")
  local h = zmq.new("PULL")
  h:bind("inproc://hidden")
  u.say("done")
  u.eq(ctx:term(), true, "term")
  u.expect_error("ETERM", "send after term", s.send, s, "x")
  u.expect_error("ETERM", "recv after term", r.recv, r, zmq.DONTWAIT)
  u.eq(d:closed(), true, "closed after term")
  u.eq(zmq.term(), true, "zmq.term")
  u.expect_error("ETERM", "hidden-context socket after zmq.term", h.send, h, "x")
  u.say("termed")
elseif what == "throw_mid_recv" then
  -- Inside zmq.loop(): one coroutine is paused in recv (nobody sends), the
  -- other raises from recv_int in the middle of a multipart message. The
  -- error ends the loop and the script, with sockets open and messages queued.
  queued(nil, absent_tcp)
  local a, b = zmq.new("PAIR"), zmq.new("PAIR")
  a:bind("inproc://mid")
  b:connect("inproc://mid")
  local idle = zmq.new("PULL")
  idle:bind("inproc://idle")
  zmq.spawn(function() idle:recv() end)
  zmq.spawn(function()
    a:send_multipart { "abc", "second part", "third part" }
    zmq.sleep(0.05)
    u.say("done")
    b:recv_int()  -- 3 bytes: EINVAL, uncaught; two parts still pending
  end)
  zmq.loop()
  u.say("not reached")
elseif what == "exit_mid_send" then
  -- os.exit() with messages queued for absent peers.
  queued(nil, absent_tcp)
  queued(nil, absent_ipc)
  u.say("done")
  os.exit(3)
elseif what == "exit_contexts_open" then
  -- os.exit() with three contexts holding messages for absent peers.
  queued(nil, absent_tcp)
  queued(zmq.context(), absent_ipc)
  queued(zmq.context(), absent_tcp)
  u.say("done")
  os.exit(3)
else
  error("unknown case " .. tostring(what))
end
