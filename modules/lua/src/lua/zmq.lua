-- The Lua half of the `zmq` module (embedded in zmq-lua, run once per Lua state).
--
-- Receives `C`, the Rust primitives, `M`, the module table already holding
-- every constant, `B`, the helpers of lua/base.lua (version differences,
-- error values), and `Sch`, the state of lua/scheduler.lua (the coroutine
-- scheduler, which adds zmq.spawn/loop/sleep/pcall/wait_* itself). Adds the
-- socket, context, poller and module functions scripts call and raises
-- errors (the mlua callbacks only return them, see src/error.rs; the C hot
-- path of send/recv in src/raw.rs raises through `raise_from_c` below).
-- lua/ratchet.lua runs after it.
-- Returns the metatables of the four userdata types.
-- Like every chunk here it must parse and run on 5.1, 5.2, 5.3, 5.4 and LuaJIT.
local C, M, B, Sch = ...

local coroutine, debug, error, getmetatable, ipairs, pairs, pcall, select, setmetatable,
      table, tostring, type, math =
      coroutine, debug, error, getmetatable, ipairs, pairs, pcall, select, setmetatable,
      table, tostring, type, math
local running, yield = coroutine.running, coroutine.yield

local unpack, is_integer, bor, Error, new_error, raise, check, wrap, timed_out =
      B.unpack, B.is_integer, B.bor, B.Error, B.new_error, B.raise, B.check, B.wrap, B.timed_out
local sched, scheduled, deadline_for, now = Sch.state, Sch.scheduled, Sch.deadline_for, Sch.now

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
  -- Blocks unless the caller is the coroutine zmq.loop() resumed, which pauses instead.
  local ok, code, errno, message = c_send(self, data, more, not scheduled())
  if ok then return true end
  if ok == nil then raise(3, code, errno, message) end
  local deadline = deadline_for(self)
  repeat
    if not yield("write", self, deadline) then error(timed_out(), 3) end
    ok, code, errno, message = c_send(self, data, more, false)
    if ok == nil then raise(3, code, errno, message) end
  until ok
  return true
end

local function full_recv(self, flags)
  local data, more, errno, message = c_recv(self, flags, not scheduled())
  if data then return data, more end
  if data == nil then raise(3, more, errno, message) end
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
  local n, more, errno, message = c_recv_into(self, buf, flags, not scheduled())
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

return { socket = socket_mt, context = context_mt, poller = poller_mt, auth = auth_mt, term_all = term_all }
