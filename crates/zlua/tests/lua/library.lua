-- Module-level functions and constants.
local zmq = require "zmq"
local T = require "testlib"

assert(require "zmq" == zmq)
local major, minor, patch = zmq.version()
assert(major == 4 and minor >= 3 and T.is_integer(patch))
assert(zmq.has("ipc") == true)
assert(zmq.has("curve") == true)
assert(zmq.has("nonsense") == false)
assert(zmq.strerror(zmq.EAGAIN) == "Resource temporarily unavailable")

-- Constants without the ZMQ_ prefix.
assert(zmq.PAIR == 0 and zmq.PUB == 1 and zmq.SUB == 2 and zmq.REQ == 3 and zmq.REP == 4)
assert(zmq.DEALER == 5 and zmq.ROUTER == 6 and zmq.PULL == 7 and zmq.PUSH == 8)
assert(zmq.XPUB == 9 and zmq.XSUB == 10 and zmq.STREAM == 11)
assert(zmq.SNDMORE == 2 and zmq.DONTWAIT == 1 and zmq.POLLIN == 1 and zmq.POLLOUT == 2)
assert(zmq.SUBSCRIBE == 6 and zmq.LINGER == 17 and zmq.IO_THREADS == 1)
assert(zmq.EAGAIN == 11 and zmq.ETERM == 156384765 and zmq.EFSM == 156384763)

-- prepare_uri
local rec = zmq.prepare_uri("zmq:pull:tcp://*:1337")
assert(rec.type == "PULL" and rec.endpoint == "tcp://*:1337")
assert(zmq.prepare_uri("zmq:Dealer:ipc:///tmp/x").type == "DEALER")
assert(zmq.new(rec.type):type() == "PULL")
for _, bad in ipairs { "", "zmq:", "zmq:pull", "zmq:pull:", "http:pull:tcp://x:1", "zmq:nope:tcp://x:1",
                       "zmq:pull:tcp:x", "zmq::tcp://x:1" } do
  local e = T.raises("EINVAL", zmq.prepare_uri, bad)
  assert(string.find(e.message, "malformed"), e.message)
end

-- CURVE and Z85
local public, secret = zmq.curve_keypair()
assert(#public == 40 and #secret == 40)
assert(zmq.curve_public(secret) == public)
local raw = zmq.z85_decode(public)
assert(#raw == 32 and zmq.z85_encode(raw) == public)
T.raises("EINVAL", zmq.z85_encode, "abc")
T.raises("EINVAL", zmq.z85_decode, "abc")

-- A CURVE-secured pair.
local server_pub, server_sec = zmq.curve_keypair()
local client_pub, client_sec = zmq.curve_keypair()
local server = zmq.new("REP")
server:setsockopt("CURVE_SERVER", true)
server:setsockopt("CURVE_SECRETKEY", server_sec)
local ep = server:bind_to_random_port("tcp://127.0.0.1")
local client = zmq.new("REQ")
client:setsockopt("CURVE_SERVERKEY", server_pub)
client:setsockopt("CURVE_PUBLICKEY", client_pub)
client:setsockopt("CURVE_SECRETKEY", client_sec)
client:connect(ep)
server:set_timeout(5); client:set_timeout(5)
client:send("secret hello")
assert(server:recv() == "secret hello")
server:send("secret world")
assert(client:recv() == "secret world")
assert(client:getsockopt("MECHANISM") == zmq.CURVE)

print("library ok")
