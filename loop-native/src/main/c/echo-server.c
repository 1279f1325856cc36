/*
 * echo-server: a plain epoll TCP echo server, the fastest echo loopbench knows how to write in a page.
 *
 * It is the reference the load generator is calibrated against ("how many messages per second can the
 * instrument itself complete?"): if a measured runtime comes close to what the generator achieves
 * against this server, the runtime's figure is bounded by the client, not by the runtime.
 *
 * Design, and why:
 *   - One event loop (thread + epoll instance) per CPU this process may run on (sched_getaffinity, so
 *     `taskset -c 0 echo-server` gives one loop), or --loops N.
 *   - Every loop watches the one listening socket with EPOLLEXCLUSIVE: the kernel wakes one idle loop
 *     per incoming connection instead of all of them, and a busy loop simply accepts less.
 *   - Level-triggered, one read per readiness event: a connection that always has data cannot starve
 *     the others (edge-triggered would have to drain each socket to EAGAIN, or track which ones it left).
 *   - Reads go into one buffer per loop and are written back at once. Only when the socket's send buffer
 *     is full does the connection keep the unsent remainder (malloc'd) and stop reading until it drains:
 *     that is the backpressure, and the memory held per connection is bounded by one read.
 *   - TCP_NODELAY on every connection: an echo must not wait for Nagle (the Java runtimes do the same).
 *   - A client's FIN is seen only when reading, which waits until pending bytes are out: everything the
 *     client sent before it half-closed is echoed, then the socket closes.
 *
 * Usage:   echo-server [--bind ADDR] [--port N] [--loops N] [--backlog N] [--read-buffer BYTES] [--until-signal]
 *   Prints the bound port on stdout, alone on one line, once it accepts connections. Ends cleanly on
 *   SIGTERM/SIGINT, or when stdin reaches end of file (so a parent that dies takes it along), unless
 *   --until-signal. A line "stats" on stdin is answered on stdout with
 *   "stats 0 0 <accepted> <open> <bytes received> <bytes echoed>" (the reference runtimes' control line:
 *   the two zeros are tasks and timers, which an echo server has not). On exit prints "accepted N,
 *   echoed N bytes" to stderr. --read-buffer (default 64 KiB) is the most one read takes, so also about
 *   the most held for a client that stops reading.
 *   Exit status: 0 stopped cleanly, 2 bad arguments or could not listen.
 *
 * Build:   cc -O2 -std=c11 -pthread -o echo-server echo-server.c   (Linux only: epoll, eventfd, signalfd)
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <unistd.h>

/* One read per event: at most this much held per connection (--read-buffer). */
static size_t read_buffer_bytes = 64 * 1024;

enum {
    EVENTS_PER_WAIT = 256,
    ACCEPTS_PER_WAKEUP = 64,       /* bounded, so a connection storm cannot stall established echoes */
    MAX_LOOPS = 256,
};

/* One client connection; owned by the loop that accepted it, never shared. */
struct conn {
    int fd;
    char *pending;       /* bytes read but not yet written back (NULL when none) */
    size_t pending_len;
    size_t pending_off;
};

struct loop {
    pthread_t thread;
    int epfd;
    int listen_fd;
    int wake_fd;                  /* eventfd: written by main to stop the loop */
    char *buffer;
    atomic_ullong accepted;       /* written by this loop only; read by main for "stats" and at exit */
    atomic_ullong closed;
    atomic_ullong bytes_received;
    atomic_ullong bytes_echoed;
};

/* Markers distinguishing the two non-connection descriptors in epoll_event.data.ptr. */
static char LISTEN_MARK, WAKE_MARK;

static void die(const char *what) {
    fprintf(stderr, "echo-server: %s: %s\n", what, strerror(errno));
    exit(2);
}

static void close_conn(struct loop *l, struct conn *c) {
    atomic_fetch_add_explicit(&l->closed, 1, memory_order_relaxed);
    epoll_ctl(l->epfd, EPOLL_CTL_DEL, c->fd, NULL);
    close(c->fd);
    free(c->pending);
    free(c);
}

