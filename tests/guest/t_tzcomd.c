// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzcomd and the tzcom CLI.  The storage and time callbacks are driven
 * raw through the test service's FORWARD, so tzcomd's wire format
 * (include/tzcom/hlos_storage.h) is checked on its own, without the
 * sealed storage service in between.  Then: a second tzcomd is refused
 * with a clear message, SIGTERM stops tzcomd cleanly (its services are
 * free again), --daemon with a pidfile starts a new one, and the CLI's
 * exit codes and messages.
 *
 * Uses the tzcomd the board started; starts one (--daemon) if none runs,
 * and leaves one running at the end.
 */
#include <dirent.h>
#include <sys/wait.h>

#include <tzcom/hlos_storage.h>

#include "tzt.h"

#define TZCOMD		"/usr/bin/tzcomd"
#define TZCOM		"/usr/bin/tzcom"
#define STORE_DIR	"/var/lib/tzcom"
#define PIDFILE		"/run/tzcomd-test.pid"

static uint8_t req[TZCOM_MAX_BUF_LEN], ans[TZCOM_MAX_BUF_LEN];

/* One storage callback through FORWARD; returns the answer status or 1. */
static int32_t storage(int fd, uint32_t id, const char *name, const void *data,
		       uint32_t n, uint32_t *data_len, uint32_t reserved, int32_t len_fix)
{
	struct tz_hlos_storage_req h = {
		.cmd_id = id, .name_len = name ? (uint32_t)strlen(name) : 0, .data_len = n,
		.reserved = reserved,
	};
	struct tz_hlos_rsp_hdr rh;
	size_t len = 0;
	int32_t svc, hlos;

	memcpy(req, &h, sizeof(h));
	if (h.name_len)
		memcpy(req + sizeof(h), name, h.name_len);
	if (n)
		memcpy(req + sizeof(h) + h.name_len, data, n);
	if (tzt_forward(fd, id, req, (size_t)((int32_t)(sizeof(h) + h.name_len + n) + len_fix),
			&svc, &hlos, ans, sizeof(ans), &len) || svc || hlos || len < sizeof(rh))
		return 1;
	memcpy(&rh, ans, sizeof(rh));
	if (rh.data_len != len - sizeof(rh))
		return 1;
	if (data_len)
		*data_len = rh.data_len;
	return rh.status;
}

/* Run argv with stdin from in (may be NULL), capture stdout+stderr. */
static int run(char *const argv[], const char *in, char *out, size_t cap)
{
	int po[2], pi[2], status;
	size_t got = 0;
	ssize_t r;
	pid_t pid;

	if (pipe(po) || pipe(pi))
		tap_bail("pipe");
	pid = fork();
	if (pid == 0) {
		dup2(pi[0], 0);
		dup2(po[1], 1);
		dup2(po[1], 2);
		/* Only 0..2 may stay open: a daemon keeping the pipe's write
		 * end would hold off our EOF forever. */
		close(po[0]);
		close(po[1]);
		close(pi[0]);
		close(pi[1]);
		execv(argv[0], argv);
		_exit(127);
	}
	close(po[1]);
	close(pi[0]);
	if (in && write(pi[1], in, strlen(in)) < 0)
		tap_diag("writing stdin failed");
	close(pi[1]);
	/* Drain everything, keeping the first cap - 1 bytes: closing the pipe
	 * early would kill a long writer (tzcom log) with SIGPIPE. */
	for (;;) {
		char sink[1024];
		size_t room = cap - 1 - got;

		r = room ? read(po[0], out + got, room) : read(po[0], sink, sizeof(sink));
		if (r <= 0)
			break;
		if (room)
			got += (size_t)r;
	}
	out[got] = '\0';
	close(po[0]);
	waitpid(pid, &status, 0);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* pid of a running tzcomd, or 0. */
static pid_t find_tzcomd(void)
{
	struct dirent *de;
	pid_t found = 0;
	DIR *d = opendir("/proc");

	while (d && (de = readdir(d)) && !found) {
		char path[64], comm[32] = "", st[256] = "";
		FILE *f;
		pid_t pid = (pid_t)atoi(de->d_name);

		if (pid <= 0 || pid == getpid())
			continue;
		snprintf(path, sizeof(path), "/proc/%d/comm", pid);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(comm, sizeof(comm), f))
			comm[0] = '\0';
		fclose(f);
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		f = fopen(path, "r");
		if (f) {
			if (!fgets(st, sizeof(st), f))
				st[0] = '\0';
			fclose(f);
		}
		if (!strcmp(comm, "tzcomd\n") && !strstr(st, ") Z"))
			found = pid;
	}
	if (d)
		closedir(d);
	return found;
}

