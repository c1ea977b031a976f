// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sealed storage (service 3) put and get of 1 KiB and 16 KiB objects,
 * with raw SEND_CMD ioctls in the formats of include/tzcom/tz_storage.h.
 * Each call seals or opens the object in the secure world and makes one
 * callback to tzcomd (TZ_HLOS_STORAGE_WRITE or _READ), which keeps the
 * blob as a file: the rows measure the whole path a real client sees.
 * tzcomd must be running; the rows say n/a otherwise.
 *
 * The 1 MiB rows stream one large object through libtzcom's writer and
 * reader (lib/store_stream.c): 64 chunks of 16 KiB through one registered
 * buffer, one tzcomd callback per chunk.
 *
 * The client and every tzcomd thread are pinned to CPU 0 for the rows, as
 * the callback rows are: a hand-off across vCPUs costs whatever the host
 * scheduler makes it cost (docs/performance.md).  tzcomd is unpinned after.
 */
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libtzcom.h>
#include <tzcom/tz_storage.h>

#include "bench.h"

#define STORE_NAME	"tzbench.obj"

struct store_arg {
	int fd;
	size_t size;
	uint8_t *cmd, *rsp;
	size_t cmd_len, rsp_cap;
	int get;
};

static int store_build(struct store_arg *a, uint32_t cmd_id, size_t data_len)
{
	struct tz_storage_req req = {
		.cmd_id = cmd_id,
		.name_len = sizeof(STORE_NAME) - 1,
		.data_len = (uint32_t)data_len,
	};
	size_t i;

	a->cmd_len = sizeof(req) + req.name_len + data_len;
	a->cmd = malloc(a->cmd_len);
	if (!a->cmd)
		return -ENOMEM;
	memcpy(a->cmd, &req, sizeof(req));
	memcpy(a->cmd + sizeof(req), STORE_NAME, req.name_len);
	for (i = 0; i < data_len; i++)
		a->cmd[sizeof(req) + req.name_len + i] = (uint8_t)(i ^ 0x5a);
	return 0;
}

static int store_op(void *arg)
{
	struct store_arg *a = arg;
	struct tzcom_svc_rsp_hdr hdr;
	size_t len = a->rsp_cap;
	int ret;

	ret = tz_send(a->fd, a->cmd, a->cmd_len, a->rsp, &len);
	if (ret)
		return ret;
	if (len < sizeof(hdr))
		return -EBADMSG;
	memcpy(&hdr, a->rsp, sizeof(hdr));
	if (hdr.status)
		return hdr.status < 0 ? hdr.status : -EPROTO;
	if (a->get) {
		struct tz_storage_get_rsp g;

		if (len != TZ_STORAGE_GET_RSP_LEN(a->size))
			return -EBADMSG;
		memcpy(&g, a->rsp + sizeof(hdr), sizeof(g));
		if (g.data_len != a->size)
			return -EBADMSG;
	}
	return 0;
}

static void bench_store(const char *put_key, const char *get_key, size_t size)
{
	struct store_arg put = { .size = size }, get = { .size = size, .get = 1 };
	int fd, ret;

	fd = tz_open();
	if (fd < 0) {
		report_na(put_key, "open %s: %s", TZBENCH_DEV, strerror(-fd));
		report_na(get_key, "open %s: %s", TZBENCH_DEV, strerror(-fd));
		return;
	}
	put.fd = get.fd = fd;
	put.rsp_cap = sizeof(struct tzcom_svc_rsp_hdr);
	get.rsp_cap = TZ_STORAGE_GET_RSP_LEN(size);
	put.rsp = malloc(put.rsp_cap);
	get.rsp = malloc(get.rsp_cap);
	if (!put.rsp || !get.rsp || store_build(&put, TZ_STORAGE_PUT, size) ||
	    store_build(&get, TZ_STORAGE_GET, 0)) {
		report_na(put_key, "out of memory");
		report_na(get_key, "out of memory");
		goto out;
	}
	/* One untimed put, so that a missing tzcomd shows as a reason. */
	ret = store_op(&put);
	if (ret) {
		report_na(put_key, "PUT %zu bytes: %s (is tzcomd running?)", size,
			  strerror(-ret));
		report_na(get_key, "no object stored");
		goto out;
	}
	run_latency_row(put_key, store_op, &put);
	ret = store_op(&get);
	if (!ret && memcmp(get.rsp + sizeof(struct tzcom_svc_rsp_hdr) +
			   sizeof(struct tz_storage_get_rsp),
			   put.cmd + put.cmd_len - size, size))
		ret = -EBADMSG;
	if (ret)
		report_na(get_key, "GET %zu bytes: %s", size, strerror(-ret));
	else
		run_latency_row(get_key, store_op, &get);
	/* Leave no object behind; a failure here costs nothing measured. */
	free(get.cmd);
	get.cmd = NULL;
	if (!store_build(&get, TZ_STORAGE_RM, 0)) {
		get.get = 0;
		get.rsp_cap = sizeof(struct tzcom_svc_rsp_hdr);
		store_op(&get);
	}
out:
	free(put.cmd);
	free(get.cmd);
	free(put.rsp);
	free(get.rsp);
	close(fd);
}

