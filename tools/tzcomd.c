// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzcomd: serves the secure world's normal-world services (storage and
 * time, docs/protocol-hlos.md) through /dev/tzcom.
 *
 * Arguments, the store directory and the device are checked, and the
 * services registered, before tzcomd detaches (--daemon), so every
 * start-up error reaches the terminal: the daemon child reports its
 * start-up result to the waiting parent through a pipe.
 *
 * Options follow tee-supplicant's where they overlap (-d daemonize,
 * -f/--fs-parent-path the store directory); the old --dir and -D stay as
 * aliases.  Under systemd (Type=notify) it says READY=1 once both
 * services are registered.
 *
 * With --user, tzcomd opens every fd it needs (the store directory, the
 * listener node /dev/tzcompriv: one owner fd and one per reader), then
 * drops to that user for good, before it handles any request.
 *
 * Exit status: 0 stopped by SIGTERM/SIGINT, 1 start-up or runtime error
 * (also when every reader thread has ended of an error), 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <grp.h>
#include <pthread.h>
#include <pwd.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libtzcom.h>
#include <tzcom/hlos_storage.h>

#include "tzcomd_log.h"
#include "tzcomd_notify.h"
#include "tzcomd_svc.h"

#define TZCOMD_DEFAULT_DIR	"/var/lib/tzcom"
#define TZCOMD_MAX_THREADS	64

struct tzcomd_opts {
	const char *dir;
	const char *device;
	const char *pidfile;
	const char *user;
	uid_t uid;
	gid_t gid;
	unsigned int threads;
	enum tzlog_target log;
	bool verbose;
	bool daemon;
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: tzcomd [OPTIONS]\n"
		"Serve the secure world's storage and time requests via /dev/tzcom.\n\n"
		"  -f, --fs-parent-path=DIR  object directory (default " TZCOMD_DEFAULT_DIR ";\n"
		"                            --dir is an alias)\n"
		"  -t, --threads=N           storage reader threads, 1..%d (default 2)\n"
		"  -v, --verbose             log one line per request\n"
		"  -d, --daemon              detach once the services are registered (-D too)\n"
		"  -p, --pidfile=FILE        write the daemon's pid to FILE\n"
		"  -u, --user=USER           run as USER (name or UID[:GID]) once everything\n"
		"                            is open; the store is handed to USER\n"
		"      --log=TARGET          stderr, syslog, or auto (default: syslog\n"
		"                            with --daemon, else stderr)\n"
		"      --device=PATH         listener node (default $TZCOM_LISTENER_DEVICE\n"
		"                            or /dev/tzcompriv)\n"
		"  -V, --version             print the version and exit\n"
		"  -h, --help                this text\n\n"
		"Stops cleanly on SIGTERM or SIGINT.  Under systemd (Type=notify) it\n"
		"sends READY=1 once both services are registered.  Exit status: 0 stopped\n"
		"by a signal, 1 error (also when every reader thread has ended of an\n"
		"error), 2 usage.\n", TZCOMD_MAX_THREADS);
}

/* path made absolute against the current directory (leaked: lives as
 * long as the process). */
static char *abs_path(const char *path)
{
	char cwd[4096], *out;

	if (path[0] == '/')
		return strdup(path);
	if (!getcwd(cwd, sizeof(cwd)))
		return NULL;
	if (asprintf(&out, "%s/%s", cwd, path) < 0)
		return NULL;
	return out;
}

/*
 * USER as a name in /etc/passwd or as UID[:GID].  fgetpwent() reads the
 * file itself: getpwnam() would need NSS modules a static binary lacks.
 */
static int resolve_user(struct tzcomd_opts *o)
{
	struct passwd *pw;
	char *end;
	unsigned long id;
	FILE *f;

	errno = 0;
	id = strtoul(o->user, &end, 10);
	if (!errno && end != o->user && (*end == '\0' || *end == ':') && id > 0 &&
	    id < 65535) {
		o->uid = (uid_t)id;
		o->gid = (gid_t)id;
		if (*end == ':') {
			const char *g = end + 1;

			errno = 0;
			id = strtoul(g, &end, 10);
			if (errno || end == g || *end || id == 0 || id >= 65535)
				goto bad;
			o->gid = (gid_t)id;
		}
		return 0;
	}
	f = fopen("/etc/passwd", "re");
	if (!f) {
		fprintf(stderr, "tzcomd: --user '%s': cannot read /etc/passwd: %s\n",
			o->user, strerror(errno));
		return 2;
	}
	while ((pw = fgetpwent(f))) {
		if (!strcmp(pw->pw_name, o->user)) {
			o->uid = pw->pw_uid;
			o->gid = pw->pw_gid;
			break;
		}
	}
	fclose(f);
	if (pw && o->uid != 0 && o->gid != 0)
		return 0;
bad:
	fprintf(stderr, "tzcomd: --user '%s': no such user (or root), want a name in /etc/passwd or UID[:GID]\n",
		o->user);
	return 2;
}

