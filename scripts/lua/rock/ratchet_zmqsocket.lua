-- `require "ratchet.zmqsocket"` for a LuaRocks install (see ratchet.lua).
return require("ratchet").zmqsocket
