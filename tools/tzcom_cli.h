/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * What tools/tzcom.c (command line, commands) and tools/tzcom_status.c
 * (the status report) share.
 */
#ifndef TZCOM_CLI_H
#define TZCOM_CLI_H

#include <stdbool.h>

#include <libtzcom.h>

/* Exit status (docs/userspace.md). */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,		/* the operation failed */
	EXIT_USAGE = 2,		/* bad command line */
	EXIT_NODEV = 3,		/* /dev/tzcom cannot be opened */
};

/* --device, else $TZCOM_DEVICE, else TZCOM_DEFAULT_DEVICE. */
const char *cli_device_path(void);
/*
 * Open the device; on failure print why (unless quiet) and return the
 * -errno; 0 on success.
 */
int cli_open(struct tzcom **h, bool quiet);

/* The secure world's trusted service names, by service number (or NULL). */
const char *cli_svc_name(unsigned int svc);

/* tzcom status [--json]: the body, after the options are parsed. */
int cli_status(bool json);

#endif
