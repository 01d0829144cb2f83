-- Run embedded by tests/signals.rs, whose host thread keeps sending this
-- thread signals it handles (no SA_RESTART) while the calls below block.
-- Each call must complete normally.   eintr.lua FROM_HOST TO_HOST
local zmq = require "zmq"
local u = require "util"

local from_host, to_host = ...
local pull = zmq.new("PULL")
pull:connect(from_host)
u.eq(pull:recv_str(), "recv", "blocking recv")
local p = zmq.poller()
p:add(pull, zmq.POLLIN)
local ev = p:wait(-1)
u.check(ev and ev.socket == pull, "blocking poll")
u.eq(pull:recv_str(), "poll", "message after poll")
local push = zmq.new("PUSH")
push:setsockopt("SNDHWM", 1)
push:connect(to_host)
-- Big messages, so that the sends block once the socket buffers are full.
local pad = string.rep("x", 256 * 1024)
for i = 0, 99 do u.eq(push:send("send " .. i .. " " .. pad), true, "blocking send") end
push:close()
pull:close()
