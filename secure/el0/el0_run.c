// SPDX-License-Identifier: BSD-3-Clause
/*
 * Running an S-EL0 service: one entry (init or a command) from a secure
 * thread's stack into the service and back.
 *
 * The scheduler calls a service's handle() on the command's thread at
 * S-EL1 (sched/sched.c); for an S-EL0 service that is el0_svc_command(),
 * which copies the request into the request buffer of the thread's slot,
 * maps the slot's pages and erets into the service (tz_el0_enter) with
 * IRQs unmasked.  Every exception from S-EL0 comes to tz_el0_exception()
 * on the same stack:
 *   - a syscall is served and the service resumed (el0_syscall.c); a
 *     callback to the normal world suspends the whole chain, frame
 *     included, in tz_hlos_call() exactly as an S-EL1 service was;
 *   - an IRQ is a normal-world interrupt: the thread parks in
 *     tz_sched_preempt() (PREEMPTED) and goes on after RESUME, maybe on
 *     another CPU;
 *   - exit ends the entry with the service's status and response length,
 *     both bounds-checked;
 *   - anything else (abort, undefined instruction, alignment, FP, brk,
 *     SError, FIQ) is a fault: one log line, the command ends with
 *     -EFAULT, and the service restarts from its image before a later
 *     command, once no other command is in it.  Nothing of TZBSP
 *     depends on the service's state, so the rest of the secure world
 *     goes on.
 * Each thread has its own entry state (el0_runs[], by thread index), so
 * an exclusive service's one command and a concurrent service's commands
 * on every thread run side by side (docs/firmware.md).
 */
#include <string.h>

#include <tzbsp/arch.h>
#include <tzbsp/log.h>
#include <tzbsp/sched.h>
#include <tzcom/tzsched.h>

#include "el0_priv.h"
#include "../sched/thread.h"

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

/* Each thread's entry; the boot CPU's for the first inits (no thread). */
static struct el0_run el0_runs[TZ_THREADS];
static struct el0_run el0_boot_run;

static struct tz_thread *el0_thread(void)
{
	return tz_thread_current();
}

static struct el0_run *el0_run_here(struct tz_thread *t)
{
	return t ? &el0_runs[t->id & TZ_THREAD_INDEX_MASK] : &el0_boot_run;
}

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
static void el0_end(struct el0_run *r, int status, size_t len)
{
	r->status = status;
	r->len = len;
	tz_ctx_switch(&r->abandoned, &r->kctx);
	tz_log("el0: an ended entry was resumed");
	tz_ctx_halt();
}

__attribute__((noreturn))
static void el0_fault(struct el0_run *r, const char *what, unsigned int ec,
		      uint64_t esr, const struct tz_exc_frame *f, bool has_far)
{
	struct el0_svc *s = r->svc;
	char pc[32], addr[32];

	fmt_addr(pc, sizeof(pc), s, f->elr);
	if (has_far)
		fmt_addr(addr, sizeof(addr), s, read_sysreg(far_el1));
	else
		tz_snprintf(addr, sizeof(addr), "-");
	tz_spin_lock(&s->lock);
	s->faults++;
	s->dirty = true;
	tz_spin_unlock(&s->lock);
	tz_log("el0: %s: %s (EC %#x, ISS %#llx) at pc %s, address %s: command ends -EFAULT, service restarts",
	       s->name, what, ec, (unsigned long long)(esr & ESR_ISS_MASK), pc, addr);
	el0_end(r, -TZ_EFAULT, 0);
}

__attribute__((noreturn))
static void el0_exit(struct el0_run *r, const struct tz_exc_frame *f)
{
	const struct el0_svc *s = r->svc;
	const int64_t status = (int64_t)f->x[0];
	const uint64_t len = f->x[1];

	if (status > 0 || status < -TZ_ERRNO_MAX) {
		tz_log("el0: %s: exit status %lld is no -errno", s->name, (long long)status);
		el0_end(r, -TZ_EIO, 0);
	}
	if (len > r->cap) {
		tz_log("el0: %s: response of %llu bytes overruns its %llu", s->name,
		       (unsigned long long)len, (unsigned long long)r->cap);
		el0_end(r, -TZ_EIO, 0);
	}
	el0_end(r, (int)status, status ? 0 : (size_t)len);
}

/*
 * A normal-world interrupt at S-EL0: the thread parks until RESUME, on
 * TZBSP's own table and with the normal world's CNTKCTL_EL1 on this CPU,
 * and comes back to the service's on whichever CPU resumes it.
 */
static void el0_preempt(struct el0_run *r)
{
	el0_space_leave(r);
	r->moved = true;
	tz_sched_preempt();
	el0_space_enter(r);
}

void tz_el0_exception(uint64_t kind, struct tz_exc_frame *f)
{
	struct tz_thread *t = el0_thread();
	struct el0_run *r = el0_run_here(t);
	uint64_t esr = read_sysreg(esr_el1);
	unsigned int ec = (unsigned int)(esr >> ESR_EC_SHIFT) & ESR_EC_MASK;

	if (!r->svc) {
		tz_log("el0: exception from S-EL0 with no service entered");
		tz_ctx_halt();
	}
	switch (kind) {
	case TZ_EL0_EXC_SYNC:
		if (ec == EC_SVC64) {
			if (f->x[8] == TZ_SYS_EXIT)
				el0_exit(r, f);
			/* TZBSP's code of a syscall runs with IRQs masked. */
			if (t)
				t->cmd.preemptible = false;
			el0_syscall(r, f);
			if (t)
				t->cmd.preemptible = (f->spsr & TZ_SPSR_I) == 0;
			return;
		}
		el0_fault(r, ec_name(ec), ec, esr, f,
			  ec == EC_IABT_LOW || ec == EC_DABT_LOW || ec == EC_PC_ALIGN);
	case TZ_EL0_EXC_IRQ:
		el0_preempt(r);
		return;
	case TZ_EL0_EXC_FIQ:
		el0_fault(r, "FIQ", ec, 0, f, false);
	default:
		el0_fault(r, "SError", ec, esr, f, false);
	}
}

