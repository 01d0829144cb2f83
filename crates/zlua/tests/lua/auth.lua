-- ctx:auth(config) and zmq.auth(config): ZAP authentication over tcp with real handshakes
-- (CURVE key lists and "*", PLAIN passwords, address rules under NULL with a ZAP domain and
-- under CURVE), configuration errors, replacement, close(), <close>, GC, and term() with an
-- authenticator running. A refusal is seen as EVENT_HANDSHAKE_FAILED_AUTH (400) on the
-- server's monitor, after which the server has nothing to receive (a short RCVTIMEO, so a
-- bug fails, never hangs).
local zmq = require "zmq"
local T = require "testlib"

local ctx = zmq.context()
local clients = {}

local function server(options, context)
  local s = (context or ctx):socket("PULL")
  s:setsockopt("LINGER", 0)
  s:setsockopt("RCVTIMEO", 10000)
  for _, o in ipairs(options or {}) do s:setsockopt(o[1], o[2]) end
  local mon = s:monitor(zmq.EVENT_HANDSHAKE_SUCCEEDED + zmq.EVENT_HANDSHAKE_FAILED_AUTH)
  mon:setsockopt("RCVTIMEO", 10000)
  local ep = s:bind_to_random_port("tcp://127.0.0.1")
  return { s = s, mon = mon, ep = ep }
end

