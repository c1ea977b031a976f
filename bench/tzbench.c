// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzbench: run the /dev/tzcom benchmarks in the guest and print one
 * @bench line per row (see bench.h).  bench/run on the host boots the
 * board, runs this, and computes the ratios.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

#include "bench.h"

static const struct group {
	const char *name;
	void (*run)(void);
} groups[] = {
	{ "base", bench_baselines },
	{ "send", bench_send },
	{ "cb", bench_callbacks },
	{ "tput", bench_throughput },
	{ "store", bench_storage },
	{ "shm", bench_shm },
};

#define NGROUPS (sizeof(groups) / sizeof(groups[0]))

static void usage(FILE *f)
{
	fprintf(f,
		"usage: tzbench [-t SECONDS] [-n MIN] [-N MAX] [GROUP...]\n"
		"  -t SECONDS  measuring budget per row (default %.1f)\n"
		"  -n MIN      at least MIN samples per row (default %zu)\n"
		"  -N MAX      at most MAX samples per row (default %zu)\n"
		"  GROUP       base send cb tput store shm (default: all, in this order)\n"
		"Output: @bench,key,samples,median_ns,p99_ns,ops_per_s,status\n",
		bench_cfg.row_seconds, bench_cfg.min_samples, bench_cfg.max_samples);
}

static int parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || !v)
		return -EINVAL;
	*out = (size_t)v;
	return 0;
}

int main(int argc, char **argv)
{
	struct utsname u;
	size_t g;
	int opt, i;

	while ((opt = getopt(argc, argv, "t:n:N:h")) != -1) {
		switch (opt) {
		case 't':
			bench_cfg.row_seconds = strtod(optarg, NULL);
			if (bench_cfg.row_seconds <= 0) {
				fprintf(stderr, "tzbench: bad -t %s\n", optarg);
				return 2;
			}
			break;
		case 'n':
			if (parse_size(optarg, &bench_cfg.min_samples)) {
				fprintf(stderr, "tzbench: bad -n %s\n", optarg);
				return 2;
			}
			break;
		case 'N':
			if (parse_size(optarg, &bench_cfg.max_samples)) {
				fprintf(stderr, "tzbench: bad -N %s\n", optarg);
				return 2;
			}
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (bench_cfg.min_samples > bench_cfg.max_samples)
		bench_cfg.min_samples = bench_cfg.max_samples;
	if (!uname(&u))
		report_info("kernel", "%s %s", u.release, u.machine);
	report_info("row_seconds", "%.2f", bench_cfg.row_seconds);

	if (optind == argc) {
		for (g = 0; g < NGROUPS; g++)
			groups[g].run();
		return 0;
	}
	for (i = optind; i < argc; i++) {
		for (g = 0; g < NGROUPS; g++)
			if (!strcmp(argv[i], groups[g].name))
				break;
		if (g == NGROUPS) {
			fprintf(stderr, "tzbench: unknown group '%s'\n", argv[i]);
			usage(stderr);
			return 2;
		}
		groups[g].run();
	}
	return 0;
}
