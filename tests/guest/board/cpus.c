// SPDX-License-Identifier: BSD-3-Clause
/*
 * board-cpus: every CPU came up through PSCI CPU_ON, and CPU hotplug
 * works through the firmware: CPU_OFF, AFFINITY_INFO (the kernel polls
 * it to confirm the CPU is dead) and CPU_ON again.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/klog.h>
#include <unistd.h>

#include "tap.h"

#define CPU1_ONLINE	"/sys/devices/system/cpu/cpu1/online"
#define HOTPLUG_CYCLES	3

static int read_file(const char *path, char *buf, size_t len)
{
	ssize_t n;
	int fd = open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = read(fd, buf, len - 1);
	close(fd);
	if (n < 0)
		return -errno;
	buf[n] = '\0';
	buf[strcspn(buf, "\n")] = '\0';
	return 0;
}

static int write_file(const char *path, const char *s)
{
	ssize_t n;
	int fd = open(path, O_WRONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	close(fd);
	if (n < 0)
		return -errno;
	return n == (ssize_t)strlen(s) ? 0 : -EIO;
}

/* Is cpu in a kernel cpulist such as "0-1" or "0,2-3"? */
static int in_cpulist(const char *list, int cpu)
{
	char copy[256], *tok, *save = NULL;

	snprintf(copy, sizeof(copy), "%s", list);
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int lo, hi;

		if (sscanf(tok, "%d-%d", &lo, &hi) != 2) {
			if (sscanf(tok, "%d", &lo) != 1)
				continue;
			hi = lo;
		}
		if (cpu >= lo && cpu <= hi)
			return 1;
	}
	return 0;
}

static int cpu_online(int cpu)
{
	char list[256];

	if (read_file("/sys/devices/system/cpu/online", list, sizeof(list)))
		return -1;
	return in_cpulist(list, cpu);
}

/* How often the kernel log mentions needle, to see new messages appear. */
static int klog_count(const char *needle)
{
	int len = klogctl(10 /* SYSLOG_ACTION_SIZE_BUFFER */, NULL, 0);
	int count = 0;
	char *buf, *p;

	if (len <= 0)
		return -1;
	buf = calloc(1, (size_t)len + 1);
	if (!buf)
		return -1;
	len = klogctl(3 /* SYSLOG_ACTION_READ_ALL */, buf, len);
	if (len < 0) {
		free(buf);
		return -1;
	}
	for (p = buf; (p = strstr(p, needle)); p += strlen(needle))
		count++;
	free(buf);
	return count;
}

static int runs_on_cpu1(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(1, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return 0;
	sched_yield();
	return sched_getcpu() == 1;
}

int main(void)
{
	char possible[256] = "", online[256] = "";
	long n = sysconf(_SC_NPROCESSORS_CONF);
	int killed, booted, ok, i, ret;

	tap_plan(7);
	read_file("/sys/devices/system/cpu/possible", possible, sizeof(possible));
	read_file("/sys/devices/system/cpu/online", online, sizeof(online));
	tap_diag("possible %s, online %s, %ld configured", possible, online, n);

	tap_ok(n >= 2, "the board has at least two CPUs (%ld)", n);
	tap_ok(online[0] && strcmp(possible, online) == 0,
	       "every CPU came online through PSCI (online %s)", online);
	if (n < 2 || access(CPU1_ONLINE, W_OK)) {
		for (i = 0; i < 5; i++)
			tap_skip("no hotpluggable cpu1", "cpu1 hotplug");
		return tap_exit();
	}

	killed = klog_count("CPU1 killed");
	ret = write_file(CPU1_ONLINE, "0");
	if (ret)
		tap_diag("offlining cpu1: %s", strerror(-ret));
	tap_ok(ret == 0 && cpu_online(1) == 0, "cpu1 goes offline (PSCI CPU_OFF)");
	tap_ok(klog_count("CPU1 killed") == killed + 1,
	       "the kernel confirmed cpu1 dead (PSCI AFFINITY_INFO)");

	booted = klog_count("CPU1: Booted secondary processor");
	ret = write_file(CPU1_ONLINE, "1");
	if (ret)
		tap_diag("onlining cpu1: %s", strerror(-ret));
	tap_ok(ret == 0 && cpu_online(1) == 1 &&
	       klog_count("CPU1: Booted secondary processor") == booted + 1,
	       "cpu1 comes back online (PSCI CPU_ON)");
	tap_ok(runs_on_cpu1(), "a task runs on cpu1 after it came back");

	ok = 1;
	for (i = 0; i < HOTPLUG_CYCLES && ok; i++) {
		ok = write_file(CPU1_ONLINE, "0") == 0 && cpu_online(1) == 0 &&
		     write_file(CPU1_ONLINE, "1") == 0 && cpu_online(1) == 1;
	}
	tap_ok(ok, "cpu1 survives %d more off/on cycles", HOTPLUG_CYCLES);
	return tap_exit();
}
