// SPDX-License-Identifier: BSD-3-Clause
/* Sample collection, percentiles and the @bench output format. */
#include <errno.h>
#include <sched.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench.h"

struct bench_cfg bench_cfg = {
	.row_seconds = 1.5,
	.min_samples = 200,
	.max_samples = 5000,
	.warmup = 20,
};

uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

int online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n : 1;
}

int pin_cpu(int cpu)
{
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	if (cpu >= 0)
		CPU_SET(cpu, &set);
	else
		for (i = 0; i < online_cpus() && i < CPU_SETSIZE; i++)
			CPU_SET(i, &set);
	return sched_setaffinity(0, sizeof(set), &set) ? -errno : 0;
}

int samples_init(struct samples *s, size_t cap)
{
	memset(s, 0, sizeof(*s));
	s->ns = malloc(cap * sizeof(*s->ns));
	if (!s->ns)
		return -ENOMEM;
	s->cap = cap;
	return 0;
}

/* Samples past the capacity still count as operations, for throughput. */
void samples_add(struct samples *s, uint64_t ns)
{
	if (s->n < s->cap)
		s->ns[s->n++] = ns;
	s->ops++;
}

int samples_merge(struct samples *dst, const struct samples *src)
{
	size_t n = src->n;

	if (dst->n + n > dst->cap) {
		uint64_t *p = realloc(dst->ns, (dst->n + n) * sizeof(*p));

		if (!p)
			return -ENOMEM;
		dst->ns = p;
		dst->cap = dst->n + n;
	}
	memcpy(dst->ns + dst->n, src->ns, n * sizeof(*src->ns));
	dst->n += n;
	dst->ops += src->ops;
	return 0;
}

void samples_free(struct samples *s)
{
	free(s->ns);
	s->ns = NULL;
	s->n = s->cap = 0;
}

int bench_more(const struct samples *s, uint64_t t_start)
{
	uint64_t budget = (uint64_t)(bench_cfg.row_seconds * 1e9);
	uint64_t spent = now_ns() - t_start;

	if (s->n >= bench_cfg.max_samples)
		return 0;
	/* A row that is slow (a loaded host) stops at 4x its budget. */
	if (s->n < bench_cfg.min_samples)
		return s->n < 20 || spent < 4 * budget;
	return spent < budget;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/* Nearest-rank percentile of sorted samples, p in (0, 100]. */
static uint64_t percentile(const struct samples *s, double p)
{
	size_t rank = (size_t)(p / 100.0 * (double)s->n + 0.999999);

	if (rank < 1)
		rank = 1;
	if (rank > s->n)
		rank = s->n;
	return s->ns[rank - 1];
}

void report_row(const char *key, struct samples *s)
{
	double ops_s;

	if (!s->n) {
		report_na(key, "no samples");
		return;
	}
	qsort(s->ns, s->n, sizeof(*s->ns), cmp_u64);
	ops_s = s->wall_ns ? (double)s->ops * 1e9 / (double)s->wall_ns : 0.0;
	printf("@bench,%s,%zu,%llu,%llu,%.1f,ok\n", key, s->n,
	       (unsigned long long)percentile(s, 50.0),
	       (unsigned long long)percentile(s, 99.0), ops_s);
	fflush(stdout);
}

void report_na(const char *key, const char *fmt, ...)
{
	char why[200];
	va_list ap;
	char *c;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	/* The host splits on commas. */
	for (c = why; *c; c++)
		if (*c == ',' || *c == '\n')
			*c = ';';
	printf("@bench,%s,0,0,0,0,n/a: %s\n", key, why);
	fflush(stdout);
}

void report_info(const char *key, const char *fmt, ...)
{
	va_list ap;

	printf("@info,%s,", key);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

int run_latency_row(const char *key, bench_op op, void *arg)
{
	struct samples s;
	uint64_t t0, t1, start;
	size_t i;
	int ret;

	for (i = 0; i < bench_cfg.warmup; i++) {
		ret = op(arg);
		if (ret) {
			report_na(key, "warm-up failed: %s", strerror(-ret));
			return ret;
		}
	}
	ret = samples_init(&s, bench_cfg.max_samples);
	if (ret) {
		report_na(key, "out of memory");
		return ret;
	}
	start = now_ns();
	while (bench_more(&s, start)) {
		t0 = now_ns();
		ret = op(arg);
		t1 = now_ns();
		if (ret) {
			report_na(key, "operation %zu failed: %s", s.n, strerror(-ret));
			samples_free(&s);
			return ret;
		}
		samples_add(&s, t1 - t0);
	}
	s.wall_ns = now_ns() - start;
	report_row(key, &s);
	samples_free(&s);
	return 0;
}
