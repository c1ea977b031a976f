// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzcom status [--json]: what a person debugging the board wants in one
 * place, from interfaces that exist without mounting anything:
 *  - the driver: /sys/module/tzcom (version, parameters); its counters
 *    only if debugfs is already mounted (stats file), else "unavailable";
 *  - the secure world: GET_INFO through the device;
 *  - the registered services and their owners: the driver's
 *    /sys/class/misc/tzcom/services;
 *  - who holds the device: /proc/<pid>/fd links to it, each holder with
 *    the services it registered.
 * Text is for people, --json one object for programs (tests/pkg parses it).
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <tzcom/hlos_storage.h>

#include "tzcom_cli.h"

#define SYS_MODULE	"/sys/module/tzcom"
#define STATS_PATH	"/sys/kernel/debug/tzcom/stats"
#define MAX_COUNTERS	32
#define MAX_HOLDERS	64
#define SERVICES_PATH	"/sys/class/misc/tzcom/services"
#define MAX_SERVICES	128

struct counter {
	char name[48];
	long long value;
};

struct holder {
	long pid;
	char comm[32];
	unsigned int fds;
};

struct service {
	unsigned int svc_id, low, high;
	long owner_pid;			/* 0: not visible in our pid namespace */
	unsigned int shared;		/* fds the owner shared it with */
};

struct status {
	const char *device;
	int open_err;			/* 0 or -errno of opening the device */
	bool loaded;			/* /sys/module/tzcom exists */
	char drv_version[32];		/* "" if unknown */
	long long timeout_ms, trace;	/* -1 if unknown */
	int stats_err;			/* 0 or -errno of reading the stats */
	struct counter counters[MAX_COUNTERS];
	unsigned int ncounters;
	int info_err;			/* GET_INFO: 0, -errno, or 1 = not asked */
	struct tzcom_info info;
	int services_err;		/* 0 or -errno of reading SERVICES_PATH */
	struct service services[MAX_SERVICES];
	unsigned int nservices;
	int holders_err;
	struct holder holders[MAX_HOLDERS];
	unsigned int nholders;
};

/* First line of a sysfs file, without its newline; -errno on failure. */
static int read_line(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "re");
	int ret = 0;

	if (!f)
		return -errno;
	if (!fgets(buf, (int)cap, f))
		ret = ferror(f) ? -EIO : -ENODATA;
	fclose(f);
	if (!ret)
		buf[strcspn(buf, "\n")] = '\0';
	return ret;
}

static long long read_number(const char *path)
{
	char buf[32], *end;
	long long v;

	if (read_line(path, buf, sizeof(buf)))
		return -1;
	v = strtoll(buf, &end, 0);
	return *end || end == buf ? -1 : v;
}

static void read_driver(struct status *s)
{
	struct stat st;

	s->loaded = !stat(SYS_MODULE, &st);
	if (read_line(SYS_MODULE "/version", s->drv_version, sizeof(s->drv_version)))
		s->drv_version[0] = '\0';
	s->timeout_ms = read_number(SYS_MODULE "/parameters/callback_timeout_ms");
	s->trace = read_number(SYS_MODULE "/parameters/trace");
}

/* "name value" lines (driver/tzcom_log.c). */
static void read_stats(struct status *s)
{
	FILE *f = fopen(STATS_PATH, "re");
	char line[96];

	if (!f) {
		s->stats_err = -errno;
		return;
	}
	while (fgets(line, sizeof(line), f) && s->ncounters < MAX_COUNTERS) {
		struct counter *c = &s->counters[s->ncounters];

		if (sscanf(line, "%47s %lld", c->name, &c->value) == 2)
			s->ncounters++;
	}
	s->stats_err = ferror(f) ? -EIO : 0;
	fclose(f);
}

static void add_holder(struct status *s, long pid)
{
	char path[64], comm[32] = "?";
	struct holder *h;
	unsigned int i;

	for (i = 0; i < s->nholders; i++) {
		if (s->holders[i].pid == pid) {
			s->holders[i].fds++;
			return;
		}
	}
	if (s->nholders == MAX_HOLDERS)
		return;
	snprintf(path, sizeof(path), "/proc/%ld/comm", pid);
	if (read_line(path, comm, sizeof(comm)))
		strcpy(comm, "?");
	h = &s->holders[s->nholders++];
	h->pid = pid;
	h->fds = 1;
	snprintf(h->comm, sizeof(h->comm), "%s", comm);
}

/*
 * Processes with an fd on the client node or on the listener node (where
 * tzcomd and other listeners hold theirs): match the fd links' target
 * against the nodes' real paths.  Other users' processes need root.
 */
