// libzmq 4.3 compiles zmq_socket_monitor_versioned in every build but declares
// it (extern "C") only in the draft API, so without the draft API it has C++
// linkage. This wrapper gives it a C name the Rust side can call.
#include <stdint.h>

int zmq_socket_monitor_versioned(void *s_, const char *addr_, uint64_t events_, int event_version_, int type_);

extern "C" int zmq_sys_socket_monitor_versioned(void *s, const char *addr, uint64_t events, int event_version,
                                                int type) {
    return zmq_socket_monitor_versioned(s, addr, events, event_version, type);
}
