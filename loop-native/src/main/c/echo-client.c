/*
 * echo-client: a closed-loop TCP echo load in C, the independent check of loopbench's Java load generator.
 *
 * It puts the same bytes on the wire as the generator (harness load/Payload.java): one pseudo-random
 * pattern of 4096 + P bytes from java.util.SplittableRandom(0x100be7c4).nextInt(256), and message s of
 * connection c is the P bytes starting at (c * 2654435761 + s * 40503) mod 4096. Each connection keeps
 * exactly one message outstanding (send it, wait for its whole echo, send the next), like the generator's
 * saturation mode, and every echoed byte is compared with what was sent. What differs is only the
 * implementation: no JVM, no JIT, no GC, one epoll loop per thread. When the two clients agree on a server,
 * the generator is measuring the server; where they disagree, the generator is part of the figure.
 *
 * Usage:
 *   echo-client --target HOST:PORT --connections N [--payload P] [--duration S] [--warmup S] [--loops T]
 *       Opens N connections (blocking connects, one after another, before any message), loads the server
 *       for warmup + duration seconds and prints one JSON line for the measured part:
 *       {"client":"c-epoll","connections":N,"connected":n,"payloadBytes":P,"loops":T,"warmupSeconds":w,
 *        "seconds":s,"messages":m,"msgsPerSecond":r,"busy":b,"errors":{"connect":..,...}}
 *       busy: the fraction of the measured time its threads were on a CPU (near 1: the client is the limit).
 *       errors use the generator's names (connect, reset, eof, mismatch, excess); a failed connection is
 *       closed and the others go on.
 *   echo-client --print-message CONN SEQ [--payload P]
 *       Prints message SEQ of connection CONN as hex: to check the bytes against Payload.expected().
 *
 *   Ranges as the generator's: connections 1..10,000 (more are allowed, up to the port range), payload
 *   1..16,384 bytes, loops 1..16. Exit status: 0 measured (errors are in the JSON), 2 bad arguments or
 *   no connection could be made.
 *
 * Build:   cc -O2 -std=c11 -pthread -o echo-client echo-client.c   (Linux: epoll)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum {
    OFFSETS = 4096,                  /* Payload.OFFSETS */
    MAX_PAYLOAD = 16 * 1024,         /* ParameterRanges.MAX_PAYLOAD */
    MAX_CONNECTIONS = 60000,
    MAX_LOOPS = 16,
    READ_BUFFER_BYTES = 64 * 1024,   /* as the generator's read buffer */
    EVENTS_PER_WAIT = 256,
    WAIT_MILLIS = 10,                /* how often a loop looks at the stop flag when nothing happens */
};

static const uint64_t PATTERN_SEED = 0x100be7c4ULL;        /* Payload.SEED */
static const uint64_t GOLDEN_GAMMA = 0x9e3779b97f4a7c15ULL; /* SplittableRandom's default gamma */

enum error_kind { E_CONNECT, E_RESET, E_EOF, E_MISMATCH, E_EXCESS, E_KINDS };
static const char *const ERROR_NAMES[E_KINDS] = {"connect", "reset", "eof", "mismatch", "excess"};

/* One connection: one message outstanding at a time. Owned by one loop. */
struct conn {
    int fd;
    int index;            /* its number among all connections: part of the message offset */
    int closed;
    uint64_t sequence;    /* which message of this connection is outstanding */
    int offset;           /* where that message starts in the pattern */
    int sent;             /* bytes of it written so far */
    int received;         /* bytes of its echo verified so far */
    int wants_out;        /* watching EPOLLOUT: the socket's send buffer was full */
};

struct loop {
    pthread_t thread;
    int epfd;
    struct conn *conns;
    int count;
    char *buffer;
    uint64_t completed_local;
    atomic_ullong completed;  /* single writer (the loop): a plain store, read by main */
    atomic_ullong errors[E_KINDS];
};

static unsigned char *pattern;
static int payload = 64;
static atomic_int stopping;

/* java.util.SplittableRandom.nextInt(256), the way Payload fills its pattern. */
static void fill_pattern(unsigned char *out, size_t n) {
    uint64_t seed = PATTERN_SEED;
    for (size_t i = 0; i < n; i++) {
        seed += GOLDEN_GAMMA;
        uint64_t z = seed;
        z = (z ^ (z >> 33)) * 0x62a9d9ed799705f5ULL;
        uint32_t r = (uint32_t) (((z ^ (z >> 28)) * 0xcb24d0a5c88c35b3ULL) >> 32);
        out[i] = (unsigned char) (r & 0xff); /* nextInt(bound) with a power-of-two bound masks nextInt() */
    }
}