static void watch(struct loop *l, struct conn *c, uint32_t events) {
    struct epoll_event ev = {.events = events, .data.ptr = c};
    epoll_ctl(l->epfd, EPOLL_CTL_MOD, c->fd, &ev);
}

/* Writes as much of buf as the socket takes; returns bytes written, or -1 when the connection failed. */
static ssize_t write_some(int fd, const char *buf, size_t len) {
    size_t done = 0;
    while (done < len) {
        ssize_t n = send(fd, buf + done, len - done, MSG_NOSIGNAL);
        if (n > 0) {
            done += (size_t) n;
        } else if (n < 0 && errno == EINTR) {
            continue;
        } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            break;
        } else {
            return -1;
        }
    }
    return (ssize_t) done;
}

static void on_readable(struct loop *l, struct conn *c) {
    ssize_t n = recv(c->fd, l->buffer, read_buffer_bytes, 0);
    if (n == 0) {
        close_conn(l, c); /* nothing pending here: pending connections do not watch EPOLLIN */
        return;
    }
    if (n < 0) {
        if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR) {
            close_conn(l, c);
        }
        return;
    }
    atomic_fetch_add_explicit(&l->bytes_received, (unsigned long long) n, memory_order_relaxed);
    ssize_t w = write_some(c->fd, l->buffer, (size_t) n);
    if (w < 0) {
        close_conn(l, c);
        return;
    }
    atomic_fetch_add_explicit(&l->bytes_echoed, (unsigned long long) w, memory_order_relaxed);
    if (w < n) {
        /* The peer reads slower than it writes: keep the rest and stop reading until it is out. */
        c->pending_len = (size_t) (n - w);
        c->pending_off = 0;
        c->pending = malloc(c->pending_len);
        if (c->pending == NULL) {
            close_conn(l, c);
            return;
        }
        memcpy(c->pending, l->buffer + w, c->pending_len);
        watch(l, c, EPOLLOUT);
    }
}

static void on_writable(struct loop *l, struct conn *c) {
    ssize_t w = write_some(c->fd, c->pending + c->pending_off, c->pending_len - c->pending_off);
    if (w < 0) {
        close_conn(l, c);
        return;
    }
    atomic_fetch_add_explicit(&l->bytes_echoed, (unsigned long long) w, memory_order_relaxed);
    c->pending_off += (size_t) w;
    if (c->pending_off < c->pending_len) {
        return;
    }
    free(c->pending);
    c->pending = NULL;
    watch(l, c, EPOLLIN);
}

static void accept_some(struct loop *l) {
    for (int i = 0; i < ACCEPTS_PER_WAKEUP; i++) {
        int fd = accept4(l->listen_fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) {
            if (errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR && errno != ECONNABORTED) {
                /* EMFILE and the like: say so once per wake-up, keep serving the others */
                fprintf(stderr, "echo-server: accept: %s\n", strerror(errno));
            }
            return;
        }
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        struct conn *c = calloc(1, sizeof *c);
        if (c == NULL) {
            close(fd);
            return;
        }
        c->fd = fd;
        struct epoll_event ev = {.events = EPOLLIN, .data.ptr = c};
        if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, fd, &ev) < 0) {
            close(fd);
            free(c);
            continue;
        }
        atomic_fetch_add_explicit(&l->accepted, 1, memory_order_relaxed);
    }
}

static void *run_loop(void *arg) {
    struct loop *l = arg;
    struct epoll_event events[EVENTS_PER_WAIT];
    for (;;) {
        int n = epoll_wait(l->epfd, events, EVENTS_PER_WAIT, -1);
        if (n < 0) {
            if (errno == EINTR) {
                continue;
            }
            die("epoll_wait");
        }
        for (int i = 0; i < n; i++) {
            void *p = events[i].data.ptr;
            if (p == &WAKE_MARK) {
                return NULL; /* connections are closed by the exit that follows */
            }
            if (p == &LISTEN_MARK) {
                accept_some(l);
                continue;
            }
            struct conn *c = p;
            uint32_t e = events[i].events;
            if (c->pending != NULL) {
                if (e & (EPOLLERR | EPOLLHUP)) {
                    close_conn(l, c);
                    continue;
                }
                if (e & EPOLLOUT) {
                    on_writable(l, c);
                }
            } else if (e & (EPOLLIN | EPOLLERR | EPOLLHUP)) {
                on_readable(l, c); /* reads 0 or fails on EOF/error, and closes */
            }
        }
    }
}

