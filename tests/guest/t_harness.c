// SPDX-License-Identifier: BSD-3-Clause
/*
 * The test harness itself: a test that changes a driver parameter puts it
 * back however it ends, so a later test never runs with its settings.  A
 * child overrides callback_timeout_ms and then (a) is ended by the TAP
 * watchdog, which exits with _exit() and so runs no atexit handler,
 * (b) is sent SIGTERM as tests/check's timeout does, (c) returns normally.
 */
#include <sys/wait.h>

#include "tzt.h"

#define PARAM	"callback_timeout_ms"

static const char *how_name[] = { "the TAP watchdog", "SIGTERM", "a normal exit" };

static void child(int how)
{
	if (tzt_param_override(PARAM, "1234"))
		_exit(10);
	switch (how) {
	case 0:
		signal(SIGALRM, tap_watchdog);
		alarm(1);
		pause();
		_exit(11);
	case 1:
		pause();
		_exit(12);
	default:
		exit(0);
	}
}

int main(void)
{
	char before[32], during[32], after[32];
	int how, status;
	pid_t pid;

	tap_plan(9);
	if (tzt_param_get(PARAM, before, sizeof(before)))
		tap_bail("cannot read " PARAM);
	if (!strcmp(before, "1234"))
		tap_bail(PARAM " is already 1234");
	for (how = 0; how < 3; how++) {
		fflush(stdout);
		pid = fork();
		if (pid < 0)
			tap_bail("fork: %s", strerror(errno));
		if (pid == 0) {
			/* The watchdog's "Bail out!" must not enter our TAP. */
			if (how == 0 && !freopen("/dev/null", "w", stdout))
				_exit(13);
			child(how);
		}
		during[0] = '\0';
		for (int i = 0; i < 200 && strcmp(during, "1234"); i++) {
			usleep(10000);
			tzt_param_get(PARAM, during, sizeof(during));
		}
		tap_ok(!strcmp(during, "1234") || how == 2,
		       "%s: the child's override took effect (%s)", how_name[how], during);
		if (how == 1)
			kill(pid, SIGTERM);
		waitpid(pid, &status, 0);
		tap_ok(how == 0 ? WIFEXITED(status) && WEXITSTATUS(status) == 2 :
		       how == 1 ? WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM :
		       WIFEXITED(status) && WEXITSTATUS(status) == 0,
		       "%s: the child ended that way (status 0x%x)", how_name[how], status);
		tzt_param_get(PARAM, after, sizeof(after));
		tap_ok(!strcmp(after, before), "%s: %s is back to %s (%s)", how_name[how], PARAM,
		       before, after);
	}
	return tap_done();
}
