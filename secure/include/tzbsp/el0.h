/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TZBSP's side of the S-EL0 services (secure/el0, docs/firmware.md
 * "Services at S-EL0"): what the exception vectors and the scheduler see.
 */
#ifndef TZBSP_EL0_H
#define TZBSP_EL0_H

#include <tzcom/tz_const.h>

/* Which lower-EL AArch64 vector an exception came through. */
#define TZ_EL0_EXC_SYNC		0
#define TZ_EL0_EXC_IRQ		1
#define TZ_EL0_EXC_FIQ		2
#define TZ_EL0_EXC_SERROR	3

/*
 * A command runs at S-EL0 with IRQs unmasked: a normal-world interrupt
 * there goes to tz_sched_preempt() (PREEMPTED, docs/protocol.md section
 * 9).  An init runs with them masked: at boot there is no thread to park,
 * and a restart's init is short.  Debug, SError and FIQ stay masked at
 * S-EL0 either way.
 */
#define TZ_SPSR_EL0T		TZ_ULL(0x0)
#define TZ_SPSR_D		TZ_ULL(0x200)
#define TZ_SPSR_A		TZ_ULL(0x100)
#define TZ_SPSR_I		TZ_ULL(0x080)
#define TZ_SPSR_F		TZ_ULL(0x040)
#define TZ_EL0_SPSR_CMD		(TZ_SPSR_EL0T | TZ_SPSR_D | TZ_SPSR_A | TZ_SPSR_F)
#define TZ_EL0_SPSR_INIT	(TZ_EL0_SPSR_CMD | TZ_SPSR_I)

#ifndef __ASSEMBLER__
#include <stddef.h>
#include <stdint.h>

#include <tzbsp/exc_frame.h>

struct el0_svc;

/* Load the service's image, map it and run its init; 0 or -errno. */
int el0_svc_load(struct el0_svc *s);

/*
 * Run one command in the service (tzbsp/service.h's handle contract):
 * req and rsp are secure buffers of the scheduler; they are copied into
 * and out of the service's own buffers.  A fault in the service ends the
 * command with -TZ_EFAULT.  Runs on the command's secure thread.
 */
int el0_svc_command(struct el0_svc *s, uint32_t cmd_id, const uint8_t *req,
		    size_t req_len, uint8_t *rsp, size_t rsp_cap,
		    size_t *rsp_len);

/* From el0/el0_entry.S: an exception from S-EL0; returns to resume it. */
void tz_el0_exception(uint64_t kind, struct tz_exc_frame *frame);
#endif /* __ASSEMBLER__ */

#endif /* TZBSP_EL0_H */
