// SPDX-License-Identifier: BSD-3-Clause
/*
 * tzcom-demo: the seed document's READ_NEXT_CMD / SEND_CMD / CONTINUE_CMD
 * sequence, live, one line per normal-world user step.
 *
 * A listener thread registers a service and blocks in READ_NEXT_CMD; the
 * main thread (the client) sends TZ_TEST_FORWARD, which makes the secure
 * world call that service back; the listener "performs" the command
 * (uppercases the text) and answers with CONTINUE_CMD; SEND_CMD then
 * returns the secure world's final response, which carries the answer.
 *
 * The driver (module parameter trace, at 2) and the secure world
 * (TZ_CORE_SET_TRACE) print their own steps on the console; this program
 * prints only what userspace does, on stdout, flushed per line with a
 * short pause between steps so a terminal shows the worlds in order.
 *
 * Exit status: 0 if the response is the listener's uppercased text, 1 if
 * any step failed or the response differs, 2 usage.
 */
#include <ctype.h>
#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libtzcom.h>
#include <tzcom/tzsched.h>

/* Away from tzcomd (0x100/0x101) and the guest tests' 0x7eXXXX blocks. */
#define DEMO_SVC_ID	0x7ede00u
#define DEMO_CB_LOW	(TZ_HLOS_TEST_BASE + 0xde000u)
#define DEMO_CB_HIGH	(DEMO_CB_LOW + 0xffu)
#define DEMO_CB_UPPER	(DEMO_CB_LOW + 1u)

#define STEP_NS		200000000L	/* pause between steps */
#define TEXT_MAX	256u

static void pause_step(void)
{
	struct timespec ts = { .tv_sec = 0, .tv_nsec = STEP_NS };

	while (nanosleep(&ts, &ts) && errno == EINTR)
		;
}

/* One line, tagged with the world and the actor, flushed at once. */
static void step(const char *who, const char *fmt, ...)
{
	static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
	va_list ap;

	pthread_mutex_lock(&lock);
	printf("[NS user  ] %-9s ", who);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	pthread_mutex_unlock(&lock);
}

static int failed(const char *who, const char *what, int err)
{
	step(who, "%s failed: %s", what, strerror(-err));
	return 1;
}

struct listener {
	struct tzcom *h;
	uint32_t instance;
	int result;		/* 0: answered one callback */
};

static void *listener_main(void *arg)
{
	struct listener *l = arg;
	char req[TEXT_MAX + 1], ans[TEXT_MAX];
	uint32_t cmd_id = 0;
	size_t len = 0, i;
	int ret;

	step("listener:", "READ_NEXT_CMD svc 0x%x -> /dev/tzcom (blocks until the secure world calls back)",
	     DEMO_SVC_ID);
	ret = tzcom_read_next(l->h, DEMO_SVC_ID, l->instance, &cmd_id, req, TEXT_MAX, &len);
	if (ret) {
		l->result = failed("listener:", "READ_NEXT_CMD", ret);
		return NULL;
	}
	req[len] = '\0';
	step("listener:", "READ_NEXT_CMD returned callback 0x%x with '%s' (%zu bytes)",
	     cmd_id, req, len);
	pause_step();
	if (cmd_id != DEMO_CB_UPPER) {
		step("listener:", "unexpected callback 0x%x; answering -ENOSYS", cmd_id);
		tzcom_continue(l->h, cmd_id, l->instance, NULL, 0);
		l->result = 1;
		return NULL;
	}
	for (i = 0; i < len; i++)
		ans[i] = (char)toupper((unsigned char)req[i]);
	step("listener:", "performing the command: uppercase -> '%.*s'", (int)len, ans);
	pause_step();
	step("listener:", "CONTINUE_CMD with the answer (%zu bytes) -> /dev/tzcom", len);
	ret = tzcom_continue(l->h, cmd_id, l->instance, ans, len);
	if (ret) {
		l->result = failed("listener:", "CONTINUE_CMD", ret);
		return NULL;
	}
	step("listener:", "CONTINUE_CMD returned immediately; the secure world resumes");
	l->result = 0;
	return NULL;
}