#define LARGE_NAME	"tzbench.large"
#define LARGE_SIZE	(1u << 20)

struct large_arg {
	struct tzcom *h;
	uint8_t *data, *out;
};

static int large_put(void *arg)
{
	struct large_arg *a = arg;
	struct tzcom_store_writer *w;
	int ret = tzcom_store_writer_open(a->h, LARGE_NAME, &w);

	if (ret)
		return ret;
	ret = tzcom_store_writer_write(w, a->data, LARGE_SIZE);
	if (ret) {
		tzcom_store_writer_abort(w);
		return ret;
	}
	return tzcom_store_writer_commit(w);
}

static int large_get(void *arg)
{
	struct large_arg *a = arg;
	struct tzcom_store_reader *r;
	uint64_t size;
	size_t got = 0, len;
	int ret = tzcom_store_reader_open(a->h, LARGE_NAME, &r, &size);

	if (ret)
		return ret;
	do {
		ret = tzcom_store_reader_read(r, a->out + got, LARGE_SIZE - got, &len);
		got += len;
	} while (!ret && len);
	tzcom_store_reader_close(r);
	if (!ret && (size != LARGE_SIZE || got != LARGE_SIZE))
		ret = -EBADMSG;
	return ret;
}

static void bench_store_large(void)
{
	struct large_arg a = { NULL, malloc(LARGE_SIZE), malloc(LARGE_SIZE) };
	int ret;

	ret = a.data && a.out ? tzcom_open(&a.h) : -ENOMEM;
	if (ret) {
		report_na("store_put_1m", "%s", strerror(-ret));
		report_na("store_get_1m", "%s", strerror(-ret));
		goto out;
	}
	for (size_t i = 0; i < LARGE_SIZE; i++)
		a.data[i] = (uint8_t)(i * 7 ^ i >> 9);
	ret = large_put(&a);
	if (ret) {
		report_na("store_put_1m", "put 1 MiB: %s (is tzcomd running?)", strerror(-ret));
		report_na("store_get_1m", "no object stored");
		goto out;
	}
	run_latency_row("store_put_1m", large_put, &a);
	ret = large_get(&a);
	if (!ret && memcmp(a.out, a.data, LARGE_SIZE))
		ret = -EBADMSG;
	if (ret)
		report_na("store_get_1m", "get 1 MiB: %s", strerror(-ret));
	else
		run_latency_row("store_get_1m", large_get, &a);
	tzcom_store_rm(a.h, LARGE_NAME);
out:
	if (a.h)
		tzcom_close(a.h);
	free(a.data);
	free(a.out);
}

/* Set the affinity of every thread of every process named comm. */
static int pin_process(const char *comm, int cpu)
{
	char path[300], name[64];
	struct dirent *p, *t;
	cpu_set_t set;
	DIR *proc, *task;
	int i, n = 0;
	FILE *f;

	CPU_ZERO(&set);
	if (cpu >= 0)
		CPU_SET(cpu, &set);
	else
		for (i = 0; i < online_cpus() && i < CPU_SETSIZE; i++)
			CPU_SET(i, &set);
	proc = opendir("/proc");
	if (!proc)
		return -errno;
	while ((p = readdir(proc))) {
		if (p->d_name[0] < '1' || p->d_name[0] > '9')
			continue;
		snprintf(path, sizeof(path), "/proc/%s/comm", p->d_name);
		f = fopen(path, "r");
		if (!f)
			continue;
		if (!fgets(name, sizeof(name), f))
			name[0] = '\0';
		fclose(f);
		name[strcspn(name, "\n")] = '\0';
		if (strcmp(name, comm))
			continue;
		snprintf(path, sizeof(path), "/proc/%s/task", p->d_name);
		task = opendir(path);
		if (!task)
			continue;
		while ((t = readdir(task)))
			if (t->d_name[0] >= '1' && t->d_name[0] <= '9' &&
			    !sched_setaffinity(atoi(t->d_name), sizeof(set), &set))
				n++;
		closedir(task);
	}
	closedir(proc);
	return n;
}

void bench_storage(void)
{
	int n = pin_process("tzcomd", 0);

	report_info("tzcomd_threads_pinned", "%d", n);
	pin_cpu(0);
	bench_store("store_put_1k", "store_get_1k", 1024);
	bench_store("store_put_16k", "store_get_16k", 16384);
	bench_store_large();
	pin_cpu(-1);
	pin_process("tzcomd", -1);
}