static int svc_busy(uint32_t svc, uint32_t lo, uint32_t hi)
{
	uint32_t inst;
	/* The system services' ids can only be registered on the listener node. */
	int fd = tzt_open_priv(), ret = tzt_register(fd, svc, lo, hi, &inst);

	close(fd);
	return ret == -EBUSY;
}

static void storage_wire_tests(int fd)
{
	static uint8_t data[TZ_HLOS_WRITE_MAX_DATA];
	char name65[66];
	uint32_t n = 0;
	int32_t st;
	int found = 0;

	tzt_fill(data, sizeof(data), 1234);
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, "t_tzcomd.obj", data, 1000, NULL, 0, 0), 0,
	       "WRITE 1000 B");
	st = storage(fd, TZ_HLOS_STORAGE_READ, "t_tzcomd.obj", NULL, 0, &n, 0, 0);
	tap_ok(st == 0 && n == 1000 && !memcmp(ans + 8, data, 1000), "READ gives the 1000 B back");
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, "t_tzcomd.obj", data + 7, 3, NULL, 0, 0), 0,
	       "WRITE again (replace)");
	st = storage(fd, TZ_HLOS_STORAGE_READ, "t_tzcomd.obj", NULL, 0, &n, 0, 0);
	tap_ok(st == 0 && n == 3 && !memcmp(ans + 8, data + 7, 3), "READ gives the new 3 B");
	st = storage(fd, TZ_HLOS_STORAGE_LIST, NULL, NULL, 0, &n, 0, 0);
	for (uint32_t off = 0; st == 0 && off < n; off += (uint32_t)strlen((char *)ans + 8 + off) + 1)
		found |= !strcmp((char *)ans + 8 + off, "t_tzcomd.obj");
	tap_ok(st == 0 && found && (n == 0 || ans[8 + n - 1] == '\0'),
	       "LIST shows it, NUL-terminated names");
	{
		DIR *d = opendir(STORE_DIR);
		struct dirent *de;
		int tmp = 0;

		while (d && (de = readdir(d)))
			tmp |= strstr(de->d_name, ".tmp") != NULL;
		if (d)
			closedir(d);
		tap_ok(d && !tmp, "no temporary files left in " STORE_DIR);
	}
	tap_is(storage(fd, TZ_HLOS_STORAGE_REMOVE, "t_tzcomd.obj", NULL, 0, NULL, 0, 0), 0,
	       "REMOVE");
	tap_is(storage(fd, TZ_HLOS_STORAGE_READ, "t_tzcomd.obj", NULL, 0, NULL, 0, 0), -ENOENT,
	       "READ after REMOVE: -ENOENT");
	tap_is(storage(fd, TZ_HLOS_STORAGE_REMOVE, "t_tzcomd.obj", NULL, 0, NULL, 0, 0), -ENOENT,
	       "REMOVE again: -ENOENT");
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, "t_tzcomd.big", data, TZ_HLOS_WRITE_MAX_DATA - 12,
		       NULL, 0, 0), 0, "WRITE of the largest blob with a 12-byte name");
	st = storage(fd, TZ_HLOS_STORAGE_READ, "t_tzcomd.big", NULL, 0, &n, 0, 0);
	tap_ok(st == 0 && n == TZ_HLOS_WRITE_MAX_DATA - 12 && !memcmp(ans + 8, data, n),
	       "READ of the largest blob");
	storage(fd, TZ_HLOS_STORAGE_REMOVE, "t_tzcomd.big", NULL, 0, NULL, 0, 0);

	/* Names that could escape the directory or hide. */
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, "../escape", "x", 1, NULL, 0, 0), -EINVAL,
	       "name '../escape': -EINVAL");
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, "..", "x", 1, NULL, 0, 0), -EINVAL,
	       "name '..': -EINVAL");
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, ".hidden", "x", 1, NULL, 0, 0), -EINVAL,
	       "name '.hidden': -EINVAL");
	tap_is(storage(fd, TZ_HLOS_STORAGE_READ, "a/b", NULL, 0, NULL, 0, 0), -EINVAL,
	       "name 'a/b': -EINVAL");
	tap_is(storage(fd, TZ_HLOS_STORAGE_READ, "sp ace", NULL, 0, NULL, 0, 0), -EINVAL,
	       "name with a space: -EINVAL");
	memset(name65, 'n', 65);
	name65[65] = '\0';
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, name65, "x", 1, NULL, 0, 0), -EINVAL,
	       "name of 65 bytes: -EINVAL");
	name65[64] = '\0';
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, name65, "x", 1, NULL, 0, 0), 0,
	       "name of 64 bytes: ok");
	storage(fd, TZ_HLOS_STORAGE_REMOVE, name65, NULL, 0, NULL, 0, 0);
	tap_is(storage(fd, TZ_HLOS_STORAGE_READ, "", NULL, 0, NULL, 0, 0), -EINVAL,
	       "empty name: -EINVAL");

	/* Malformed requests. */
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, "x", "abc", 3, NULL, 0, -1), -EINVAL,
	       "length one short of the header's: -EINVAL");
	tap_is(storage(fd, TZ_HLOS_STORAGE_READ, "x", NULL, 0, NULL, 7, 0), -EINVAL,
	       "reserved field set: -EINVAL");
	tap_is(storage(fd, TZ_HLOS_STORAGE_LIST, "x", NULL, 0, NULL, 0, 0), -EINVAL,
	       "LIST with a name: -EINVAL");
	{
		/* cmd_id in the header disagrees with the callback id. */
		struct tz_hlos_storage_req h = { TZ_HLOS_STORAGE_WRITE, 1, 0, 0 };
		struct tz_hlos_rsp_hdr rh = { 1, 0 };
		int32_t svc, hlos;
		size_t len = 0;

		memcpy(req, &h, sizeof(h));
		req[sizeof(h)] = 'x';
		tzt_forward(fd, TZ_HLOS_STORAGE_READ, req, sizeof(h) + 1, &svc, &hlos, ans,
			    sizeof(ans), &len);
		if (len >= sizeof(rh))
			memcpy(&rh, ans, sizeof(rh));
		tap_is(rh.status, -EINVAL, "header cmd_id differs from the callback id: -EINVAL");
		tzt_forward(fd, TZ_HLOS_STORAGE_FIRST + 0x50, req, sizeof(h) + 1, &svc, &hlos, ans,
			    sizeof(ans), &len);
		rh.status = 1;
		if (len >= sizeof(rh))
			memcpy(&rh, ans, sizeof(rh));
		tap_is(rh.status, -EINVAL, "unknown id in the range, header mismatch: -EINVAL");
		h.cmd_id = TZ_HLOS_STORAGE_FIRST + 0x50;
		memcpy(req, &h, sizeof(h));
		tzt_forward(fd, h.cmd_id, req, sizeof(h) + 1, &svc, &hlos, ans, sizeof(ans), &len);
		rh.status = 1;
		if (len >= sizeof(rh))
			memcpy(&rh, ans, sizeof(rh));
		tap_is(rh.status, -ENOSYS, "unknown id in the range: -ENOSYS");
	}
}

