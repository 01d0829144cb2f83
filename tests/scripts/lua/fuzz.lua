-- Seeded random calls of every function and method of the Lua `zmq` module
-- (and its ratchet shim) with random argument kinds (tests/tests/fuzz.rs).
-- Each call must either work or raise a catchable error: a zmq error value
-- (with an errno and a code name), a message string (bad arguments, as Lua's
-- own functions raise), or the error one of our own trap objects raised.
-- The process must be alive at the end; it prints
-- "fuzz done calls=N ok=N errors=N".
--
--   zlua fuzz.lua SEED CALLS TMPDIR
--
-- Every call is described on stderr before it runs ("#N target(args)"), so
-- the last line there names the call that killed a crashed process. Same
-- seed, same calls.
--
-- Nothing may block: pool sockets get timeouts and LINGER 0 again after every
-- call; every poller the fuzzer waits on holds a socket that is always
-- writable (which the fuzzer may not remove); proxy() is never given two
-- open sockets; sleeps are short; coroutines handed to zmq.loop() finish;
-- endpoints only name 127.0.0.1, localhost, ipc:// in TMPDIR and inproc://.
local zmq = require "zmq"
local u = require "util"

local seed_arg, calls_arg, tmp = ...
local seed = math.tointeger(tonumber(seed_arg))
local CALLS = math.tointeger(tonumber(calls_arg))
local rng = u.prng(seed)

-- Our own traps: values whose use raises a TRAP table.
local TRAP = setmetatable({}, { __tostring = function() return "trap" end })
local function trap() error(TRAP) end
local trapper = setmetatable({}, {
  __index = trap, __newindex = trap, __len = trap, __tostring = trap, __eq = trap, __lt = trap, __le = trap,
  __concat = trap, __call = trap, __name = "trapper",
})

local TYPES = { "PAIR", "PUB", "SUB", "REQ", "REP", "DEALER", "ROUTER", "PULL", "PUSH", "XPUB", "XSUB", "STREAM" }
local contexts, sockets, pollers, extra = {}, {}, {}, {}

-- The always-writable socket in every poller (its own context, never fuzzed).
local safe_ctx = zmq.context()
local sink = safe_ctx:socket("PULL")
sink:bind("inproc://fuzz-sink")
local always = safe_ctx:socket("PUSH")
always:connect("inproc://fuzz-sink")

local function tame(s)
  pcall(s.set_timeout, s, 0)
  pcall(s.setsockopt, s, "RCVTIMEO", 0)
  pcall(s.setsockopt, s, "SNDTIMEO", 0)
  pcall(s.setsockopt, s, "LINGER", 0)
end

