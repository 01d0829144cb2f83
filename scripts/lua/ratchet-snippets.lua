-- The snippets of the ratchet.zmqsocket manual, run unchanged inside
-- coroutines of a ratchet object.
--   ratchet-snippets.lua [endpoint]
-- Default endpoint: inproc://ratchet-snippets (both ends in this process).
require "ratchet.zmqsocket"

local endpoint = arg[1] or "inproc://ratchet-snippets"

local r = ratchet.new(function()
  -- URI parsing
  local rec = ratchet.zmqsocket.prepare_uri("zmq:pull:tcp://*:1337")
  assert(rec.type == "PULL" and rec.endpoint == "tcp://*:1337")

  local zsock = ratchet.zmqsocket.new(rec.type)
  zsock:bind(endpoint)

  -- Sending and receiving: recv pauses this thread until data is available.
  local data = zsock:recv()
  assert(data == "hello world")
  print("recv: " .. data)

  -- Multi-part messages
  repeat
    local datapart, more = zsock:recv()
    print("part: " .. datapart .. (more and " (more)" or ""))
  until not more

  local data = zsock:recv_all()
  assert(data == "hello world my name is ratchet")
  print("recv_all: " .. data)

  -- Timeouts: recv may raise an error after the timeout
  zsock:set_timeout(0.1)
  assert(zsock:get_timeout() == 0.1)
  local ok, err = pcall(zsock.recv, zsock)
  assert(not ok and err.code == "ETIMEDOUT")
  print("timeout: " .. tostring(err))
end)

r:attach(function()
  local zsock = ratchet.zmqsocket.new("PUSH")
  zsock:connect(endpoint)
  zsock:send("hello world")

  zsock:send("hello world", true)
  zsock:send(" my name is ratchet")

  zsock:send("hello world", true)
  zsock:send(" my name is ratchet")
end)

r:loop()
print("ratchet snippets ok")
