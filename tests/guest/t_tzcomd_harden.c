// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzcomd hardening (issue 10 defects 4 and 5, and docs/userspace.md):
 *  - stale temp files (".NAME.0.tmp", left by a crash mid-write) are
 *    removed at start, and temp names never collide with old ones: the
 *    first WRITE of that name after a restart succeeds (it failed with
 *    -EEXIST before);
 *  - a FIFO planted in the store is refused (-EINVAL) without blocking a
 *    reader (before, READ opened it and blocked until the callback timed
 *    out, wedging the reader);
 *  - a failed write (ENOSPC) keeps the previous object and leaves no temp;
 *  - when every reader thread dies of an unexpected error, tzcomd exits 1
 *    instead of waiting for a signal; one dead reader of several is not
 *    fatal.
 * Stops the board's tzcomd, runs its own instances on a small tmpfs, and
 * restarts the board's tzcomd with its original command line at the end.
 */
#include <dirent.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <tzcom/hlos_storage.h>

#include "tzt.h"

#define TZCOMD		"/usr/bin/tzcomd"
#define TOP		"/tmp/harden"
#define STORE		TOP "/store"
#define STORE2		TOP "/store2"
#define PIDFILE		TOP "/tzcomd.pid"

static uint8_t req[TZCOM_MAX_BUF_LEN], ans[TZCOM_MAX_BUF_LEN];
/* tzcomd has --user (not before the privilege split: then run as root). */
static int has_user;

/* One storage callback through FORWARD; the answer status, or 1 if none. */
static int32_t storage(int fd, uint32_t id, const char *name, const void *data, uint32_t n,
		       void *out, uint32_t *out_len)
{
	struct tz_hlos_storage_req h = {
		.cmd_id = id, .name_len = name ? (uint32_t)strlen(name) : 0, .data_len = n,
	};
	struct tz_hlos_rsp_hdr rh;
	size_t len = 0;
	int32_t svc, hlos;

	memcpy(req, &h, sizeof(h));
	memcpy(req + sizeof(h), name, h.name_len);
	if (n)
		memcpy(req + sizeof(h) + h.name_len, data, n);
	if (tzt_forward(fd, id, req, sizeof(h) + h.name_len + n, &svc, &hlos, ans, sizeof(ans),
			&len) || svc || hlos || len < sizeof(rh))
		return 1;
	memcpy(&rh, ans, sizeof(rh));
	if (rh.data_len != len - sizeof(rh))
		return 1;
	if (out && out_len) {
		memcpy(out, ans + sizeof(rh), rh.data_len);
		*out_len = rh.data_len;
	}
	return rh.status;
}

static int svc_busy(void)
{
	uint32_t inst;
	int fd = tzt_open_listener(), ret = tzt_register(fd, TZ_HLOS_STORAGE_SVC_ID,
						     TZ_HLOS_STORAGE_FIRST, TZ_HLOS_STORAGE_LAST,
						     &inst);

	close(fd);
	return ret == -EBUSY;
}

static int wait_busy(int want, long ms)
{
	for (long i = 0; i < ms / 10; i++) {
		if (svc_busy() == want)
			return 1;
		tzt_sleep_ms(10);
	}
	return svc_busy() == want;
}

/* pid of a running, not zombie, tzcomd other than skip, or 0. */
static pid_t find_tzcomd(pid_t skip)
{
	struct dirent *de;
	pid_t found = 0;
	DIR *d = opendir("/proc");

	while (d && (de = readdir(d)) && !found) {
		char path[64], st[256] = "";
		pid_t pid = (pid_t)atoi(de->d_name);
		FILE *f;

		if (pid <= 0 || pid == skip)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/stat", pid);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(st, sizeof(st), f))
			st[0] = '\0';
		fclose(f);
		if (strstr(st, "(tzcomd) ") && !strstr(st, ") Z"))
			found = pid;
	}
	if (d)
		closedir(d);
	return found;
}

