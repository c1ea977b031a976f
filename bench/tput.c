// SPDX-License-Identifier: BSD-3-Clause
/*
 * Throughput: N client threads, each with its own fd, issue commands
 * back to back for a fixed time.
 *  - tput_cN: SEND_CMD echo of 64 B with N = 1, 2, 4 clients.
 *  - tput_lN: TZ_TEST_CHAIN with one callback, 2 clients, served by
 *    N = 1, 2 listener threads.
 * The driver runs one command per call slot, as many slots as the secure
 * world has threads (docs/driver.md, "Call slots and the call queue"):
 * with one thread these rows show what serialisation and the hand-off
 * cost when several threads compete, with several how far commands
 * overlap on the board's CPUs.  Latency is per operation, as each client
 * sees it; throughput is all clients' operations per second.
 */
#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bench.h"

#define CLIENTS_MAX	8

struct client {
	pthread_t thread;
	int fd;
	int chain;
	struct samples s;
	int error;
	uint8_t *cmd, *rsp;
	size_t cmd_len, rsp_cap;
	pthread_barrier_t *go;
	uint64_t deadline_ns;
	uint64_t end_ns;	/* when the last operation finished */
};

static void *client_main(void *arg)
{
	struct client *c = arg;
	uint64_t t0, t1;
	int ret;

	pthread_barrier_wait(c->go);
	for (;;) {
		t0 = now_ns();
		if (t0 >= c->deadline_ns)
			break;
		if (c->chain)
			ret = chain_once(c->fd, c->cmd, c->cmd_len, 1);
		else
			ret = echo_once(c->fd, c->cmd, c->cmd_len, c->rsp, c->rsp_cap, 64);
		t1 = now_ns();
		if (ret) {
			c->error = ret;
			break;
		}
		samples_add(&c->s, t1 - t0);
		c->end_ns = t1;
	}
	return NULL;
}

static int client_setup(struct client *c, int chain)
{
	int ret;

	memset(c, 0, sizeof(*c));
	c->chain = chain;
	c->fd = tz_open();	/* -errno on failure: client_free skips it */
	if (c->fd < 0)
		return c->fd;
	if (chain) {
		c->cmd = malloc(CHAIN_CMD_LEN(1));
		ret = c->cmd ? chain_prepare(1, c->cmd, &c->cmd_len) : -ENOMEM;
	} else {
		ret = echo_prepare(64, &c->cmd, &c->cmd_len, &c->rsp, &c->rsp_cap);
	}
	if (!ret)
		ret = samples_init(&c->s, bench_cfg.max_samples * 4);
	return ret;
}

static void client_free(struct client *c)
{
	if (c->fd >= 0)
		close(c->fd);
	free(c->cmd);
	free(c->rsp);
	samples_free(&c->s);
}

static void run_clients(const char *key, unsigned int nclients, int chain)
{
	struct client c[CLIENTS_MAX];
	pthread_barrier_t go;
	struct samples all;
	uint64_t start, deadline, end = 0;
	unsigned int i, started = 0;
	int ret = 0, err = 0;

	if (pthread_barrier_init(&go, NULL, nclients + 1)) {
		report_na(key, "pthread_barrier_init failed");
		return;
	}
	for (i = 0; i < nclients; i++) {
		ret = client_setup(&c[i], chain);
		if (ret) {
			nclients = i + 1;
			goto out;
		}
	}
	/* Warm up every fd once, untimed. */
	for (i = 0; i < nclients && !ret; i++)
		ret = chain ? chain_once(c[i].fd, c[i].cmd, c[i].cmd_len, 1) :
			      echo_once(c[i].fd, c[i].cmd, c[i].cmd_len, c[i].rsp,
					c[i].rsp_cap, 64);
	if (ret)
		goto out;
	/* Thread creation eats into the budget, which is fine: wall is measured. */
	deadline = now_ns() + (uint64_t)(bench_cfg.row_seconds * 1e9);
	for (i = 0; i < nclients; i++) {
		c[i].go = &go;
		c[i].deadline_ns = deadline;
		ret = -pthread_create(&c[i].thread, NULL, client_main, &c[i]);
		if (ret)
			break;
		started++;
	}
	if (started < nclients) {
		/* The barrier never opens for the missing threads: give up. */
		fprintf(stderr, "tzbench: %s: pthread_create: %s\n", key, strerror(-ret));
		exit(1);
	}
	pthread_barrier_wait(&go);
	start = now_ns();
	for (i = 0; i < nclients; i++) {
		pthread_join(c[i].thread, NULL);
		if (c[i].error && !err)
			err = c[i].error;
		if (c[i].end_ns > end)
			end = c[i].end_ns;
	}
	if (err) {
		ret = err;
		goto out;
	}
	if (samples_init(&all, 1)) {
		ret = -ENOMEM;
		goto out;
	}
	for (i = 0; i < nclients; i++)
		samples_merge(&all, &c[i].s);
	/* Every counted operation started after start and ended by end. */
	all.wall_ns = end > start ? end - start : 0;
	report_row(key, &all);
	samples_free(&all);
out:
	if (ret)
		report_na(key, "%u clients: %s", nclients, strerror(-ret));
	for (i = 0; i < nclients; i++)
		client_free(&c[i]);
	pthread_barrier_destroy(&go);
}

void bench_throughput(void)
{
	static const unsigned int clients[] = { 1, 2, 4 };
	static const unsigned int listeners[] = { 1, 2 };
	struct listener_set *ls;
	char key[32];
	size_t i;

	for (i = 0; i < sizeof(clients) / sizeof(clients[0]); i++) {
		snprintf(key, sizeof(key), "tput_c%u", clients[i]);
		run_clients(key, clients[i], 0);
	}
	for (i = 0; i < sizeof(listeners) / sizeof(listeners[0]); i++) {
		snprintf(key, sizeof(key), "tput_l%u", listeners[i]);
		ls = listeners_start(listeners[i], -1);
		if (!ls) {
			report_na(key, "listeners: %s", strerror(errno));
			continue;
		}
		run_clients(key, 2, 1);
		listeners_stop(ls);
	}
}