/* The control line's answer: counters summed over the loops, each read once (relaxed: a snapshot). */
static void print_stats(struct loop *loops, int threads) {
    unsigned long long accepted = 0, closed = 0, received = 0, echoed = 0;
    for (int t = 0; t < threads; t++) {
        accepted += atomic_load_explicit(&loops[t].accepted, memory_order_relaxed);
        closed += atomic_load_explicit(&loops[t].closed, memory_order_relaxed);
        received += atomic_load_explicit(&loops[t].bytes_received, memory_order_relaxed);
        echoed += atomic_load_explicit(&loops[t].bytes_echoed, memory_order_relaxed);
    }
    unsigned long long open = accepted >= closed ? accepted - closed : 0;
    printf("stats 0 0 %llu %llu %llu %llu\n", accepted, open, received, echoed);
    fflush(stdout);
}

/* CPUs this process may run on: `taskset` and cgroup cpusets shrink it. */
static int allowed_cpus(void) {
    cpu_set_t set;
    if (sched_getaffinity(0, sizeof set, &set) == 0) {
        int n = CPU_COUNT(&set);
        return n > 0 ? n : 1;
    }
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int) n : 1;
}

/* 10,000 connections need 10,000 descriptors: take the hard limit, as the JVM does for itself. */
static void raise_descriptor_limit(void) {
    struct rlimit r;
    if (getrlimit(RLIMIT_NOFILE, &r) == 0 && r.rlim_cur < r.rlim_max) {
        r.rlim_cur = r.rlim_max;
        setrlimit(RLIMIT_NOFILE, &r);
    }
}

static void usage(void) {
    fprintf(stderr, "usage: echo-server [--bind ADDR] [--port 0..65535] [--loops 1..%d] [--backlog 1..65535]"
            " [--read-buffer 64..1048576] [--until-signal]\n", MAX_LOOPS);
    exit(2);
}

static long number(const char *flag, const char *text, long min, long max) {
    char *end;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno != 0 || *text == '\0' || *end != '\0' || v < min || v > max) {
        fprintf(stderr, "echo-server: %s %s is not a whole number in [%ld, %ld]\n", flag, text, min, max);
        exit(2);
    }
    return v;
}

