-- The Lua half of the `zmq` module (embedded in zmq-lua, run once per Lua state).
--
-- Receives `C`, the Rust primitives, and `M`, the module table already holding
-- every constant. Adds the functions scripts call, raises errors (the mlua
-- callbacks only return them, see src/error.rs; the C hot path of send/recv
-- in src/raw.rs raises through `raise_from_c` below), and runs the coroutine
-- scheduler.
-- Returns the metatables of the four userdata types.
local C, M = ...

local coroutine, debug, error, getmetatable, ipairs, pairs, pcall, select, setmetatable,
      table, tostring, type, math =
      coroutine, debug, error, getmetatable, ipairs, pairs, pcall, select, setmetatable,
      table, tostring, type, math
local running, yield = coroutine.running, coroutine.yield

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

---------------------------------------------------------------------------
-- Scheduler state (the loop itself is further down)
---------------------------------------------------------------------------

-- The coroutine `zmq.loop()` resumed last; nil while no loop runs. Socket
-- calls pause only this coroutine: in any other (a script's own coroutine,
-- the main thread) they block.
local current = nil
-- The same, for the C half of send/recv (src/raw.rs): `sched[1]` is nil while no loop runs.
local sched = {}

-- True when the caller is the coroutine the scheduler resumed.
local function scheduled()
  return current ~= nil and running() == current
end

-- Absolute deadline for a socket wait, from the socket's timeout.
local c_get_timeout, now = C.socket_get_timeout, C.now
local function deadline_for(sock)
  local t = c_get_timeout(sock)
  if type(t) == "number" and t >= 0 then return now() + t end
  return nil
end

---------------------------------------------------------------------------
-- Sockets
---------------------------------------------------------------------------

local S = {}          -- socket methods (the __index of socket userdata)
local c_send, c_recv = C.socket_send, C.socket_recv

-- `send` and `recv` are C closures (src/raw.rs) that do the common case
-- themselves and call these full paths for the rest: waiting outside the
-- scheduler, pausing the coroutine inside it, raising errors. They are
-- called from C, so level 3 is the script's line.
local function full_send(self, data, more)
  local ok, code, errno, message = c_send(self, data, more, current == nil)
  if ok then return true end
  if ok == nil then raise(3, code, errno, message) end
  -- It would block, and a scheduler runs.
  if not scheduled() then
    ok, code, errno, message = c_send(self, data, more, true)
    if ok == nil then raise(3, code, errno, message) end
    return true
  end
  local deadline = deadline_for(self)
  repeat
    if not yield("write", self, deadline) then error(timed_out(), 3) end
    ok, code, errno, message = c_send(self, data, more, false)
    if ok == nil then raise(3, code, errno, message) end
  until ok
  return true
end

local function full_recv(self, flags)
  local data, more, errno, message = c_recv(self, flags, current == nil)
  if data then return data, more end
  if data == nil then raise(3, more, errno, message) end
  if not scheduled() then
    data, more, errno, message = c_recv(self, flags, true)
    if data == nil then raise(3, more, errno, message) end
    return data, more
  end
  local deadline = deadline_for(self)
  repeat
    if not yield("read", self, deadline) then error(timed_out(), 3) end
    data, more, errno, message = c_recv(self, flags, false)
    if data == nil then raise(3, more, errno, message) end
  until data
  return data, more
end

--- send(data, more) -> true. data: a string, an integer (4 or 8 bytes) or
--- nil (empty); more: true sends SNDMORE, or flags (zmq.SNDMORE | zmq.DONTWAIT).
--- recv(flags) -> data, more.
-- The C half raises ZeroMQ errors itself, through this.
local function raise_from_c(code, errno, message)
  error(new_error(code, errno, message), 2)
