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
 * Exit status: 0 stopped by SIGTERM/SIGINT, 1 start-up or runtime error,
 * 2 usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
		"      --log=TARGET          stderr, syslog, or auto (default: syslog\n"
		"                            with --daemon, else stderr)\n"
		"      --device=PATH         device node (default $TZCOM_DEVICE or /dev/tzcom)\n"
		"  -V, --version             print the version and exit\n"
		"  -h, --help                this text\n\n"
		"Stops cleanly on SIGTERM or SIGINT.  Under systemd (Type=notify) it\n"
		"sends READY=1 once both services are registered.  Exit status: 0 stopped\n"
		"by a signal, 1 error, 2 usage.\n", TZCOMD_MAX_THREADS);
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
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	char *end;
	long n;
	int c;

	o->dir = TZCOMD_DEFAULT_DIR;
	o->threads = 2;
	while ((c = getopt_long(argc, argv, "f:t:vdDp:Vh", longopts, NULL)) != -1) {
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
	return 0;
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

/* Open (creating if needed) and check the store directory. */
static int open_store(const char *dir)
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
	if (faccessat(fd, ".", W_OK, 0)) {
		tzlog(LOG_ERR, "%s is not writable: %s", dir, strerror(errno));
		close(fd);
		return -1;
	}
	return fd;
}

static void report_start_error(int ret, const struct tzcomd_opts *o)
{
	const char *env = getenv("TZCOM_DEVICE");
	const char *dev = o->device ? o->device :
		(env && *env ? env : TZCOM_DEFAULT_DEVICE);
	uint32_t svc = tzcom_failed_svc();

	if (ret == -EBUSY && svc)
		tzlog(LOG_ERR, "%s service already served by another process (svc_id 0x%x busy)",
		      svc_name(svc), svc);
	else if (svc)
		tzlog(LOG_ERR, "registering the %s service (svc_id 0x%x): %s",
		      svc_name(svc), svc, strerror(-ret));
	else if (ret == -ENOENT || ret == -ENXIO || ret == -ENODEV)
		tzlog(LOG_ERR, "cannot open %s: %s (is tzcom.ko loaded?)", dev, strerror(-ret));
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
	sigset_t set;
	int ret, sig, notify = -1;

	ret = parse_args(argc, argv, &o);
	if (ret)
		return ret;
	tzlog_init(o.log, o.daemon);

	store.dirfd = open_store(o.dir);
	if (store.dirfd < 0)
		return 1;

	memset(svcs, 0, sizeof(svcs));
	svcs[0] = (struct tzcom_serve_svc){
		.svc_id = TZ_HLOS_STORAGE_SVC_ID,
		.cmd_id_low = TZ_HLOS_STORAGE_FIRST,
		.cmd_id_high = TZ_HLOS_STORAGE_LAST,
		.threads = o.threads,
		.handler = tzcomd_storage_handler,
		.ctx = &store,
	};
	svcs[1] = (struct tzcom_serve_svc){
		.svc_id = TZ_HLOS_TIME_SVC_ID,
		.cmd_id_low = TZ_HLOS_TIME_FIRST,
		.cmd_id_high = TZ_HLOS_TIME_LAST,
		.threads = 1,
		.handler = tzcomd_time_handler,
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
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	signal(SIGPIPE, SIG_IGN);

	ret = tzcom_serve_start(&cfg, &srv);
	if (ret) {
		report_start_error(ret, &o);
		detach_done(notify, 1);
		return 1;
	}
	if (o.pidfile && write_pidfile(o.pidfile)) {
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

	do {
		sig = 0;
		if (sigwait(&set, &sig))
			sig = 0;
	} while (sig == SIGHUP || sig == 0);

	tzcomd_notify("STOPPING=1");
	tzcom_serve_stop(srv);
	ret = tzcom_serve_wait(srv);
	if (o.pidfile)
		unlink(o.pidfile);
	close(store.dirfd);
	if (ret) {
		tzlog(LOG_ERR, "a reader ended with an error: %s", strerror(-ret));
		return 1;
	}
	if (o.verbose)
		tzlog(LOG_INFO, "stopped by signal %d", sig);
	return 0;
}