int main(int argc, char **argv) {
    const char *bind_address = "127.0.0.1";
    long port = 0;
    int threads = allowed_cpus();
    int until_signal = 0;
    int backlog = SOMAXCONN;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--bind") == 0 && i + 1 < argc) {
            bind_address = argv[++i];
        } else if (strcmp(argv[i], "--port") == 0 && i + 1 < argc) {
            port = number("--port", argv[++i], 0, 65535);
        } else if (strcmp(argv[i], "--loops") == 0 && i + 1 < argc) {
            threads = (int) number("--loops", argv[++i], 1, MAX_LOOPS);
        } else if (strcmp(argv[i], "--backlog") == 0 && i + 1 < argc) {
            backlog = (int) number("--backlog", argv[++i], 1, 65535);
        } else if (strcmp(argv[i], "--read-buffer") == 0 && i + 1 < argc) {
            read_buffer_bytes = (size_t) number("--read-buffer", argv[++i], 64, 1 << 20);
        } else if (strcmp(argv[i], "--until-signal") == 0) {
            until_signal = 1;
        } else {
            usage();
        }
    }
    raise_descriptor_limit();

    /* A peer (or a parent that closed our stderr) gone away is an error to handle, not a reason to die. */
    signal(SIGPIPE, SIG_IGN);
    /* Signals are taken by the main thread alone, through a signalfd; the loops never see them. */
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGTERM);
    sigaddset(&stop_signals, SIGINT);
    pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);
    int signal_fd = signalfd(-1, &stop_signals, SFD_CLOEXEC);
    if (signal_fd < 0) {
        die("signalfd");
    }

    struct sockaddr_in address = {.sin_family = AF_INET, .sin_port = htons((uint16_t) port)};
    if (inet_pton(AF_INET, bind_address, &address.sin_addr) != 1) {
        fprintf(stderr, "echo-server: --bind %s is not an IPv4 address\n", bind_address);
        return 2;
    }
    int listen_fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (listen_fd < 0) {
        die("socket");
    }
    int one = 1;
    setsockopt(listen_fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one); /* restart at once on a fixed port */
    if (bind(listen_fd, (struct sockaddr *) &address, sizeof address) < 0) {
        die("bind");
    }
    if (listen(listen_fd, backlog) < 0) {
        die("listen");
    }
    socklen_t length = sizeof address;
    getsockname(listen_fd, (struct sockaddr *) &address, &length);

    struct loop *loops = calloc((size_t) threads, sizeof *loops);
    if (loops == NULL) {
        die("calloc");
    }
    for (int t = 0; t < threads; t++) {
        struct loop *l = &loops[t];
        l->listen_fd = listen_fd;
        l->buffer = malloc(read_buffer_bytes);
        l->epfd = epoll_create1(EPOLL_CLOEXEC);
        l->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
        if (l->buffer == NULL || l->epfd < 0 || l->wake_fd < 0) {
            die("setting up a loop");
        }
        struct epoll_event listen_ev = {.events = EPOLLIN | EPOLLEXCLUSIVE, .data.ptr = &LISTEN_MARK};
        struct epoll_event wake_ev = {.events = EPOLLIN, .data.ptr = &WAKE_MARK};
        if (epoll_ctl(l->epfd, EPOLL_CTL_ADD, listen_fd, &listen_ev) < 0
                || epoll_ctl(l->epfd, EPOLL_CTL_ADD, l->wake_fd, &wake_ev) < 0) {
            die("epoll_ctl");
        }
        if (pthread_create(&l->thread, NULL, run_loop, l) != 0) {
            die("pthread_create");
        }
    }

    printf("%d\n", ntohs(address.sin_port));
    fflush(stdout);

    /* Wait for a stop signal, or for stdin to end (the parent closed it or died); answer "stats" lines. */
    struct pollfd waits[2] = {{.fd = signal_fd, .events = POLLIN}, {.fd = STDIN_FILENO, .events = POLLIN}};
    char line[256];
    size_t line_len = 0;
    for (;;) {
        int n = poll(waits, until_signal ? 1 : 2, -1);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n < 0 || (waits[0].revents & POLLIN)) {
            break;
        }
        if (waits[1].revents & (POLLIN | POLLHUP | POLLERR)) {
            char input[256];
            ssize_t r = read(STDIN_FILENO, input, sizeof input);
            if (r <= 0) {
                break; /* end of file: nobody is left to stop us */
            }
            for (ssize_t k = 0; k < r; k++) {
                if (input[k] != '\n') {
                    if (line_len < sizeof line - 1) {
                        line[line_len++] = input[k];
                    }
                    continue;
                }
                line[line_len] = '\0';
                line_len = 0;
                if (strcmp(line, "stats") == 0) {
                    print_stats(loops, threads);
                }
            }
        }
    }

    unsigned long long accepted = 0, echoed = 0;
    for (int t = 0; t < threads; t++) {
        uint64_t wake = 1;
        if (write(loops[t].wake_fd, &wake, sizeof wake) < 0) {
            die("waking a loop");
        }
        pthread_join(loops[t].thread, NULL);
        accepted += atomic_load(&loops[t].accepted);
        echoed += atomic_load(&loops[t].bytes_echoed);
    }
    fprintf(stderr, "echo-server: stopped; %d loop%s, accepted %llu, echoed %llu bytes\n", threads,
            threads == 1 ? "" : "s", accepted, echoed);
    return 0; /* the kernel closes every connection and frees the rest */
}