local function live_context()
  local live = {}
  for _, c in ipairs(contexts) do
    if pcall(c.get, c, "IO_THREADS") then live[#live + 1] = c end
  end
  contexts = live
  while #contexts < 2 do contexts[#contexts + 1] = zmq.context() end
  return rng.pick(contexts)
end

local function fresh_socket()
  for _ = 1, 5 do
    local c = live_context()
    local ok, s = pcall(c.socket, c, rng.pick(TYPES))
    if ok then
      tame(s)
      local ep = "inproc://wire" .. rng.int(3)
      if rng.chance(0.5) then pcall(s.bind, s, ep) else pcall(s.connect, s, ep) end
      if s:type() == "SUB" then pcall(s.setsockopt, s, "SUBSCRIBE", "") end
      return s
    end
    -- e.g. MAX_SOCKETS reached, or the context was shut down: use another
    for i, x in ipairs(contexts) do if x == c then table.remove(contexts, i) break end end
    pcall(c.term, c)
  end
  error("cannot create a socket")
end

local function fresh_poller()
  local p = zmq.poller()
  p:add(always, zmq.POLLOUT)
  return p
end

local function refill()
  local open, has_closed = {}, false
  for _, s in ipairs(sockets) do
    if s:closed() then
      if not has_closed then open[#open + 1] = s; has_closed = true end
    else
      open[#open + 1] = s
    end
  end
  sockets = open
  while #sockets < 9 do sockets[#sockets + 1] = fresh_socket() end
  if not has_closed then
    local s = fresh_socket()
    s:close()
    sockets[#sockets + 1] = s
  end
  while #pollers < 3 do pollers[#pollers + 1] = fresh_poller() end
  while #extra > 16 do
    local s = table.remove(extra, 1)
    pcall(s.setsockopt, s, "LINGER", 0)
    pcall(s.close, s)
  end
end
do
  local dead = zmq.context()
  local s = dead:socket("DEALER")
  dead:term()
  sockets[#sockets + 1] = s
end
refill()

-- Random argument values --------------------------------------------------------------
local OPTION_NAMES = {
  "AFFINITY", "ROUTING_ID", "SUBSCRIBE", "UNSUBSCRIBE", "RATE", "RECOVERY_IVL", "SNDBUF", "RCVBUF", "RCVMORE", "FD",
  "EVENTS", "TYPE", "LINGER", "RECONNECT_IVL", "BACKLOG", "RECONNECT_IVL_MAX", "MAXMSGSIZE", "SNDHWM", "RCVHWM",
  "MULTICAST_HOPS", "RCVTIMEO", "SNDTIMEO", "LAST_ENDPOINT", "ROUTER_MANDATORY", "TCP_KEEPALIVE", "IMMEDIATE",
  "XPUB_VERBOSE", "ROUTER_RAW", "IPV6", "MECHANISM", "PLAIN_SERVER", "PLAIN_USERNAME", "PLAIN_PASSWORD",
  "CURVE_SERVER", "CURVE_PUBLICKEY", "CURVE_SECRETKEY", "CURVE_SERVERKEY", "PROBE_ROUTER", "REQ_CORRELATE",
  "REQ_RELAXED", "CONFLATE", "ZAP_DOMAIN", "ROUTER_HANDOVER", "TOS", "CONNECT_ROUTING_ID", "HANDSHAKE_IVL",
  "SOCKS_PROXY", "XPUB_NODROP", "BLOCKY", "XPUB_MANUAL", "XPUB_WELCOME_MSG", "STREAM_NOTIFY", "INVERT_MATCHING",
  "HEARTBEAT_IVL", "HEARTBEAT_TTL", "HEARTBEAT_TIMEOUT", "XPUB_VERBOSER", "CONNECT_TIMEOUT", "TCP_MAXRT",
  "THREAD_SAFE", "MULTICAST_MAXTPDU", "VMCI_BUFFER_SIZE", "USE_FD", "GSSAPI_SERVER", "BINDTODEVICE", "ZAP_ENFORCE_DOMAIN",
  "LOOPBACK_FASTPATH", "METADATA", "MULTICAST_LOOP", "ROUTER_NOTIFY", "XPUB_MANUAL_LAST_VALUE", "SOCKS_USERNAME",
  "SOCKS_PASSWORD", "IN_BATCH_SIZE", "OUT_BATCH_SIZE", "IDENTITY", "NO_SUCH_OPTION", "linger", "zmq_subscribe",
  "ZMQ_LINGER", "",
}
local CONTEXT_OPTIONS = { "IO_THREADS", "MAX_SOCKETS", "SOCKET_LIMIT", "THREAD_PRIORITY", "THREAD_SCHED_POLICY",
  "MAX_MSGSZ", "MSG_T_SIZE", "THREAD_AFFINITY_CPU_ADD", "THREAD_AFFINITY_CPU_REMOVE", "THREAD_NAME_PREFIX", "IPV6",
  "BLOCKY", "NOPE" }
local LONG = string.rep("x", 100000)
local NIL = {}  -- stands for nil in argument lists

local function endpoint()
  local k = rng.int(12)
  if k == 0 then return "tcp://127.0.0.1:*" end
  if k == 1 then return "tcp://127.0.0.1:" .. rng.pick { 0, 1, 65535, 65536, 70000, -1, 99999999999 } end
  if k == 2 then return "ipc://" .. tmp .. "/f" .. rng.int(4) end
  if k == 3 then return "inproc://f" .. rng.int(4) end
  if k == 4 then return "tcp://localhost:*" end
  if k == 5 then return rng.pick { "tcp://", "tcp://127.0.0.1", "tcp://:*", "ipc://", "inproc://", "://x", "nope://x", "" } end
  if k == 6 then
    return rng.pick { "udp://127.0.0.1:*", "pgm://127.0.0.1;239.192.1.1:5555", "epgm://127.0.0.1;239.192.1.1:5555",
      "ws://127.0.0.1:*", "tcp://[::1]:*", "tcp://127.0.0.1:0;127.0.0.1:*" }
  end
  if k == 7 then return "inproc://" .. LONG:sub(1, rng.int(2000)) end
  if k == 8 then return "ipc://" .. tmp .. "/" .. string.rep("y", rng.int(300)) end
  if k == 9 then return "inproc://f\0" .. rng.int(4) end
  if k == 10 then return "tcp://127.0.0.1:*\xff\xfe" end
  return "zmq:" .. rng.pick { "pull", "PUSH", "nope", "" } .. ":" .. rng.pick { "tcp://*:1337", "inproc://x", "" }
end

local function number()
  return rng.pick { 0, -0.0, 1, -1, 2, 3, 5, 11, 12, 20, 100, 255, 256, 1000, 65535, 65536, (1 << 31) - 1, 1 << 31,
    -(1 << 31), 1 << 32, 1 << 53, math.maxinteger, math.mininteger, 2.0 ^ 63, -2.0 ^ 63, 2.0 ^ 64, 1e300, -1e300,
    1.5, -0.5, 0 / 0, math.huge, -math.huge, 2.0, rng.int(1 << 30), -rng.int(1 << 30) }
end

local function string_value()
  return rng.pick { "", "x", "\0", "a\0b", "\xff\xfe", "\xc3", "h\u{e9}llo \u{1f600}", LONG, LONG:sub(1, 255),
    LONG:sub(1, 256), "LINGER", "linger", "ZMQ_LINGER", "zmq_subscribe", "SUBSCRIBE", "NO_SUCH_OPTION", "ipc", "curve",
    "draft", "gssapi", "pgm", "nope", (zmq.curve_keypair()), select(2, zmq.curve_keypair()), "12345",
    string.rep("\0", 32), "read", "write", "sleep" }
end

local co_ok = function() return true end
local function funcs()
  return rng.pick {
    co_ok,
    function() error("raised in a coroutine") end,
    function() error(TRAP) end,
    function() coroutine.yield() end,
    function() zmq.sleep(0.001) end,
    function() coroutine.yield("sleep", zmq.now()) end,
    function() coroutine.yield("read", always, zmq.now()) end,
    function() coroutine.yield("write", always) end,
    function() coroutine.yield("read", 42) end,
    function() coroutine.yield("sleep", 0 / 0) end,
    tostring, type, trap,
  }
end

local function value()
  local k = rng.int(16)
  if k == 0 then return NIL end
  if k == 1 then return rng.chance(0.5) end
  if k == 2 or k == 3 then return number() end
  if k == 4 or k == 5 then return string_value() end
  if k == 6 then return endpoint() end
  if k == 7 then return rng.pick(OPTION_NAMES) end
  if k == 8 then return rng.pick(CONTEXT_OPTIONS) end
  if k == 9 then
    return rng.pick { {}, { 1, 2 }, { "a", "b", "c" }, { "a", NIL, "c" }, { [1] = "a", [3] = "c" }, trapper,
      setmetatable({}, { __index = function() return "x" end }), { socket = sockets[1] }, { always } }
  end
  if k == 10 then return funcs() end
  if k == 11 then return rng.pick { coroutine.create(co_ok), io.stdout, zmq, zmq.Error, zmq.ratchet } end
  if k == 12 or k == 13 then
    local all = { always }
    for _, s in ipairs(sockets) do all[#all + 1] = s end
    for _, s in ipairs(extra) do all[#all + 1] = s end
    return rng.pick(all)
  end
  if k == 14 then return rng.pick { rng.pick(contexts), rng.pick(pollers), zmq.poller() } end
  return rng.pick { zmq.POLLIN, zmq.POLLOUT, zmq.POLLIN | zmq.POLLOUT, zmq.POLLERR, zmq.DONTWAIT, zmq.SNDMORE,
    zmq.SNDMORE | zmq.DONTWAIT, rng.int(21), zmq.LINGER, zmq.SUBSCRIBE, zmq.ROUTING_ID, zmq.RCVTIMEO, zmq.USE_FD,
    zmq.MAXMSGSIZE, zmq.CURVE_SERVERKEY, zmq.IO_THREADS, zmq.PUB, zmq.ROUTER }
end

-- Plausible arguments per function, so that calls get past the type checks.
local function sock()
  local all = {}
  for _, s in ipairs(sockets) do all[#all + 1] = s end
  for _, s in ipairs(extra) do all[#all + 1] = s end
  return rng.pick(all)
end
local function option() return rng.pick { rng.pick(OPTION_NAMES), rng.int(120), rng.pick(OPTION_NAMES):lower() } end
local function option_value()
  return rng.pick { number(), number(), string_value(), rng.chance(0.5), NIL, endpoint(), rng.int(1000) }
end
local function data() return rng.pick { string_value(), number(), NIL, rng.chance(0.5), rng.int(1 << 40) } end
local function flags() return rng.pick { NIL, 0, true, false, zmq.DONTWAIT, zmq.SNDMORE, zmq.SNDMORE | zmq.DONTWAIT, number() } end
local function target() return rng.pick { sock(), sock(), rng.pick { 0, 1, 2, 3, -1, 1000, 1 << 31 } } end
local function events() return rng.pick { zmq.POLLIN, zmq.POLLOUT, zmq.POLLIN | zmq.POLLOUT, zmq.POLLERR, 0, 255, number() } end
local function timeout() return rng.pick { 0, 1, -1, NIL, number() } end
local function short_sleep() return rng.pick { 0, 0.001, -1, NIL, 0 / 0, "x", -math.huge } end
local function parts()
  local t = {}
  for i = 1, rng.int(5) do t[i] = data() end
  return t
end
local HINTS = {
  bind = { endpoint }, unbind = { endpoint }, connect = { endpoint }, disconnect = { endpoint },
  bind_to_random_port = { function() return rng.pick { "tcp://127.0.0.1", "tcp://localhost", endpoint() } end },
  send = { data, flags }, send_multipart = { parts, flags },
  recv = { flags }, recv_str = { flags }, recv_int = { flags }, recv_int64 = { flags }, recv_multipart = { flags },
  recv_into = { function() return rng.pick { zmq.buffer(rng.int(200)), zmq.buffer(0), string_value() } end, flags },
  buffer = { function() return rng.pick { 0, 1, 100, 65536, -1, 1.5, "x" } end },
  recv_all = {},
  getsockopt = { option }, get = { option }, setsockopt = { option, option_value }, set = { option, option_value },
  set_timeout = { function() return rng.pick { 0, 1, -1, NIL, number() } end },
  same = { sock },
  monitor = { function() return rng.pick { NIL, zmq.EVENT_ALL or 0xFFFF, 0, -1, 1, number() } end },
  recv_event = { flags },
  ["context.socket"] = { function() return rng.pick { rng.pick(TYPES), rng.int(25), number() } end },
  ["context.set"] = { function() return rng.pick(CONTEXT_OPTIONS) end, function() return rng.pick { number(), number(), string_value() } end },
  ["context.get"] = { function() return rng.pick(CONTEXT_OPTIONS) end },
  add = { target, events, value }, modify = { target, events }, remove = { target },
  wait = { timeout }, wait_all = { function() return rng.pick { 1, 2, 10, 0, -1, number() } end, timeout },
  poll_all = { function() return rng.pick { 1, 2, 10, 0, -1, number() } end },
  has = { string_value }, strerror = { function() return rng.pick { 0, 1, 11, 156384763, -1, number() } end },
  curve_public = { function() return rng.pick { select(2, zmq.curve_keypair()), string_value() } end },
  z85_encode = { function() return rng.pick { string_value(), string.rep("\0", 4 * rng.int(10)) } end },
  z85_decode = { function() return rng.pick { string_value(), string.rep("0", 5 * rng.int(10)) } end },
  prepare_uri = { endpoint },
  proxy = { sock, sock, sock },
  new = { function() return rng.pick { rng.pick(TYPES), rng.int(25), NIL } end },
  context = { function() return rng.pick { NIL, 1, 0, 2, 65, -1, number() } end },
  sleep = { short_sleep },
  spawn = { funcs, value },
  ["ratchet.new"] = { funcs }, ["ratchet.attach"] = { funcs }, ["ratchet.thread.sleep"] = { short_sleep },
}

local function args(name)
  local short = name:match("^[a-z]+[.:](.*)$") or name
  local hints = HINTS[name] or HINTS[short]
  local out, n = {}, 0
  if hints and rng.chance(0.7) then
    n = rng.pick { #hints, #hints, #hints, math.max(0, #hints - 1), #hints + 1 }
    for i = 1, n do
      if i <= #hints and rng.chance(0.85) then out[i] = hints[i]() else out[i] = value() end
    end
  else
    n = rng.pick { 0, 1, 1, 2, 2, 2, 3, 4 }
    for i = 1, n do out[i] = value() end
  end
  return out, n
end

-- The calls -------------------------------------------------------------------------------
local probe = zmq.new("PAIR")
local SOCKET_METHODS = { "bind", "connect", "unbind", "disconnect", "send", "recv", "recv_all", "recv_multipart",
  "send_multipart", "recv_int", "recv_int64", "recv_str", "recv_into", "getsockopt", "setsockopt", "get", "set", "set_timeout",
  "get_timeout", "get_fd", "events", "is_readable", "is_writable", "is_rcvmore", "last_endpoint",
  "bind_to_random_port", "type", "closed", "same", "close", "monitor", "recv_event" }
local CONTEXT_METHODS = { "socket", "set", "get", "shutdown", "term", "open_sockets" }
local POLLER_METHODS = { "add", "modify", "remove", "size", "wait", "wait_all", "poll", "poll_all" }
local some_ctx, some_poller = zmq.context(), zmq.poller()

local function unpack_args(a, n)
  local t = {}
  for i = 1, n do if not rawequal(a[i], NIL) then t[i] = a[i] end end
  return table.unpack(t, 1, n)
end

local function is_open_socket(v)
  local ok, closed = pcall(function() return v:closed() end)
  return ok and closed == false and zmq.is_error(v) == false and type(v) == "userdata"
end

local targets = {}
local function add(name, weight, kind, f)
  for _ = 1, weight do targets[#targets + 1] = { name, kind, f } end
end
for _, m in ipairs(SOCKET_METHODS) do
  local f = probe[m]
  add("socket:" .. m, 12, "socket", function(self, a, n) return f(self, unpack_args(a, n)) end)
end
add("tostring(socket)", 1, "socket", function(self) return tostring(self) end)
add("socket <close>", 1, "socket", function(self) local s <close> = self end)
for _, m in ipairs(CONTEXT_METHODS) do
  local f = some_ctx[m]
  add("context." .. m, 3, "context", function(self, a, n) return f(self, unpack_args(a, n)) end)
end
add("tostring(context)", 1, "context", function(self) return tostring(self) end)
for _, m in ipairs(POLLER_METHODS) do
  local f = some_poller[m]
  add("poller:" .. m, 4, "poller", function(self, a, n)
    -- The always-writable socket stays in, with POLLOUT: no wait can block.
    if (m == "remove" or m == "modify") and rawequal(a[1], always) then a[1] = sockets[1] end
    return f(self, unpack_args(a, n))
  end)
end
local skip = { loop = true, spawn = true, proxy = true, sleep = true, term = true,
  wait_readable = true, wait_writable = true }
for name, f in pairs(zmq) do
  if type(f) == "function" and not skip[name] then
    add("zmq." .. name, 2, "none", function(_, a, n) return f(unpack_args(a, n)) end)
  end
end
table.sort(targets, function(x, y) return x[1] < y[1] end)  -- pairs() order is not reproducible
add("zmq.proxy", 2, "none", function(_, a, n)
  if is_open_socket(a[1]) and is_open_socket(a[2]) then a[2] = sockets[1]:closed() and sockets[1] or NIL end
  if is_open_socket(a[1]) and is_open_socket(a[2]) then return end
  return zmq.proxy(unpack_args(a, n))
end)
add("zmq.sleep", 1, "none", function(_, a, n)
  if type(a[1]) == "number" and (a[1] > 0.01 or a[1] ~= a[1]) then a[1] = 0.001 end
  return zmq.sleep(unpack_args(a, n))
end)
for _, name in ipairs { "wait_readable", "wait_writable" } do
  add("zmq." .. name, 1, "none", function(_, a, n)
    -- A descriptor may never become ready (stdin, a socket's fd): bound the wait.
    if a[2] == nil or type(a[2]) == "number" and (a[2] > 0.01 or a[2] < 0) then a[2] = 0.001 end
    return zmq[name](a[1], a[2])
  end)
end
add("zmq.term", 1, "none", function(_, a, n) return zmq.term(unpack_args(a, n)) end)
add("zmq.spawn", 2, "none", function(_, a, n) return zmq.spawn(unpack_args(a, n)) end)
add("zmq.loop", 1, "none", function(_, a, n)
  for i = 1, rng.int(3) do zmq.spawn(funcs()) end
  return zmq.loop(unpack_args(a, n))
end)
add("ratchet.zmqsocket.new", 1, "none", function(_, a, n) return zmq.ratchet.zmqsocket.new(unpack_args(a, n)) end)
add("ratchet.zmqsocket.prepare_uri", 1, "none", function(_, a, n) return zmq.ratchet.zmqsocket.prepare_uri(unpack_args(a, n)) end)
add("ratchet.new", 1, "none", function(_, a, n)
  local r = zmq.ratchet.new(unpack_args(a, n))
  if rng.chance(0.5) then r:attach(funcs()) end
  return r:loop()
end)
add("ratchet.thread.sleep", 1, "none", function(_, a, n)
  if type(a[1]) == "number" and (a[1] > 0.01 or a[1] ~= a[1]) then a[1] = 0.001 end
  return zmq.ratchet.thread.sleep(unpack_args(a, n))
end)

local function describe(v)
  if rawequal(v, NIL) then return "nil" end
  local t = type(v)
  if t == "string" then
    local s = #v > 40 and v:sub(1, 40) .. "...(" .. #v .. ")" or v
    return (string.format("%q", s):gsub("\n", "n"))
  end
  if t == "userdata" then
    if rawequal(v, always) then return "always" end
    for i, s in ipairs(sockets) do if rawequal(s, v) then return "socket" .. i .. (s:closed() and "(closed)" or "(open)") end end
    local ok, name = pcall(tostring, v)
    return ok and name:gsub("0x%x+", "") or "userdata"
  end
  if t == "table" then return rawequal(v, trapper) and "trapper" or "table" end
  return tostring(v)
end

local ok_count, errors, kinds = 0, 0, {}
for n = 0, CALLS - 1 do
  if n % 50 == 0 then refill() end
  local t = rng.pick(targets)
  local name, kind, f = t[1], t[2], t[3]
  local self
  if rng.chance(0.9) then
    if kind == "socket" then self = sock()
    elseif kind == "context" then self = rng.chance(0.8) and live_context() or rng.pick(contexts)
    elseif kind == "poller" then self = rng.pick(pollers) end
  else
    self = value()
    if rawequal(self, NIL) then self = nil end
  end
  local a, na = args(name)
  local shown = {}
  for i = 1, na do shown[i] = describe(a[i]) end
  io.stderr:write("#", n, " ", name, " self=", self == nil and "nil" or describe(self), " (", table.concat(shown, ", "), ")\n")
  local ok, r = pcall(f, self, a, na)
  if ok then
    ok_count = ok_count + 1
    if zmq.is_error(r) then error("#" .. n .. " " .. name .. ": returned an error value instead of raising it") end
    local mt = getmetatable(r)
    if type(r) == "userdata" and pcall(function() return r:closed() end) then extra[#extra + 1] = r end
  else
    errors = errors + 1
    local what
    if zmq.is_error(r) then
      if math.type(r.errno) ~= "integer" or type(r.code) ~= "string" or not r.code:match("^E[A-Z0-9]+$") then
        error("#" .. n .. " " .. name .. ": zmq error without errno/code: " .. tostring(r))
      end
      what = r.code
    elseif type(r) == "string" then
      what = "message"
    elseif r == TRAP then
      what = "trap"
    else
      error("#" .. n .. " " .. name .. ": raised a " .. type(r) .. ": " .. tostring(r))
    end
    kinds[what] = (kinds[what] or 0) + 1
  end
  for _, s in ipairs(sockets) do tame(s) end
  for _, s in ipairs(extra) do tame(s) end
end

-- Alive and working at the end.
local c = zmq.context()
local x, y = c:socket("PAIR"), c:socket("PAIR")
x:bind("inproc://fuzz-end")
y:connect("inproc://fuzz-end")
x:send("alive")
u.eq(y:recv(), "alive", "after the fuzzing")
c:term()
local k = {}
for name, count in pairs(kinds) do k[#k + 1] = name .. "=" .. count end
table.sort(k)
u.say("errors by kind: " .. table.concat(k, " "))
u.say("fuzz done calls=" .. CALLS .. " ok=" .. ok_count .. " errors=" .. errors)
