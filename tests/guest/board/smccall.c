// SPDX-License-Identifier: BSD-3-Clause
/* Raw SMCs from userspace through tests/kmod's tzcom_smctest debugfs file. */
#include "smccall.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/*
 * Is there an EL3 to take an SMC?  Our DTB says so with PSCI's method; on
 * a board without it (board/run --no-secure) an SMC is undefined and the
 * module would oops.
 */
static int smc_conduit_present(void)
{
	char method[8] = "";
	ssize_t n;
	int fd = open("/proc/device-tree/psci/method", O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return 0;
	n = read(fd, method, sizeof(method) - 1);
	close(fd);
	return n > 0 && strcmp(method, "smc") == 0;
}

int smc_open(void)
{
	int fd, ret;

	if (!smc_conduit_present())
		return -ENODEV;
	if (access(SMCTEST_CALL, W_OK) == 0)
		return 0;
	fd = open(SMCTEST_KO, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	ret = (int)syscall(SYS_finit_module, fd, "", 0);
	if (ret < 0 && errno != EEXIST)
		ret = -errno;
	else
		ret = 0;
	close(fd);
	if (ret == 0 && access(SMCTEST_CALL, W_OK) != 0)
		ret = -errno;
	return ret;
}

int smc_call(const uint64_t *x, int nargs, uint64_t a[4])
{
	char buf[256];
	size_t off = 0;
	ssize_t n;
	int fd, i, ret = 0;

	if (nargs < 1 || nargs > 8)
		return -EINVAL;
	for (i = 0; i < nargs; i++)
		off += (size_t)snprintf(buf + off, sizeof(buf) - off, "%" PRIx64 "%s",
					x[i], i + 1 < nargs ? " " : "\n");

	fd = open(SMCTEST_CALL, O_RDWR | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (write(fd, buf, off) != (ssize_t)off) {
		ret = -errno;
		goto out;
	}
	n = pread(fd, buf, sizeof(buf) - 1, 0);
	if (n <= 0) {
		ret = n < 0 ? -errno : -EIO;
		goto out;
	}
	buf[n] = '\0';
	if (sscanf(buf, "%" SCNx64 " %" SCNx64 " %" SCNx64 " %" SCNx64,
		   &a[0], &a[1], &a[2], &a[3]) != 4)
		ret = -EPROTO;
out:
	close(fd);
	return ret;
}
