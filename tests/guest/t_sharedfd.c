// SPDX-License-Identifier: BSD-3-Clause
/*
 * Two reader threads sharing one listener fd, each holding a callback with
 * the same cmd_id: thread A's callback times out and stays as a revoked
 * placeholder; thread B then reads a fresh callback with the same id.  B's
 * CONTINUE must answer B's callback (not be swallowed by A's placeholder),
 * and A's late CONTINUE must get -EBADF instead of answering B's.
 */
#include <semaphore.h>
#include <stdbool.h>

#include "tzt.h"

#define BASE		0x4f
#define SVC		0x7e4f01u
#define CB(n)		TZT_CB(BASE, n)
#define TIMEOUT_MS	"300"

struct reader {
	int fd;
	uint32_t inst;
	const char *answer;
	bool late;		/* wait for go before CONTINUE */
	sem_t go;
	int read_ret, cont_ret;
	uint32_t cmd_id;
	pthread_t t;
};

static void *reader_main(void *arg)
{
	struct reader *r = arg;
	uint8_t buf[64];
	uint32_t len = sizeof(buf);

	r->read_ret = tzt_read_next(r->fd, SVC, r->inst, &r->cmd_id, buf, &len);
	if (r->read_ret)
		return NULL;
	if (r->late)
		sem_wait(&r->go);
	r->cont_ret = tzt_continue(r->fd, r->cmd_id, r->inst, r->answer,
				   (uint32_t)strlen(r->answer));
	return NULL;
}

int main(void)
{
	struct reader a = { .answer = "a-late", .late = true }, b = { .answer = "b-fresh" };
	char old[32], ans[64] = "";
	int lfd = tzt_open(), cfd = tzt_open();
	int32_t svc, hlos;
	size_t ans_len = 0;
	uint32_t inst;
	int ret;

	tap_plan(8);
	if (tzt_param_get("callback_timeout_ms", old, sizeof(old)) ||
	    tzt_param_override("callback_timeout_ms", TIMEOUT_MS))
		tap_bail("cannot set callback_timeout_ms");
	ret = tzt_register(lfd, SVC, CB(0), CB(0xff), &inst);
	tap_err(ret, 0, "register the shared-fd service");

	a.fd = b.fd = lfd;
	a.inst = b.inst = inst;
	sem_init(&a.go, 0, 0);
	pthread_create(&a.t, NULL, reader_main, &a);
	ret = tzt_forward(cfd, CB(1), "one", 3, &svc, &hlos, NULL, 0, NULL);
	tap_ok(!ret && svc == 0 && hlos == -ETIMEDOUT,
	       "thread A holds callback 1 past the timeout: client gets -ETIMEDOUT (%d %d %d)",
	       ret, svc, hlos);

	pthread_create(&b.t, NULL, reader_main, &b);
	ret = tzt_forward(cfd, CB(1), "two", 3, &svc, &hlos, ans, sizeof(ans) - 1, &ans_len);
	pthread_join(b.t, NULL);
	tap_err(b.cont_ret, 0, "thread B answers its own callback with the same cmd_id");
	tap_ok(!ret && svc == 0 && hlos == 0 && ans_len == strlen(b.answer) &&
	       !memcmp(ans, b.answer, ans_len),
	       "the client gets thread B's answer (%d %d %d '%.*s')", ret, svc, hlos,
	       (int)ans_len, ans);

	sem_post(&a.go);
	pthread_join(a.t, NULL);
	tap_err(a.read_ret, 0, "thread A had read callback 1");
	tap_err(a.cont_ret, -EBADF, "thread A's late CONTINUE gets -EBADF");

	ret = tzt_forward(cfd, CB(2), "three", 5, &svc, &hlos, NULL, 0, NULL);
	tap_ok(!ret && svc == 0 && hlos == -ETIMEDOUT,
	       "nothing is left to answer the next callback wrongly (%d %d %d)", ret, svc, hlos);
	tap_err(tzt_unregister(lfd, SVC, inst), 0, "unregister");
	tzt_param_set("callback_timeout_ms", old);
	close(lfd);
	close(cfd);
	return tap_done();
}
