-- Lua side of the reconnect tests (tests/tests/reconnect.rs).
--   zlua reconnect.lua client ENDPOINT       DEALER: pings until it has had 20
--                                            replies from server generation 2
--   zlua reconnect.lua sub ENDPOINT          SUB: until 20 ticks from generation 2
--   zlua reconnect.lua server GEN [ENDPOINT] ROUTER: "ping N" -> "pong N GEN", until killed
local zmq = require "zmq"
local u = require "util"

local role, a, b = ...
local deadline = zmq.now() + 60
local seen = {}
local function generation(gen)
  if gen and not seen[gen] then
    seen[gen] = true
    u.say("gen", gen)
  end
  if zmq.now() > deadline then error("no progress") end
end

if role == "client" then
  local s = zmq.new("DEALER")
  s:set_timeout(0.1)
  s:connect(a)
  local seq, after = 0, 0
  while after < 20 do
    generation(nil)
    s:send("ping " .. seq)
    local reply
    while true do
      local ok, r = pcall(s.recv, s)
      if not ok then
        u.eq(r.code, "ETIMEDOUT", "recv error")  -- lost with the old connection: ask again
        reply = nil
        break
      end
      reply = r
      if tonumber(reply:match("^pong (%d+)")) == seq then break end  -- (older replies are stale)
    end
    if reply then
      local gen = reply:match("(%d+)$")
      generation(gen)
      if gen == "2" then after = after + 1 end
      seq = seq + 1
    end
  end
  u.say("done", seq)
elseif role == "sub" then
  local s = zmq.new("SUB")
  s:setsockopt("SUBSCRIBE", "tick")
  s:set_timeout(0.1)
  s:connect(a)
  local after = 0
  while after < 20 do
    local ok, m = pcall(s.recv, s)
    if ok then
      local gen = m:match("^tick (%d+)")
      generation(gen)
      if gen == "2" then after = after + 1 end
    else
      u.eq(m.code, "ETIMEDOUT", "recv error")
      generation(nil)
    end
  end
  u.say("done")
elseif role == "server" then
  local s = zmq.new("ROUTER")
  s:bind(b or "tcp://127.0.0.1:*")
  u.say("endpoint", s:last_endpoint())
  while true do
    local rid, msg = table.unpack(s:recv_multipart())
    s:send_multipart { rid, "pong " .. msg:match("^ping (%d+)") .. " " .. a }
  end
else
  error("unknown role " .. tostring(role))
end
