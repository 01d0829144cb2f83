/* The perf protocol of zmq-bench (src/protocol.rs) in C on the system libzmq:
 * the baseline of the pinned mode, what libzmq's own local_thr/remote_thr and
 * local_lat/remote_lat do (zmq_msg_recv into one reused message, zmq_send from
 * one buffer). Built by the runner with `cc -O2 perf.c -lzmq` (libzmq3-dev).
 *   perf thr-recv|thr-send|lat-rep|lat-req <endpoint> <size> <count>
 *   perf thr-inproc <size> <count> <hwm>  |  perf lat-inproc <size> <count>
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zmq.h>

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *sock(void *ctx, int type, int hwm) {
    void *s = zmq_socket(ctx, type);
    if (!s) { fprintf(stderr, "socket: %s\n", zmq_strerror(zmq_errno())); exit(1); }
    zmq_setsockopt(s, ZMQ_SNDHWM, &hwm, sizeof hwm);
    zmq_setsockopt(s, ZMQ_RCVHWM, &hwm, sizeof hwm);
    return s;
}

static void check(int rc, const char *what) {
    if (rc < 0) { fprintf(stderr, "%s: %s\n", what, zmq_strerror(zmq_errno())); exit(1); }
}

static void thr(unsigned long count, size_t size, double secs) {
    double rate = count / secs;
    printf("THR %.0f %.3f\n", rate, rate * size / 1e6);
}

int main(int argc, char **argv) {
    if (argc < 4) { fprintf(stderr, "usage: perf <role> <args...>\n"); return 2; }
    const char *role = argv[1];
    const int HWM = 100000;
    void *ctx = zmq_ctx_new();
    zmq_msg_t msg;
    zmq_msg_init(&msg);
    if (!strcmp(role, "thr-inproc") || !strcmp(role, "lat-inproc")) {
        size_t size = strtoul(argv[2], NULL, 10);
        unsigned long count = strtoul(argv[3], NULL, 10);
        char *buf = malloc(size + 1);
        memset(buf, 'x', size);
        if (!strcmp(role, "thr-inproc")) {
            int hwm = argc > 4 ? atoi(argv[4]) : HWM;
            void *pull = sock(ctx, ZMQ_PULL, hwm), *push = sock(ctx, ZMQ_PUSH, hwm);
            check(zmq_bind(pull, "inproc://thr"), "bind");
            check(zmq_connect(push, "inproc://thr"), "connect");
            unsigned long sent = 0, received = 0;
            double start = now();
            while (received < count) {
                while (sent < count && zmq_send(push, buf, size, ZMQ_DONTWAIT) >= 0) sent++;
                while (zmq_msg_recv(&msg, pull, ZMQ_DONTWAIT) >= 0) received++;
            }
            thr(count, size, now() - start);
            zmq_close(push);
            zmq_close(pull);
        } else {
            void *rep = sock(ctx, ZMQ_REP, HWM), *req = sock(ctx, ZMQ_REQ, HWM);
            check(zmq_bind(rep, "inproc://lat"), "bind");
            check(zmq_connect(req, "inproc://lat"), "connect");
            double start = now();
            for (unsigned long i = 0; i < count; i++) {
                check(zmq_send(req, buf, size, 0), "send");
                check(zmq_msg_recv(&msg, rep, 0), "recv");
                check(zmq_msg_send(&msg, rep, 0), "send");
                check(zmq_msg_recv(&msg, req, 0), "recv");
            }
            printf("LAT %.3f\n", (now() - start) * 1e6 / count);
            zmq_close(req);
            zmq_close(rep);
        }
        free(buf);
    } else {
        if (argc < 5) { fprintf(stderr, "usage: perf %s <endpoint> <size> <count>\n", role); return 2; }
        const char *ep = argv[2];
        size_t size = strtoul(argv[3], NULL, 10);
        unsigned long count = strtoul(argv[4], NULL, 10);
        char *buf = malloc(size + 1);
        memset(buf, 'x', size);
        if (!strcmp(role, "thr-recv")) {
            void *s = sock(ctx, ZMQ_PULL, HWM);
            check(zmq_bind(s, ep), "bind");
            check(zmq_msg_recv(&msg, s, 0), "recv");
            double start = now();
            for (unsigned long i = 1; i < count; i++) check(zmq_msg_recv(&msg, s, 0), "recv");
            thr(count - 1, size, now() - start);
            zmq_close(s);
        } else if (!strcmp(role, "thr-send")) {
            void *s = sock(ctx, ZMQ_PUSH, HWM);
            check(zmq_connect(s, ep), "connect");
            for (unsigned long i = 0; i < count; i++) check(zmq_send(s, buf, size, 0), "send");
            int linger = 60000; /* as remote_thr: deliver everything queued */
            zmq_setsockopt(s, ZMQ_LINGER, &linger, sizeof linger);
            zmq_close(s);
        } else if (!strcmp(role, "lat-rep")) {
            void *s = sock(ctx, ZMQ_REP, HWM);
            check(zmq_bind(s, ep), "bind");
            for (unsigned long i = 0; i < count; i++) {
                check(zmq_msg_recv(&msg, s, 0), "recv");
                check(zmq_msg_send(&msg, s, 0), "send");
            }
            zmq_close(s);
        } else if (!strcmp(role, "lat-req")) {
            void *s = sock(ctx, ZMQ_REQ, HWM);
            check(zmq_connect(s, ep), "connect");
            double start = now();
            for (unsigned long i = 0; i < count; i++) {
                check(zmq_send(s, buf, size, 0), "send");
                check(zmq_msg_recv(&msg, s, 0), "recv");
            }
            printf("LAT %.3f\n", (now() - start) * 1e6 / count);
            zmq_close(s);
        } else {
            fprintf(stderr, "unknown role %s\n", role);
            return 2;
        }
        free(buf);
    }
    zmq_msg_close(&msg);
    zmq_ctx_term(ctx);
    return 0;
}
