// SPDX-License-Identifier: BSD-3-Clause
/*
 * The C side of an S-EL0 service's entry (user/start.S): run the
 * program's one service descriptor (tzbsp/service.h) for the entry TZBSP
 * asked for, and report the result with the exit syscall.  Also the
 * stack protector's hooks: a smashed stack is a fault (brk), which ends
 * the command with -EFAULT and restarts the service.
 */
#include <stddef.h>
#include <stdint.h>

#include <tzbsp/el0_abi.h>
#include <tzbsp/sched.h>
#include <tzbsp/service.h>

#include "syscall.h"

extern const struct tz_service __start_tz_services[];
extern const struct tz_service __stop_tz_services[];

uintptr_t __stack_chk_guard;

void __stack_chk_fail(void);
void __stack_chk_fail(void)
{
	__builtin_trap();
}

/*
 * The calling command's scratch: commands of a concurrent service run at
 * once on several threads, each on the stack of its own slot, so the
 * stack pointer names the slot and no global is needed (el0_abi.h).
 */
void *tz_thread_scratch(size_t *len)
{
	const uintptr_t sp = (uintptr_t)__builtin_frame_address(0);
	const uintptr_t base = sp & ~(uintptr_t)(TZ_EL0_WINDOW - 1);
	const uintptr_t off = sp - base;

	if (off < TZ_EL0_SLOT_OFF(0) || off >= TZ_EL0_SLOT_OFF(TZ_EL0_SLOTS_MAX)) {
		*len = 0;
		return NULL;
	}
	*len = TZ_EL0_SCRATCH_SIZE;
	return (void *)(base + TZ_EL0_SLOT_OFF((off - TZ_EL0_SLOT_OFF(0)) / TZ_EL0_SLOT_SIZE) +
			TZ_EL0_SCRATCH_OFF);
}

/*
 * A command runs at S-EL0 with IRQs unmasked from its first instruction
 * (el0/el0_run.c): every stretch of it is preemptible already.
 */
void tz_preempt_enable(void)
{
}

void tz_preempt_disable(void)
{
}

__attribute__((noreturn))
void tz_user_main(uint64_t op, uint32_t cmd_id, const uint8_t *req,
		  size_t req_len, uint8_t *rsp, size_t rsp_cap);

void tz_user_main(uint64_t op, uint32_t cmd_id, const uint8_t *req,
		  size_t req_len, uint8_t *rsp, size_t rsp_cap)
{
	const struct tz_service *s = __start_tz_services;
	size_t len = 0;
	int status;

	if (__stop_tz_services - __start_tz_services != 1)
		status = -TZ_ENOSYS;
	else if (op == TZ_EL0_OP_INIT)
		status = s->init ? s->init() : 0;
	else
		status = s->handle(cmd_id, req, req_len, rsp, rsp_cap, &len);
	tz_syscall(TZ_SYS_EXIT, (uint64_t)(int64_t)status, len, 0, 0, 0, 0);
	__builtin_trap();
}
