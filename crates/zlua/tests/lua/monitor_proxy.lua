-- socket:monitor() / recv_event(), zmq.proxy_steerable().
local zmq = require "zmq"
local T = require "testlib"

-- Collect events from `mon` until one named `last` arrives; returns their names.
local function until_event(mon, last)
  local names = {}
  repeat
    local ev = mon:recv_event()
    assert(type(ev.event) == "number" and type(ev.value) == "number" and type(ev.endpoint) == "string")
    assert(zmq[ev.name] == ev.event, ev.name)
    names[#names + 1] = ev.name
  until ev.name == last
  return names
end

-- A server socket: listening, accepted, handshake; a client: connected only (mask).
do
  local server = zmq.new("REP")
  local mon = server:monitor()                 -- every event
  mon:set_timeout(5)
  assert(mon:type() == "SUB")
  local ep = server:bind_to_random_port("tcp://127.0.0.1")
  local ev = mon:recv_event()
  assert(ev.name == "EVENT_LISTENING" and ev.event == zmq.EVENT_LISTENING and ev.endpoint == ep, ev.name)

  local client = zmq.new("REQ")
  local cmon = client:monitor(zmq.EVENT_CONNECTED)
  cmon:set_timeout(5)
  client:connect(ep)
  ev = cmon:recv_event()
  assert(ev.name == "EVENT_CONNECTED" and ev.endpoint == ep, ev.name)
  local names = table.concat(until_event(mon, "EVENT_HANDSHAKE_SUCCEEDED"), ",")
  assert(names:find("EVENT_ACCEPTED", 1, true), names)

  client:close()
  until_event(mon, "EVENT_DISCONNECTED")
  T.raises("EAGAIN", cmon.recv_event, cmon, zmq.DONTWAIT)   -- nothing else was asked for
  server:close()
end

-- Inside zmq.loop, waiting for an event pauses only that coroutine.
do
  local server = zmq.new("PULL")
  local mon = server:monitor(zmq.EVENT_ACCEPTED)
  mon:set_timeout(5)
  local ep = server:bind_to_random_port("tcp://127.0.0.1")
  local order = {}
  zmq.spawn(function()
    local ev = mon:recv_event()
    order[#order + 1] = ev.name
  end)
  zmq.spawn(function()
    order[#order + 1] = "connect"
    local c = zmq.new("PUSH")
    c:connect(ep)
    zmq.sleep(0.05)
    c:close()
  end)
  zmq.loop()
  assert(table.concat(order, ",") == "connect,EVENT_ACCEPTED", table.concat(order, ","))
end

-- Odd arguments and states.
do
  local s = zmq.new("PAIR")
  T.raises("EINVAL", s.monitor, s, 0x10000)
  T.raises("EINVAL", s.monitor, s, -1)
  T.raises_msg("bad argument #1 to 'monitor'", s.monitor, s, "all")
  T.raises_msg("bad self to 'monitor'", s.monitor, 1)
  T.raises_msg("bad argument #1 to 'recv_event'", s.recv_event, s, "now")
  -- A message that is not an event.
  local a, b = zmq.new("PAIR"), zmq.new("PAIR")
  local ep = T.inproc("notevent")
  a:bind(ep); b:connect(ep)
  b:send("hello")
  T.raises("EINVAL", a.recv_event, a)
  b:send("123456", true); b:send("ep", true); b:send("extra")
  local ev = a:recv_event()                    -- extra parts are dropped
  assert(ev.endpoint == "ep" and type(ev.name) == "string")
  a:send("x")
  assert(b:recv() == "x")                      -- the pair still works
  s:close()
  T.raises("ENOTSOCK", s.monitor, s)
  local mon = zmq.new("PAIR"):monitor(0)       -- no events at all
  T.raises("EAGAIN", mon.recv_event, mon, zmq.DONTWAIT)
end

-- proxy_steerable: messages queued before it starts are forwarded (and
-- copied to the capture socket); STATISTICS replies; TERMINATE ends it.
do
  local function pair(kind_bound, kind_connected, tag)
    local ep = T.inproc(tag)
    local bound, connected = zmq.new(kind_bound), zmq.new(kind_connected)
    bound:bind(ep); connected:connect(ep)
    connected:set_timeout(5)
    return bound, connected
  end
  local front, producer = pair("PULL", "PUSH", "front")
  local back, consumer = pair("PUSH", "PULL", "back")
  local capture, tap = pair("PUSH", "PULL", "capture")
  local control, steer = pair("PAIR", "PAIR", "control")
  for i = 1, 5 do producer:send("m" .. i) end
  producer:send("multi", true); producer:send("part")
  steer:send("STATISTICS")
  steer:send("TERMINATE")
  assert(zmq.proxy_steerable(front, back, capture, control) == true)
  for i = 1, 5 do
    assert(consumer:recv() == "m" .. i)
    assert(tap:recv() == "m" .. i)
  end
  local p = consumer:recv_multipart()
  assert(#p == 2 and p[1] == "multi" and p[2] == "part")
  local stats = steer:recv_multipart()
  assert(#stats == 8)
  local n = {}
  for i = 1, 8 do n[i] = T.from_le(stats[i]) end
  assert(n[1] == 6 and n[2] == 5 * 2 + 9, "frontend in: " .. n[1] .. " msgs, " .. n[2] .. " bytes")
  assert(n[7] == 6, "backend out: " .. n[7])

  -- Without a capture socket, and with odd arguments.
  producer:send("again")
  steer:send("TERMINATE")
  assert(zmq.proxy_steerable(front, back, nil, control) == true)
  assert(consumer:recv() == "again")
  T.raises_msg("bad argument #4 to 'proxy_steerable'", zmq.proxy_steerable, front, back, nil, nil)
  T.raises_msg("bad argument #3 to 'proxy_steerable'", zmq.proxy_steerable, front, back, 1, control)
  T.raises_msg("bad argument #1 to 'proxy_steerable'", zmq.proxy_steerable, "front", back, nil, control)
  local gone = zmq.new("PAIR"); gone:close()
  T.raises("ENOTSOCK", zmq.proxy_steerable, gone, back, nil, control)
end

-- proxy_steerable ends with ETERM when its context is terminated (here: before it starts).
do
  local ctx = zmq.context()
  local f, b, c = ctx:socket("PULL"), ctx:socket("PUSH"), ctx:socket("PAIR")
  ctx:term()
  T.raises("ETERM", zmq.proxy_steerable, f, b, nil, c)
end

print("monitor_proxy ok")
