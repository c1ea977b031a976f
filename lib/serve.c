// SPDX-License-Identifier: BSD-3-Clause
/*
 * libtzcom serve loop: register normal-world services on one owner handle
 * and answer their callbacks on reader threads.
 *
 * Each reader has its own handle, attached to the owner's (the driver
 * lets only the owner's fd and fds it shares a service with read it),
 * because the driver binds a delivered callback to the fd that read it
 * and ABORT is per fd: stopping aborts
 * exactly the readers that are idle in READ_NEXT, while a reader busy
 * with a callback finishes and answers it first.  ABORT is sticky, so a
 * reader that checks the stop flag and then enters READ_NEXT cannot miss
 * the wake-up.
 */
#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include <linux/tzcom.h>
#include <tzcom/hlos_storage.h>

#include "priv.h"

enum tzl_reader_state {
	TZL_IDLE,		/* between callbacks */
	TZL_READING,		/* in READ_NEXT: stop must abort it */
	TZL_HANDLING,		/* owns a callback: stop lets it finish */
};

struct tzl_svc {
	struct tzcom_serve_svc cfg;
	uint32_t instance_id;
	bool registered;
};

struct tzl_reader {
	struct tzcom_server *srv;
	struct tzl_svc *svc;
	struct tzcom *h;
	pthread_t tid;
	bool started;
	enum tzl_reader_state state;	/* under srv->lock */
	int result;
};

struct tzcom_server {
	struct tzcom *owner;
	struct tzl_svc *svcs;
	unsigned int nsvcs;
	struct tzl_reader *readers;
	unsigned int nreaders;
	tzcom_serve_log_fn log;
	void *log_ctx;
	/* Serialises stopping against the readers' state changes. */
	pthread_mutex_t lock;
	bool stopping;
	unsigned int running;		/* readers not yet ended; lock */
	pthread_cond_t ended;		/* signalled when running drops */
};

static _Thread_local uint32_t tzl_failed_svc_id;

uint32_t tzcom_failed_svc(void)
{
	return tzl_failed_svc_id;
}

/*
 * Run the handler on one callback and build the answer in rsp (cap
 * bytes).  Returns the handler's status; *len gets the answer length.
 */
static int tzl_process_one_request(const struct tzcom_serve_svc *svc,
				   uint32_t cmd_id, const uint8_t *req,
				   size_t req_len, uint8_t *rsp, size_t cap,
				   size_t *len)
{
	struct tz_hlos_rsp_hdr hdr;
	size_t out = 0;
	int status;

	if (svc->flags & TZCOM_SERVE_RAW) {
		status = svc->handler(svc->ctx, cmd_id, req, req_len, rsp, cap, &out);
		*len = out <= cap ? out : 0;
		return status;
	}

	status = svc->handler(svc->ctx, cmd_id, req, req_len, rsp + sizeof(hdr),
			      cap - sizeof(hdr), &out);
	if (status > 0 || out > cap - sizeof(hdr))
		status = -EIO;	/* a handler bug must not leak bytes */
	if (status)
		out = 0;
	hdr.status = status;
	hdr.data_len = (uint32_t)out;
	memcpy(rsp, &hdr, sizeof(hdr));
	*len = sizeof(hdr) + out;
	return status;
}

static void tzl_set_state(struct tzl_reader *r, enum tzl_reader_state st,
			  bool *stopping)
{
	pthread_mutex_lock(&r->srv->lock);
	r->state = st;
	*stopping = r->srv->stopping;
	pthread_mutex_unlock(&r->srv->lock);
}

