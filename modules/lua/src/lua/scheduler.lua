-- The coroutine scheduler of the Lua half of the `zmq` module (zmq-lua):
-- zmq.spawn, zmq.loop, zmq.sleep, zmq.pcall, zmq.wait_readable and
-- zmq.wait_writable. Socket calls (lua/zmq.lua, and the C half in src/raw.rs)
-- ask it, through `state[1]` and `scheduled()`, whether to pause the calling
-- coroutine instead of blocking; a paused coroutine yields what it waits for
-- ("read"/"write" a socket, "fd_read"/"fd_write" a descriptor, "sleep") and
-- `run` resumes it when one reactor wait (C.poll) says so.
-- Receives `C`, `M` and the helpers of lua/base.lua; returns its state.
local C, M, B = ...

local coroutine, debug, error, getmetatable, ipairs, pcall, select, setmetatable, table, tostring, type, math =
      coroutine, debug, error, getmetatable, ipairs, pcall, select, setmetatable, table, tostring, type, math
local running, yield = coroutine.running, coroutine.yield
local unpack, bor, band, Error, raise, check = B.unpack, B.bor, B.band, B.Error, B.raise, B.check
local POLLIN, POLLOUT, POLLERR = M.POLLIN, M.POLLOUT, M.POLLERR

---------------------------------------------------------------------------
-- Scheduler state
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
-- The loop
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

return { state = sched, scheduled = scheduled, deadline_for = deadline_for, now = now }