/* FORWARD: req {u32 cb_cmd_id, text}; rsp {s32 hlos_status, answer}. */
static int client_send(struct tzcom *h, const char *text, char *out, size_t *out_len,
		       int32_t *hlos)
{
	uint8_t req[4 + TEXT_MAX], rsp[4 + TEXT_MAX];
	uint32_t cb = DEMO_CB_UPPER;
	size_t n = strlen(text), got = 0;
	int32_t svc = 0;
	int ret;

	memcpy(req, &cb, sizeof(cb));
	memcpy(req + 4, text, n);
	step("client:", "SEND_CMD TEST_FORWARD(callback 0x%x, '%s') -> /dev/tzcom (blocks)",
	     cb, text);
	ret = tzcom_send(h, TZ_TEST_FORWARD, req, 4 + n, rsp, sizeof(rsp), &got, &svc);
	if (ret)
		return failed("client:", "SEND_CMD", ret);
	if (svc)
		return failed("client:", "TEST_FORWARD in the secure world", svc);
	if (got < 4) {
		step("client:", "SEND_CMD response too short (%zu bytes)", got);
		return 1;
	}
	memcpy(hlos, rsp, sizeof(*hlos));
	*out_len = got - 4;
	memcpy(out, rsp + 4, *out_len);
	return 0;
}

int main(int argc, char **argv)
{
	const char *text = argc > 1 ? argv[1] : "hello from the normal world";
	struct listener l = { .result = 1 };
	struct tzcom *client = NULL;
	char out[TEXT_MAX + 1], want[TEXT_MAX];
	size_t out_len = 0, i, n = strlen(text);
	int32_t hlos = 0;
	pthread_t t;
	int ret, rc;

	if (argc > 2 || n == 0 || n > TEXT_MAX) {
		fprintf(stderr, "usage: tzcom-demo [TEXT of 1..%u bytes]\n", TEXT_MAX);
		return 2;
	}
	ret = tzcom_open(&l.h);
	if (!ret)
		ret = tzcom_open(&client);
	if (ret) {
		fprintf(stderr, "tzcom-demo: cannot open %s: %s\n", TZCOM_DEFAULT_DEVICE,
			strerror(-ret));
		tzcom_close(l.h);
		return 1;
	}

	step("listener:", "REGISTER_SERVICE svc 0x%x, callback ids 0x%x..0x%x -> /dev/tzcom",
	     DEMO_SVC_ID, DEMO_CB_LOW, DEMO_CB_HIGH);
	ret = tzcom_register(l.h, DEMO_SVC_ID, DEMO_CB_LOW, DEMO_CB_HIGH, &l.instance);
	if (ret) {
		rc = failed("listener:", "REGISTER_SERVICE", ret);
		goto out;
	}
	step("listener:", "registered (instance %u)", l.instance);
	pause_step();

	ret = pthread_create(&t, NULL, listener_main, &l);
	if (ret) {
		rc = failed("demo:", "starting the listener thread", -ret);
		goto out;
	}
	pause_step();	/* let the listener block first, as in the diagram */

	rc = client_send(client, text, out, &out_len, &hlos);
	pthread_join(t, NULL);
	pause_step();
	if (!rc) {
		out[out_len] = '\0';
		step("client:", "SEND_CMD returned: service status 0, listener status %d, response '%s'",
		     hlos, out);
		for (i = 0; i < n; i++)
			want[i] = (char)toupper((unsigned char)text[i]);
		rc = hlos || l.result || out_len != n || memcmp(out, want, n);
	}
	ret = tzcom_unregister(l.h, DEMO_SVC_ID, l.instance);
	if (ret)
		rc = failed("listener:", "UNREGISTER_SERVICE", ret);
	else
		step("listener:", "UNREGISTER_SERVICE svc 0x%x", DEMO_SVC_ID);
	step("demo:", "seed sequence %s", rc ? "FAILED" : "OK: the secure world's response carries the listener's answer");
out:
	tzcom_close(client);
	tzcom_close(l.h);
	return rc ? 1 : 0;
}
