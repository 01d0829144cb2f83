-- Request-reply broker: clients (REQ) connect to a ROUTER, workers (REP) to a
-- DEALER, and zmq.proxy() shuttles requests and replies between the two.
--   broker.lua [frontend] [backend]
-- Defaults: clients on tcp://*:5559, workers on tcp://*:5560. Runs until Ctrl-C.
local zmq = require "zmq"

local frontend_endpoint = arg[1] or "tcp://*:5559"
local backend_endpoint = arg[2] or "tcp://*:5560"

local frontend = zmq.new("ROUTER")
frontend:bind(frontend_endpoint)
local backend = zmq.new("DEALER")
backend:bind(backend_endpoint)
print(("broker: clients on %s, workers on %s"):format(frontend_endpoint, backend_endpoint))

-- The ROUTER prefixes each request with the client's identity; the DEALER
-- passes the whole message to a worker and its reply back, identity first.
zmq.proxy(frontend, backend)
