// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzcom: command-line client of the TrustZone communicator.  Global
 * options, then one command; each command parses its own options
 * (getopt_long, so --help, --opt=value and -- work everywhere) before it
 * opens the device, so `tzcom CMD --help` works without a driver.  Every
 * failure message names the command, its object and the reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "tzcom_cli.h"

#define TZCOM_LOG_PATH	"/sys/kernel/debug/tzcom/log"

static const char *device;

struct command {
	const char *name;
	const char *args;	/* synopsis after the name */
	const char *summary;
	const char *help;	/* details for `tzcom NAME --help`, or NULL */
	int (*run)(const struct command *c, int argc, char **argv);
};

static const struct command commands[];
static const struct command *find_command(const char *name);

static void usage(FILE *f)
{
	const struct command *c;

	fprintf(f,
		"usage: tzcom [--device=PATH] [--] COMMAND [OPTIONS] [ARGS]\n"
		"       tzcom --version | --help | COMMAND --help\n\n"
		"Commands:\n");
	for (c = commands; c->name; c++) {
		char syn[64];

		snprintf(syn, sizeof(syn), "%s %s", c->name, c->args);
		fprintf(f, "  %-26s %s\n", syn, c->summary);
	}
	fprintf(f,
		"\nOptions:\n"
		"  -d, --device=PATH          device node (default $TZCOM_DEVICE or %s)\n"
		"  -V, --version              print the version and exit\n"
		"  -h, --help                 this text\n\n"
		"FILE '-' or no FILE reads stdin.  sha256 and hmac take any length,\n"
		"store objects up to 1 GiB.  Names: 1..%u of [A-Za-z0-9._-],\n"
		"not starting with '.'.  Storage needs tzcomd running.\n\n"
		"Exit status: 0 success, 1 the operation failed, 2 usage error,\n"
		"3 /dev/tzcom cannot be opened.\n",
		TZCOM_DEFAULT_DEVICE, TZCOM_STORE_NAME_MAX);
}

/* " ARGS" or "", so a synopsis never ends in a space. */
static const char *sp(const struct command *c)
{
	return c->args[0] ? " " : "";
}

static void cmd_usage(const struct command *c, FILE *f)
{
	fprintf(f, "usage: tzcom %s%s%s\n%s\n", c->name, sp(c), c->args, c->summary);
	if (c->help)
		fprintf(f, "\n%s", c->help);
}

/* getopt_long's '?' or ':' (optstring starts with ":"), as a usage error. */
static int bad_option(const struct command *c, int opt, char **argv)
{
	if (opt == ':')
		fprintf(stderr, "tzcom: %s: option '%s' needs an argument\n", c->name,
			argv[optind - 1]);
	else if (optopt)
		fprintf(stderr, "tzcom: %s: unknown option '-%c'\n", c->name, optopt);
	else
		fprintf(stderr, "tzcom: %s: unknown option '%s'\n", c->name, argv[optind - 1]);
	fprintf(stderr, "usage: tzcom %s%s%s (tzcom %s --help)\n", c->name, sp(c), c->args,
		c->name);
	return EXIT_USAGE;
}

/*
 * Parse a command that has no options of its own: --help, --, and the
 * positional arguments (min..max).  Returns -1 to go on, else the exit
 * status.  *first gets the index of the first positional argument.
 */
static int plain_args(const struct command *c, int argc, char **argv, int min, int max,
		      int *first)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (opt == 'h') {
			cmd_usage(c, stdout);
			return EXIT_OK;
		}
		return bad_option(c, opt, argv);
	}
	if (argc - optind < min || argc - optind > max) {
		fprintf(stderr, "tzcom: %s: %s (usage: tzcom %s%s%s)\n", c->name,
			argc - optind < min ? "missing argument" : "too many arguments",
			c->name, sp(c), c->args);
		return EXIT_USAGE;
	}
	*first = optind;
	return -1;
}

const char *cli_device_path(void)
{
	const char *env = getenv("TZCOM_DEVICE");

	if (device)
		return device;
	return env && *env ? env : TZCOM_DEFAULT_DEVICE;
}

int cli_open(struct tzcom **h, bool quiet)
{
	int ret = tzcom_open_path(cli_device_path(), h);

	if (ret && !quiet)
		fprintf(stderr, "tzcom: cannot open %s: %s%s\n", cli_device_path(),
			strerror(-ret), ret == -ENOENT ? " (is tzcom.ko loaded?)" : "");
	return ret;
}

