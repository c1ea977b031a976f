// SPDX-License-Identifier: BSD-3-Clause
/*
 * Running an S-EL0 service: one entry (init or a command) from the
 * scheduler's service stack into the service and back.
 *
 * The scheduler calls a service's handle() on its service stack at
 * S-EL1 (sched/sched.c); for an S-EL0 service that is el0_svc_command(),
 * which copies the request into the service's request buffer, maps the
 * command's pages and erets into the service (tz_el0_enter).  Every
 * exception from S-EL0 comes to tz_el0_exception() on the same stack:
 *   - a syscall is served and the service resumed (el0_syscall.c); a
 *     callback to the normal world suspends the whole chain, frame
 *     included, in tz_hlos_call() exactly as an S-EL1 service was;
 *   - exit ends the entry with the service's status and response length,
 *     both bounds-checked;
 *   - anything else (abort, undefined instruction, alignment, FP, brk,
 *     SError, FIQ) is a fault: one log line, the command ends with
 *     -EFAULT, and the service restarts from its image before its next
 *     command.  Nothing of TZBSP depends on the service's state, so the
 *     rest of the secure world goes on.
 * Only one entry is in any service at a time: the scheduler has one
 * command in flight (docs/firmware.md says what changes with threads).
 */
#include <string.h>

#include <tzbsp/arch.h>
#include <tzbsp/log.h>
#include <tzcom/tzsched.h>

#include "el0_priv.h"

/* ESR_EL1.EC values an S-EL0 exception may carry. */
#define ESR_EC_SHIFT		26
#define ESR_EC_MASK		0x3fU
#define ESR_ISS_MASK		0x1ffffffU
#define EC_UNKNOWN		0x00
#define EC_WFX			0x01
#define EC_FP			0x07
#define EC_ILLEGAL		0x0e
#define EC_SVC64		0x15
#define EC_SYSREG		0x18
#define EC_IABT_LOW		0x20
#define EC_PC_ALIGN		0x22
#define EC_DABT_LOW		0x24
#define EC_SP_ALIGN		0x26
#define EC_BRK			0x3c

#define TZ_ERRNO_MAX		4095

static struct el0_svc *el0_active;	/* whose entry is in progress */
static struct tz_ctx el0_abandoned;	/* the ended entry's context, never resumed */

static const char *ec_name(unsigned int ec)
{
	switch (ec) {
	case EC_UNKNOWN:	return "undefined instruction";
	case EC_WFX:		return "WFI/WFE";
	case EC_FP:		return "FP/SIMD access";
	case EC_ILLEGAL:	return "illegal execution state";
	case EC_SYSREG:		return "system register access";
	case EC_IABT_LOW:	return "instruction abort";
	case EC_PC_ALIGN:	return "PC alignment fault";
	case EC_DABT_LOW:	return "data abort";
	case EC_SP_ALIGN:	return "SP alignment fault";
	case EC_BRK:		return "breakpoint (brk)";
	default:		return "exception";
	}
}

/* An address as an offset in the service, never as a TZBSP address. */
static void fmt_addr(char *buf, size_t len, const struct el0_svc *s, uint64_t a)
{
	if (a >= s->va && a - s->va < TZ_EL0_WINDOW)
		tz_snprintf(buf, len, "+%#llx", (unsigned long long)(a - s->va));
	else
		tz_snprintf(buf, len, "outside the service");
}

__attribute__((noreturn))
static void el0_end(struct el0_svc *s, int status, size_t len)
{
	s->run_status = status;
	s->run_len = len;
	tz_ctx_switch(&el0_abandoned, &s->kctx);
	tz_log("el0: an ended entry was resumed");
	tz_ctx_halt();
}

__attribute__((noreturn))
static void el0_fault(struct el0_svc *s, const char *what, unsigned int ec,
		      uint64_t esr, const struct tz_exc_frame *f, bool has_far)
{
	char pc[32], addr[32];

	fmt_addr(pc, sizeof(pc), s, f->elr);
	if (has_far)
		fmt_addr(addr, sizeof(addr), s, read_sysreg(far_el1));
	else
		tz_snprintf(addr, sizeof(addr), "-");
	s->faults++;
	s->dirty = true;
	tz_log("el0: %s: %s (EC %#x, ISS %#llx) at pc %s, address %s: command ends -EFAULT, service restarts",
	       s->name, what, ec, (unsigned long long)(esr & ESR_ISS_MASK), pc, addr);
	el0_end(s, -TZ_EFAULT, 0);
}

