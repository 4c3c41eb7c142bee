/*
 * The machine's floor for a chain: the least any program can take to carry a message through HOPS hops on this
 * machine. A generator and HOPS processes in a line over loopback TCP (TCP_NODELAY, blocking reads, no runtime,
 * no queue, no thread but the main one): the generator paces messages open loop with clock_nanosleep on an
 * absolute CLOCK_MONOTONIC deadline, as the workflow's Pacer does; each process writes what it reads to the next;
 * the last takes the latency of each measured message from its intended send time, as the chain's conclusion does.
 *
 * usage: relay HOPS RATE WARMUP_MESSAGES MEASURED_MESSAGES PAYLOAD_BYTES OUT_PREFIX
 *   prints "ready PID..." (the generator's, then each hop's) and waits for a line on stdin; sends, prints
 *   "sent SENT FIRST_SEND_NS LAST_SEND_NS" and waits for another line (the hops are still running: their CPU time
 *   can be read); then ends the stream and prints "done" once every hop has exited. OUT_PREFIX.e2e then holds the
 *   measured messages' latencies and OUT_PREFIX.lag the generator's lag (actual minus intended send time), in
 *   nanoseconds, as native-endian int64 in sequence order.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define HEADER_BYTES 16
#define MAX_HOPS 16

static int64_t now_ns(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return (int64_t)t.tv_sec * 1000000000LL + t.tv_nsec;
}

static void fail(const char *what)
{
    fprintf(stderr, "relay: %s: %s\n", what, strerror(errno));
    exit(1);
}

static void no_delay(int socket_fd)
{
    int on = 1;
    if (setsockopt(socket_fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) != 0)
        fail("TCP_NODELAY");
}

/* A loopback listener on a port the kernel picks; its port goes to *port. */
static int listen_on_loopback(int *port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t length = sizeof address;
    if (fd < 0 || bind(fd, (struct sockaddr *)&address, sizeof address) != 0 || listen(fd, 1) != 0
        || getsockname(fd, (struct sockaddr *)&address, &length) != 0)
        fail("listen on loopback");
    *port = ntohs(address.sin_port);
    return fd;
}

static int connect_to_loopback(int port)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in address = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0)
        fail("connect on loopback");
    no_delay(fd);
    return fd;
}

static int accept_one(int listener)
{
    int fd = accept(listener, NULL, NULL);
    if (fd < 0)
        fail("accept");
    close(listener);
    no_delay(fd);
    return fd;
}

/* 1 when all of buffer was read, 0 at the end of the stream. */
static int read_all(int fd, char *buffer, size_t length)
{
    size_t got = 0;
    while (got < length) {
        ssize_t n = read(fd, buffer + got, length - got);
        if (n == 0)
            return 0;
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail("read");
        }
        got += (size_t)n;
    }
    return 1;
}

static void write_all(int fd, const char *buffer, size_t length)
{
    while (length > 0) {
        ssize_t n = write(fd, buffer, length);
        if (n < 0) {
            if (errno == EINTR)
                continue;
            fail("write");
        }
        buffer += n;
        length -= (size_t)n;
    }
}

static void save(const char *prefix, const char *suffix, const int64_t *values, long count)
{
    char path[4096];
    snprintf(path, sizeof path, "%s.%s", prefix, suffix);
    FILE *file = fopen(path, "wb");
    if (file == NULL || fwrite(values, sizeof *values, (size_t)count, file) != (size_t)count || fclose(file) != 0)
        fail(path);
}

/* A hop: reads each message from upstream and writes it on; the last one records latencies instead. */
static void run_hop(int listener, int next_port, long warmup, long measured, size_t payload, const char *prefix)
{
    char *message = malloc(payload);
    int upstream = accept_one(listener);
    if (next_port > 0) {
        int downstream = connect_to_loopback(next_port);
        while (read_all(upstream, message, payload))
            write_all(downstream, message, payload);
        close(downstream);
    } else {
        int64_t *latencies = malloc(sizeof(int64_t) * (size_t)(measured > 0 ? measured : 1));
        long received = 0;
        while (read_all(upstream, message, payload)) {
            int64_t arrived = now_ns(), sequence, intended;
            memcpy(&sequence, message, 8);
            memcpy(&intended, message + 8, 8);
            if (sequence >= warmup && sequence - warmup < measured)
                latencies[received++] = arrived - intended;
        }
        save(prefix, "e2e", latencies, received);
    }
    exit(0);
}

int main(int argc, char **argv)
{
    if (argc != 7) {
        fprintf(stderr, "usage: relay HOPS RATE WARMUP_MESSAGES MEASURED_MESSAGES PAYLOAD_BYTES OUT_PREFIX\n");
        return 2;
    }
    int hops = atoi(argv[1]);
    long rate = atol(argv[2]), warmup = atol(argv[3]), measured = atol(argv[4]);
    size_t payload = (size_t)atol(argv[5]);
    const char *prefix = argv[6];
    if (hops < 1 || hops > MAX_HOPS || rate < 1 || warmup < 0 || measured < 1)
        return 2;
    if (payload < HEADER_BYTES)
        payload = HEADER_BYTES;

    int listeners[MAX_HOPS], ports[MAX_HOPS];
    pid_t pids[MAX_HOPS];
    for (int hop = 0; hop < hops; hop++)
        listeners[hop] = listen_on_loopback(&ports[hop]);
    for (int hop = 0; hop < hops; hop++) {
        pids[hop] = fork();
        if (pids[hop] < 0)
            fail("fork");
        if (pids[hop] == 0) {
            for (int other = 0; other < hops; other++)
                if (other != hop)
                    close(listeners[other]);
            run_hop(listeners[hop], hop + 1 < hops ? ports[hop + 1] : 0, warmup, measured, payload, prefix);
        }
    }
    for (int hop = 0; hop < hops; hop++)
        close(listeners[hop]);

    int first = connect_to_loopback(ports[0]);
    printf("ready %d", (int)getpid());
    for (int hop = 0; hop < hops; hop++)
        printf(" %d", (int)pids[hop]);
    printf("\n");
    fflush(stdout);
    char line[64];
    if (fgets(line, sizeof line, stdin) == NULL)
        return 1;

    char *message = calloc(1, payload);
    int64_t *lags = malloc(sizeof(int64_t) * (size_t)measured);
    int64_t interval = 1000000000LL / rate, start = now_ns(), first_send = 0, last_send = 0;
    long total = warmup + measured;
    for (int64_t sequence = 0; sequence < total; sequence++) {
        int64_t intended = start + (sequence + 1) * interval;
        struct timespec deadline = { .tv_sec = intended / 1000000000LL, .tv_nsec = intended % 1000000000LL };
        while (now_ns() < intended && clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &deadline, NULL) == EINTR) {
        }
        memcpy(message, &sequence, 8);
        memcpy(message + 8, &intended, 8);
        int64_t sent = now_ns();
        write_all(first, message, payload);
        if (sequence >= warmup) {
            lags[sequence - warmup] = sent - intended;
            if (sequence == warmup)
                first_send = sent;
            last_send = sent;
        }
    }
    save(prefix, "lag", lags, measured);
    printf("sent %ld %lld %lld\n", measured, (long long)first_send, (long long)last_send);
    fflush(stdout);
    if (fgets(line, sizeof line, stdin) == NULL)
        return 1;
    close(first);
    for (int hop = 0; hop < hops; hop++)
        waitpid(pids[hop], NULL, 0);
    printf("done\n");
    return 0;
}
