// SPDX-License-Identifier: BSD-3-Clause
/*
 * A client built only from what libtzcom-dev installs, with the flags of
 * its pkg-config file: <libtzcom.h>, and <linux/tzcom.h> as an original
 * MSM client includes it (the header lives in tzcom/uapi/linux/).  Run on
 * the board it shows the installed library and ABI header work.
 */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <linux/tzcom.h>
#include <libtzcom.h>
/* Every public header must compile from the package's files alone. */
#include <tzcom/hlos_storage.h>
#include <tzcom/tz_crypto.h>
#include <tzcom/tz_storage.h>
#include <tzcom/tzsched.h>

int main(void)
{
	struct tzcom_info in;
	struct tzcom *h;
	int ret;

	ret = tzcom_open(&h);
	if (ret) {
		fprintf(stderr, "client: tzcom_open: %s\n", strerror(-ret));
		return 1;
	}
	ret = tzcom_get_info(h, &in);
	if (ret) {
		fprintf(stderr, "client: tzcom_get_info: %s\n", strerror(-ret));
		tzcom_close(h);
		return 1;
	}
	printf("client: libtzcom %s, TZBSP %u.%u\n", tzcom_version(), in.version_major,
	       in.version_minor);
	/* The raw ABI from <linux/tzcom.h> on the library's fd: ABORT only
	 * wakes this fd's own calls, and there are none. */
	ret = ioctl(tzcom_fd(h), TZCOM_IOCTL_ABORT_REQ);
	printf("client: ioctl TZCOM_IOCTL_ABORT_REQ (0x%x) = %d\n",
	       (unsigned int)TZCOM_IOCTL_ABORT_REQ, ret);
	tzcom_close(h);
	return ret ? 1 : 0;
}
