/*
 * SPDX-License-Identifier: BSD-3-Clause
 *
 * The SPD's routing table (tzbspd_calls.c).  Plain C on purpose, with no
 * TF-A header, so that the host tests (tests/host/test_fw_spd_calls.c) check
 * the very table BL31 links.
 */
#ifndef TZBSPD_CALLS_H
#define TZBSPD_CALLS_H

#include <stdint.h>

/* How the SPD answers one normal-world SiP call. */
enum tzbspd_route {
	TZBSPD_AT_EL3,		/* answered here, TZBSP is not entered */
	TZBSPD_TO_TOS_FAST,	/* TZBSP's fast-call entry */
	TZBSPD_TO_TOS_STD,	/* TZBSP's yielding-call entry */
};

struct tzbspd_call {
	uint32_t fid;
	enum tzbspd_route route;
};

/* The SiP call the normal world may make with this id, or NULL (SMC_UNK). */
const struct tzbspd_call *tzbspd_find_call(uint32_t fid);
/* How many there are (the SiP call-count answer). */
uint32_t tzbspd_num_calls(void);

#endif /* TZBSPD_CALLS_H */
