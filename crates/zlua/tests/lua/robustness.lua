-- Every function and method with odd arguments: each call returns or raises
-- an error value or message; nothing crashes or hangs.
local zmq = require "zmq"
local T = require "testlib"

local ctx = zmq.context()
local closed = zmq.new("PAIR")
closed:close()
local values = {
  false, true, 0, -1, 1.5, 2 ^ 63, -2 ^ 63, math.maxinteger or 2 ^ 53, math.mininteger or -2 ^ 53, 0 / 0, math.huge,
  "", "x", "\0", "SUBSCRIBE", "tcp://", "inproc://", string.rep("x", 300), {}, print,
  coroutine.create(function() end), closed, ctx, zmq.poller(),
}
local NIL = {}
table.insert(values, 1, NIL)

local function arg(v) if v == NIL then return nil end return v end

local calls, raised = 0, 0
local function try(f, ...)
  calls = calls + 1
  local ok, err = pcall(f, ...)
  if not ok then
    raised = raised + 1
    assert(type(err) == "string" or zmq.is_error(err), "odd error value: " .. tostring(err))
  end
end

-- Socket methods (with short timeouts so that nothing can block for long).
local skip = { loop = true, sleep = true, proxy = true }
local methods = {}
local probe = zmq.new("PAIR")
for _, name in ipairs { "bind", "connect", "unbind", "disconnect", "send", "recv", "recv_all", "recv_multipart",
                        "send_multipart", "recv_int", "recv_int64", "recv_str", "getsockopt", "setsockopt", "get",
                        "set", "set_timeout", "get_timeout", "get_fd", "events", "is_readable", "is_writable",
                        "is_rcvmore", "last_endpoint", "bind_to_random_port", "type", "closed", "same", "close",
                        "recv_event" } do
  methods[name] = probe[name]
  assert(type(methods[name]) == "function", name)
end
local created = 0
local function fresh(kind)
  created = created + 1
  -- libzmq frees socket slots asynchronously: give its reaper a moment now and then.
  if created % 100 == 0 then zmq.sleep(0.01) end
  return zmq.new(kind)
end
for name, f in pairs(methods) do
  for _, kind in ipairs { "PAIR", "PUB", "SUB", "REQ", "ROUTER", "STREAM" } do
    local s = fresh(kind)
    for _, a in ipairs(values) do
      for _, b in ipairs { NIL, 1, "x", true } do
        if s:closed() then s = fresh(kind) end
        s:set_timeout(0)
        s:setsockopt("RCVTIMEO", 0)
        s:setsockopt("SNDTIMEO", 0)
        try(f, s, arg(a), arg(b))
      end
      try(f, arg(a))                        -- a wrong self
    end
    s:close()
  end
end

-- Module functions.
for name, f in pairs(zmq) do
  if type(f) == "function" and not skip[name] and name ~= "spawn" then
    for _, a in ipairs(values) do
      for _, b in ipairs { NIL, 1, "x" } do try(f, arg(a), arg(b)) end
    end
  end
end
try(zmq.proxy, 1, 2)
try(zmq.proxy, zmq.new("PAIR"), "x")
try(zmq.sleep, "x")
try(zmq.sleep, -1)
try(zmq.sleep, 0 / 0)

-- Context and poller methods.
local cmethods = { "socket", "set", "get", "shutdown", "term", "open_sockets" }
local pmethods = { "add", "modify", "remove", "size", "wait", "wait_all", "poll", "poll_all" }
for _, name in ipairs(cmethods) do
  local c = zmq.context()
  for _, a in ipairs(values) do
    for _, b in ipairs { NIL, 1, -1, T.int(2 ^ 40), "x" } do
      if not (name == "term" or name == "shutdown") then try(c[name], c, arg(a), arg(b)) end
      try(c[name], arg(a), arg(b))
    end
  end
  c:term()
end
for _, name in ipairs(pmethods) do
  local p = zmq.poller()
  for _, a in ipairs(values) do
    for _, b in ipairs { NIL, 0, 1, -1, T.int(2 ^ 40), "x" } do
      local v, w = arg(a), arg(b)
      -- A timeout that could be long or infinite becomes 0.
      local function short(t) return (t == nil or T.is_integer(t) or t == math.huge) and 0 or t end
      if name == "wait" then v = short(v) end
      if name == "wait_all" then w = short(w) end
      try(p[name], p, v, w, w)
      try(p[name], arg(a))
    end
  end
end

collectgarbage()
assert(calls > 10000 and raised > 1000, calls .. " calls, " .. raised .. " raised")
print("robustness ok")