static void *tzl_reader_main(void *arg)
{
	struct tzl_reader *r = arg;
	struct tzcom_server *srv = r->srv;
	const struct tzcom_serve_svc *svc = &r->svc->cfg;
	uint8_t *req = malloc(TZCOM_MAX_CB_LEN);
	uint8_t *rsp = malloc(TZCOM_MAX_CB_RSP_LEN);
	bool stopping;
	int ret = 0;

	if (!req || !rsp) {
		ret = -ENOMEM;
		goto out;
	}
	for (;;) {
		uint32_t cmd_id = 0;
		size_t req_len = 0, rsp_len = 0;
		int status;

		tzl_set_state(r, TZL_READING, &stopping);
		if (stopping)
			break;
		ret = tzcom_read_next(r->h, svc->svc_id, r->svc->instance_id,
				      &cmd_id, req, TZCOM_MAX_CB_LEN, &req_len);
		tzl_set_state(r, TZL_HANDLING, &stopping);
		if (ret == -EINTR)
			continue;
		if (ret) {
			if (stopping && ret == -ENODEV)
				ret = 0;
			break;
		}

		status = tzl_process_one_request(svc, cmd_id, req, req_len, rsp,
						 TZCOM_MAX_CB_RSP_LEN, &rsp_len);
		/*
		 * A failed CONTINUE (the callback timed out: -EBADF) costs
		 * only this callback; only -ENODEV (aborted or unregistered)
		 * ends the reader.
		 */
		ret = tzcom_continue(r->h, cmd_id, r->svc->instance_id, rsp, rsp_len);
		if (srv->log)
			srv->log(srv->log_ctx, svc->svc_id, cmd_id, req_len,
				 ret ? ret : status, rsp_len);
		if (ret == -ENODEV) {
			if (stopping)
				ret = 0;
			break;
		}
		ret = 0;
	}
out:
	free(req);
	free(rsp);
	pthread_mutex_lock(&srv->lock);
	r->result = ret;
	srv->running--;
	pthread_cond_broadcast(&srv->ended);
	pthread_mutex_unlock(&srv->lock);
	return NULL;
}

static int tzl_check_cfg(const struct tzcom_serve_cfg *cfg)
{
	unsigned int i;

	if (!cfg || !cfg->svcs || !cfg->nsvcs || cfg->nsvcs > 64)
		return -EINVAL;
	for (i = 0; i < cfg->nsvcs; i++) {
		const struct tzcom_serve_svc *s = &cfg->svcs[i];

		if (!s->handler || !s->threads || s->threads > 256 ||
		    s->cmd_id_low > s->cmd_id_high)
			return -EINVAL;
	}
	return 0;
}

static void tzl_stop_locked(struct tzcom_server *srv)
{
	unsigned int i;

	srv->stopping = true;
	for (i = 0; i < srv->nreaders; i++)
		if (srv->readers[i].state == TZL_READING)
			tzcom_abort(srv->readers[i].h);
}

void tzcom_serve_stop(struct tzcom_server *srv)
{
	if (!srv)
		return;
	pthread_mutex_lock(&srv->lock);
	tzl_stop_locked(srv);
	pthread_mutex_unlock(&srv->lock);
}

/* Join the started readers, unregister, close and free everything. */
static int tzl_teardown(struct tzcom_server *srv)
{
	unsigned int i;
	int ret = 0;

	for (i = 0; i < srv->nreaders; i++) {
		struct tzl_reader *r = &srv->readers[i];

		if (r->started) {
			pthread_join(r->tid, NULL);
			if (!ret && r->result)
				ret = r->result;
		}
		tzcom_close(r->h);
	}
	for (i = 0; i < srv->nsvcs; i++)
		if (srv->svcs[i].registered)
			tzcom_unregister(srv->owner, srv->svcs[i].cfg.svc_id,
					 srv->svcs[i].instance_id);
	tzcom_close(srv->owner);
	pthread_cond_destroy(&srv->ended);
	pthread_mutex_destroy(&srv->lock);
	free(srv->readers);
	free(srv->svcs);
	free(srv);
	return ret;
}

static int tzl_open(const struct tzcom_serve_cfg *cfg, struct tzcom **h)
{
	return cfg->device ? tzcom_open_path(cfg->device, h) :
			     tzcom_open_listener(h);
}

int tzcom_serve_start(const struct tzcom_serve_cfg *cfg,
		      struct tzcom_server **out)
{
	struct tzcom_server *srv;
	unsigned int i, j, n = 0;
	int ret;