static void time_test(int fd)
{
	struct tz_hlos_rsp_hdr rh;
	struct tz_hlos_time_rsp t;
	struct timespec now;
	int32_t svc, hlos;
	size_t len = 0;
	uint32_t id = TZ_HLOS_TIME_GET;
	int64_t sec;

	tzt_forward(fd, TZ_HLOS_TIME_GET, &id, 4, &svc, &hlos, ans, sizeof(ans), &len);
	clock_gettime(CLOCK_REALTIME, &now);
	memcpy(&rh, ans, sizeof(rh));
	memcpy(&t, ans + sizeof(rh), sizeof(t));
	sec = (int64_t)((uint64_t)t.sec_hi << 32 | t.sec_lo);
	tap_ok(len == sizeof(rh) + sizeof(t) && rh.status == 0 && rh.data_len == sizeof(t) &&
	       t.nsec < 1000000000u && sec <= now.tv_sec && sec >= now.tv_sec - 5,
	       "TIME_GET: CLOCK_REALTIME (%lld vs %lld)", (long long)sec, (long long)now.tv_sec);
}

static void daemon_tests(void)
{
	char out[4096];
	pid_t pid;
	int ret;

	{
		char *argv[] = { TZCOMD, "-f", "/tmp", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 1 && strstr(out, "tzcomd: storage service already served by another "
					     "process (svc_id 0x100 busy)"),
		       "second tzcomd refused: exit 1 and a clear message (exit %d)", ret);
		if (ret != 1)
			tap_diag("output: %s", out);
	}
	{
		char *argv[] = { TZCOMD, "--threads", "0", NULL };

		tap_is(run(argv, NULL, out, sizeof(out)), 2, "tzcomd --threads 0: usage error, exit 2");
	}
	{
		/* The old -d DIR: -d is daemonize now, so DIR is left over. */
		char *argv[] = { TZCOMD, "-d", "/tmp", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 2 && strstr(out, "unexpected argument '/tmp'"),
		       "tzcomd -d DIR (the old meaning): usage error, exit 2 (%d)", ret);
	}
	{
		char *argv[] = { TZCOMD, "--log=journal", NULL };

		tap_is(run(argv, NULL, out, sizeof(out)), 2, "tzcomd --log=journal: usage error, exit 2");
	}
	{
		char *argv[] = { TZCOMD, "--help", NULL };

		tap_ok(run(argv, NULL, out, sizeof(out)) == 0 && strstr(out, "--daemon"),
		       "tzcomd --help: exit 0");
	}

	pid = find_tzcomd();
	tap_ok(pid > 0, "found the running tzcomd (pid %d)", pid);
	if (pid > 0) {
		int gone = 0;

		kill(pid, SIGTERM);
		for (int i = 0; i < 300 && !gone; i++) {
			tzt_sleep_ms(10);
			gone = !svc_busy(TZ_HLOS_STORAGE_SVC_ID, TZ_HLOS_STORAGE_FIRST,
					 TZ_HLOS_STORAGE_LAST) &&
			       !svc_busy(TZ_HLOS_TIME_SVC_ID, TZ_HLOS_TIME_FIRST, TZ_HLOS_TIME_LAST);
		}
		tap_ok(gone, "SIGTERM: tzcomd stops and frees both services");
		for (int i = 0; i < 300 && find_tzcomd() == pid; i++)
			tzt_sleep_ms(10);
		tap_ok(find_tzcomd() != pid, "... and the process ends");
	} else {
		tap_skip(2, "no tzcomd to stop");
	}
	{
		char *argv[] = { TZCOMD, "--daemon", "-p", PIDFILE, "-f", STORE_DIR, "-t", "3",
				 NULL };
		FILE *f;
		long p = 0;

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 0 && svc_busy(TZ_HLOS_STORAGE_SVC_ID, TZ_HLOS_STORAGE_FIRST,
					    TZ_HLOS_STORAGE_LAST),
		       "tzcomd --daemon returns 0 with the services registered (exit %d)", ret);
		f = fopen(PIDFILE, "r");
		if (f) {
			if (fscanf(f, "%ld", &p) != 1)
				p = 0;
			fclose(f);
		}
		tap_ok(p > 0 && p == find_tzcomd(), "pidfile names the daemon (%ld)", p);
	}
}

