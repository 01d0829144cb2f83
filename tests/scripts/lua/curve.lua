-- CURVE with the Lua module (tests/tests/curve.rs); same roles as curve.js:
--   curve.lua server | client EP KEY right|wrong|plain WAIT_MS | keys SECRET Z85
local zmq = require "zmq"
local u = require "util"

local role, a, b, mode, wait = ...
if role == "server" then
  local pub, sec = zmq.curve_keypair()
  u.eq(zmq.curve_public(sec), pub, "curve_public(secret)")
  local s = zmq.new("REP")
  s:setsockopt("CURVE_SERVER", true)
  s:setsockopt("CURVE_SECRETKEY", sec)
  u.eq(s:getsockopt("MECHANISM"), zmq.CURVE, "MECHANISM")
  local ep = s:bind_to_random_port("tcp://127.0.0.1")
  u.say("endpoint " .. ep .. " " .. pub)
  while true do s:send("welcome " .. s:recv()) end
elseif role == "client" then
  local s = zmq.new("REQ")
  s:setsockopt("LINGER", 0)
  if mode ~= "plain" then
    local pub, sec = zmq.curve_keypair()
    local server_key = mode == "right" and b or (zmq.curve_keypair())
    s:setsockopt("CURVE_SERVERKEY", server_key)
    s:setsockopt("CURVE_PUBLICKEY", pub)
    s:setsockopt("CURVE_SECRETKEY", sec)
    u.eq(s:getsockopt("CURVE_SERVERKEY"), server_key, "CURVE_SERVERKEY read back")
  end
  s:setsockopt("RCVTIMEO", math.tointeger(tonumber(wait)))
  s:connect(a)
  s:send("hello from lua")
  local ok, reply = pcall(s.recv, s)
  if ok then
    u.say("accepted " .. reply)
  else
    u.eq(reply.code, "EAGAIN", "recv error")
    u.say("rejected")
  end
  s:close()
elseif role == "keys" then
  u.say("public " .. zmq.curve_public(a))
  u.say("decoded " .. (zmq.z85_decode(b):gsub(".", function(c) return string.format("%02x", c:byte()) end)))
  local pub, sec = zmq.curve_keypair()
  u.say("keypair " .. pub .. " " .. sec)
else
  error("unknown role " .. tostring(role))
end
