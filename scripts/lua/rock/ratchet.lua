-- `require "ratchet"` for a LuaRocks install: the ratchet compatibility
-- table of the zmq module (also set as the global `ratchet`, as the original
-- library does). zmq-script-scm-1.rockspec installs this file.
local r = require("zmq").ratchet
if _G.ratchet == nil then _G.ratchet = r end
return r