/* Payload.offset(connection, sequence): Java's long arithmetic wraps as uint64_t does. */
static int message_offset(int connection, uint64_t sequence) {
    return (int) (((uint64_t) connection * 2654435761ULL + sequence * 40503ULL) & (OFFSETS - 1));
}

static double now_seconds(clockid_t clock) {
    struct timespec t;
    clock_gettime(clock, &t);
    return (double) t.tv_sec + (double) t.tv_nsec / 1e9;
}

static void sleep_seconds(double s) {
    struct timespec t = {.tv_sec = (time_t) s, .tv_nsec = (long) ((s - (double) (time_t) s) * 1e9)};
    while (nanosleep(&t, &t) != 0 && errno == EINTR) {
    }
}

static void fail(struct loop *l, struct conn *c, enum error_kind kind) {
    if (c->closed) {
        return;
    }
    c->closed = 1;
    atomic_fetch_add_explicit(&l->errors[kind], 1, memory_order_relaxed);
    epoll_ctl(l->epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
}

static void want(struct loop *l, struct conn *c, uint32_t events) {
    struct epoll_event ev = {.events = events, .data.ptr = c};
    epoll_ctl(l->epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Writes what is left of the outstanding message; asks for EPOLLOUT only while some is left. */
static void write_rest(struct loop *l, struct conn *c) {
    while (c->sent < payload) {
        ssize_t n = send(c->fd, pattern + c->offset + c->sent, (size_t) (payload - c->sent), MSG_NOSIGNAL);
        if (n > 0) {
            c->sent += (int) n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            if (!c->wants_out) {
                c->wants_out = 1;
                want(l, c, EPOLLIN | EPOLLOUT);
            }
            return;
        } else {
            fail(l, c, E_RESET);
            return;
        }
    }
    if (c->wants_out) {
        c->wants_out = 0;
        want(l, c, EPOLLIN); /* finished a message that had to wait for EPOLLOUT */
    }
}

static void send_next(struct loop *l, struct conn *c) {
    c->offset = message_offset(c->index, c->sequence);
    c->sent = 0;
    c->received = 0;
    write_rest(l, c);
}

static void on_readable(struct loop *l, struct conn *c) {
    ssize_t n = recv(c->fd, l->buffer, READ_BUFFER_BYTES, 0);
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            fail(l, c, E_RESET);
        }
        return;
    }
    if (n == 0) {
        fail(l, c, E_EOF);
        return;
    }
    if (c->received + n > payload) {
        fail(l, c, E_EXCESS);
        return;
    }
    if (memcmp(l->buffer, pattern + c->offset + c->received, (size_t) n) != 0) {
        fail(l, c, E_MISMATCH);
        return;
    }
    c->received += (int) n;
    if (c->received == payload) {
        atomic_store_explicit(&l->completed, ++l->completed_local, memory_order_relaxed);
        c->sequence++;
        send_next(l, c);
    }
}

static void *run_loop(void *arg) {
    struct loop *l = arg;
    struct epoll_event events[EVENTS_PER_WAIT];
    for (int i = 0; i < l->count; i++) {
        send_next(l, &l->conns[i]);
    }
    while (!atomic_load_explicit(&stopping, memory_order_relaxed)) {
        int n = epoll_wait(l->epfd, events, EVENTS_PER_WAIT, WAIT_MILLIS);
        for (int i = 0; i < n; i++) {
            struct conn *c = events[i].data.ptr;
            if (!c->closed && (events[i].events & (EPOLLIN | EPOLLERR | EPOLLHUP))) {
                on_readable(l, c);
            }
            if (!c->closed && (events[i].events & EPOLLOUT)) {
                write_rest(l, c);
            }
        }
    }
    return NULL;
}

/* Sum of the loops' CPU time, seconds. */
static double loops_cpu(struct loop *loops, int threads) {
    double sum = 0;
    for (int t = 0; t < threads; t++) {
        clockid_t clock;
        if (pthread_getcpuclockid(loops[t].thread, &clock) == 0) {
            sum += now_seconds(clock);
        }
    }
    return sum;
}

static unsigned long long loops_completed(struct loop *loops, int threads) {
    unsigned long long sum = 0;
    for (int t = 0; t < threads; t++) {
        sum += atomic_load_explicit(&loops[t].completed, memory_order_relaxed);
    }
    return sum;
}

static void usage(void) {
    fprintf(stderr, "usage: echo-client --target HOST:PORT --connections N [--payload P] [--duration S]"
                    " [--warmup S] [--loops T]\n"
                    "       echo-client --print-message CONN SEQ [--payload P]\n");
    exit(2);
}

static long whole(const char *flag, const char *text, long min, long max) {
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno != 0 || *text == '\0' || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "echo-client: %s %s is not a whole number in [%ld, %ld]\n", flag, text, min, max);
        exit(2);
    }
    return v;
}

