-- A program written as ratchet's own programs are: the module globals, a
-- kernel from ratchet.new(fn), threads added with ratchet.thread.attach,
-- URIs without the zmq: scheme (ratchet's dispatcher strips it before
-- prepare_uri), and the raw non-blocking helpers.
require "ratchet"
require "ratchet.zmqsocket"

local served, answers = 0, {}

local function server(rec)
  local socket = ratchet.zmqsocket.new(rec.type)
  socket:bind(rec.endpoint)
  local endpoint = socket:last_endpoint()
  for i = 1, 3 do
    ratchet.thread.attach(function(n)
      local crec = ratchet.zmqsocket.prepare_uri("req:" .. endpoint)
      assert(crec.type == "REQ" and crec.endpoint == endpoint)
      local client = ratchet.zmqsocket.new(crec.type)
      client:connect(crec.endpoint)
      client:send("question " .. n)
      answers[n] = client:recv()
      client:close()
    end, i)
  end
  for _ = 1, 3 do
    local question = socket:recv()
    served = served + 1
    socket:send("answer to " .. question)
  end
  socket:close()
end

local kernel = ratchet.new(server, ratchet.zmqsocket.prepare_uri("rep:tcp://127.0.0.1:*"))
kernel:loop()
assert(served == 3)
for i = 1, 3 do assert(answers[i] == "answer to question " .. i, tostring(answers[i])) end

-- Both URI forms; an unknown type is still EINVAL.
local a = ratchet.zmqsocket.prepare_uri("zmq:pull:tcp://*:1337")
local b = ratchet.zmqsocket.prepare_uri("pull:tcp://*:1337")
assert(a.type == "PULL" and b.type == "PULL" and a.endpoint == b.endpoint)
local ok, err = pcall(ratchet.zmqsocket.prepare_uri, "bogus:tcp://*:1")
assert(not ok and err.code == "EINVAL", tostring(err))

-- rawsend/rawrecv never wait: EAGAIN is raised.
local pull = ratchet.zmqsocket.new("PULL")
pull:bind("inproc://ratchet-raw")
local push = ratchet.zmqsocket.new("PUSH")
ok, err = pcall(push.rawsend, push, "x")
assert(not ok and err.code == "EAGAIN", tostring(err))   -- no peer yet
ok, err = pcall(pull.rawrecv, pull)
assert(not ok and err.code == "EAGAIN", tostring(err))
push:connect("inproc://ratchet-raw")
assert(push:is_writable())
assert(push:rawsend("head", true) == true)
assert(push:rawsend("tail") == true)
local data, more = pull:rawrecv()
assert(data == "head" and more == true and pull:is_rcvmore())
data, more = pull:rawrecv()
assert(data == "tail" and more == false and not pull:is_readable())

print("ratchet_program ok")
