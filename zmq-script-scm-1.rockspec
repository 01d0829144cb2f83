-- LuaRocks package of the `zmq` module (with the ratchet compatibility
-- modules) for Lua 5.1, 5.2, 5.3, 5.4 and LuaJIT: cargo builds it, for the
-- Lua that luarocks targets (docs/lua-api.md, "Lua versions").
--
--   luarocks make                                  # from a checkout
--   luarocks --lua-version 5.1 --tree DIR make     # another Lua, a private tree
rockspec_format = "3.0"
package = "zmq-script"
version = "scm-1"
source = {
  url = "git+https://example.invalid/zmq-script.git",
}
description = {
  summary = "ZeroMQ for Lua (libzmq 4.3.5 built in), with coroutine integration and a ratchet-compatible API",
  detailed = [[
The zmq module of zmq-script: sockets by type name, send/recv that pause only the calling
coroutine inside zmq.loop(), pollers, monitors, CURVE, and require "ratchet.zmqsocket".
Built by cargo (Rust) with its own libzmq and libsodium: no system libzmq needed.]],
  license = "MIT OR Apache-2.0",
}
dependencies = {
  "lua >= 5.1, < 5.5",
}
build = {
  type = "command",
  -- $(LUA) is the interpreter luarocks targets; the script asks it for its version.
  build_command = [[bash scripts/lua/rock/build.sh "$(LUA)"]],
  install = {
    lib = {
      zmq = "target/lua/rock/zmq.so",
    },
    lua = {
      ratchet = "scripts/lua/rock/ratchet.lua",
      ["ratchet.zmqsocket"] = "scripts/lua/rock/ratchet_zmqsocket.lua",
    },
  },
}
