-- os.exit still delivers queued messages: the contexts are terminated first.
--   exit.lua endpoint
local zmq = require "zmq"
local push = zmq.new("PUSH")
push:connect(arg[1])
for i = 1, 10 do push:send("msg " .. i) end
local ctx = zmq.context()
local other = ctx:socket("PUSH")
other:connect(arg[1])
other:send("from an explicit context")
os.exit(3)
