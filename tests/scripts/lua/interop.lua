-- The interop side written with our Lua module (see tests/peers/interop.py
-- for the protocol; the suite of messages is the same in every language).
--
--   zlua interop.lua ROLE [DATA CONTROL]
--
-- Binding roles (rep, pub, pull, router) bind tcp://127.0.0.1:* and print
-- "endpoints DATA CONTROL"; connecting roles (req, sub, push, dealer) get
-- those. Integers go through the module's integer paths (send(n): 4 bytes
-- if n fits int32, else 8; recv_int / recv_int64), strings are bytes.
local zmq = require "zmq"
local u = require "util"

local function big()
  local t = {}
  for i = 0, 2 ^ 20 - 1 do t[#t + 1] = string.char((i * 7 + 3) % 256) end
  return table.concat(t)
end

local function S(v) return { k = "str", v = v } end     -- text: recv_str
local function B(v) return { k = "bytes", v = v } end   -- binary: recv
local function I32(v) return { k = "i32", v = v } end
-- Beyond 2^53, where numbers have no integer subtype (5.1, 5.2, LuaJIT): its bytes,
-- sent and received as bytes (recv_int64 refuses such a value there).
local function I64(v, bytes)
  if bytes and not u.integers then return B(bytes) end
  return { k = "i64", v = v }
end
local int = u.int
local all = u.all_bytes()
local SUITE = {
  { S "hello" },
  { B(all) },
  { S "h\195\169llo w\195\182rld \226\156\147 \240\159\152\128" },  -- UTF-8 of "héllo wörld ✓ 😀"
  { B "" },
  { I32(0x01020304) },
  { I32(int(-2 ^ 31)) },
  { I32(int(2 ^ 31 - 1)) },
  { I32(-2) },
  { I64(int(0x0102030405060708), "\8\7\6\5\4\3\2\1") },
  { I64(math.mininteger, "\0\0\0\0\0\0\0\128") },
  { I64(math.maxinteger, "\255\255\255\255\255\255\255\127") },
  { I64(int(2 ^ 40)) },
  { S "part1", B "", B(all), I32(7), I64(int(-2 ^ 40)), S "last" },
  { B(big()) },
  { B(all:reverse()) },
}

local ROUTING_IDS = { "dealer-1", "\255d2\0x" }
local SUBSCRIPTIONS = { "A", "\0\255" }
local TOPICS_IN = { "A", "\0\255x" }
local TOPICS_OUT = { "B-skip", "C", "\0\254" }

local function part_bytes(p)
  if p.k == "str" or p.k == "bytes" then return p.v end
  if p.k == "i32" then return u.le_bytes(p.v, 4) end
  if string.pack then return string.pack("<i8", p.v) end  -- exact beyond 2^53 (5.3+)
  return u.le_bytes(p.v, 8)
end

-- Send `prefix` parts then the message's parts (integers as integers).
local function send_msg(s, msg, prefix)
  local parts = {}
  for _, v in ipairs(prefix or {}) do parts[#parts + 1] = B(v) end
  for _, p in ipairs(msg) do parts[#parts + 1] = p end
  for i, p in ipairs(parts) do
    u.eq(s:send(p.v, i < #parts), true, "send")
  end
end

-- Receive a message through the typed paths and check it is `prefix` + `msg`.
local function recv_check(s, msg, what, prefix)
  local parts = {}
  for _, v in ipairs(prefix or {}) do parts[#parts + 1] = B(v) end
  for _, p in ipairs(msg) do parts[#parts + 1] = p end
  for i, p in ipairs(parts) do
    local w = string.format("%s, part %d (%s)", what, i, p.k)
    if p.k == "str" then
      u.eq(s:recv_str(), p.v, w)
    elseif p.k == "bytes" then
      local data, more = s:recv()
      u.eq(data, p.v, w)
      u.eq(more, i < #parts, w .. ": more")
    elseif p.k == "i32" then
      u.eq(s:recv_int(), p.v, w)
    else
      u.eq(s:recv_int64(), p.v, w)
    end
    u.eq(s:is_rcvmore(), i < #parts, w .. ": is_rcvmore()")
  end
end

local function check_parts(got, msg, what, prefix)
  local want = {}
  for _, v in ipairs(prefix or {}) do want[#want + 1] = v end
  for _, p in ipairs(msg) do want[#want + 1] = part_bytes(p) end
  u.eq(#got, #want, what .. ": number of parts")
  for i = 1, #want do u.eq(got[i], want[i], what .. ", part " .. i) end
end

local role, data_ep, control_ep = ...
local ctx = zmq.context()
local data, control
if role == "rep" or role == "pub" or role == "pull" or role == "router" then
  data = ctx:socket(role:upper())
  local d = data:bind_to_random_port("tcp://127.0.0.1")
  control = ctx:socket("PAIR")
  local c = control:bind_to_random_port("tcp://127.0.0.1")
  u.eq(data:getsockopt("LAST_ENDPOINT"), d, "LAST_ENDPOINT")
  u.say("endpoints", d, c)
else
  if role ~= "dealer" then
    data = ctx:socket(role:upper())
    if role == "sub" then
      for _, t in ipairs(SUBSCRIPTIONS) do data:setsockopt("SUBSCRIBE", t) end
    end
    data:connect(data_ep)
  end
  control = ctx:socket("PAIR")
  control:connect(control_ep)
end

if role == "rep" then
  for i, m in ipairs(SUITE) do
    recv_check(data, m, "request " .. i)
    send_msg(data, m)
  end
elseif role == "req" then
  for i, m in ipairs(SUITE) do
    send_msg(data, m)
    recv_check(data, m, "reply " .. i)
  end
elseif role == "push" then
  for _, m in ipairs(SUITE) do send_msg(data, m) end
  data:send("end")
  u.eq(control:recv(), "ack", "ack")
elseif role == "pull" then
  for i, m in ipairs(SUITE) do recv_check(data, m, "message " .. i) end
  local e, more = data:recv()
  u.eq(e, "end", "end")
  u.eq(more, false, "end: more")
  control:send("ack")
elseif role == "pub" then
  local p = zmq.poller()
  p:add(control, zmq.POLLIN)
  while not p:wait(10) do data:send("A-warmup") end
  u.eq(control:recv(), "ready", "ready")
  for _, m in ipairs(SUITE) do
    for _, t in ipairs(TOPICS_OUT) do send_msg(data, m, { t }) end
    for _, t in ipairs(TOPICS_IN) do send_msg(data, m, { t }) end
  end
  data:send("A-end")
  u.eq(control:recv(), "ack", "ack")
elseif role == "sub" then
  u.eq(data:recv(), "A-warmup", "warm-up")
  control:send("ready")
  local first = data:recv_multipart()
  while #first == 1 and first[1] == "A-warmup" do first = data:recv_multipart() end
  check_parts(first, SUITE[1], "message 1", { TOPICS_IN[1] })
  for i, m in ipairs(SUITE) do
    for j, t in ipairs(TOPICS_IN) do
      if i > 1 or j > 1 then recv_check(data, m, "message " .. i .. ", topic " .. u.show(t), { t }) end
    end
  end
  u.eq(data:recv_all(), "A-end", "end")
  control:send("ack")
elseif role == "router" then
  local next_index = {}
  for _, r in ipairs(ROUTING_IDS) do next_index[r] = 1 end
  local ended = 0
  while ended < #ROUTING_IDS do
    local rid = data:recv()
    local i = next_index[rid]
    if not i then error("unknown routing id " .. u.show(rid)) end
    if i > #SUITE then
      u.eq(data:recv(), "end", "end from " .. u.show(rid))
      ended = ended + 1
    else
      recv_check(data, SUITE[i], "message " .. i .. " from " .. u.show(rid))
      next_index[rid] = i + 1
      send_msg(data, SUITE[i], { rid, "to:" .. rid })
    end
  end
  for _, rid in ipairs(ROUTING_IDS) do data:send_multipart { rid, "bye" } end
  u.eq(control:recv(), "ack", "ack")
elseif role == "dealer" then
  local dealers = {}
  for _, rid in ipairs(ROUTING_IDS) do
    local d = ctx:socket("DEALER")
    d:setsockopt("ROUTING_ID", rid)
    u.eq(d:getsockopt("ROUTING_ID"), rid, "ROUTING_ID")
    d:connect(data_ep)
    dealers[#dealers + 1] = { rid, d }
  end
  for i, m in ipairs(SUITE) do
    for _, rd in ipairs(dealers) do send_msg(rd[2], m) end
    for _, rd in ipairs(dealers) do recv_check(rd[2], m, "reply " .. i .. " to " .. u.show(rd[1]), { "to:" .. rd[1] }) end
  end
  for _, rd in ipairs(dealers) do rd[2]:send("end") end
  for _, rd in ipairs(dealers) do u.eq(rd[2]:recv(), "bye", "bye") end
  control:send("ack")
else
  error("unknown role " .. tostring(role))
end
ctx:term()
u.say("ok", role)