static int parse_args(int argc, char **argv, struct tzcomd_opts *o)
{
	static const struct option longopts[] = {
		{ "fs-parent-path", required_argument, NULL, 'f' },
		{ "dir", required_argument, NULL, 'f' },
		{ "threads", required_argument, NULL, 't' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "daemon", no_argument, NULL, 'd' },
		{ "pidfile", required_argument, NULL, 'p' },
		{ "log", required_argument, NULL, 'L' },
		{ "device", required_argument, NULL, 'E' },
		{ "version", no_argument, NULL, 'V' },
		{ "user", required_argument, NULL, 'u' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	long n;
	int c;

	o->dir = TZCOMD_DEFAULT_DIR;
	o->threads = 2;
	while ((c = getopt_long(argc, argv, "f:t:vdDp:u:Vh", longopts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o->dir = optarg;
			break;
		case 't':
			errno = 0;
			n = strtol(optarg, &end, 10);
			if (errno || *end || n < 1 || n > TZCOMD_MAX_THREADS) {
				fprintf(stderr, "tzcomd: --threads '%s': want 1..%d\n",
					optarg, TZCOMD_MAX_THREADS);
				return 2;
			}
			o->threads = (unsigned int)n;
			break;
		case 'v':
			o->verbose = true;
			break;
		case 'd':
		case 'D':
			o->daemon = true;
			break;
		case 'L':
			if (tzlog_parse(optarg, &o->log)) {
				fprintf(stderr, "tzcomd: --log '%s': want stderr, syslog or auto\n",
					optarg);
				return 2;
			}
			break;
		case 'p':
			/* Absolute: a daemon changes to / before removing it. */
			o->pidfile = abs_path(optarg);
			if (!o->pidfile) {
				fprintf(stderr, "tzcomd: --pidfile '%s': %s\n", optarg,
					strerror(errno));
				return 2;
			}
			break;
		case 'E':
			o->device = optarg;
			break;
		case 'V':
			printf("tzcomd %s (libtzcom %s)\n", TZCOM_VERSION, tzcom_version());
			exit(0);
		case 'u':
			o->user = optarg;
			break;
		case 'h':
			usage(stdout);
			exit(0);
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind != argc) {
		fprintf(stderr, "tzcomd: unexpected argument '%s'\n", argv[optind]);
		usage(stderr);
		return 2;
	}
	return o->user ? resolve_user(o) : 0;
}

static const char *cmd_name(uint32_t cmd_id)
{
	switch (cmd_id) {
	case TZ_HLOS_STORAGE_WRITE: return "WRITE";
	case TZ_HLOS_STORAGE_READ: return "READ";
	case TZ_HLOS_STORAGE_REMOVE: return "REMOVE";
	case TZ_HLOS_STORAGE_LIST: return "LIST";
	case TZ_HLOS_TIME_GET: return "TIME";
	default: return "?";
	}
}

static void log_request(void *ctx, uint32_t svc_id, uint32_t cmd_id,
			size_t req_len, int status, size_t rsp_len)
{
	(void)ctx;
	tzlog(LOG_INFO, "svc 0x%x cmd 0x%x %s: %zu B in, %zu B out, status %d (%s)",
	      svc_id, cmd_id, cmd_name(cmd_id), req_len, rsp_len, status,
	      strerror(status < 0 ? -status : status));
}

static const char *svc_name(uint32_t svc_id)
{
	return svc_id == TZ_HLOS_TIME_SVC_ID ? "time" : "storage";
}

/*
 * Give the store, and the objects an earlier tzcomd created in it, to the
 * user tzcomd will run as.  Only regular files: nothing else is ours.
 */
static int chown_store(int fd, const char *dir, const struct tzcomd_opts *o)
{
	struct dirent *de;
	DIR *d;
	int dfd;

	if (fchown(fd, o->uid, o->gid) || fchmod(fd, 0700)) {
		fprintf(stderr, "tzcomd: cannot give %s to uid %u: %s\n", dir,
			(unsigned int)o->uid, strerror(errno));
		return -1;
	}
	dfd = openat(fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	d = dfd < 0 ? NULL : fdopendir(dfd);
	if (!d) {
		fprintf(stderr, "tzcomd: cannot list %s: %s\n", dir, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	while ((de = readdir(d))) {
		struct stat sb;

		if (fstatat(dfd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) ||
		    !S_ISREG(sb.st_mode) || (sb.st_uid == o->uid && sb.st_gid == o->gid))
			continue;
		if (fchownat(dfd, de->d_name, o->uid, o->gid, AT_SYMLINK_NOFOLLOW)) {
			fprintf(stderr, "tzcomd: cannot give %s/%s to uid %u: %s\n", dir,
				de->d_name, (unsigned int)o->uid, strerror(errno));
			closedir(d);
			return -1;
		}
	}
	closedir(d);
	return 0;
}

/*
 * For good: supplementary groups, gid, then uid, so nothing is left to
 * regain; no_new_privs also shuts out setuid helpers.
 */
static int drop_privileges(const struct tzcomd_opts *o)
{
	/* Started as that user already: nothing to drop. */
	if (geteuid() != 0 && getuid() == o->uid && getegid() == o->gid)
		return 0;
	if (setgroups(1, &o->gid) || setgid(o->gid) || setuid(o->uid)) {
		fprintf(stderr, "tzcomd: cannot switch to user '%s' (uid %u, gid %u): %s\n",
			o->user, (unsigned int)o->uid, (unsigned int)o->gid, strerror(errno));
		return -1;
	}
	if (setuid(0) == 0 || getuid() != o->uid || geteuid() != o->uid) {
		fprintf(stderr, "tzcomd: user '%s': root could be regained, refusing to run\n",
			o->user);
		return -1;
	}
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)) {
		fprintf(stderr, "tzcomd: PR_SET_NO_NEW_PRIVS: %s\n", strerror(errno));
		return -1;
	}
	return 0;
}

/* Open (creating if needed) and check the store directory. */
static int open_store(const char *dir, const struct tzcomd_opts *o)
{
	int fd;

	if (mkdir(dir, 0700) && errno != EEXIST) {
		tzlog(LOG_ERR, "cannot create %s: %s", dir, strerror(errno));
		return -1;
	}
	fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0) {
		tzlog(LOG_ERR, "cannot open %s: %s", dir, strerror(errno));
		return -1;
	}
	if (o->user && geteuid() == 0 && chown_store(fd, dir, o)) {
		close(fd);
		return -1;
	}
	if (faccessat(fd, ".", W_OK, 0)) {
		tzlog(LOG_ERR, "%s is not writable: %s", dir, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

/*
 * No request is handled before start-up ends (stale temp files removed,
 * privileges dropped): the readers are already running by then, since
 * their fds must be open before the drop.  A request that arrives then
 * waits for it; if start-up fails it is answered -EAGAIN.
 */
static pthread_mutex_t gate_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cond = PTHREAD_COND_INITIALIZER;
static atomic_bool gate_open, gate_ok;

/*
 * False if start-up failed (then no request may touch the store) or has
 * not ended within 2 s: the wait is bounded so that a failing start-up
 * can always join its readers.
 */
static bool gate_wait(void)
{
	struct timespec until;

	if (!atomic_load(&gate_open)) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_sec += 2;
		pthread_mutex_lock(&gate_lock);
		while (!atomic_load(&gate_open) &&
		       pthread_cond_timedwait(&gate_cond, &gate_lock, &until) != ETIMEDOUT)
			;
		pthread_mutex_unlock(&gate_lock);
	}
	return atomic_load(&gate_open) && atomic_load(&gate_ok);
}

static void gate_release(bool ok)
{
	pthread_mutex_lock(&gate_lock);
	atomic_store(&gate_ok, ok);
	atomic_store(&gate_open, true);
	pthread_cond_broadcast(&gate_cond);
	pthread_mutex_unlock(&gate_lock);
}

static int storage_handler(void *ctx, uint32_t cmd_id, const void *req,
			   size_t req_len, void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	*rsp_len = 0;
	if (!gate_wait())
		return -EAGAIN;
	return tzcomd_storage_handler(ctx, cmd_id, req, req_len, rsp, rsp_cap, rsp_len);
}

static int time_handler(void *ctx, uint32_t cmd_id, const void *req,
			size_t req_len, void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	*rsp_len = 0;
	if (!gate_wait())
		return -EAGAIN;
	return tzcomd_time_handler(ctx, cmd_id, req, req_len, rsp, rsp_cap, rsp_len);
}

/*
 * Every reader ended of its own error (tzcom_serve_join() returns only
 * when none is left): wake the main thread, which would otherwise wait
 * for a signal while nothing serves the secure world.
 */
struct watcher {
	struct tzcom_server *srv;
	pthread_t main;
	atomic_bool gone;
};

static void *watch_readers(void *arg)
{
	struct watcher *w = arg;

	tzcom_serve_join(w->srv);
	atomic_store(&w->gone, true);
	pthread_kill(w->main, SIGUSR1);
	return NULL;
}

static void report_start_error(int ret, const struct tzcomd_opts *o)
{
	const char *env = getenv("TZCOM_LISTENER_DEVICE");
	const char *dev = o->device ? o->device :
		(env && *env ? env : TZCOM_LISTENER_DEVICE);
	uint32_t svc = tzcom_failed_svc();

	if (ret == -EBUSY && svc)
		tzlog(LOG_ERR, "%s service already served by another process (svc_id 0x%x busy)",
		      svc_name(svc), svc);
	else if (svc)
		tzlog(LOG_ERR, "registering the %s service (svc_id 0x%x): %s",
		      svc_name(svc), svc, strerror(-ret));
	else if (ret == -ENOENT || ret == -ENXIO || ret == -ENODEV)
		tzlog(LOG_ERR, "cannot open %s: %s (is tzcom.ko loaded?)", dev, strerror(-ret));
	else if (ret == -EACCES)
		tzlog(LOG_ERR, "cannot open %s: %s (the listener node is for group tzcomd)",
		      dev, strerror(-ret));
	else
		tzlog(LOG_ERR, "starting on %s: %s", dev, strerror(-ret));
}

static int write_pidfile(const char *path)
{
	FILE *f = fopen(path, "we");

	if (!f || fprintf(f, "%ld\n", (long)getpid()) < 0 || fclose(f)) {
		tzlog(LOG_ERR, "cannot write pidfile %s: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

/*
 * Fork; the parent waits for the child's start-up result (one int on a
 * pipe) and exits with it.  Returns the write end in the child.
 */
static int detach(void)
{
	int p[2], status = 1;
	pid_t pid;

	if (pipe2(p, O_CLOEXEC)) {
		tzlog(LOG_ERR, "pipe: %s", strerror(errno));
		exit(1);
	}
	pid = fork();
	if (pid < 0) {
		tzlog(LOG_ERR, "fork: %s", strerror(errno));
		exit(1);
	}
	if (pid > 0) {
		close(p[1]);
		if (read(p[0], &status, sizeof(status)) != sizeof(status))
			status = 1;
		_exit(status);
	}
	close(p[0]);
	if (setsid() < 0)
		tzlog(LOG_WARNING, "setsid: %s", strerror(errno));
	return p[1];
}

/* stderr stays when the log goes there (--log=stderr): never /dev/null. */
static void detach_done(int fd, int status)
{
	int devnull;

	if (fd < 0)
		return;
	if (status == 0) {
		devnull = open("/dev/null", O_RDWR | O_CLOEXEC);
		if (devnull >= 0) {
			dup2(devnull, STDIN_FILENO);
			dup2(devnull, STDOUT_FILENO);
			if (!tzlog_uses_stderr())
				dup2(devnull, STDERR_FILENO);
			close(devnull);
		}
		if (chdir("/"))
			status = 1;
	}
	if (write(fd, &status, sizeof(status)) != sizeof(status))
		status = 1;
	close(fd);
}

int main(int argc, char **argv)
{
	struct tzcomd_opts o = { 0 };
	struct tzcomd_store store;
	struct tzcom_server *srv;
	struct tzcom_serve_svc svcs[2];
	struct tzcom_serve_cfg cfg;
	struct watcher w = { 0 };
	pthread_t watcher;
	sigset_t set;
	int ret, sig, notify = -1;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	tzlog_init(o.log, o.daemon);

	store.dirfd = open_store(o.dir, &o);
	if (store.dirfd < 0)
		return 1;

	memset(svcs, 0, sizeof(svcs));
	svcs[0] = (struct tzcom_serve_svc){
		.svc_id = TZ_HLOS_STORAGE_SVC_ID,
		.cmd_id_low = TZ_HLOS_STORAGE_FIRST,
		.cmd_id_high = TZ_HLOS_STORAGE_LAST,
		.threads = o.threads,
		.handler = storage_handler,
		.ctx = &store,
	};
	svcs[1] = (struct tzcom_serve_svc){
		.svc_id = TZ_HLOS_TIME_SVC_ID,
		.cmd_id_low = TZ_HLOS_TIME_FIRST,
		.cmd_id_high = TZ_HLOS_TIME_LAST,
		.threads = 1,
		.handler = time_handler,
	};
	memset(&cfg, 0, sizeof(cfg));
	cfg.device = o.device;
	cfg.svcs = svcs;
	cfg.nsvcs = 2;
	cfg.log = o.verbose ? log_request : NULL;

	if (o.daemon)
		notify = detach();

	/* Readers inherit this mask; the main thread takes the signals. */
	sigemptyset(&set);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGUSR1);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	ret = tzcom_serve_start(&cfg, &srv);
	if (ret) {
		report_start_error(ret, &o);
		detach_done(notify, 1);
		return 1;
	}
	/* Registered, so no other tzcomd is writing: its temp files are stale. */
	ret = tzcomd_clean_temps(&store);
	if (ret < 0)
		fprintf(stderr, "tzcomd: removing stale temp files in %s: %s\n", o.dir,
			strerror(-ret));
	else if (ret > 0 && o.verbose)
		fprintf(stderr, "tzcomd: removed %d stale temp file(s) in %s\n", ret, o.dir);
	if ((o.pidfile && write_pidfile(o.pidfile)) || (o.user && drop_privileges(&o))) {
		tzcom_serve_stop(srv);
		gate_release(false);
		tzcom_serve_wait(srv);
		detach_done(notify, 1);
		return 1;
	}
	gate_release(true);
	w.srv = srv;
	w.main = pthread_self();
	ret = -pthread_create(&watcher, NULL, watch_readers, &w);
	if (ret) {
		fprintf(stderr, "tzcomd: starting the watcher thread: %s\n", strerror(-ret));
		tzcom_serve_stop(srv);
		tzcom_serve_wait(srv);
		detach_done(notify, 1);
		return 1;
	}
	if (o.verbose)
		tzlog(LOG_INFO, "serving storage (svc 0x%x, %u threads, dir %s) and time (svc 0x%x)",
		      TZ_HLOS_STORAGE_SVC_ID, o.threads, o.dir, TZ_HLOS_TIME_SVC_ID);
	detach_done(notify, 0);
	tzlog_started();
	ret = tzcomd_notify("READY=1");
	if (ret)
		tzlog(LOG_WARNING, "telling systemd READY=1 ($NOTIFY_SOCKET): %s", strerror(-ret));

	/* SIGUSR1 from anyone but the watcher is ignored like SIGHUP. */
	do {
		sig = 0;
		if (sigwait(&set, &sig))
			sig = 0;
	} while (sig == SIGHUP || sig == 0 || (sig == SIGUSR1 && !atomic_load(&w.gone)));

	tzcomd_notify("STOPPING=1");
	tzcom_serve_stop(srv);
	pthread_join(watcher, NULL);
	ret = tzcom_serve_wait(srv);
	if (o.pidfile && unlink(o.pidfile) && errno != ENOENT)
		fprintf(stderr, "tzcomd: removing pidfile %s: %s\n", o.pidfile, strerror(errno));
	close(store.dirfd);
	if (sig == SIGUSR1) {
		fprintf(stderr, "tzcomd: every reader thread ended with an error (%s); nothing serves the secure world, exiting\n",
			strerror(ret ? -ret : EIO));
		return 1;
	}
	if (ret) {
		tzlog(LOG_ERR, "a reader ended with an error: %s", strerror(-ret));
		return 1;
	}
	if (o.verbose)
		tzlog(LOG_INFO, "stopped by signal %d", sig);
	return 0;
}