	tzl_failed_svc_id = 0;
	ret = tzl_check_cfg(cfg);
	if (ret || !out)
		return ret ? ret : -EINVAL;
	for (i = 0; i < cfg->nsvcs; i++)
		n += cfg->svcs[i].threads;

	srv = calloc(1, sizeof(*srv));
	if (!srv)
		return -ENOMEM;
	pthread_mutex_init(&srv->lock, NULL);
	pthread_cond_init(&srv->ended, NULL);
	srv->log = cfg->log;
	srv->log_ctx = cfg->log_ctx;
	srv->svcs = calloc(cfg->nsvcs, sizeof(*srv->svcs));
	srv->readers = calloc(n, sizeof(*srv->readers));
	if (!srv->svcs || !srv->readers) {
		ret = -ENOMEM;
		goto fail;
	}
	srv->nsvcs = cfg->nsvcs;
	ret = tzl_open(cfg, &srv->owner);
	if (ret)
		goto fail;

	for (i = 0; i < cfg->nsvcs; i++) {
		struct tzl_svc *s = &srv->svcs[i];

		s->cfg = cfg->svcs[i];
		ret = tzcom_register(srv->owner, s->cfg.svc_id, s->cfg.cmd_id_low,
				     s->cfg.cmd_id_high, &s->instance_id);
		if (ret) {
			tzl_failed_svc_id = s->cfg.svc_id;
			goto fail;
		}
		s->registered = true;
	}

	for (i = 0; i < cfg->nsvcs; i++) {
		for (j = 0; j < srv->svcs[i].cfg.threads; j++) {
			struct tzl_reader *r = &srv->readers[srv->nreaders];

			r->srv = srv;
			r->svc = &srv->svcs[i];
			ret = tzl_open(cfg, &r->h);
			if (ret)
				goto fail;
			srv->nreaders++;
			ret = tzcom_attach(r->h, srv->owner, r->svc->cfg.svc_id,
					   r->svc->instance_id);
			/* -ENOTTY: a driver from before ATTACH lets anyone read. */
			if (ret && ret != -ENOTTY)
				goto fail;
		}
	}
	for (i = 0; i < srv->nreaders; i++) {
		pthread_mutex_lock(&srv->lock);
		srv->running++;
		pthread_mutex_unlock(&srv->lock);
		ret = -pthread_create(&srv->readers[i].tid, NULL, tzl_reader_main,
				      &srv->readers[i]);
		if (ret) {
			pthread_mutex_lock(&srv->lock);
			srv->running--;
			pthread_mutex_unlock(&srv->lock);
			goto fail;
		}
		srv->readers[i].started = true;
	}
	*out = srv;
	return 0;

fail:
	if (srv->owner || srv->nreaders) {
		tzcom_serve_stop(srv);
		tzl_teardown(srv);
	} else {
		pthread_cond_destroy(&srv->ended);
		pthread_mutex_destroy(&srv->lock);
		free(srv->readers);
		free(srv->svcs);
		free(srv);
	}
	return ret;
}

int tzcom_serve_join(struct tzcom_server *srv)
{
	unsigned int i;
	int ret = 0;

	if (!srv)
		return -EINVAL;
	pthread_mutex_lock(&srv->lock);
	while (srv->running)
		pthread_cond_wait(&srv->ended, &srv->lock);
	for (i = 0; i < srv->nreaders && !ret; i++)
		if (srv->readers[i].started)
			ret = srv->readers[i].result;
	pthread_mutex_unlock(&srv->lock);
	return ret;
}

int tzcom_serve_wait(struct tzcom_server *srv)
{
	if (!srv)
		return -EINVAL;
	return tzl_teardown(srv);
}

int tzcom_serve(const struct tzcom_serve_cfg *cfg)
{
	struct tzcom_server *srv;
	int ret = tzcom_serve_start(cfg, &srv);

	return ret ? ret : tzcom_serve_wait(srv);
}
