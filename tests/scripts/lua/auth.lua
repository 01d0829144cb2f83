-- A ZAP-authenticated REP server with the Lua module (tests/tests/auth.rs); same modes as auth.js:
--   auth.lua curve KEY | plain | null-allow | null-deny
local zmq = require "zmq"
local u = require "util"

local mode, arg = ...
local pub, sec = zmq.curve_keypair()
local configs = {
  curve = { curve = { arg } },
  plain = { plain = { admin = "secret" } },
  ["null-allow"] = { allow = { "127.0.0.1" } },
  ["null-deny"] = { deny = { "127.0.0.1" } },
}
local auth = zmq.auth(assert(configs[mode], "unknown mode"))
local s = zmq.new("REP")
if mode == "curve" then
  s:setsockopt("CURVE_SERVER", true)
  s:setsockopt("CURVE_SECRETKEY", sec)
elseif mode == "plain" then
  s:setsockopt("PLAIN_SERVER", true)
else
  s:setsockopt("ZAP_DOMAIN", "global")
end
local ep = s:bind_to_random_port("tcp://127.0.0.1")
u.say("endpoint " .. ep .. " " .. pub)
while true do s:send("welcome " .. s:recv()) end
