// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzcom: command-line client of the TrustZone communicator.  Each
 * subcommand is one libtzcom call; every failure message names the
 * subcommand, its object and the reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <libtzcom.h>

#define TZCOM_LOG_PATH	"/sys/kernel/debug/tzcom/log"

/* Exit status. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* the operation failed */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NODEV = 3,		/* /dev/tzcom cannot be opened */
};

static const char *device;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: tzcom [--device PATH] COMMAND [ARGS]\n\n"
		"Commands:\n"
		"  info                  secure world version, services and counters\n"
		"  ping [-c N] [-s B]    N echo round trips of B bytes (default 4, 64)\n"
		"  sha256 [FILE]         SHA-256 computed in the secure world\n"
		"  hmac [FILE]           HMAC-SHA256 under the device key\n"
		"  store put NAME [FILE] seal FILE (default stdin) as object NAME\n"
		"  store get NAME        write object NAME to stdout\n"
		"  store rm NAME         remove object NAME\n"
		"  store ls              list the objects\n"
		"  log                   print the secure world's log (%s)\n"
		"  help, --help          this text\n\n"
		"FILE '-' or no FILE reads stdin.  Inputs are limited to %u bytes\n"
		"(sha256, hmac) and %u bytes (store).  Names: 1..%u of [A-Za-z0-9._-],\n"
		"not starting with '.'.  Storage needs tzcomd running.\n\n"
		"Exit status: 0 success, 1 the operation failed, 2 usage error,\n"
		"3 /dev/tzcom cannot be opened.\n",
		TZCOM_LOG_PATH, TZCOM_CRYPTO_MAX_INPUT, TZCOM_STORE_MAX_DATA,
		TZCOM_STORE_NAME_MAX);
}

static int open_dev(struct tzcom **h)
{
	int ret = device ? tzcom_open_path(device, h) : tzcom_open(h);

	if (ret) {
		fprintf(stderr, "tzcom: cannot open %s: %s%s\n",
			device ? device : TZCOM_DEFAULT_DEVICE, strerror(-ret),
			ret == -ENOENT ? " (is tzcom.ko loaded?)" : "");
		return EXIT_NODEV;
	}
	return EXIT_OK;
}

/* Why a service status happened, where errno's text alone misleads. */
static const char *hint(int err, bool storage)
{
	switch (err) {
	case -EBADMSG:
		return storage ? " (authentication failed)" : " (malformed response)";
	case -ENOENT:
		return storage ? " (no such object, or tzcomd not running)" : "";
	case -EPIPE:
		return " (tzcomd went away)";
	case -ETIMEDOUT:
		return " (tzcomd did not answer in time)";
	case -ENOSYS:
		return " (service not available in the secure world)";
	case -EMSGSIZE:
		return " (too large)";
	case -ERANGE:
		return " (buffer too small)";
	case -ENODEV:
		return " (device aborted)";
	default:
		return "";
	}
}

static int fail(const char *what, const char *obj, int err, bool storage)
{
	if (obj)
		fprintf(stderr, "tzcom: %s '%s': %s%s\n", what, obj, strerror(-err),
			hint(err, storage));
	else
		fprintf(stderr, "tzcom: %s: %s%s\n", what, strerror(-err), hint(err, storage));
	return EXIT_FAIL;
}

/* Read all of path ("-" or NULL: stdin), at most max bytes. */
static int read_input(const char *what, const char *path, size_t max,
		      unsigned char **out, size_t *len)
{
	bool is_stdin = !path || !strcmp(path, "-");
	const char *name = is_stdin ? "<stdin>" : path;
	unsigned char *buf = malloc(max + 1);
	size_t got = 0;
	int fd;

	if (!buf)
		return fail(what, name, -ENOMEM, false);
	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		free(buf);
		return fail(what, name, -errno, false);
	}
	while (got <= max) {
		ssize_t r = read(fd, buf + got, max + 1 - got);

		if (r < 0) {
			if (errno == EINTR)
				continue;
			int err = -errno;

			if (!is_stdin)
				close(fd);
			free(buf);
			return fail(what, name, err, false);
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	if (!is_stdin)
		close(fd);
	if (got > max) {
		fprintf(stderr, "tzcom: %s '%s': input larger than %zu bytes (%s)\n",
			what, name, max, strerror(EFBIG));
		free(buf);
		return EXIT_FAIL;
	}
	*out = buf;
	*len = got;
	return EXIT_OK;
}

static int write_all(int fd, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n) {
		ssize_t w = write(fd, c, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -errno;
		}
		c += w;
		n -= (size_t)w;
	}
	return 0;
}

static const char *const svc_names[] = { "core", "test", "crypto", "storage" };