static void read_holders(struct status *s)
{
	const char *env = getenv("TZCOM_LISTENER_DEVICE");
	char node[PATH_MAX], lnode[PATH_MAX];
	struct dirent *p;
	DIR *proc;

	if (!realpath(s->device, node)) {
		s->holders_err = -errno;
		return;
	}
	if (!realpath(env && *env ? env : TZCOM_LISTENER_DEVICE, lnode))
		lnode[0] = '\0';	/* no listener node: only the client node counts */
	proc = opendir("/proc");
	if (!proc) {
		s->holders_err = -errno;
		return;
	}
	while ((p = readdir(proc))) {
		char dir[64], link[PATH_MAX + 64], target[PATH_MAX];
		struct dirent *fd;
		long pid;
		DIR *fds;

		if (!isdigit((unsigned char)p->d_name[0]))
			continue;
		pid = strtol(p->d_name, NULL, 10);
		snprintf(dir, sizeof(dir), "/proc/%ld/fd", pid);
		fds = opendir(dir);
		if (!fds)
			continue;	/* gone, or not ours to read */
		while ((fd = readdir(fds))) {
			ssize_t n;

			if (fd->d_name[0] == '.')
				continue;
			snprintf(link, sizeof(link), "%s/%s", dir, fd->d_name);
			n = readlink(link, target, sizeof(target) - 1);
			if (n <= 0)
				continue;
			target[n] = '\0';
			if (!strcmp(target, node) || (lnode[0] && !strcmp(target, lnode)))
				add_holder(s, pid);
		}
		closedir(fds);
	}
	closedir(proc);
}

static void read_services(struct status *s)
{
	struct service *v;
	FILE *f = fopen(SERVICES_PATH, "re");

	if (!f) {
		s->services_err = -errno;
		return;
	}
	while (s->nservices < MAX_SERVICES) {
		v = &s->services[s->nservices];
		if (fscanf(f, "%x %x %x %ld %u", &v->svc_id, &v->low, &v->high, &v->owner_pid,
			   &v->shared) != 5)
			break;
		s->nservices++;
	}
	fclose(f);
}

/* A name for the normal-world services tzcomd registers. */
static const char *hlos_svc_name(unsigned int svc_id)
{
	if (svc_id == TZ_HLOS_STORAGE_SVC_ID)
		return "storage";
	if (svc_id == TZ_HLOS_TIME_SVC_ID)
		return "time";
	return NULL;
}

static void collect(struct status *s)
{
	struct tzcom *h;

	memset(s, 0, sizeof(*s));
	s->device = cli_device_path();
	read_driver(s);
	read_stats(s);
	s->info_err = 1;
	s->open_err = cli_open(&h, true);
	if (!s->open_err) {
		s->info_err = tzcom_get_info(h, &s->info);
		tzcom_close(h);
	}
	read_services(s);
	read_holders(s);
}

static void print_text(const struct status *s)
{
	unsigned int i, j;

	printf("tzcom %s, device %s: %s\n", TZCOM_VERSION, s->device,
	       s->open_err ? strerror(-s->open_err) : "open");
	if (!s->loaded) {
		printf("driver:         not loaded (no " SYS_MODULE ")\n");
	} else {
		printf("driver:         tzcom.ko %s, callback_timeout_ms %lld, trace %lld\n",
		       s->drv_version[0] ? s->drv_version : "(no version)", s->timeout_ms,
		       s->trace);
	}
	if (s->stats_err) {
		printf("counters:       unavailable (%s: %s)\n", STATS_PATH, strerror(-s->stats_err));
	} else {
		printf("counters:      ");
		for (i = 0; i < s->ncounters; i++)
			printf(" %s=%lld", s->counters[i].name, s->counters[i].value);
		printf("\n");
	}
	if (s->info_err == 1) {
		printf("secure world:   not asked (device not open)\n");
	} else if (s->info_err) {
		printf("secure world:   GET_INFO failed: %s\n", strerror(-s->info_err));
	} else {
		const struct tzcom_info *in = &s->info;

		printf("secure world:   TZBSP %u.%u, services", in->version_major,
		       in->version_minor);
		for (i = 0; i < 32; i++)
			if (in->services & (1u << i))
				printf(" %s(%u)", cli_svc_name(i) ? cli_svc_name(i) : "?", i);
		printf(", %u commands, %u callbacks done, sb_out %s, sb_log %s\n",
		       in->commands_done, in->callbacks_done,
		       in->sb_out_ready ? "ready" : "not ready",
		       in->sb_log_ready ? "ready" : "not ready");
	}
	if (s->services_err) {
		printf("services:       unknown (%s: %s)\n", SERVICES_PATH,
		       strerror(-s->services_err));
	} else {
		printf("services:       %u registered\n", s->nservices);
		for (i = 0; i < s->nservices; i++) {
			const struct service *v = &s->services[i];
			const char *name = hlos_svc_name(v->svc_id);

			printf("  svc 0x%x%s%s%s, cmd_id 0x%x..0x%x, owner pid %ld, shared with %u fd%s\n",
			       v->svc_id, name ? " (" : "", name ? name : "", name ? ")" : "",
			       v->low, v->high, v->owner_pid, v->shared, v->shared == 1 ? "" : "s");
		}
	}
	if (s->holders_err) {
		printf("holders:        unknown (%s: %s)\n", s->device, strerror(-s->holders_err));
		return;
	}
	printf("holders:        %u process%s\n", s->nholders, s->nholders == 1 ? "" : "es");
	for (i = 0; i < s->nholders; i++) {
		const struct holder *h = &s->holders[i];
		bool any = false;

		printf("  pid %ld %s (%u fd%s)", h->pid, h->comm, h->fds, h->fds == 1 ? "" : "s");
		for (j = 0; j < s->nservices; j++) {
			if (s->services[j].owner_pid != h->pid)
				continue;
			printf("%s svc 0x%x", any ? "," : ": serves", s->services[j].svc_id);
			any = true;
		}
		printf("\n");
	}
}

