-- zlua send.lua ENDPOINT MESSAGE: connect a PUSH socket and send one message.
local zmq = require "zmq"
local endpoint, message = ...
local push = zmq.new("PUSH")
push:connect(endpoint)
push:send(message)