static void cli_tests(uint32_t services)
{
	char out[8192];
	int ret;

	{
		char *argv[] = { TZCOM, "--help", NULL };

		tap_ok(run(argv, NULL, out, sizeof(out)) == 0 && strstr(out, "store put"),
		       "tzcom --help: exit 0");
	}
	{
		char *argv[] = { TZCOM, "frobnicate", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 2 && strstr(out, "unknown command 'frobnicate'"),
		       "tzcom frobnicate: exit 2, names the command (%d)", ret);
	}
	{
		char *argv[] = { TZCOM, "store", "get", ".secret", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 2 && strstr(out, "store get '.secret'"),
		       "tzcom store get .secret: exit 2, names the object (%d)", ret);
	}
	{
		char *argv[] = { TZCOM, "ping", "-c", "3", "-s", "256", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 0 && strstr(out, "3 round trips"), "tzcom ping -c 3 -s 256 (%d)", ret);
	}
	{
		char *argv[] = { TZCOM, "info", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 0 && strstr(out, "TZBSP 1."), "tzcom info (%d)", ret);
	}
	{
		char *argv[] = { TZCOM, "log", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 0 && strlen(out) > 0, "tzcom log prints the TZ log (%d, %zu B)", ret,
		       strlen(out));
	}
	{
		char *argv[] = { TZCOM, "--device", "/nonexistent", "info", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 3 && strstr(out, "cannot open /nonexistent"),
		       "tzcom --device /nonexistent: exit 3 with the reason (%d)", ret);
	}
	{
		char *argv[] = { TZCOM, "--device=/nonexistent", "sha256", "--help", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 0 && strstr(out, "usage: tzcom sha256 [FILE]"),
		       "tzcom sha256 --help: the command's usage, exit 0, no device opened (%d)", ret);
	}
	{
		char *argv[] = { TZCOM, "ping", "--count", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 2 && strstr(out, "option '--count' needs an argument"),
		       "tzcom ping --count: exit 2, names the option (%d)", ret);
	}
	{
		char *argv[] = { TZCOM, "--version", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 0 && !strncmp(out, "tzcom ", 6) && strstr(out, " (libtzcom "),
		       "tzcom --version: exit 0, the CLI's and the library's version (%d)", ret);
	}
	{
		char *argv[] = { TZCOM, "status", "--json", NULL };

		ret = run(argv, NULL, out, sizeof(out));
		tap_ok(ret == 0 && strstr(out, "\"open\": true") && strstr(out, "\"comm\": \"tzcomd\""),
		       "tzcom status --json: exit 0, device open, tzcomd among the holders (%d)", ret);
	}
	{
		char *argv[] = { TZCOM, "status", NULL };
		char want[96], *line;
		FILE *f = fopen("/sys/class/misc/tzcom/services", "re");
		long owner = -1;
		unsigned int id;

		/* The registry names tzcomd's storage service with its owner's pid. */
		while (f && fscanf(f, "%x %*x %*x %ld %*u", &id, &owner) == 2 &&
		       id != TZ_HLOS_STORAGE_SVC_ID)
			owner = -1;
		if (f)
			fclose(f);
		ret = run(argv, NULL, out, sizeof(out));
		snprintf(want, sizeof(want), "pid %ld tzcomd", owner);
		line = strstr(out, want);
		tap_ok(ret == 0 && owner > 0 && line && strstr(line, "serves svc 0x100") &&
		       strstr(out, "svc 0x100 (storage), cmd_id 0x1000..0x10ff"),
		       "services file and tzcom status: storage 0x100 is owned by tzcomd (pid %ld) (%d)",
		       owner, ret);
	}
	if (services & (1u << TZ_SVC_CRYPTO)) {
		char *argv[] = { TZCOM, "sha256", NULL };

		ret = run(argv, "abc", out, sizeof(out));
		tap_ok(ret == 0 && strstr(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
		       "echo abc | tzcom sha256 (%d)", ret);
	} else {
		tap_skip(1, "crypto service not up");
	}
	if (services & (1u << TZ_SVC_STORAGE)) {
		char *put[] = { TZCOM, "store", "put", "t_cli", NULL };
		char *get[] = { TZCOM, "store", "get", "t_cli", NULL };
		char *ls[] = { TZCOM, "store", "ls", NULL };
		char *rm[] = { TZCOM, "store", "rm", "t_cli", NULL };

		tap_is(run(put, "sealed hello\n", out, sizeof(out)), 0, "tzcom store put t_cli");
		ret = run(get, NULL, out, sizeof(out));
		tap_ok(ret == 0 && !strcmp(out, "sealed hello\n"), "tzcom store get t_cli (%d)", ret);
		ret = run(ls, NULL, out, sizeof(out));
		tap_ok(ret == 0 && strstr(out, "t_cli\n"), "tzcom store ls (%d)", ret);
		tap_is(run(rm, NULL, out, sizeof(out)), 0, "tzcom store rm t_cli");
		ret = run(get, NULL, out, sizeof(out));
		tap_ok(ret == 1 && strstr(out, "store get 't_cli'"),
		       "tzcom store get after rm: exit 1 naming the object (%d)", ret);

		/* Tamper with the sealed file tzcomd keeps. */
		run(put, "tamper me\n", out, sizeof(out));
		{
			int fd = open(STORE_DIR "/t_cli", O_RDWR);
			uint8_t b = 0;

			if (fd >= 0 && pread(fd, &b, 1, 30) == 1) {
				b ^= 0x40;
				if (pwrite(fd, &b, 1, 30) != 1)
					tap_diag("pwrite failed");
			}
			if (fd >= 0)
				close(fd);
		}
		ret = run(get, NULL, out, sizeof(out));
		tap_ok(ret == 1 && strstr(out, "tzcom: store get 't_cli': Bad message (authentication failed)"),
		       "tampered object: exit 1, 'Bad message (authentication failed)' (%d)", ret);
		run(rm, NULL, out, sizeof(out));
	} else {
		tap_skip(6, "storage service not up");
	}
}

int main(void)
{
	struct tzcom_core_info ci = { 0 };
	size_t len = 0;
	int32_t st;
	int fd;

	tap_plan(56);
	signal(SIGPIPE, SIG_IGN);
	if (access(TZCOMD, X_OK))
		tap_bail(TZCOMD " not installed");
	fd = tzt_open();
	if (!svc_busy(TZ_HLOS_STORAGE_SVC_ID, TZ_HLOS_STORAGE_FIRST, TZ_HLOS_STORAGE_LAST)) {
		char *argv[] = { TZCOMD, "--daemon", "-f", STORE_DIR, NULL };
		char out[1024];

		tap_diag("no tzcomd running; starting one");
		if (run(argv, NULL, out, sizeof(out)))
			tap_bail("cannot start tzcomd: %s", out);
	}
	tzt_call(fd, TZ_CORE_GET_INFO, NULL, 0, 8 + sizeof(ci), &st, &ci, sizeof(ci), &len);

	storage_wire_tests(fd);
	time_test(fd);
	daemon_tests();
	/* The restarted daemon serves the same store. */
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, "t_tzcomd.2", "x", 1, NULL, 0, 0), 0,
	       "the new tzcomd serves storage");
	storage(fd, TZ_HLOS_STORAGE_REMOVE, "t_tzcomd.2", NULL, 0, NULL, 0, 0);
	cli_tests(ci.services);
	close(fd);
	return tap_done();
}
