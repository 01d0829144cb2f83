-- ratchet compatibility of the `zmq` module (zmq-lua): `require "ratchet"`
-- and `require "ratchet.zmqsocket"` (M.ratchet), and the socket methods
-- rawsend/rawrecv ratchet scripts call. Receives `M`, the socket method
-- table and the helpers of lua/base.lua.
local M, S, B = ...
local setmetatable = setmetatable
local bor = B.bor
local DONTWAIT = M.DONTWAIT

--- ratchet's non-blocking helpers: rawsend(data, more) sends now or raises
--- EAGAIN; rawrecv() returns data, more now or raises EAGAIN.
local SNDMORE_DONTWAIT = bor(M.SNDMORE, DONTWAIT)
function S.rawsend(self, data, more)
  local ok = S.send(self, data, more and SNDMORE_DONTWAIT or DONTWAIT)
  return ok
end
function S.rawrecv(self)
  local data, more = S.recv(self, DONTWAIT)
  return data, more
end

local ratchet = { zmqsocket = { new = M.new, prepare_uri = M.prepare_uri } }
local R = {}
R.__index = R
--- ratchet.new(fn, ...): an object whose loop() runs fn and every attached coroutine.
function ratchet.new(fn, ...)
  if fn ~= nil then M.spawn(fn, ...) end
  return setmetatable({}, R)
end
function R:attach(fn, ...) return M.spawn(fn, ...) end
function R:loop() return M.loop() end
ratchet.thread = { attach = M.spawn, sleep = M.sleep }
M.ratchet = ratchet
