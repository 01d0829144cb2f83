-- zmq.spawn / zmq.loop / zmq.sleep: paused calls pause only their coroutine.
local zmq = require "zmq"
local T = require "testlib"

-- Ping-pong between coroutines over REQ/REP; a sleeper does not hold them up.
local rep = zmq.new("REP")
local ep = rep:bind_to_random_port("tcp://127.0.0.1")
local log = {}
zmq.spawn(function()
  for _ = 1, 3 do rep:send("pong " .. rep:recv()) end
  log[#log + 1] = "server done"
end)
local co = zmq.spawn(function(name, n)
  assert(name == "client" and n == 3)
  local req = zmq.new("REQ")
  req:connect(ep)
  for i = 1, n do
    req:send(i)
    assert(req:recv() == "pong " .. T.le_bytes(i, 4))
  end
  req:close()
  log[#log + 1] = "client done"
end, "client", 3)
assert(type(co) == "thread")
zmq.spawn(function()
  -- Sleeps until both others are done: if a sleep held up the loop, they never would be
  -- (no timing assumed: the loop runs them while this coroutine sleeps).
  while #log < 2 do zmq.sleep(0.005) end
  log[#log + 1] = "sleeper done"
end)
assert(zmq.loop() == true)
assert(#log == 3 and log[3] == "sleeper done", table.concat(log, ", "))

-- Many clients, one server: 20 REQ coroutines served by one ROUTER coroutine.
local router = zmq.new("ROUTER")
local rep_ep = router:bind_to_random_port("tcp://127.0.0.1")
local clients, requests, answered = 20, 5, 0
zmq.spawn(function()
  for _ = 1, clients * requests do
    local id, empty, body = router:recv(), router:recv(), router:recv()
    assert(empty == "")
    router:send(id, true); router:send("", true); router:send("re: " .. body)
  end
end)
for c = 1, clients do
  zmq.spawn(function()
    local req = zmq.new("REQ")
    req:connect(rep_ep)
    for r = 1, requests do
      local body = c .. "/" .. r
      req:send(body)
      assert(req:recv() == "re: " .. body)
      answered = answered + 1
      if r % 2 == 0 then zmq.sleep(0.001) end
    end
    req:close()
  end)
end
zmq.loop()
assert(answered == clients * requests, answered)
router:close()

-- Errors inside zmq.pcall in a coroutine: the call pauses (even on 5.1, whose pcall cannot yield).
local pp_pull, pp_push = T.pair()
zmq.spawn(function()
  local ok, got = zmq.pcall(function() return pp_pull:recv() end)
  assert(ok and got == "through pcall", tostring(got))
  local ok2, e = zmq.pcall(function() zmq.sleep(0.001); error("inner") end)
  assert(not ok2 and string.find(e, "inner"), tostring(e))
end)
zmq.spawn(function() zmq.sleep(0.01); pp_push:send("through pcall") end)
zmq.loop()

-- Sleeps interleave by deadline; a plain coroutine.yield() lets the others run.
local order = {}
zmq.spawn(function() zmq.sleep(0.03); order[#order + 1] = "b" end)
zmq.spawn(function() zmq.sleep(0.01); order[#order + 1] = "a" end)
zmq.spawn(function()
  order[#order + 1] = "y1"; coroutine.yield(); order[#order + 1] = "y2"
end)
zmq.spawn(function() order[#order + 1] = "z" end)
zmq.loop()
assert(table.concat(order, " ") == "y1 z y2 a b", table.concat(order, " "))

-- Outside a coroutine, sleep and recv simply block.
local t0 = zmq.now()
assert(zmq.sleep(0.01) == true)
assert(zmq.now() - t0 > 0)

-- A script's own coroutine inside a spawned one blocks instead of yielding to the scheduler.
local pull, push = T.pair()
zmq.spawn(function()
  local inner = coroutine.wrap(function()
    push:send("from inner")
    return pull:recv()
  end)
  assert(inner() == "from inner")
end)
zmq.loop()

-- ratchet's protocol: a coroutine may yield ("read", socket) itself.
zmq.spawn(function()
  local ready = coroutine.yield("read", pull)
  assert(ready == true)
  assert(pull:recv(zmq.DONTWAIT) == "manual")
end)
zmq.spawn(function() push:send("manual") end)
zmq.loop()

-- Spawning from inside a coroutine.
local inner_ran = false
zmq.spawn(function() zmq.spawn(function() inner_ran = true end) end)
zmq.loop()
assert(inner_ran)

-- An error in a coroutine ends the loop with the coroutine's traceback, and clears the queues.
local leftover_ran = false
zmq.spawn(function() zmq.sleep(0.01); error("boom in coroutine") end)
zmq.spawn(function() zmq.sleep(1); leftover_ran = true end)
local ok, err = pcall(zmq.loop)
assert(not ok and type(err) == "string")
assert(string.find(err, "scheduler.lua:%d+: boom in coroutine"), err)
assert(string.find(err, "stack traceback"), err)
zmq.loop()          -- nothing left to run
assert(not leftover_ran)

-- A zmq error in a coroutine keeps its code and gets the traceback.
local lonely = zmq.new("PULL")
lonely:set_timeout(0.01)
zmq.spawn(function() lonely:recv() end)
local ok2, err2 = pcall(zmq.loop)
assert(not ok2 and zmq.is_error(err2) and err2.code == "ETIMEDOUT", tostring(err2))
assert(string.find(tostring(err2), "stack traceback"), tostring(err2))

-- An endless sleep next to a socket wait; bad yields and sleeps are refused.
local forever_pull = zmq.new("PULL")
forever_pull:bind(T.inproc("forever"))
zmq.spawn(function() zmq.sleep(math.huge) end)
zmq.spawn(function() forever_pull:set_timeout(0.02); T.raises("ETIMEDOUT", forever_pull.recv, forever_pull); error("done") end)
local okf, ef = pcall(zmq.loop)
assert(not okf and string.find(ef, "done"), ef)
zmq.spawn(function() coroutine.yield("sleep", "soon") end)
local oky, ey = pcall(zmq.loop)
assert(not oky and string.find(ey, "without a deadline"), ey)
zmq.spawn(function() coroutine.yield("read", forever_pull, "later") end)
oky, ey = pcall(zmq.loop)
assert(not oky and string.find(ey, "not a number"), ey)
zmq.spawn(function() T.raises_msg("got nan", zmq.sleep, 0 / 0) end)
zmq.loop()
T.raises_msg("got nan", zmq.sleep, 0 / 0)

-- Nested loops are refused.
zmq.spawn(function()
  T.raises_msg("already running", zmq.loop)
end)
zmq.loop()

-- Closing a socket another coroutine waits on wakes it with the error.
local victim = zmq.new("PULL")
victim:bind(T.inproc("victim"))
zmq.spawn(function() T.raises("ENOTSOCK", victim.recv, victim) end)
zmq.spawn(function() zmq.sleep(0.01); victim:close() end)
zmq.loop()

print("scheduler ok")