/* Counts the entry in; true if another entry of the service is in too. */
static bool el0_svc_in(struct el0_svc *s, uint32_t *entries)
{
	bool shared;

	tz_spin_lock(&s->lock);
	shared = s->running > 0;
	s->running++;
	*entries = ++s->entries;
	tz_spin_unlock(&s->lock);
	return shared;
}

/* Counts it out; true if another entry overlapped it at any time. */
static bool el0_svc_out(struct el0_svc *s, uint32_t entries)
{
	bool shared;

	tz_spin_lock(&s->lock);
	s->running--;
	shared = s->running > 0 || s->entries != entries;
	tz_spin_unlock(&s->lock);
	return shared;
}

static int el0_enter_op(struct el0_svc *s, struct el0_slot *slot, uint64_t op,
			uint32_t cmd_id, size_t req_len, size_t rsp_cap)
{
	struct tz_thread *t = el0_thread();
	struct el0_run *r = el0_run_here(t);
	/* Commands take normal-world interrupts; inits run without a thread. */
	const bool irqs = op == TZ_EL0_OP_CMD && t;
	struct tz_exc_frame f;
	uint32_t entries;
	bool shared;

	if (r->svc)
		tz_thread_panic("el0: entry nested in an entry");
	memset(&f, 0, sizeof(f));
	f.x[0] = op;
	f.x[1] = cmd_id;
	f.x[2] = slot->va + TZ_EL0_REQ_OFF;
	f.x[3] = req_len;
	f.x[4] = slot->va + TZ_EL0_RSP_OFF;
	f.x[5] = rsp_cap;
	f.x[6] = s->guard;
	f.sp_el0 = slot->va + TZ_EL0_STACK_OFF + TZ_EL0_STACK_SIZE;
	f.elr = s->hdr.entry;
	f.spsr = irqs ? TZ_EL0_SPSR_CMD : TZ_EL0_SPSR_INIT;
	r->cap = rsp_cap;
	r->status = -TZ_EIO;
	r->len = 0;
	r->moved = false;
	r->slot = slot;

	shared = el0_svc_in(s, &entries);
	el0_mmu_map_slot(s, slot, true, false);
	r->svc = s;
	el0_space_enter(r);
	if (irqs)
		t->cmd.preemptible = true;
	tz_el0_enter(&r->kctx, &f);
	/* Back on the same thread, maybe on another CPU. */
	if (irqs)
		t->cmd.preemptible = false;
	el0_space_leave(r);
	r->svc = NULL;
	shared |= el0_svc_out(s, entries);
	el0_mmu_map_slot(s, slot, false, r->moved || shared);
	return r->status;
}

int el0_svc_init(struct el0_svc *s, struct el0_slot *slot)
{
	int ret = el0_enter_op(s, slot, TZ_EL0_OP_INIT, 0, 0, 0);

	if (ret)
		tz_log("el0: %s: init failed %d", s->name, ret);
	return ret;
}

/*
 * A faulted service restarts once no other command is in it; a command
 * that arrives meanwhile waits, which is short: the restart's init runs
 * with IRQs masked and makes no callback.
 */
static void el0_restart_if_idle(struct el0_svc *s, struct el0_slot *slot)
{
	bool restart, wait;

	do {
		tz_spin_lock(&s->lock);
		wait = s->restarting;
		restart = !wait && s->dirty && s->running == 0;
		if (restart) {
			s->dirty = false;
			s->restarting = true;
		}
		tz_spin_unlock(&s->lock);
	} while (wait);
	if (!restart)
		return;
	el0_svc_restart(s, slot);
	tz_spin_lock(&s->lock);
	s->restarting = false;
	tz_spin_unlock(&s->lock);
}

int el0_svc_command(struct el0_svc *s, uint32_t cmd_id, const uint8_t *req,
		    size_t req_len, uint8_t *rsp, size_t rsp_cap,
		    size_t *rsp_len)
{
	struct tz_thread *t = el0_thread();
	struct el0_slot *slot;
	struct el0_run *r;
	int ret;

	*rsp_len = 0;
	if (!t)
		return -TZ_EPERM;
	slot = &s->slots[s->exclusive ? 0 : t->id & TZ_THREAD_INDEX_MASK];
	el0_restart_if_idle(s, slot);
	if (!s->up)
		return -TZ_ENOSYS;
	if (req_len > TZ_EL0_REQ_SIZE)
		return -TZ_EMSGSIZE;
	if (rsp_cap > TZ_EL0_RSP_SIZE)
		rsp_cap = TZ_EL0_RSP_SIZE;

	memcpy(slot->req, req, req_len);
	ret = el0_enter_op(s, slot, TZ_EL0_OP_CMD, cmd_id, req_len, rsp_cap);
	r = el0_run_here(t);
	if (!ret) {
		memcpy(rsp, slot->rsp, r->len);
		*rsp_len = r->len;
	}
	/*
	 * The next command finds nothing of this one in its buffers.  The
	 * scratch is left as it is, as a thread's scratch at S-EL1 is: only
	 * commands of the same service ever see it, like its heap.
	 */
	memset(slot->req, 0, req_len);
	memset(slot->rsp, 0, rsp_cap);
	return ret;
}
