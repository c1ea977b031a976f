// SPDX-License-Identifier: BSD-3-Clause
/*
 * sd_notify(3)'s wire protocol in a few lines: one datagram with
 * "KEY=VALUE" lines to the AF_UNIX socket named by $NOTIFY_SOCKET (a
 * path, or '@' for the abstract namespace).  Written here rather than
 * linking libsystemd so the static board build and a non-systemd system
 * need nothing more (docs/decisions.md).
 */
#include <errno.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "tzcomd_notify.h"

int tzcomd_notify(const char *state)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len;
	ssize_t sent;
	int fd, err = 0;

	if (!path || !*path)
		return 0;
	len = strlen(path);
	if ((path[0] != '/' && path[0] != '@') || len >= sizeof(sa.sun_path))
		return -EINVAL;
	memcpy(sa.sun_path, path, len);
	if (path[0] == '@')
		sa.sun_path[0] = '\0';
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return -errno;
	sent = sendto(fd, state, strlen(state), MSG_NOSIGNAL, (struct sockaddr *)&sa,
		      (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len));
	if (sent < 0)
		err = -errno;
	close(fd);
	return err;
}