static void json_string(const char *str)
{
	const unsigned char *p;

	putchar('"');
	for (p = (const unsigned char *)str; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

static void json_error(int err)
{
	if (err) {
		printf("\"error\": ");
		json_string(strerror(-err));
	} else {
		printf("\"error\": null");
	}
}

static void print_json(const struct status *s)
{
	unsigned int i, j;
	bool first = true;

	printf("{\"version\": ");
	json_string(TZCOM_VERSION);
	printf(", \"device\": {\"path\": ");
	json_string(s->device);
	printf(", \"open\": %s, ", s->open_err ? "false" : "true");
	json_error(s->open_err);
	printf("},\n \"driver\": {\"loaded\": %s, \"version\": ", s->loaded ? "true" : "false");
	if (s->drv_version[0])
		json_string(s->drv_version);
	else
		printf("null");
	printf(", \"callback_timeout_ms\": %lld, \"trace\": %lld, \"counters\": ",
	       s->timeout_ms, s->trace);
	if (s->stats_err) {
		printf("null, \"counters_error\": ");
		json_string(strerror(-s->stats_err));
	} else {
		printf("{");
		for (i = 0; i < s->ncounters; i++) {
			printf("%s", i ? ", " : "");
			json_string(s->counters[i].name);
			printf(": %lld", s->counters[i].value);
		}
		printf("}");
	}
	printf("},\n \"secure_world\": ");
	if (s->info_err) {
		printf("null");
	} else {
		const struct tzcom_info *in = &s->info;

		printf("{\"version\": \"%u.%u\", \"services\": [", in->version_major,
		       in->version_minor);
		for (i = 0; i < 32; i++) {
			if (!(in->services & (1u << i)))
				continue;
			printf("%s{\"id\": %u, \"name\": ", first ? "" : ", ", i);
			json_string(cli_svc_name(i) ? cli_svc_name(i) : "?");
			printf("}");
			first = false;
		}
		printf("], \"commands_done\": %u, \"callbacks_done\": %u, "
		       "\"sb_out_ready\": %s, \"sb_log_ready\": %s, "
		       "\"ns_dram_base\": %llu, \"ns_dram_size\": %llu}",
		       in->commands_done, in->callbacks_done,
		       in->sb_out_ready ? "true" : "false", in->sb_log_ready ? "true" : "false",
		       (unsigned long long)in->ns_dram_base, (unsigned long long)in->ns_dram_size);
	}
	printf(",\n \"services\": ");
	if (s->services_err) {
		printf("null");
	} else {
		printf("[");
		for (i = 0; i < s->nservices; i++) {
			const struct service *v = &s->services[i];

			printf("%s{\"svc_id\": %u, \"cmd_id_low\": %u, \"cmd_id_high\": %u, "
			       "\"owner_pid\": %ld, \"shared_fds\": %u}", i ? ", " : "",
			       v->svc_id, v->low, v->high, v->owner_pid, v->shared);
		}
		printf("]");
	}
	printf(",\n \"holders\": ");
	if (s->holders_err) {
		printf("null");
	} else {
		printf("[");
		for (i = 0; i < s->nholders; i++) {
			const struct holder *h = &s->holders[i];

			printf("%s{\"pid\": %ld, \"comm\": ", i ? ", " : "", h->pid);
			json_string(h->comm);
			printf(", \"fds\": %u, \"serves\": [", h->fds);
			first = true;
			for (j = 0; j < s->nservices; j++) {
				const struct service *v = &s->services[j];

				if (v->owner_pid != h->pid)
					continue;
				printf("%s{\"svc_id\": %u, \"name\": ", first ? "" : ", ",
				       v->svc_id);
				if (hlos_svc_name(v->svc_id))
					json_string(hlos_svc_name(v->svc_id));
				else
					printf("null");
				printf("}");
				first = false;
			}
			printf("]}");
		}
		printf("]");
	}
	printf("}\n");
}

int cli_status(bool json)
{
	struct status *s = malloc(sizeof(*s));
	int ret;

	if (!s) {
		fprintf(stderr, "tzcom: status: %s\n", strerror(ENOMEM));
		return EXIT_FAIL;
	}
	collect(s);
	if (json)
		print_json(s);
	else
		print_text(s);
	if (s->open_err)
		ret = EXIT_NODEV;
	else
		ret = s->info_err ? EXIT_FAIL : EXIT_OK;
	free(s);
	return ret;
}
