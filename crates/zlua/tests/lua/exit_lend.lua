-- Lent (zero-copy) messages still queued when the script ends reach the peer
-- intact: the state terminates its contexts before it frees any string.
--   exit_lend.lua endpoint how    (how: "end" or "exit")
local zmq = require "zmq"
local push = zmq.new("PUSH")
push:connect(arg[1])
for i = 1, 20 do
  push:send(string.format("%04d", i) .. string.rep(string.char(96 + i), 64 * 1024 - 4))
end
collectgarbage(); collectgarbage()
if arg[2] == "exit" then os.exit(3, true) end