__attribute__((noreturn))
static void el0_exit(struct el0_svc *s, const struct tz_exc_frame *f)
{
	const int64_t status = (int64_t)f->x[0];
	const uint64_t len = f->x[1];

	if (status > 0 || status < -TZ_ERRNO_MAX) {
		tz_log("el0: %s: exit status %lld is no -errno", s->name, (long long)status);
		el0_end(s, -TZ_EIO, 0);
	}
	if (len > s->run_cap) {
		tz_log("el0: %s: response of %llu bytes overruns its %llu", s->name,
		       (unsigned long long)len, (unsigned long long)s->run_cap);
		el0_end(s, -TZ_EIO, 0);
	}
	el0_end(s, (int)status, status ? 0 : (size_t)len);
}

__attribute__((weak)) void tz_sched_preempt(void)
{
	/* Unreachable while TZ_EL0_IRQS_MASKED: nothing can preempt yet. */
	tz_log("el0: IRQ from S-EL0 without a thread scheduler");
	tz_ctx_halt();
}

void tz_el0_exception(uint64_t kind, struct tz_exc_frame *f)
{
	struct el0_svc *s = el0_active;
	uint64_t esr = read_sysreg(esr_el1);
	unsigned int ec = (unsigned int)(esr >> ESR_EC_SHIFT) & ESR_EC_MASK;

	if (!s) {
		tz_log("el0: exception from S-EL0 with no service entered");
		tz_ctx_halt();
	}
	switch (kind) {
	case TZ_EL0_EXC_SYNC:
		if (ec == EC_SVC64) {
			if (f->x[8] == TZ_SYS_EXIT)
				el0_exit(s, f);
			el0_syscall(s, f);
			return;
		}
		el0_fault(s, ec_name(ec), ec, esr, f,
			  ec == EC_IABT_LOW || ec == EC_DABT_LOW || ec == EC_PC_ALIGN);
	case TZ_EL0_EXC_IRQ:
		tz_sched_preempt();
		return;
	case TZ_EL0_EXC_FIQ:
		el0_fault(s, "FIQ", ec, 0, f, false);
	default:
		el0_fault(s, "SError", ec, esr, f, false);
	}
}

static int el0_enter_op(struct el0_svc *s, uint64_t op, uint32_t cmd_id,
			size_t req_len, size_t rsp_cap)
{
	struct tz_exc_frame f;

	memset(&f, 0, sizeof(f));
	f.x[0] = op;
	f.x[1] = cmd_id;
	f.x[2] = s->va + TZ_EL0_REQ_OFF;
	f.x[3] = req_len;
	f.x[4] = s->va + TZ_EL0_RSP_OFF;
	f.x[5] = rsp_cap;
	f.x[6] = s->guard;
	f.sp_el0 = s->va + TZ_EL0_STACK_OFF + TZ_EL0_STACK_SIZE;
	f.elr = s->hdr.entry;
	f.spsr = TZ_EL0_SPSR;
	s->run_cap = rsp_cap;
	s->run_status = -TZ_EIO;
	s->run_len = 0;
	s->run_moved = false;

	el0_mmu_map_cmd(s, true, false);
	el0_active = s;
	el0_space_enter(s);
	tz_el0_enter(&s->kctx, &f);
	el0_space_leave();
	el0_active = NULL;
	el0_mmu_map_cmd(s, false, s->run_moved);
	return s->run_status;
}

int el0_svc_init(struct el0_svc *s)
{
	int ret = el0_enter_op(s, TZ_EL0_OP_INIT, 0, 0, 0);

	if (ret)
		tz_log("el0: %s: init failed %d", s->name, ret);
	return ret;
}

int el0_svc_command(struct el0_svc *s, uint32_t cmd_id, const uint8_t *req,
		    size_t req_len, uint8_t *rsp, size_t rsp_cap,
		    size_t *rsp_len)
{
	int ret;

	*rsp_len = 0;
	if (s->dirty)
		el0_svc_restart(s);
	if (!s->up)
		return -TZ_ENOSYS;
	if (req_len > TZ_EL0_REQ_SIZE)
		return -TZ_EMSGSIZE;
	if (rsp_cap > TZ_EL0_RSP_SIZE)
		rsp_cap = TZ_EL0_RSP_SIZE;

	memcpy(s->req, req, req_len);
	ret = el0_enter_op(s, TZ_EL0_OP_CMD, cmd_id, req_len, rsp_cap);
	if (!ret) {
		memcpy(rsp, s->rsp, s->run_len);
		*rsp_len = s->run_len;
	}
	/* The next command finds nothing of this one in its buffers. */
	memset(s->req, 0, req_len);
	memset(s->rsp, 0, rsp_cap);
	return ret;
}