end
S.send, S.recv = C.fast_methods(full_send, full_recv, sched, raise_from_c)
if not C.continuations then
  -- 5.1/LuaJIT: a C function cannot call Lua code that yields, so the C
  -- methods return nothing where they would call the full path, and these
  -- wrappers call it from Lua (not as tail calls: the full paths raise at
  -- level 3, the script's line).
  local fast_send, fast_recv = S.send, S.recv
  S.send = function(self, data, more)
    if fast_send(self, data, more) then return true end
    local ok = full_send(self, data, more)
    return ok
  end
  S.recv = function(self, flags)
    local data, more = fast_recv(self, flags)
    if data then return data, more end
    data, more = full_recv(self, flags)
    return data, more
  end
end
local recv = S.recv

---------------------------------------------------------------------------
-- recv_into and zmq.buffer (src/buffer.rs): receiving into reused memory
---------------------------------------------------------------------------

--- recv_into(buffer, flags) -> size, more. size is the message's size (more
--- than #buffer if it was cut short); buffer:tostring() gives its bytes.
local c_recv_into = C.socket_recv_into
local function full_recv_into(self, buf, flags)
  local n, more, errno, message = c_recv_into(self, buf, flags, current == nil or not scheduled())
  if n then return n, more end
  if n == nil then raise(3, more, errno, message) end
  local deadline = deadline_for(self)
  repeat
    if not yield("read", self, deadline) then error(timed_out(), 3) end
    n, more, errno, message = c_recv_into(self, buf, flags, false)
    if n == nil then raise(3, more, errno, message) end
  until n
  return n, more
end
S.recv_into = C.fast_recv_into(full_recv_into, sched, raise_from_c)
if not C.continuations then
  local fast_recv_into = S.recv_into
  S.recv_into = function(self, buf, flags)
    local n, more = fast_recv_into(self, buf, flags)
    if n then return n, more end
    n, more = full_recv_into(self, buf, flags)
    return n, more
  end
end
local c_buffer_new = C.buffer_new
--- zmq.buffer(size) -> a buffer of size bytes for recv_into (see lua-api.md).
function M.buffer(size)
  local b, code, errno, message = c_buffer_new(size)
  if not b then raise(2, code, errno, message) end
  return b
end
-- End of the recv_into block.

--- All parts of the next message, concatenated.
function S.recv_all(self)
  local data, more = recv(self)
  if not more then return data end
  local parts, n = { data }, 1
  while more do
    data, more = recv(self)
    n = n + 1
    parts[n] = data
  end
  return table.concat(parts)
end

-- Flags of the receive helpers, checked here so that the message names the helper.
local function flags_arg(flags, name)
  if flags ~= nil and not is_integer(flags) then
    error("bad argument #1 to '" .. name .. "' (integer expected, got " .. type(flags) .. ")", 3)
  end
  return flags
end

--- All parts of the next message, as a table.
function S.recv_multipart(self, flags)
  local data, more = recv(self, flags_arg(flags, "recv_multipart"))
  local parts, n = { data }, 1
  while more do
    data, more = recv(self)
    n = n + 1
    parts[n] = data
  end
  return parts
end

--- Send every element of `parts` as one message (each part may pause the
--- coroutine; the flags of each part are the core's plan).
local c_multipart_flags = C.multipart_flags
function S.send_multipart(self, parts, flags)
  if type(parts) ~= "table" then
    error("bad argument #1 to 'send_multipart' (table expected, got " .. type(parts) .. ")", 2)
  end
  local n = #parts
  local first, middle, last, message = c_multipart_flags(n, flags)
  if first == nil then raise(2, middle, last, message) end
  for i = 1, n do
    S.send(self, parts[i], i == 1 and first or (i == n and last or middle))
  end
  return true
end

local c_to_int, c_text = C.to_int, C.text

--- A 4-byte message as an integer (EINVAL for any other size; the message is consumed).
function S.recv_int(self, flags)
  return check(c_to_int(recv(self, flags_arg(flags, "recv_int")), 4))
end

--- An 8-byte message as an integer.
function S.recv_int64(self, flags)
  return check(c_to_int(recv(self, flags_arg(flags, "recv_int64")), 8))
end

--- A message as text: a lone trailing NUL (a C peer's terminator) is dropped.
function S.recv_str(self, flags)
  return c_text((recv(self, flags_arg(flags, "recv_str"))))
end

local c_monitor_event = C.monitor_event

--- On a socket made by monitor(): the next event, as
--- {event = zmq.EVENT_CONNECTED, name = "EVENT_CONNECTED", value = n, endpoint = "tcp://..."}.
--- Pauses (in zmq.loop) or blocks as recv does.
function S.recv_event(self, flags)
  local head, more = recv(self, flags_arg(flags, "recv_event"))
  local endpoint
  if more then endpoint, more = recv(self) end
  while more do
    local _
    _, more = recv(self)
  end
  return check(c_monitor_event(head, endpoint))
end

for _, name in ipairs { "bind", "connect", "unbind", "disconnect", "close", "getsockopt", "setsockopt",
                        "set_timeout", "get_timeout", "get_fd", "events", "is_readable", "is_writable",
                        "is_rcvmore", "last_endpoint", "type", "closed", "same", "monitor",
                        "bind_to_random_port" } do
  S[name] = wrap(C["socket_" .. name])
end
S.get = S.getsockopt
S.set = S.setsockopt

local socket_mt = {
  __index = S,
  __close = function(self) C.socket_close(self) end,
  __tostring = C.socket_tostring,
  __name = "zmq.socket",
}

---------------------------------------------------------------------------
-- Contexts and pollers
---------------------------------------------------------------------------

local X = {}  -- context methods
for _, name in ipairs { "socket", "set", "get", "shutdown", "term", "open_sockets", "auth" } do
  X[name] = wrap(C["context_" .. name])
end
local context_mt = {
  __index = X,
  __close = function(self) C.context_term(self) end,
  __tostring = C.context_tostring,
  __name = "zmq.context",
}

-- Explicit contexts, so that os.exit can terminate them (weak: collecting one is fine).
local contexts = setmetatable({}, { __mode = "k" })
local c_context = wrap(C.context)
--- A new context of its own (default: one I/O thread).
function M.context(io_threads)
  local ctx = c_context(io_threads)
  contexts[ctx] = true
  return ctx
end

-- Authenticators (ctx:auth / zmq.auth): close() and closed(); closed when collected.
local A = {}
A.close = wrap(C.auth_close)
A.closed = wrap(C.auth_closed)
local auth_mt = {
  __index = A,
  __close = function(self) C.auth_close(self) end,
  __tostring = C.auth_tostring,
  __name = "zmq.authenticator",
}

local P = {}  -- poller methods
for _, name in ipairs { "add", "modify", "remove", "size", "wait", "wait_all" } do
  P[name] = wrap(C["poller_" .. name])
end
--- The event available now, or nil.
function P.poll(self) return P.wait(self, 0) end
--- Up to `n` events available now, or nil.
function P.poll_all(self, n) return P.wait_all(self, n, 0) end
local poller_mt = { __index = P, __name = "zmq.poller" }
if not tostring(setmetatable({}, poller_mt)):find("^zmq%.poller") then
  -- Before 5.3 tostring ignores __name.
  poller_mt.__tostring = function(self) return "zmq.poller (" .. P.size(self) .. " entries)" end
end
M.poller = wrap(C.poller)

---------------------------------------------------------------------------
-- Module functions
---------------------------------------------------------------------------

M.new = wrap(C.new)
--- ZAP authentication for the hidden default context (ctx:auth for an explicit one).
M.auth = wrap(C.auth)
M.socket = M.new
M.prepare_uri = wrap(C.prepare_uri)
for _, name in ipairs { "version", "has", "strerror", "curve_keypair", "curve_public", "z85_encode",
                        "z85_decode", "proxy", "proxy_steerable" } do
  M[name] = wrap(C[name])
end
M.now = now

--- Terminate the hidden default context (closing its sockets); the next
--- zmq.new() starts a new one.
M.term = wrap(C.term)

--- Number of sockets of the hidden default context still open (diagnostics).
M.open_sockets = wrap(C.open_sockets)

-- Before os.exit, terminate the contexts so that messages still queued are
-- delivered (each socket's LINGER, at most a second, all contexts at once),
-- as at a normal end.
local function term_all()
  local list = {}
  for ctx in pairs(contexts) do list[#list + 1] = ctx end
  pcall(C.term_all, list)
end
local os_exit = os and os.exit
if os_exit then
  os.exit = function(...)
    term_all()
    return os_exit(...)
  end
end

---------------------------------------------------------------------------
-- Coroutine scheduler
---------------------------------------------------------------------------

local runq = {}       -- { co, nargs, args... } ready to resume
local waiting = {}    -- { co, sock or fd, events, deadline } paused on a socket or descriptor
local sleeping = {}   -- { co, deadline } paused in zmq.sleep
local looping = false

-- Forget every coroutine (after an error): closing them runs their pending
-- to-be-closed variables (`local s <close> = ...`).
local function reset()
  local lists = { runq, waiting, sleeping }
  runq, waiting, sleeping = {}, {}, {}
  for _, list in ipairs(lists) do
    for _, item in ipairs(list) do
      local co = item[1]
      if coroutine.close and coroutine.status(co) == "suspended" then pcall(coroutine.close, co) end
    end
  end
end

--- Register `fn(...)` to run as a coroutine when zmq.loop() runs; returns it.
function M.spawn(fn, ...)
  if type(fn) ~= "function" then
    error("bad argument #1 to 'spawn' (function expected, got " .. type(fn) .. ")", 2)
  end
  local co = coroutine.create(fn)
  runq[#runq + 1] = { co, select("#", ...), ... }
  return co
end

local function traceback(co, err)
  if not (debug and debug.traceback) then return err end
  if getmetatable(err) == Error then
    if not err.traceback then err.traceback = debug.traceback(co, "in coroutine:") end
    return err
  end
  if type(err) == "string" or type(err) == "number" then
    return debug.traceback(co, tostring(err))
  end
  return err
end

local is_socket = C.is_socket

-- What a resumed coroutine asked for.
local function settle(co, ok, what, a, b)
  if not ok then
    reset()
    error(traceback(co, what), 0)
  end
  if coroutine.status(co) == "dead" then return end
  if what == "read" or what == "write" then
    if not is_socket(a) then
      reset()
      error("coroutine yielded '" .. what .. "' without a zmq socket", 0)
    end
    local deadline = b
    if deadline == nil then deadline = deadline_for(a) end
    if deadline ~= nil and (type(deadline) ~= "number" or deadline ~= deadline) then
      reset()
      error("coroutine yielded '" .. what .. "' with a deadline that is not a number", 0)
    end
    waiting[#waiting + 1] = { co, a, what == "read" and POLLIN or POLLOUT, deadline }
  elseif what == "fd_read" or what == "fd_write" then
    -- zmq.wait_readable/wait_writable: `a` is the descriptor, `b` the deadline or nil.
    waiting[#waiting + 1] = { co, a, what == "fd_read" and POLLIN or POLLOUT, b }
  elseif what == "sleep" then
    if type(a) ~= "number" or a ~= a then
      reset()
      error("coroutine yielded 'sleep' without a deadline", 0)
    end
    -- Kept in deadline order, so that sleepers due together (a late wake-up) resume in that order.
    local i = #sleeping + 1
    while i > 1 and sleeping[i - 1][2] > a do i = i - 1 end
    table.insert(sleeping, i, { co, a })
  else
    runq[#runq + 1] = { co, 0 }  -- a plain yield: run again after the others
  end
end

local function resume(item)
  local co = item[1]
  local prev = current
  current = co
  sched[1] = co
  settle(co, coroutine.resume(co, unpack(item, 3, item[2] + 2)))
  current = prev
  sched[1] = prev
end

local c_poll, c_sleep = C.poll, C.sleep

local function run()
  while true do
    local batch = runq
    runq = {}
    for i = 1, #batch do resume(batch[i]) end

    if #runq == 0 and #waiting == 0 and #sleeping == 0 then return end

    -- How long may we wait? Not at all if some coroutine is ready to run.
    local timeout = -1
    if #runq > 0 then
      timeout = 0
    else
      local earliest
      for _, w in ipairs(waiting) do
        if w[4] and (earliest == nil or w[4] < earliest) then earliest = w[4] end
      end
      for _, s in ipairs(sleeping) do
        if earliest == nil or s[2] < earliest then earliest = s[2] end
      end
      if earliest then
        local ms = (earliest - now()) * 1000
        if ms <= 0 then timeout = 0 elseif ms < 2 ^ 40 then timeout = math.ceil(ms) end
      end
    end

    local ready
    if #waiting > 0 then
      -- One reactor wait for every socket and descriptor a coroutine waits on.
      local socks, events, index = {}, {}, {}
      for _, w in ipairs(waiting) do
        local i = index[w[2]]
        if not i then
          i = #socks + 1
          socks[i], events[i], index[w[2]] = w[2], 0, i
        end
        events[i] = bor(events[i], w[3])
      end
      local revents, code, errno, message = c_poll(socks, events, timeout)
      if revents == nil then
        reset()
        raise(1, code, errno, message)
      end
      ready = function(w) return band(revents[index[w[2]]], bor(w[3], POLLERR)) ~= 0 end
    elseif timeout ~= 0 then
      local ok, code, errno, message = c_sleep(timeout / 1000)
      if ok == nil then
        reset()
        raise(1, code, errno, message)
      end
    end

    local t = now()
    local still = {}
    for _, w in ipairs(waiting) do
      if ready and ready(w) then
        runq[#runq + 1] = { w[1], 1, true }
      elseif w[4] and w[4] <= t then
        runq[#runq + 1] = { w[1], 1, false }
      else
        still[#still + 1] = w
      end
    end
    waiting = still
    still = {}
    for _, s in ipairs(sleeping) do
      if s[2] <= t then runq[#runq + 1] = { s[1], 1, true } else still[#still + 1] = s end
    end
    sleeping = still
  end
end

--- Run every spawned coroutine until all have ended. An error in one of them
--- ends the loop (the others are dropped) and is raised here with the
--- coroutine's traceback.
function M.loop()
  if looping then error("zmq.loop() is already running", 2) end
  looping = true
  local ok, err = pcall(run)
  looping = false
  current = nil
  sched[1] = nil
  if not ok then reset(); error(err, 0) end
  return true
end

-- Can code inside pcall yield? Not on 5.1 (LuaJIT and 5.2+ can).
local pcall_yields = coroutine.wrap(function()
  local ok = pcall(yield, true)
  return ok
end)() == true

--- pcall(f, ...) that lets f pause inside zmq.loop() on every version: the
--- plain pcall where it can yield, else (5.1) f runs in a coroutine of its
--- own whose pauses are passed on to the scheduler.
if pcall_yields then
  M.pcall = pcall
else
  local create, resume_co, status = coroutine.create, coroutine.resume, coroutine.status
  local function pack(...) return { n = select("#", ...), ... } end
  -- Resume `co` as the coroutine socket calls pause (see `scheduled`).
  local function step(co, outer, ...)
    current, sched[1] = co, co
    local r = pack(resume_co(co, ...))
    current, sched[1] = outer, outer
    return r
  end
  function M.pcall(f, ...)
    if not scheduled() then return pcall(f, ...) end
    local outer, co = current, create(function(...) return f(...) end)
    local r = step(co, outer, ...)
    while true do
      if not r[1] then return false, r[2] end
      if status(co) == "dead" then return true, unpack(r, 2, r.n) end
      r = step(co, outer, yield(unpack(r, 2, r.n)))
    end
  end
end

--- Pause for `seconds`: only the calling coroutine inside zmq.loop(), the
--- whole program elsewhere.
function M.sleep(seconds)
  if type(seconds) ~= "number" or seconds ~= seconds then
    error("bad argument #1 to 'sleep' (number expected, got " .. (seconds ~= seconds and "nan" or type(seconds)) .. ")", 2)
  end
  if scheduled() then
    yield("sleep", now() + seconds)
    return true
  end
  return check(c_sleep(seconds))
end

local c_wait_fd = C.wait_fd

local function wait_fd(name, fd, timeout, events, what)
  if type(fd) ~= "number" or fd ~= fd or fd < 0 or fd % 1 ~= 0 then
    error("bad argument #1 to '" .. name .. "' (file descriptor expected, got " .. type(fd) .. ")", 3)
  end
  if timeout ~= nil and (type(timeout) ~= "number" or timeout ~= timeout) then
    error("bad argument #2 to '" .. name .. "' (number expected, got " .. (timeout ~= timeout and "nan" or type(timeout)) .. ")", 3)
  end
  fd = math.floor(fd)
  if scheduled() then
    local deadline = nil
    if timeout ~= nil and timeout >= 0 then deadline = now() + timeout end
    return yield(what, fd, deadline)
  end
  return check(c_wait_fd(fd, events, timeout))
end

--- Wait until the raw file descriptor `fd` is readable (or hung up), at most
--- `timeout` seconds (nil: no limit): true when it is, false on timeout.
--- Inside zmq.loop() only the calling coroutine pauses; elsewhere it blocks.
function M.wait_readable(fd, timeout) return wait_fd("wait_readable", fd, timeout, POLLIN, "fd_read") end

--- Like zmq.wait_readable, until `fd` is writable.
function M.wait_writable(fd, timeout) return wait_fd("wait_writable", fd, timeout, POLLOUT, "fd_write") end

---------------------------------------------------------------------------
-- ratchet compatibility: require "ratchet.zmqsocket" / require "ratchet"
---------------------------------------------------------------------------

--- ratchet's non-blocking helpers: rawsend(data, more) sends now or raises
--- EAGAIN; rawrecv() returns data, more now or raises EAGAIN.
local SNDMORE_DONTWAIT = bor(M.SNDMORE, DONTWAIT)
function S.rawsend(self, data, more)
  local ok = S.send(self, data, more and SNDMORE_DONTWAIT or DONTWAIT)
  return ok
end
function S.rawrecv(self)
  local data, more = recv(self, DONTWAIT)
  return data, more
end

local ratchet = { zmqsocket = { new = M.new, prepare_uri = M.prepare_uri } }
local R = {}
R.__index = R
--- ratchet.new(fn, ...): an object whose loop() runs fn and every attached coroutine.
function ratchet.new(fn, ...)
  if fn ~= nil then M.spawn(fn, ...) end
  return setmetatable({}, R)
end
function R:attach(fn, ...) return M.spawn(fn, ...) end
function R:loop() return M.loop() end
ratchet.thread = { attach = M.spawn, sleep = M.sleep }
M.ratchet = ratchet

return { socket = socket_mt, context = context_mt, poller = poller_mt, auth = auth_mt, term_all = term_all }
