/* SPDX-License-Identifier: BSD-3-Clause */
/* Raw SMCs from userspace through tests/kmod's tzcom_smctest debugfs file. */
#ifndef BOARD_SMCCALL_H
#define BOARD_SMCCALL_H

#include <stdint.h>

#define SMCTEST_CALL	"/sys/kernel/debug/tzcom_smctest/call"
#define SMCTEST_KO	"/lib/tzcom/tzcom_smctest.ko"

/*
 * Load the module if needed; 0 when the call file is usable, -ENODEV when
 * the board has no secure world to call, else -errno.
 */
int smc_open(void);

/*
 * Make one SMC with x0..x(nargs-1) (the rest zero) and return a0..a3.
 * 0 on success, -errno if the module could not be driven.
 */
int smc_call(const uint64_t *x, int nargs, uint64_t a[4]);

#endif /* BOARD_SMCCALL_H */
