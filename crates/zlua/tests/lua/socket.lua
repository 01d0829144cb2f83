-- Every socket method.
local zmq = require "zmq"
local T = require "testlib"

-- Types by name (default PAIR) and by constant.
assert(zmq.new():type() == "PAIR")
assert(zmq.new("PUB"):type() == "PUB")
assert(zmq.new(zmq.DEALER):type() == "DEALER")
assert(zmq.socket("REP"):type() == "REP")

-- bind/connect/unbind/disconnect return true.
local pull = zmq.new("PULL")
local push = zmq.new("PUSH")
pull:set_timeout(5); push:set_timeout(5)
local ep = T.inproc("socket")
assert(pull:bind(ep) == true)
assert(push:connect(ep) == true)
assert(select("#", pull:bind(T.inproc())) == 1)

-- send(data, more) / recv() -> data, more
assert(push:send("hello") == true)
local data, more = pull:recv()
assert(data == "hello" and more == false)

push:send("a", true)
push:send("b", zmq.SNDMORE)
push:send("c")
local d1, m1 = pull:recv(); local d2, m2 = pull:recv(); local d3, m3 = pull:recv()
assert(d1 == "a" and m1 == true and d2 == "b" and m2 == true and d3 == "c" and m3 == false)

-- binary-safe strings, integers, nil
local bin = "\0\1\2\255zero\0"
push:send(bin)
assert(pull:recv() == bin)
push:send(42)
local four = pull:recv()
assert(four == T.le_bytes(42, 4))
push:send(T.int(2 ^ 40))
local eight = pull:recv()
assert(eight == T.le_bytes(2 ^ 40, 8))
push:send(-7.0)
assert(pull:recv() == T.le_bytes(-7, 4))
push:send(nil)
assert(pull:recv() == "")
push:send()
assert(pull:recv() == "")

-- recv_all, recv_multipart, send_multipart
push:send("hello world", true)
push:send(" my name is ratchet")
assert(pull:recv_all() == "hello world my name is ratchet")
push:send("single")
assert(pull:recv_all() == "single")
assert(push:send_multipart({ "x", "", "z" }) == true)
local parts = pull:recv_multipart()
assert(#parts == 3 and parts[1] == "x" and parts[2] == "" and parts[3] == "z")
push:send_multipart({ "only" })
assert(#pull:recv_multipart() == 1)

-- recv_int / recv_int64 / recv_str
push:send(123456)
assert(pull:recv_int() == 123456)
push:send(-5)
assert(pull:recv_int() == -5)
push:send(T.int(2 ^ 50))
assert(pull:recv_int64() == 2 ^ 50)
-- Beyond 2^53: exact with an integer subtype (5.3+); without one (5.1, 5.2, LuaJIT) an
-- EINVAL error, never a rounded number.
push:send("\1\0\0\0\0\0\0\1")
if T.integers then
  assert(pull:recv_int64() == T.int(2 ^ 56) + 1)
else
  local e = T.raises("EINVAL", pull.recv_int64, pull)
  assert(string.find(e.message, "72057594037927937 is beyond 2^53", 1, true), e.message)
end
push:send("abc")
local err = T.raises("EINVAL", pull.recv_int, pull)
assert(string.find(err.message, "4 bytes") and string.find(err.message, "3 bytes"), err.message)
push:send("ok")       -- the wrong-sized message was consumed
assert(pull:recv() == "ok")
push:send("text\0")
assert(pull:recv_str() == "text")
push:send("a\0b\0")
assert(pull:recv_str() == "a\0b\0")
push:send("plain")
assert(pull:recv_str() == "plain")

-- DONTWAIT
T.raises("EAGAIN", pull.recv, pull, zmq.DONTWAIT)

-- options by name and by constant; numbers, booleans, strings
assert(push:setsockopt("LINGER", 250) == true)
assert(push:getsockopt("LINGER") == 250)
assert(push:getsockopt(zmq.LINGER) == 250)
push:setsockopt(zmq.SNDHWM, 77)
assert(push:getsockopt("SNDHWM") == 77)
assert(push:get("SNDHWM") == 77)
push:set("SNDHWM", 78)
assert(push:getsockopt("SNDHWM") == 78)
assert(push:getsockopt("TYPE") == zmq.PUSH)
assert(pull:getsockopt("RCVMORE") == false)
push:setsockopt("IMMEDIATE", true)
assert(push:getsockopt("IMMEDIATE") == true)
push:setsockopt("IMMEDIATE", 0)
assert(push:getsockopt("IMMEDIATE") == false)
push:setsockopt("MAXMSGSIZE", T.int(2 ^ 33))
assert(push:getsockopt("MAXMSGSIZE") == 2 ^ 33)
local dealer = zmq.new("DEALER")
dealer:setsockopt("ROUTING_ID", "id\0x")
assert(dealer:getsockopt("ROUTING_ID") == "id\0x")
assert(dealer:getsockopt("zmq_routing_id") == "id\0x")
local sub = zmq.new("SUB")
assert(sub:setsockopt("SUBSCRIBE", "topic") == true)
assert(sub:setsockopt("SUBSCRIBE", nil) == true)
assert(sub:setsockopt(zmq.UNSUBSCRIBE, "topic") == true)

-- last_endpoint / bind_to_random_port
local rep = zmq.new("REP")
local tcp = rep:bind_to_random_port("tcp://127.0.0.1")
assert(string.match(tcp, "^tcp://127%.0%.0%.1:%d+$"), tcp)
assert(rep:last_endpoint() == tcp)
assert(rep:getsockopt("LAST_ENDPOINT") == tcp)
assert(rep:unbind(tcp) == true)
local req = zmq.new("REQ")
assert(req:connect(tcp) == true)
assert(req:disconnect(tcp) == true)

-- get_fd, events, is_readable / is_writable / is_rcvmore
local fd = pull:get_fd()
assert(T.is_integer(fd) and fd >= 0)
assert(push:is_writable() == true)
assert(T.band(push:events(), zmq.POLLOUT) ~= 0)
assert(pull:is_readable() == false)
push:send("x", true)
push:send("y")
local deadline = zmq.now() + 5
while not pull:is_readable() do
  assert(zmq.now() < deadline, "never readable")
  zmq.sleep(0.001)
end
assert(T.band(pull:events(), zmq.POLLIN) ~= 0)
pull:recv()
assert(pull:is_rcvmore() == true)
pull:recv()
assert(pull:is_rcvmore() == false)

-- same, closed, tostring, close (idempotent)
assert(pull:same(pull) and not pull:same(push))
assert(string.find(tostring(pull), "^zmq socket PULL"), tostring(pull))
assert(pull:closed() == false)
assert(pull:close() == true)
assert(pull:close() == true)
assert(pull:closed() == true)
assert(string.find(tostring(pull), "(closed)", 1, true))
T.raises("ENOTSOCK", pull.recv, pull)
T.raises("ENOTSOCK", pull.bind, pull, T.inproc())

print("socket ok")