static const char *const svc_names[] = { "core", "test", "crypto", "storage" };

const char *cli_svc_name(unsigned int svc)
{
	return svc < sizeof(svc_names) / sizeof(svc_names[0]) ? svc_names[svc] : NULL;
}

/* The storage service's anti-rollback refusals (docs/crypto-storage.md). */
static const char *rollback_hint(int err)
{
	switch (err) {
	case -ESTALE:
		return " (rolled back: an older or removed copy, not the current one)";
	case -EINPROGRESS:
		return " (newer than its counter: the last put did not complete, put it again)";
	default:
		return " (from before a reset of the counter store: put it again)";
	}
}

/* Why a service status happened, where errno's text alone misleads. */
static const char *hint(int err, bool storage)
{
	switch (err) {
	case -EBADMSG:
		return storage ? " (authentication failed)" : " (malformed response)";
	case -ENOENT:
		return storage ? " (no such object, or tzcomd not running)" : "";
	case -ESTALE:
	case -EINPROGRESS:
	case -EKEYEXPIRED:
		return storage ? rollback_hint(err) : "";
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

static int cmd_info(const struct command *c, int argc, char **argv)
{
	struct tzcom_info in;
	struct tzcom *h;
	unsigned int i;
	int ret, first;

	ret = plain_args(c, argc, argv, 0, 0, &first);
	if (ret >= 0)
		return ret;
	if (cli_open(&h, false))
		return EXIT_NODEV;
	ret = tzcom_get_info(h, &in);
	tzcom_close(h);
	if (ret)
		return fail("info", NULL, ret, false);
	printf("secure world:   TZBSP %u.%u\n", in.version_major, in.version_minor);
	printf("services:      ");
	for (i = 0; i < 32; i++) {
		if (!(in.services & (1u << i)))
			continue;
		if (cli_svc_name(i))
			printf(" %s(%u)", cli_svc_name(i), i);
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

static int cmd_status(const struct command *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	bool json = false;
	int opt;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":jh", longopts, NULL)) != -1) {
		if (opt == 'j') {
			json = true;
		} else if (opt == 'h') {
			cmd_usage(c, stdout);
			return EXIT_OK;
		} else {
			return bad_option(c, opt, argv);
		}
	}
	if (optind != argc) {
		fprintf(stderr, "tzcom: status: unexpected argument '%s'\n", argv[optind]);
		return EXIT_USAGE;
	}
	return cli_status(json);
}

static int parse_uint(const char *s, unsigned long max, unsigned long *v)
{
	char *end;

	errno = 0;
	*v = strtoul(s, &end, 10);
	return errno || *end || !*s || *s == '-' || *v > max ? -1 : 0;
}

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int ping_loop(struct tzcom *h, unsigned long count, unsigned long size,
		     unsigned char *out, unsigned char *in)
{
	double t0, dt, sum = 0, min = 0, max = 0;
	unsigned long i, j;
	int ret;

	for (i = 0; i < count; i++) {
		size_t got = 0;

		for (j = 0; j < size; j++)
			out[j] = (unsigned char)(i * 31 + j * 7 + 1);
		t0 = now_us();
		ret = tzcom_echo(h, out, size, in, size, &got);
		dt = now_us() - t0;
		if (ret)
			return fail("ping", NULL, ret, false);
		if (got != size || memcmp(in, out, size)) {
			fprintf(stderr, "tzcom: ping: echo %lu came back different (%zu of %lu bytes)\n",
				i + 1, got, size);
			return EXIT_FAIL;
		}
		printf("%lu bytes from secure world: seq=%lu time=%.1f us\n", size, i + 1, dt);
		sum += dt;
		min = i == 0 || dt < min ? dt : min;
		max = dt > max ? dt : max;
	}
	printf("%lu round trips, min/avg/max = %.1f/%.1f/%.1f us\n", count, min,
	       sum / (double)count, max);
	return EXIT_OK;
}

static int cmd_ping(const struct command *c, int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "count", required_argument, NULL, 'c' },
		{ "size", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long count = 4, size = 64;
	unsigned char *out, *in;
	struct tzcom *h;
	int opt, ret;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":c:s:h", longopts, NULL)) != -1) {
		if (opt == 'c' && !parse_uint(optarg, 1000000, &count) && count)
			continue;
		if (opt == 's' && !parse_uint(optarg, TZCOM_LIB_MAX_BUF, &size))
			continue;
		if (opt == 'h') {
			cmd_usage(c, stdout);
			return EXIT_OK;
		}
		if (opt == 'c' || opt == 's') {
			fprintf(stderr, "tzcom: ping: bad %s '%s' (use -c 1..1000000, -s 0..%u)\n",
				opt == 'c' ? "count" : "size", optarg, TZCOM_LIB_MAX_BUF);
			return EXIT_USAGE;
		}
		return bad_option(c, opt, argv);
	}
	if (optind != argc) {
		fprintf(stderr, "tzcom: ping: unexpected argument '%s'\n", argv[optind]);
		return EXIT_USAGE;
	}
	if (cli_open(&h, false))
		return EXIT_NODEV;
	out = malloc(size + 1);
	in = malloc(size + 1);
	ret = out && in ? ping_loop(h, count, size, out, in) : fail("ping", NULL, -ENOMEM, false);
	free(out);
	free(in);
	tzcom_close(h);
	return ret;
}