static int cmd_info(struct tzcom *h)
{
	struct tzcom_info in;
	unsigned int i;
	int ret = tzcom_get_info(h, &in);

	if (ret)
		return fail("info", NULL, ret, false);
	printf("secure world:   TZBSP %u.%u\n", in.version_major, in.version_minor);
	printf("services:      ");
	for (i = 0; i < 32; i++) {
		if (!(in.services & (1u << i)))
			continue;
		if (i < sizeof(svc_names) / sizeof(svc_names[0]))
			printf(" %s(%u)", svc_names[i], i);
		else
			printf(" %u", i);
	}
	printf("\ncommands done:  %u\ncallbacks done: %u\n", in.commands_done,
	       in.callbacks_done);
	printf("sb_out ready:   %s\nsb_log ready:   %s\n", in.sb_out_ready ? "yes" : "no",
	       in.sb_log_ready ? "yes" : "no");
	printf("NS DRAM:        0x%llx + 0x%llx\n", (unsigned long long)in.ns_dram_base,
	       (unsigned long long)in.ns_dram_size);
	return EXIT_OK;
}

static int parse_uint(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno || *end || !*s || *v > max ? -1 : 0;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmd_ping(struct tzcom *h, int argc, char **argv)
{
	unsigned long count = 4, size = 64, i, j;
	unsigned char *out, *in;
	double t0, dt, sum = 0, min = 0, max = 0;
	int opt, ret = EXIT_OK;

	optind = 1;
	while ((opt = getopt(argc, argv, "+c:s:")) != -1) {
		if (opt == 'c' && !parse_uint(optarg, 1000000, &count) && count)
			continue;
		if (opt == 's' && !parse_uint(optarg, TZCOM_LIB_MAX_BUF, &size))
			continue;
		fprintf(stderr, "tzcom: ping: bad option (use -c N>=1, -s 0..%u)\n",
			TZCOM_LIB_MAX_BUF);
		return EXIT_USAGE;
	}
	if (optind != argc) {
		fprintf(stderr, "tzcom: ping: unexpected argument '%s'\n", argv[optind]);
		return EXIT_USAGE;
	}
	out = malloc(size + 1);
	in = malloc(size + 1);
	if (!out || !in) {
		free(out);
		free(in);
		return fail("ping", NULL, -ENOMEM, false);
	}
	for (i = 0; i < count; i++) {
		size_t got = 0;

		for (j = 0; j < size; j++)
			out[j] = (unsigned char)(i * 31 + j * 7 + 1);
		t0 = now_us();
		ret = tzcom_echo(h, out, size, in, size, &got);
		dt = now_us() - t0;
		if (ret) {
			free(out);
			free(in);
			return fail("ping", NULL, ret, false);
		}
		if (got != size || memcmp(in, out, size)) {
			fprintf(stderr, "tzcom: ping: echo %lu came back different (%zu of %lu bytes)\n",
				i + 1, got, size);
			free(out);
			free(in);
			return EXIT_FAIL;
		}
		printf("%lu bytes from secure world: seq=%lu time=%.1f us\n", size, i + 1, dt);
		sum += dt;
		min = i == 0 || dt < min ? dt : min;
		max = dt > max ? dt : max;
	}
	printf("%lu round trips, min/avg/max = %.1f/%.1f/%.1f us\n", count, min,
	       sum / (double)count, max);
	free(out);
	free(in);
	return EXIT_OK;
}

static int cmd_digest(struct tzcom *h, bool hmac, int argc, char **argv)
{
	const char *what = hmac ? "hmac" : "sha256";
	uint8_t d[TZCOM_DIGEST_LEN];
	unsigned char *data;
	size_t len, i;
	int ret;

	if (argc > 2) {
		fprintf(stderr, "tzcom: %s: at most one FILE\n", what);
		return EXIT_USAGE;
	}
	ret = read_input(what, argc == 2 ? argv[1] : NULL, TZCOM_CRYPTO_MAX_INPUT, &data, &len);
	if (ret)
		return ret;
	ret = hmac ? tzcom_hmac_sha256(h, data, len, d) : tzcom_sha256(h, data, len, d);
	free(data);
	if (ret)
		return fail(what, argc == 2 ? argv[1] : "<stdin>", ret, false);
	for (i = 0; i < sizeof(d); i++)
		printf("%02x", d[i]);
	printf("  %s\n", argc == 2 ? argv[1] : "-");
	return EXIT_OK;
}

static int check_name(const char *what, const char *name)
{
	if (tzcom_store_name_ok(name)) {
		fprintf(stderr, "tzcom: %s '%s': %s (names are 1..%u of [A-Za-z0-9._-], not starting with '.')\n",
			what, name, strerror(EINVAL), TZCOM_STORE_NAME_MAX);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int cmd_store(struct tzcom *h, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";
	unsigned char *buf;
	size_t len = 0;
	int ret;

	if (!strcmp(sub, "ls") && argc == 2) {
		uint32_t count = 0;
		size_t off;

		buf = malloc(TZCOM_LIB_MAX_BUF);
		if (!buf)
			return fail("store ls", NULL, -ENOMEM, true);
		ret = tzcom_store_list(h, (char *)buf, TZCOM_LIB_MAX_BUF, &len, &count);
		if (ret) {
			free(buf);
			return fail("store ls", NULL, ret, true);
		}
		for (off = 0; off < len; off += strlen((char *)buf + off) + 1)
			printf("%s\n", (char *)buf + off);
		free(buf);
		return EXIT_OK;
	}
	if (argc < 3 || (strcmp(sub, "put") && argc != 3) || argc > 4) {
		fprintf(stderr, "tzcom: store: want put NAME [FILE] | get NAME | rm NAME | ls\n");
		return EXIT_USAGE;
	}
	if (!strcmp(sub, "put")) {
		ret = check_name("store put", argv[2]);
		if (ret)
			return ret;
		ret = read_input("store put", argc == 4 ? argv[3] : NULL, TZCOM_STORE_MAX_DATA,
				 &buf, &len);
		if (ret)
			return ret;
		ret = tzcom_store_put(h, argv[2], buf, len);
		free(buf);
		return ret ? fail("store put", argv[2], ret, true) : EXIT_OK;
	}
	if (!strcmp(sub, "get")) {
		ret = check_name("store get", argv[2]);
		if (ret)
			return ret;
		buf = malloc(TZCOM_STORE_MAX_DATA);
		if (!buf)
			return fail("store get", argv[2], -ENOMEM, true);
		ret = tzcom_store_get(h, argv[2], buf, TZCOM_STORE_MAX_DATA, &len);
		if (!ret)
			ret = write_all(STDOUT_FILENO, buf, len);
		free(buf);
		return ret ? fail("store get", argv[2], ret, true) : EXIT_OK;
	}
	if (!strcmp(sub, "rm")) {
		ret = check_name("store rm", argv[2]);
		if (ret)
			return ret;
		ret = tzcom_store_rm(h, argv[2]);
		return ret ? fail("store rm", argv[2], ret, true) : EXIT_OK;
	}
	fprintf(stderr, "tzcom: store: unknown subcommand '%s'\n", sub);
	return EXIT_USAGE;
}

static int cmd_log(void)
{
	char buf[4096];
	ssize_t r;
	int fd = open(TZCOM_LOG_PATH, O_RDONLY | O_CLOEXEC);

	if (fd < 0) {
		int err = errno;

		fprintf(stderr, "tzcom: log: cannot open %s: %s%s\n", TZCOM_LOG_PATH,
			strerror(err), err == ENOENT ? " (debugfs not mounted or tzcom.ko not loaded?)" : "");
		return EXIT_FAIL;
	}
	while ((r = read(fd, buf, sizeof(buf))) != 0) {
		if (r < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tzcom: log: reading %s: %s\n", TZCOM_LOG_PATH,
				strerror(errno));
			close(fd);
			return EXIT_FAIL;
		}
		if (write_all(STDOUT_FILENO, buf, (size_t)r)) {
			close(fd);
			return EXIT_FAIL;
		}
	}
	close(fd);
	return EXIT_OK;
}

int main(int argc, char **argv)
{
	struct tzcom *h = NULL;
	const char *cmd;
	int ret;

	while (argc > 1 && argv[1][0] == '-') {
		if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
			usage(stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[1], "--device") && argc > 2) {
			device = argv[2];
			argc -= 2;
			argv += 2;
			continue;
		}
		fprintf(stderr, "tzcom: unknown option '%s'\n", argv[1]);
		usage(stderr);
		return EXIT_USAGE;
	}
	if (argc < 2) {
		usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	argc--;
	argv++;
	if (!strcmp(cmd, "help")) {
		usage(stdout);
		return EXIT_OK;
	}
	if (!strcmp(cmd, "log")) {
		if (argc == 1)
			return cmd_log();
		fprintf(stderr, "tzcom: log takes no arguments\n");
		return EXIT_USAGE;
	}
	if (strcmp(cmd, "info") && strcmp(cmd, "ping") && strcmp(cmd, "sha256") &&
	    strcmp(cmd, "hmac") && strcmp(cmd, "store")) {
		fprintf(stderr, "tzcom: unknown command '%s' (try tzcom --help)\n", cmd);
		return EXIT_USAGE;
	}
	if (!strcmp(cmd, "info") && argc != 1) {
		fprintf(stderr, "tzcom: info takes no arguments\n");
		return EXIT_USAGE;
	}
	ret = open_dev(&h);
	if (ret)
		return ret;
	if (!strcmp(cmd, "info"))
		ret = cmd_info(h);
	else if (!strcmp(cmd, "ping"))
		ret = cmd_ping(h, argc, argv);
	else if (!strcmp(cmd, "sha256") || !strcmp(cmd, "hmac"))
		ret = cmd_digest(h, cmd[0] == 'h', argc, argv);
	else
		ret = cmd_store(h, argc, argv);
	tzcom_close(h);
	return ret;
}
