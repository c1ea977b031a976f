/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * tzbench: in-guest benchmarks of /dev/tzcom (docs/performance.md,
 * "What is measured").
 *
 * Every row prints one machine-readable line on stdout:
 *   @bench,<key>,<samples>,<median_ns>,<p99_ns>,<ops_per_s>,<status>
 * status is "ok" or "n/a: <reason>".  bench/run (on the host) turns these
 * lines into ratios against the baselines measured in the same run.
 */
#ifndef TZBENCH_H
#define TZBENCH_H

#include <stddef.h>
#include <stdint.h>

#define TZBENCH_DEV	"/dev/tzcom"

/* Callback ids served by the benchmark's own listeners (>= 0x80000000, left to tests:
 * docs/decisions.md, "Normal-world callback services"). */
#define BENCH_SVC_ID		0x80000b00U
#define BENCH_CB_FIRST		0x80000b00U
#define BENCH_CB_LAST		0x80000bffU

/* TZ_TEST_CHAIN as the benchmarks use it (callback.c). */
#define CHAIN_MAX_CB		8
#define CHAIN_CB_LEN		64
#define CHAIN_CMD_LEN(n)	(8U + 8U * (n))

/* How long one row may run, and its sample bounds. */
struct bench_cfg {
	double row_seconds;	/* measuring budget per row */
	size_t min_samples;	/* keep going past the budget until this many */
	size_t max_samples;
	size_t warmup;
	int verbose;
};

extern struct bench_cfg bench_cfg;

/* A growable set of per-operation latencies, in ns. */
struct samples {
	uint64_t *ns;
	size_t n, cap;
	uint64_t wall_ns;	/* elapsed time of the whole measurement */
	uint64_t ops;		/* operations done during wall_ns (>= n) */
};

uint64_t now_ns(void);
/* Pin the calling thread to cpu, or let it run anywhere (cpu < 0). */
int pin_cpu(int cpu);
int online_cpus(void);
int samples_init(struct samples *s, size_t cap);
void samples_add(struct samples *s, uint64_t ns);
int samples_merge(struct samples *dst, const struct samples *src);
void samples_free(struct samples *s);

/* True while a latency row should keep sampling (budget, bounds). */
int bench_more(const struct samples *s, uint64_t t_start);

/* Sort, then print the @bench line for key.  Frees nothing. */
void report_row(const char *key, struct samples *s);
/* Print an @bench line for a row that could not be measured. */
void report_na(const char *key, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Free-form extra data for the host: "@info,<key>,<value>". */
void report_info(const char *key, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * One timed operation: returns 0 or -errno.  Rows are run by
 * run_latency_row(), which does the warm-up, the sampling and the report.
 */
typedef int (*bench_op)(void *arg);
int run_latency_row(const char *key, bench_op op, void *arg);

/* Rows, one file each. */
void bench_baselines(void);		/* base.c */
void bench_send(void);			/* send.c */
void bench_callbacks(void);		/* callback.c */
void bench_throughput(void);		/* tput.c */
void bench_storage(void);		/* storage.c */
void bench_shm(void);			/* shm.c */

/* SEND_CMD helpers shared by send.c, callback.c, tput.c (send.c). */
int tz_open(void);
int tz_send(int fd, const void *cmd, size_t cmd_len, void *rsp, size_t *rsp_len);
int echo_prepare(size_t payload, uint8_t **cmd, size_t *cmd_len,
		 uint8_t **rsp, size_t *rsp_cap);
int echo_once(int fd, const uint8_t *cmd, size_t cmd_len, uint8_t *rsp,
	      size_t rsp_cap, size_t payload);

/* Callback listeners (callback.c), also used by tput.c. */
struct listener_set;
/* cpu >= 0 pins every listener thread there; -1 leaves them free. */
struct listener_set *listeners_start(unsigned int nthreads, int cpu);
void listeners_stop(struct listener_set *ls);
int chain_prepare(unsigned int ncb, uint8_t *cmd, size_t *cmd_len);
int chain_once(int fd, const uint8_t *cmd, size_t cmd_len, unsigned int ncb);

#endif /* TZBENCH_H */
