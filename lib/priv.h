/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * libtzcom internals shared by its source files.  Nothing here is
 * exported: the version script (libtzcom.map) exports tzcom_* only, and
 * internal names use the tzl_ prefix.
 */
#ifndef LIBTZCOM_PRIV_H
#define LIBTZCOM_PRIV_H

#include <libtzcom.h>

struct tzcom {
	int fd;
};

/* ioctl that returns 0 or -errno; a positive result is -EIO. */
int tzl_ioctl(struct tzcom *h, unsigned long req, void *arg);

#endif /* LIBTZCOM_PRIV_H */
