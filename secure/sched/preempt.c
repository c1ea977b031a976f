// SPDX-License-Identifier: BSD-3-Clause
/*
 * Preemption of a command's thread by a normal-world interrupt
 * (docs/firmware.md, "Preemption").  TZBSP runs with IRQs masked except
 * inside a preemptible region; an IRQ taken there is left pending (TZBSP
 * never touches the GIC), the thread parks as PREEMPTED and the SMC
 * returns TZ_SMC_PREEMPTED, so the normal world takes its interrupt at
 * once and RESUMEs the thread later.
 */
#include <tzbsp/sched.h>

#include "thread.h"

static void irq_unmask(void)
{
#ifndef TZBSP_HOST
	__asm__ volatile("msr daifclr, #2" ::: "memory");
#endif
}

static void irq_mask(void)
{
#ifndef TZBSP_HOST
	__asm__ volatile("msr daifset, #2" ::: "memory");
#endif
}

static struct tz_thread *preempt_thread(void)
{
	struct tz_thread *t = tz_thread_current();

	if (!t || !t->cmd.in_service)
		tz_thread_panic("preemptible region outside a command");
	return t;
}

void tz_preempt_enable(void)
{
	struct tz_thread *t = preempt_thread();

	if (t->cmd.preemptible)
		tz_thread_panic("preemptible region nested");
	/* Flag first: an IRQ right after the unmask must find it set. */
	t->cmd.preemptible = true;
	irq_unmask();
}

void tz_preempt_disable(void)
{
	struct tz_thread *t;

	irq_mask();
	t = preempt_thread();
	if (!t->cmd.preemptible)
		tz_thread_panic("preemptible region closed twice");
	t->cmd.preemptible = false;
}

void tz_sched_preempt(void)
{
	struct tz_thread *t = tz_thread_current();

	if (!t || !t->cmd.preemptible)
		tz_thread_panic("IRQ outside a preemptible region");
	tz_thread_yield(t, TZ_EXIT_PREEMPTED);
}