local function client(ep, options, context)
  local c = (context or ctx):socket("PUSH")
  c:setsockopt("LINGER", 0)
  for _, o in ipairs(options or {}) do c:setsockopt(o[1], o[2]) end
  c:connect(ep)
  -- DONTWAIT: on a loaded machine a refused handshake can end the connection, and with it
  -- the PUSH's only pipe, before this send; a blocking send would then wait forever. An
  -- admitted client's hello is queued at once (admitted() fails if it never arrives).
  pcall(c.send, c, "hello", zmq.DONTWAIT)
  clients[#clients + 1] = c
  return c
end

-- The client that just connected was refused: the refusal event, then nothing to receive.
local function refused(srv, what)
  local ev = srv.mon:recv_event()
  assert(ev.name == "EVENT_HANDSHAKE_FAILED_AUTH", what .. ": " .. ev.name)
  assert(ev.value == 400, what .. ": ZAP status " .. ev.value)
  srv.s:setsockopt("RCVTIMEO", 200)
  local ok, err = pcall(srv.s.recv, srv.s)
  assert(not ok and err.code == "EAGAIN", what .. ": a refused client got a message through")
  srv.s:setsockopt("RCVTIMEO", 10000)
end

-- The client that just connected got in (refusals of earlier clients, which retry, are skipped).
local function admitted(srv, what)
  for _ = 1, 100 do
    local ev = srv.mon:recv_event()
    if ev.name == "EVENT_HANDSHAKE_SUCCEEDED" then
      assert(srv.s:recv() == "hello", what)
      return
    end
  end
  error(what .. ": refused")
end

local server_public, server_secret = zmq.curve_keypair()
local curve_server = { { "CURVE_SERVER", true }, { "CURVE_SECRETKEY", server_secret } }
local function curve_client(public, secret)
  if not public then public, secret = zmq.curve_keypair() end
  return { { "CURVE_SERVERKEY", server_public }, { "CURVE_PUBLICKEY", public }, { "CURVE_SECRETKEY", secret } }
end

-- Configuration errors: EINVAL, and nothing changes.
local listed_public, listed_secret = zmq.curve_keypair()
for _, bad in ipairs {
  5, "curve", true,
  { allwo = { "127.0.0.1" } },
  { allow = { "localhost" } },
  { deny = "300.0.0.1" },
  { allow = { "127.0.0.1" }, deny = { "10.0.0.1" } },
  { curve = { "short" } },
  { curve = 5 },
  { curve = { { listed_public } } },
  { curve = { listed_public, 5 } },
  { plain = { "admin" } },
  { plain = { admin = 5 } },
  { plain = { admin = "secret", "stray" } },
  { domain = { "global" } },
} do
  T.raises("EINVAL", ctx.auth, ctx, bad)
end
local err = T.raises("EINVAL", ctx.auth, ctx, { curve = { "short" } })
assert(err.message:find("curve"), err.message)
err = T.raises("EINVAL", zmq.auth, { allow = "127.0.0.1", deny = "::1" })
assert(err.message:find("exclude"), err.message)
T.raises_msg("zmq context expected", ctx.auth, 5, {})

-- CURVE: a listed key gets in, an unlisted one does not.
local auth = ctx:auth { curve = { listed_public } }
assert(auth:closed() == false)
assert(tostring(auth):find("^zmq authenticator: "), tostring(auth))
local srv = server(curve_server)
local intruder = client(srv.ep, curve_client())
refused(srv, "unlisted CURVE key")
intruder:close()
client(srv.ep, curve_client(listed_public, listed_secret))
admitted(srv, "listed CURVE key")

-- "*": any key. A second auth() replaces the configuration; the first object lets go.
local any = ctx:auth { curve = "*" }
assert(auth:closed() == true)
assert(auth:close() == true) -- replaced: does nothing
assert(any:closed() == false)
client(srv.ep, curve_client())
admitted(srv, "any CURVE key with \"*\"")

-- Address rules under CURVE.
local a1 = ctx:auth { curve = "*", deny = { "127.0.0.1" } }
client(srv.ep, curve_client())
refused(srv, "denied address under CURVE")
local a2 = ctx:auth { curve = "*", allow = { "10.1.2.3" } }
client(srv.ep, curve_client())
refused(srv, "address not allowed under CURVE")
local a3 = ctx:auth { curve = { listed_public }, allow = { "127.0.0.1", "::1" } }
client(srv.ep, curve_client(listed_public, listed_secret))
admitted(srv, "allowed address and listed key")

-- PLAIN: right and wrong password.
local a4 = ctx:auth { plain = { admin = "secret", guest = "guest" } }
srv = server { { "PLAIN_SERVER", true } }
local wrong = client(srv.ep, { { "PLAIN_USERNAME", "admin" }, { "PLAIN_PASSWORD", "guess" } })
refused(srv, "wrong PLAIN password")
wrong:close()
client(srv.ep, { { "PLAIN_USERNAME", "admin" }, { "PLAIN_PASSWORD", "secret" } })
admitted(srv, "right PLAIN password")

-- NULL: libzmq asks only for servers with a ZAP_DOMAIN.
local a5 = ctx:auth { deny = { "127.0.0.1" }, domain = "global" }
srv = server { { "ZAP_DOMAIN", "global" } }
client(srv.ep)
refused(srv, "denied address under NULL")
local a6 = ctx:auth { allow = { "127.0.0.1" } }
srv = server { { "ZAP_DOMAIN", "global" } }
client(srv.ep)
admitted(srv, "allowed address under NULL")

-- close(): stopped, idempotent; the ZAP endpoint is free again.
assert(a6:close() == true and a6:close() == true and a6:closed())
assert(tostring(a6):find("(closed)", 1, true))
for _, a in ipairs { a1, a2, a3, a4, a5, any } do assert(a:closed()) end
local own = ctx:socket("REP")
own:bind("inproc://zeromq.zap.01")
T.raises("EADDRINUSE", ctx.auth, ctx, {})
own:unbind("inproc://zeromq.zap.01") -- close() alone frees the name later (libzmq's reaper)
own:close()
local push = ctx:socket("PUSH")
T.raises("EINVAL", push.bind, push, "inproc://zeromq.zap.01")

-- <close> (Lua 5.4; the syntax is compiled only there) and GC close it.
if _VERSION == "Lua 5.4" then
  auth = assert(load([[
    local ctx = ...
    local kept
    do
      local scoped <close> = ctx:auth {}
      assert(not scoped:closed())
      kept = scoped
    end
    return kept
  ]]))(ctx)
  assert(auth:closed(), "<close> closed the authenticator")
end
do
  local collected = ctx:auth { curve = "*" }
  auth = nil
  local probe = setmetatable({}, { __mode = "v" })
  probe[1] = collected
  collected = nil
  collectgarbage()
  collectgarbage()
  assert(probe[1] == nil)
end
own = ctx:socket("REP")
own:bind("inproc://zeromq.zap.01") -- free again: the collected authenticator closed
own:unbind("inproc://zeromq.zap.01")
own:close()

-- The default context: zmq.auth().
local default_auth = zmq.auth { curve = { listed_public } }
local dsrv = server(curve_server, { socket = function(_, kind) return zmq.new(kind) end })
client(dsrv.ep, curve_client(), { socket = function(_, kind) return zmq.new(kind) end })
refused(dsrv, "zmq.auth: unlisted key")
assert(default_auth:close() == true and default_auth:closed())

-- term() with an authenticator running and a client just admitted: no hang.
auth = ctx:auth { curve = { listed_public } }
srv = server(curve_server)
client(srv.ep, curve_client(listed_public, listed_secret))
admitted(srv, "before term")
ctx:term()
assert(auth:closed())
T.raises("ETERM", ctx.auth, ctx, {})
zmq.term()
print("auth ok")