static double seconds(const char *flag, const char *text, double min, double max) {
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (errno != 0 || *text == '\0' || *end != '\0' || !(v >= min && v <= max)) {
        fprintf(stderr, "echo-client: %s %s is not a number of seconds in [%g, %g]\n", flag, text, min, max);
        exit(2);
    }
    return v;
}

static void raise_descriptor_limit(void) {
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

/* Connects one socket, blocking; -1 when it fails (the reason goes to stderr for the first failure). */
static int connect_one(const struct sockaddr_in *target, int *reported) {
    int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd >= 0 && connect(fd, (const struct sockaddr *) target, sizeof *target) == 0) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        return fd;
    }
    if (!*reported) {
        fprintf(stderr, "echo-client: connect: %s\n", strerror(errno));
        *reported = 1;
    }
    if (fd >= 0) {
        close(fd);
    }
    return -1;
}

static int print_message(long connection, long sequence) {
    int offset = message_offset((int) connection, (uint64_t) sequence);
    for (int i = 0; i < payload; i++) {
        printf("%02x", pattern[offset + i]);
    }
    printf("\n");
    return 0;
}

int main(int argc, char **argv) {
    const char *target_text = NULL;
    long connections = 0, print_connection = -1, print_sequence = -1;
    int threads = 1;
    double duration = 1, warmup = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--target") == 0 && i + 1 < argc) {
            target_text = argv[++i];
        } else if (strcmp(argv[i], "--connections") == 0 && i + 1 < argc) {
            connections = whole("--connections", argv[++i], 1, MAX_CONNECTIONS);
        } else if (strcmp(argv[i], "--payload") == 0 && i + 1 < argc) {
            payload = (int) whole("--payload", argv[++i], 1, MAX_PAYLOAD);
        } else if (strcmp(argv[i], "--duration") == 0 && i + 1 < argc) {
            duration = seconds("--duration", argv[++i], 0.01, 86400);
        } else if (strcmp(argv[i], "--warmup") == 0 && i + 1 < argc) {
            warmup = seconds("--warmup", argv[++i], 0, 3600);
        } else if (strcmp(argv[i], "--loops") == 0 && i + 1 < argc) {
            threads = (int) whole("--loops", argv[++i], 1, MAX_LOOPS);
        } else if (strcmp(argv[i], "--print-message") == 0 && i + 2 < argc) {
            print_connection = whole("--print-message CONN", argv[++i], 0, 1L << 30);
            print_sequence = whole("--print-message SEQ", argv[++i], 0, 1L << 62);
        } else {
            usage();
        }
    }
    pattern = malloc(OFFSETS + (size_t) payload);
    if (pattern == NULL) {
        return 2;
    }
    fill_pattern(pattern, OFFSETS + (size_t) payload);
    if (print_connection >= 0) {
        return print_message(print_connection, print_sequence);
    }
    if (target_text == NULL || connections == 0) {
        usage();
    }

    char host[64];
    const char *colon = strrchr(target_text, ':');
    struct sockaddr_in target = {.sin_family = AF_INET};
    if (colon == NULL || (size_t) (colon - target_text) >= sizeof host) {
        fprintf(stderr, "echo-client: --target %s is not HOST:PORT\n", target_text);
        return 2;
    }
    memcpy(host, target_text, (size_t) (colon - target_text));
    host[colon - target_text] = '\0';
    target.sin_port = htons((uint16_t) whole("--target port", colon + 1, 1, 65535));
    if (inet_pton(AF_INET, host, &target.sin_addr) != 1) {
        fprintf(stderr, "echo-client: --target host %s is not an IPv4 address\n", host);
        return 2;
    }
    raise_descriptor_limit();

    /* Every connection before any message, so the measured part never includes connection set-up. */
    struct conn *conns = calloc((size_t) connections, sizeof *conns);
    unsigned long long connect_errors = 0;
    int connected = 0, reported = 0;
    for (long i = 0; i < connections; i++) {
        int fd = connect_one(&target, &reported);
        if (fd < 0) {
            connect_errors++;
            continue;
        }
        conns[connected].fd = fd;
        conns[connected].index = (int) i; /* the generator numbers connections by attempt, too */
        connected++;
    }
    if (connected == 0) {
        fprintf(stderr, "echo-client: could not connect to %s (0 of %ld connections)\n", target_text, connections);
        return 2;
    }
    if (threads > connected) {
        threads = connected;
    }

    /* Round-robin over the loops, as the generator spreads its connections over its I/O threads. */
    struct loop *loops = calloc((size_t) threads, sizeof *loops);
    for (int t = 0; t < threads; t++) {
        loops[t].conns = calloc((size_t) connected / (size_t) threads + 1, sizeof(struct conn));
        loops[t].buffer = malloc(READ_BUFFER_BYTES);
        loops[t].epfd = epoll_create1(EPOLL_CLOEXEC);
        if (loops[t].conns == NULL || loops[t].buffer == NULL || loops[t].epfd < 0) {
            fprintf(stderr, "echo-client: cannot set up loop %d: %s\n", t, strerror(errno));
            return 2;
        }
    }
    for (int i = 0; i < connected; i++) {
        struct loop *l = &loops[i % threads];
        struct conn *c = &l->conns[l->count++];
        *c = conns[i];
        if (fcntl(c->fd, F_SETFL, fcntl(c->fd, F_GETFL) | O_NONBLOCK) < 0) {
            fprintf(stderr, "echo-client: fcntl: %s\n", strerror(errno));
            return 2;
        }
    }
    free(conns);
    for (int t = 0; t < threads; t++) {
        for (int i = 0; i < loops[t].count; i++) {
            struct epoll_event ev = {.events = EPOLLIN, .data.ptr = &loops[t].conns[i]};
            epoll_ctl(loops[t].epfd, EPOLL_CTL_ADD, loops[t].conns[i].fd, &ev);
        }
    }

    for (int t = 0; t < threads; t++) {
        pthread_create(&loops[t].thread, NULL, run_loop, &loops[t]);
    }
    sleep_seconds(warmup);
    double wall0 = now_seconds(CLOCK_MONOTONIC), cpu0 = loops_cpu(loops, threads);
    unsigned long long done0 = loops_completed(loops, threads);
    sleep_seconds(duration);
    double wall1 = now_seconds(CLOCK_MONOTONIC), cpu1 = loops_cpu(loops, threads);
    unsigned long long done1 = loops_completed(loops, threads);
    atomic_store(&stopping, 1);
    for (int t = 0; t < threads; t++) {
        pthread_join(loops[t].thread, NULL);
    }

    unsigned long long errors[E_KINDS] = {0};
    errors[E_CONNECT] = connect_errors;
    for (int t = 0; t < threads; t++) {
        for (int k = 0; k < E_KINDS; k++) {
            errors[k] += atomic_load(&loops[t].errors[k]);
        }
        for (int i = 0; i < loops[t].count; i++) {
            if (!loops[t].conns[i].closed) {
                close(loops[t].conns[i].fd);
            }
        }
    }
    double wall = wall1 - wall0;
    unsigned long long messages = done1 - done0;
    printf("{\"client\":\"c-epoll\",\"connections\":%ld,\"connected\":%d,\"payloadBytes\":%d,\"loops\":%d,"
           "\"warmupSeconds\":%.3f,\"seconds\":%.6f,\"messages\":%llu,\"msgsPerSecond\":%.1f,\"busy\":%.4f,"
           "\"errors\":{",
           connections, connected, payload, threads, warmup, wall, messages, (double) messages / wall,
           (cpu1 - cpu0) / (wall * threads));
    for (int k = 0; k < E_KINDS; k++) {
        printf("%s\"%s\":%llu", k == 0 ? "" : ",", ERROR_NAMES[k], errors[k]);
    }
    printf("}}\n");
    return 0;
}
