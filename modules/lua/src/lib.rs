//! The `zmq` Lua module for mlua (work in progress).
