// SPDX-License-Identifier: BSD-3-Clause
/*
 * notify-wait SECONDS CMD [ARG]...: plays systemd's side of Type=notify
 * on the board (which has no systemd): binds a datagram socket, runs CMD
 * with $NOTIFY_SOCKET naming it, and waits for "READY=1".  Prints
 * "ready PID" and exits 0, leaving CMD running, or says why not and
 * exits 1 (CMD exited first, or no READY=1 in time).
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	char msg[512];
	int fd, status, waited = 0, timeout_ms;
	pid_t pid;

	if (argc < 3) {
		fprintf(stderr, "usage: notify-wait SECONDS CMD [ARG]...\n");
		return 2;
	}
	timeout_ms = atoi(argv[1]) * 1000;
	snprintf(sa.sun_path, sizeof(sa.sun_path), "/tmp/notify-wait.%ld", (long)getpid());
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		fprintf(stderr, "notify-wait: socket %s: %s\n", sa.sun_path, strerror(errno));
		return 1;
	}
	setenv("NOTIFY_SOCKET", sa.sun_path, 1);
	pid = fork();
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		fprintf(stderr, "notify-wait: exec %s: %s\n", argv[2], strerror(errno));
		_exit(127);
	}
	while (waited < timeout_ms) {
		struct pollfd p = { .fd = fd, .events = POLLIN };
		ssize_t n;

		if (poll(&p, 1, 100) > 0) {
			n = recv(fd, msg, sizeof(msg) - 1, 0);
			if (n > 0) {
				msg[n] = '\0';
				printf("notify: %s\n", msg);
				if (strstr(msg, "READY=1")) {
					printf("ready %ld\n", (long)pid);
					unlink(sa.sun_path);
					return 0;
				}
			}
		}
		if (waitpid(pid, &status, WNOHANG) == pid) {
			printf("notify-wait: %s exited (status 0x%x) before READY=1\n", argv[2],
			       status);
			unlink(sa.sun_path);
			return 1;
		}
		waited += 100;
	}
	printf("notify-wait: no READY=1 from %s in %s s\n", argv[2], argv[1]);
	kill(pid, SIGTERM);
	unlink(sa.sun_path);
	return 1;
}