/* Run argv to completion with stdout/stderr to /dev/null; its exit status. */
static int run(char *const argv[])
{
	int st;
	pid_t pid = fork();

	if (pid == 0) {
		int nul = open("/dev/null", O_RDWR);

		dup2(nul, 0);
		dup2(nul, 1);
		dup2(nul, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int stop_pid(pid_t pid)
{
	kill(pid, SIGTERM);
	for (int i = 0; i < 500; i++) {
		if (kill(pid, 0) && errno == ESRCH)
			return 1;
		if (find_tzcomd(0) != pid)
			return 1;
		tzt_sleep_ms(10);
	}
	return 0;
}

static int exists(const char *path)
{
	struct stat sb;

	return lstat(path, &sb) == 0;
}

static int put_file(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* Temp files of name left in dir. */
static int temps_of(const char *dir, const char *name)
{
	char prefix[96];
	struct dirent *de;
	DIR *d = opendir(dir);
	int n = 0;

	snprintf(prefix, sizeof(prefix), ".%s.", name);
	while (d && (de = readdir(d)))
		n += !strncmp(de->d_name, prefix, strlen(prefix));
	if (d)
		closedir(d);
	return n;
}

static void temp_tests(int fd)
{
	char path[128];
	uint8_t got[64];
	uint32_t gl = 0;
	int ok = 1;

	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, "hobj", "fresh", 5, NULL, NULL), 0,
	       "the first WRITE of a name whose temp file a crash left behind: 0 (not -EEXIST)");
	tap_ok(storage(fd, TZ_HLOS_STORAGE_READ, "hobj", NULL, 0, got, &gl) == 0 && gl == 5 &&
	       !memcmp(got, "fresh", 5), "... and READ returns it");

	/* Old-style temp names planted while it runs never collide either. */
	for (int i = 0; i < 32; i++) {
		snprintf(path, sizeof(path), STORE "/.hobj2.%d.tmp", i);
		ok &= put_file(path, "stale") == 0;
	}
	tap_ok(ok && storage(fd, TZ_HLOS_STORAGE_WRITE, "hobj2", "x", 1, NULL, NULL) == 0,
	       "WRITE beside 32 planted '.hobj2.N.tmp' files: 0");
}

/* Release a reader a broken tzcomd left blocked opening the FIFO. */
static void unwedge(void)
{
	int wfd = open(STORE "/fifo1", O_WRONLY | O_NONBLOCK);

	if (wfd >= 0) {
		tap_diag("a reader had the FIFO open: unwedged it");
		close(wfd);
	}
}

static void fifo_tests(int fd)
{
	double t0, ms;
	int32_t st;
	int ok = 1;
	uint8_t got[64];
	uint32_t gl = 0;

	tap_ok(mkfifo(STORE "/fifo1", 0600) == 0, "a FIFO planted in the store");
	t0 = tzt_now_ms();
	st = storage(fd, TZ_HLOS_STORAGE_READ, "fifo1", NULL, 0, NULL, NULL);
	ms = tzt_now_ms() - t0;
	tap_is(st, -EINVAL, "READ of the FIFO: -EINVAL");
	tap_ok(ms < 2000, "... at once (%.0f ms), no reader blocked", ms);
	unwedge();
	for (int i = 0; i < 4; i++) {
		ok &= storage(fd, TZ_HLOS_STORAGE_READ, "fifo1", NULL, 0, NULL, NULL) == -EINVAL;
		unwedge();
	}
	t0 = tzt_now_ms();
	ok &= storage(fd, TZ_HLOS_STORAGE_READ, "hobj", NULL, 0, got, &gl) == 0 && gl == 5;
	tap_ok(ok && tzt_now_ms() - t0 < 2000,
	       "4 more FIFO READs refused, and both readers still serve a regular READ");
	unlink(STORE "/fifo1");
}

static void enospc_tests(int fd)
{
	static uint8_t big[16384], orig[1000];
	uint8_t got[1000];
	uint32_t gl = 0;
	int ffd;
	int32_t st;

	tzt_fill(orig, sizeof(orig), 1);
	tzt_fill(big, sizeof(big), 2);
	tap_is(storage(fd, TZ_HLOS_STORAGE_WRITE, "keep1", orig, sizeof(orig), NULL, NULL), 0,
	       "WRITE keep1 (1000 B)");
	/* Fill the tmpfs (as root, outside the store). */
	ffd = open(TOP "/filler", O_WRONLY | O_CREAT | O_TRUNC, 0600);
	while (ffd >= 0 && write(ffd, big, sizeof(big)) > 0)
		;
	while (ffd >= 0 && write(ffd, big, 1) > 0)
		;
	if (ffd >= 0)
		close(ffd);
	st = storage(fd, TZ_HLOS_STORAGE_WRITE, "keep1", big, sizeof(big), NULL, NULL);
	tap_is(st, -ENOSPC, "WRITE keep1 (16 KiB) on a full file system: -ENOSPC");
	tap_ok(storage(fd, TZ_HLOS_STORAGE_READ, "keep1", NULL, 0, got, &gl) == 0 &&
	       gl == sizeof(orig) && !memcmp(got, orig, sizeof(orig)),
	       "... the previous object is intact (%u B)", gl);
	tap_is(temps_of(STORE, "keep1"), 0, "... and no temp file is left");
	unlink(TOP "/filler");
}

/* The tzcom fds of pid, in fd order; their count. */
static int priv_fds(pid_t pid, int *fds, int max)
{
	char dir[64], path[128], link[64];
	int n = 0;

	snprintf(dir, sizeof(dir), "/proc/%d/fd", pid);
	for (int fd = 0; fd < 256 && n < max; fd++) {
		ssize_t l;

		snprintf(path, sizeof(path), "%s/%d", dir, fd);
		l = readlink(path, link, sizeof(link) - 1);
		if (l <= 0)
			continue;
		link[l] = '\0';
		/* TZT_DEV: a tzcomd from before the split, on the one node. */
		if (!strcmp(link, TZT_PRIV_DEV) || !strcmp(link, TZT_DEV))
			fds[n++] = fd;
	}
	return n;
}

/* ABORT the fd that pid has at number target (pidfd_getfd, as root). */
static int abort_remote(pid_t pid, int target)
{
	int pfd = (int)syscall(SYS_pidfd_open, pid, 0), fd, ret;

	if (pfd < 0)
		return -errno;
	fd = (int)syscall(SYS_pidfd_getfd, pfd, target, 0);
	close(pfd);
	if (fd < 0)
		return -errno;
	ret = tzt_abort(fd);
	close(fd);
	return ret;
}

static int reap(pid_t pid, long ms, int *status)
{
	for (long i = 0; i < ms / 10; i++) {
		if (waitpid(pid, status, WNOHANG) == pid)
			return 1;
		tzt_sleep_ms(10);
	}
	return waitpid(pid, status, WNOHANG) == pid;
}

static void readers_die_tests(int cfd)
{
	int fds[8], n, st = 0, ok = 1;
	char msg[512] = "";
	pid_t pid;

	mkdir(STORE2, 0700);
	pid = fork();
	if (pid == 0) {
		int err = open(TOP "/fg.err", O_WRONLY | O_CREAT | O_TRUNC, 0644);
		char *argv[] = { TZCOMD, "-f", STORE2, "-t", "2", "--user", "tzcomd", NULL };

		if (!has_user)
			argv[5] = NULL;
		dup2(err, 2);
		execv(argv[0], argv);
		_exit(127);
	}
	tap_ok(wait_busy(1, 5000), "a foreground tzcomd (2 storage readers) serves");
	/* It registers first and opens the readers' fds after. */
	for (int i = 0; i < 500 && (n = priv_fds(pid, fds, 8)) < 4; i++)
		tzt_sleep_ms(10);
	/* Opened in order: the owner, the storage readers, the time reader. */
	tap_ok(n == 4, "it holds 4 listener fds (owner, 2 storage readers, time) (%d)", n);
	if (n == 4) {
		ok &= abort_remote(pid, fds[1]) == 0;
		tzt_sleep_ms(500);
		ok &= waitpid(pid, &st, WNOHANG) == 0;
		ok &= storage(cfd, TZ_HLOS_STORAGE_READ, "nothing", NULL, 0, NULL, NULL) == -ENOENT;
		tap_ok(ok, "one storage reader's fd aborted from outside: tzcomd lives on and serves");
		for (int i = 0; i < n; i++)
			if (i != 1)
				abort_remote(pid, fds[i]);
	} else {
		tap_ok(0, "one storage reader's fd aborted from outside");
	}
	ok = reap(pid, 5000, &st);
	tap_ok(ok && WIFEXITED(st) && WEXITSTATUS(st) == 1,
	       "every reader ended with an error: tzcomd exits 1 by itself (%s, status 0x%x)",
	       ok ? "exited" : "still running after 5 s", st);
	if (!ok) {
		kill(pid, SIGKILL);
		waitpid(pid, &st, 0);
	}
	{
		int efd = open(TOP "/fg.err", O_RDONLY);
		ssize_t l = efd >= 0 ? read(efd, msg, sizeof(msg) - 1) : -1;

		msg[l > 0 ? l : 0] = '\0';
		if (efd >= 0)
			close(efd);
	}
	tap_ok(strstr(msg, "every reader thread ended") != NULL, "... saying why: %s",
	       strtok(msg, "\n") ? msg : "(nothing)");
}

/* argv of pid from /proc/pid/cmdline (static storage). */
static int cmdline_of(pid_t pid, char **argv, int max)
{
	static char buf[1024];
	char path[64];
	int fd, n = 0;
	ssize_t l;

	snprintf(path, sizeof(path), "/proc/%d/cmdline", pid);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	l = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (l <= 0)
		return 0;
	buf[l] = '\0';
	for (char *p = buf; p < buf + l && n < max - 1; p += strlen(p) + 1)
		argv[n++] = p;
	argv[n] = NULL;
	return n;
}

int main(void)
{
	char *orig[32] = { TZCOMD, "-f", "/var/lib/tzcom", "--daemon", "-p",
			   "/run/tzcomd/tzcomd.pid", "--user", "tzcomd", NULL };
	pid_t board = find_tzcomd(0), mine;
	int cfd = tzt_open();

	tap_plan(23);
	has_user = system(TZCOMD " --help | grep -q -- --user") == 0;
	if (!has_user)
		tap_diag("this tzcomd has no --user: its instances run as root");
	if (board > 0)
		cmdline_of(board, orig, 32);
	if (!strcmp(orig[0], "tzcomd"))
		orig[0] = TZCOMD;
	tap_ok(board <= 0 || (stop_pid(board) && wait_busy(0, 3000)),
	       "the board's tzcomd stopped (pid %d)", board);

	mkdir(TOP, 0755);
	tap_ok(mount("tmpfs", TOP, "tmpfs", 0, "size=256k,mode=0755") == 0 && mkdir(STORE, 0700) == 0,
	       "a 256 KiB tmpfs for the store");
	/* What a crash mid-write leaves behind, as the old naming made it. */
	put_file(STORE "/.hobj.0.tmp", "torn");
	put_file(STORE "/.hobj.1.tmp", "torn");
	put_file(STORE "/.other-name.77.tmp", "torn");
	put_file(STORE "/.keep", "not ours");
	{
		char *argv[] = { TZCOMD, "--daemon", "-p", PIDFILE, "-f", STORE, "--user", "tzcomd",
				 NULL };

		if (!has_user)
			argv[6] = NULL;
		tap_is(run(argv), 0, "tzcomd --daemon%s on it starts", has_user ? " --user tzcomd" : "");
	}
	mine = find_tzcomd(0);
	tap_ok(!exists(STORE "/.hobj.0.tmp") && !exists(STORE "/.hobj.1.tmp") &&
	       !exists(STORE "/.other-name.77.tmp"), "stale temp files removed at start");
	tap_ok(exists(STORE "/.keep"), "... other files left alone");

	temp_tests(cfd);
	fifo_tests(cfd);
	enospc_tests(cfd);
	tap_ok(mine > 0 && stop_pid(mine) && wait_busy(0, 3000), "our tzcomd stops on SIGTERM");

	readers_die_tests(cfd);

	umount2(TOP, MNT_DETACH);
	tap_ok(run(orig) == 0 && wait_busy(1, 3000), "the board's tzcomd restarted (%s ...)",
	       orig[0]);
	close(cfd);
	return tap_done();
}