/* The key of `hmac --key-hex`: 1..TZCOM_DIGEST_KEY_MAX bytes in hex. */
static int parse_key_hex(const char *hex, uint8_t *key, size_t *len)
{
	size_t n = strlen(hex), i;

	if (!n || n % 2 || n / 2 > TZCOM_DIGEST_KEY_MAX)
		return -EINVAL;
	for (i = 0; i < n / 2; i++) {
		unsigned int v = 0;

		for (int k = 0; k < 2; k++) {
			char ch = hex[2 * i + k];
			unsigned int x;

			if (ch >= '0' && ch <= '9')
				x = (unsigned int)(ch - '0');
			else if (ch >= 'a' && ch <= 'f')
				x = (unsigned int)(ch - 'a' + 10);
			else if (ch >= 'A' && ch <= 'F')
				x = (unsigned int)(ch - 'A' + 10);
			else
				return -EINVAL;
			v = v << 4 | x;
		}
		key[i] = (uint8_t)v;
	}
	*len = n / 2;
	return 0;
}

/* The key of `hmac --key-file`: the whole file, 1..TZCOM_DIGEST_KEY_MAX bytes. */
static int read_key_file(const char *path, uint8_t *key, size_t *len)
{
	uint8_t buf[TZCOM_DIGEST_KEY_MAX + 1];
	size_t got = 0;
	int fd = open(path, O_RDONLY | O_CLOEXEC), ret = 0;

	if (fd < 0)
		return fail("hmac: key file", path, -errno, false);
	while (got < sizeof(buf)) {
		ssize_t r = read(fd, buf + got, sizeof(buf) - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			ret = fail("hmac: key file", path, -errno, false);
			break;
		}
		if (r == 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	if (!ret && (got == 0 || got > TZCOM_DIGEST_KEY_MAX)) {
		fprintf(stderr, "tzcom: hmac: key file '%s': %s (the key is 1..%u bytes)\n",
			path, strerror(EINVAL), TZCOM_DIGEST_KEY_MAX);
		ret = EXIT_USAGE;
	}
	if (!ret) {
		memcpy(key, buf, got);
		*len = got;
	}
	explicit_bzero(buf, sizeof(buf));
	return ret;
}

/* hmac's options: the key (none: the device key), then at most one FILE. */
static int hmac_args(const struct command *c, int argc, char **argv, uint8_t *key,
		     size_t *key_len, int *first)
{
	static const struct option longopts[] = {
		{ "key-file", required_argument, NULL, 'f' },
		{ "key-hex", required_argument, NULL, 'x' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int opt, ret, keys = 0;

	optind = 0;
	while ((opt = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		if (opt == 'h') {
			cmd_usage(c, stdout);
			return EXIT_OK;
		}
		if (opt == 'f' || opt == 'x') {
			if (keys++) {
				fprintf(stderr, "tzcom: hmac: one key option only\n");
				return EXIT_USAGE;
			}
			if (opt == 'f') {
				ret = read_key_file(optarg, key, key_len);
				if (ret)
					return ret;
			} else if (parse_key_hex(optarg, key, key_len)) {
				fprintf(stderr, "tzcom: hmac: bad --key-hex (1..%u bytes as an even number of hex digits)\n",
					TZCOM_DIGEST_KEY_MAX);
				return EXIT_USAGE;
			}
			continue;
		}
		return bad_option(c, opt, argv);
	}
	if (argc - optind > 1) {
		fprintf(stderr, "tzcom: hmac: too many arguments (usage: tzcom %s %s)\n",
			c->name, c->args);
		return EXIT_USAGE;
	}
	*first = optind;
	return -1;
}

/* sha256 and hmac: any length, streamed to the secure world from the fd. */
static int cmd_digest(const struct command *c, int argc, char **argv)
{
	bool hmac = c->name[0] == 'h';
	uint8_t d[TZCOM_DIGEST_LEN], key[TZCOM_DIGEST_KEY_MAX];
	size_t key_len = 0, i;
	const char *path, *name;
	uint32_t alg;
	struct tzcom *h;
	int ret, first, fd;

	ret = hmac ? hmac_args(c, argc, argv, key, &key_len, &first) :
		     plain_args(c, argc, argv, 0, 1, &first);
	if (ret >= 0)
		goto out;
	path = first < argc && strcmp(argv[first], "-") ? argv[first] : NULL;
	name = path ? path : "<stdin>";
	alg = !hmac ? TZCOM_DIGEST_SHA256 :
	      key_len ? TZCOM_DIGEST_HMAC_KEY : TZCOM_DIGEST_HMAC_DEVICE;
	fd = path ? open(path, O_RDONLY | O_CLOEXEC) : STDIN_FILENO;
	if (fd < 0) {
		ret = fail(c->name, name, -errno, false);
		goto out;
	}
	if (cli_open(&h, false)) {
		ret = EXIT_NODEV;
	} else {
		ret = tzcom_digest_fd(h, alg, key_len ? key : NULL, key_len, fd, d);
		tzcom_close(h);
		ret = ret ? fail(c->name, name, ret, false) : EXIT_OK;
	}
	if (path)
		close(fd);
	if (ret == EXIT_OK) {
		for (i = 0; i < sizeof(d); i++)
			printf("%02x", d[i]);
		printf("  %s\n", path ? path : "-");
	}
out:
	explicit_bzero(key, sizeof(key));
	return ret;
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

static int store_ls(struct tzcom *h)
{
	char *buf = malloc(TZCOM_LIB_MAX_BUF);
	uint32_t count = 0;
	size_t len = 0, off;
	int ret;

	if (!buf)
		return fail("store ls", NULL, -ENOMEM, true);
	ret = tzcom_store_list(h, buf, TZCOM_LIB_MAX_BUF, &len, &count);
	if (ret) {
		free(buf);
		return fail("store ls", NULL, ret, true);
	}
	for (off = 0; off < len; off += strlen(buf + off) + 1)
		printf("%s\n", buf + off);
	free(buf);
	return EXIT_OK;
}

/* Up to cap bytes from fd, fewer only at its end; -errno on a read error. */
static ssize_t read_full(int fd, unsigned char *buf, size_t cap)
{
	size_t got = 0;

	while (got < cap) {
		ssize_t r = read(fd, buf + got, cap - got);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return -errno;
		if (r == 0)
			break;
		got += (size_t)r;
	}
	return (ssize_t)got;
}

/*
 * What fits one blob is put as one (readable by tzcom_store_get() too);
 * anything larger is streamed, never held whole.
 */
static int store_put_fd(struct tzcom *h, const char *name, int fd, const char *src)
{
	const size_t step = 1u << 20;
	struct tzcom_store_writer *w;
	unsigned char *buf = malloc(step);
	ssize_t r;
	int ret;

	if (!buf)
		return fail("store put", name, -ENOMEM, true);
	r = read_full(fd, buf, TZCOM_STORE_MAX_DATA + 1);
	if (r >= 0 && (size_t)r <= TZCOM_STORE_MAX_DATA) {
		ret = tzcom_store_put(h, name, buf, (size_t)r);
		free(buf);
		return ret ? fail("store put", name, ret, true) : EXIT_OK;
	}
	if (r < 0) {
		free(buf);
		return fail("store put", src, (int)r, false);
	}
	ret = tzcom_store_writer_open(h, name, &w);
	if (ret) {
		free(buf);
		return fail("store put", name, ret, true);
	}
	while (!ret && r > 0) {
		ret = tzcom_store_writer_write(w, buf, (size_t)r);
		if (ret)
			break;
		r = read_full(fd, buf, step);
		if (r < 0) {
			tzcom_store_writer_abort(w);
			free(buf);
			return fail("store put", src, (int)r, false);
		}
	}
	free(buf);
	if (ret) {
		tzcom_store_writer_abort(w);
		return fail("store put", name, ret, true);
	}
	ret = tzcom_store_writer_commit(w);
	return ret ? fail("store put", name, ret, true) : EXIT_OK;
}

static int store_put(struct tzcom *h, const char *name, const char *path)
{
	bool is_stdin = !path || !strcmp(path, "-");
	const char *src = is_stdin ? "<stdin>" : path;
	int fd, ret;

	fd = is_stdin ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return fail("store put", src, -errno, false);
	ret = store_put_fd(h, name, fd, src);
	if (!is_stdin)
		close(fd);
	return ret;
}

/*
 * Streamed to stdout or FILE as the chunks are opened: a failure partway
 * (a tampered chunk) has written the chunks before it; FILE is removed
 * then, stdout cannot be taken back (the exit status says it).
 */
static int store_get(struct tzcom *h, const char *name, const char *path)
{
	bool is_stdout = !path || !strcmp(path, "-");
	int fd, ret;

	fd = is_stdout ? STDOUT_FILENO :
		open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0)
		return fail("store get", path, -errno, false);
	ret = tzcom_store_get_fd(h, name, fd);
	if (!is_stdout) {
		if (close(fd) && !ret)
			ret = -errno;
		if (ret)
			unlink(path);
	}
	return ret ? fail("store get", name, ret, true) : EXIT_OK;
}

/* The store subcommands and their argument counts after the subcommand. */
static const struct {
	const char *name;
	int min, max;
} store_subs[] = {
	{ "put", 1, 2 }, { "get", 1, 2 }, { "rm", 1, 1 }, { "ls", 0, 0 },
};

static int cmd_store(const struct command *c, int argc, char **argv)
{
	char what[16];
	const char *sub, *name;
	struct tzcom *h;
	unsigned int i;
	int ret, first, n;

	ret = plain_args(c, argc, argv, 1, 3, &first);
	if (ret >= 0)
		return ret;
	sub = argv[first];
	n = argc - first - 1;
	for (i = 0; i < sizeof(store_subs) / sizeof(store_subs[0]); i++)
		if (!strcmp(sub, store_subs[i].name))
			break;
	if (i == sizeof(store_subs) / sizeof(store_subs[0])) {
		fprintf(stderr, "tzcom: store: unknown subcommand '%s' (usage: tzcom store %s)\n",
			sub, c->args);
		return EXIT_USAGE;
	}
	snprintf(what, sizeof(what), "store %s", sub);
	if (n < store_subs[i].min || n > store_subs[i].max) {
		fprintf(stderr, "tzcom: %s: %s (usage: tzcom store %s)\n", what,
			n < store_subs[i].min ? "missing NAME" : "too many arguments", c->args);
		return EXIT_USAGE;
	}
	name = n ? argv[first + 1] : NULL;
	if (name) {
		ret = check_name(what, name);
		if (ret)
			return ret;
	}
	if (cli_open(&h, false))
		return EXIT_NODEV;
	if (!strcmp(sub, "ls"))
		ret = store_ls(h);
	else if (!strcmp(sub, "put"))
		ret = store_put(h, name, n == 2 ? argv[first + 2] : NULL);
	else if (!strcmp(sub, "get"))
		ret = store_get(h, name, n == 2 ? argv[first + 2] : NULL);
	else if ((ret = tzcom_store_rm(h, name)))
		ret = fail(what, name, ret, true);
	tzcom_close(h);
	return ret;
}

static int cmd_log(const struct command *c, int argc, char **argv)
{
	char buf[4096];
	ssize_t r;
	int fd, ret, first;

	ret = plain_args(c, argc, argv, 0, 0, &first);
	if (ret >= 0)
		return ret;
	fd = open(TZCOM_LOG_PATH, O_RDONLY | O_CLOEXEC);
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

static int cmd_help(const struct command *c, int argc, char **argv)
{
	const struct command *t;
	int ret, first;

	ret = plain_args(c, argc, argv, 0, 1, &first);
	if (ret >= 0)
		return ret;
	if (first == argc) {
		usage(stdout);
		return EXIT_OK;
	}
	t = find_command(argv[first]);
	if (!t) {
		fprintf(stderr, "tzcom: help: unknown command '%s' (try tzcom --help)\n",
			argv[first]);
		return EXIT_USAGE;
	}
	cmd_usage(t, stdout);
	return EXIT_OK;
}

static const struct command commands[] = {
	{ "info", "", "secure world version, services and counters", NULL, cmd_info },
	{ "status", "[--json]",
	  "driver, secure world and the processes that hold the device",
	  "Reads /sys/module/tzcom (version, parameters), the driver's counters in\n"
	  "/sys/kernel/debug/tzcom/stats if debugfs is mounted (never mounts it),\n"
	  "GET_INFO from the secure world, and /proc/*/fd for the processes that\n"
	  "hold the device.  --json prints one JSON object.  Exit 3 if the device\n"
	  "cannot be opened (the rest is still printed), 1 if GET_INFO fails.\n",
	  cmd_status },
	{ "ping", "[-c N] [-s BYTES]", "N echo round trips of BYTES bytes (default 4, 64)",
	  "  -c, --count=N     1..1000000 round trips\n"
	  "  -s, --size=BYTES  0..20480 bytes each\n", cmd_ping },
	{ "sha256", "[FILE]", "SHA-256 computed in the secure world, of any length",
	  "Prints the digest and FILE ('-' for stdin) as sha256sum(1) does.  FILE\n"
	  "is streamed to the secure world through registered memory.\n", cmd_digest },
	{ "hmac", "[--key-file=F | --key-hex=HEX] [FILE]",
	  "HMAC-SHA256 in the secure world (default key: the device key)",
	  "Without a key option the key is the device key, which never leaves the\n"
	  "secure world.  --key-file reads the key from F (all of it), --key-hex\n"
	  "takes it in hex; either way 1..128 bytes.  Output as sha256.\n", cmd_digest },
	{ "store", "put NAME [FILE] | get NAME [FILE] | rm NAME | ls",
	  "sealed storage: seal FILE as NAME, print, remove or list objects",
	  "put reads FILE (default or '-': stdin) and seals it in the secure world,\n"
	  "up to 1 GiB, streamed in 16 KiB chunks; tzcomd keeps only the ciphertext\n"
	  "and the object keeps its old version until the put completes.  get writes\n"
	  "the object to FILE (default or '-': stdout); if it fails partway (a\n"
	  "tampered chunk), FILE is removed, and stdout has what came before.\n"
	  "A NAME that starts with '-' goes after '--'.  Needs tzcomd running.\n", cmd_store },
	{ "log", "", "print the secure world's log (" TZCOM_LOG_PATH ")", NULL, cmd_log },
	{ "help", "[COMMAND]", "this text, or one command's", NULL, cmd_help },
	{ NULL, NULL, NULL, NULL, NULL },
};

static const struct command *find_command(const char *name)
{
	const struct command *c;

	for (c = commands; c->name; c++)
		if (!strcmp(c->name, name))
			return c;
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *c;
	int opt;

	/* "+": stop at the command, whose options are its own. */
	while ((opt = getopt_long(argc, argv, "+:d:Vh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'd':
			device = optarg;
			break;
		case 'V':
			printf("tzcom %s (libtzcom %s)\n", TZCOM_VERSION, tzcom_version());
			return EXIT_OK;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		case ':':
			fprintf(stderr, "tzcom: option '%s' needs an argument\n", argv[optind - 1]);
			return EXIT_USAGE;
		default:
			if (optopt)
				fprintf(stderr, "tzcom: unknown option '-%c'\n", optopt);
			else
				fprintf(stderr, "tzcom: unknown option '%s'\n", argv[optind - 1]);
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind == argc) {
		usage(stderr);
		return EXIT_USAGE;
	}
	c = find_command(argv[optind]);
	if (!c) {
		fprintf(stderr, "tzcom: unknown command '%s' (try tzcom --help)\n", argv[optind]);
		return EXIT_USAGE;
	}
	/* The command sees argv[0] = its own name, as a program would. */
	return c->run(c, argc - optind, argv + optind);
}
