-- zmq.context(): socket, set, get, shutdown, term.
local zmq = require "zmq"
local T = require "testlib"

local ctx = zmq.context()
assert(string.find(tostring(ctx), "^zmq context"))
assert(ctx:get("IO_THREADS") == 1)
assert(ctx:set("MAX_SOCKETS", 512) == true)
assert(ctx:get("MAX_SOCKETS") == 512)
assert(ctx:get(zmq.MAX_SOCKETS) == 512)
ctx:set(zmq.IPV6, true)
assert(ctx:get("IPV6") == 1)
T.raises("EINVAL", ctx.get, ctx, "NO_SUCH_OPTION")
T.raises("EINVAL", ctx.set, ctx, "IO_THREADS", 100000)
T.raises_msg("bad argument #2 to 'set'", ctx.set, ctx, "IO_THREADS", "2")
assert(zmq.context(2):get("IO_THREADS") == 2)

-- Sockets of one context talk over inproc; another context cannot see them.
local a = ctx:socket("PAIR")
local b = ctx:socket(zmq.PAIR)
a:bind("inproc://ctx-pair")
b:connect("inproc://ctx-pair")
a:set_timeout(5)
b:send("over inproc")
assert(a:recv() == "over inproc")
assert(ctx:open_sockets() == 2)
local other = zmq.context():socket("PAIR")
other:connect("inproc://ctx-pair")     -- never reaches `a`
T.raises("EAGAIN", a.recv, a, zmq.DONTWAIT)

-- shutdown: blocking calls end with ETERM, sockets stay open until closed.
local c2 = zmq.context()
local s = c2:socket("PULL")
s:bind("inproc://c2")
assert(c2:shutdown() == true)
T.raises("ETERM", s.recv, s)
assert(s:close())
assert(c2:term() == true)
assert(c2:term() == true)        -- idempotent
T.raises("ETERM", c2.socket, c2, "PUB")

-- term closes the sockets still open.
assert(ctx:term() == true)
T.raises("ETERM", a.send, a, "x")
assert(ctx:open_sockets() == 0)

-- The hidden default context: zmq.term() ends it; zmq.new starts a new one.
local d = zmq.new("PUB")
assert(zmq.term() == true)
T.raises("ETERM", d.send, d, "x")
assert(zmq.new("PUB"):send("x"))

T.raises_msg("bad self to 'socket'", ctx.socket, "PUB")
print("context ok")
