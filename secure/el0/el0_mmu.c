// SPDX-License-Identifier: BSD-3-Clause
/*
 * Each S-EL0 service's translation table (TTBR0_EL1 with ASID id + 1):
 * TZBSP's own map (boot/mmu.c), whose entries are global and EL1-only
 * (no EL0 access, UXN), plus the service's 2 MiB window with nG pages
 * that EL0 may use:
 *   text          RX at EL0, never executable at EL1 (PXN)
 *   rodata        RO, XN
 *   data, bss     RW, XN
 *   a slot's stack, req, rsp, scratch
 *                 RW, XN, present only while the command of that slot
 *                 runs (one slot per secure thread, el0_abi.h)
 * Everything else of the window, another service's window included, is
 * unmapped.  Cortex-A57 (ARMv8.0) has no PAN or UAO: TZBSP never touches
 * a service's memory through its user addresses, only through its own
 * identity map after el0_uptr() checked the range (el0_syscall.c).
 */
#include <string.h>

#include <tzbsp/arch.h>
#include <tzbsp/boot.h>
#include <tzbsp/pte.h>

#include "el0_priv.h"

#define EL0_PAGE	0x1000ULL
#define EL0_TEXT	(PTE_PAGE | MEM_ATTRS | PTE_NG | PTE_AP_EL0 | PTE_AP_RO | PTE_PXN)
#define EL0_RO		(PTE_PAGE | MEM_ATTRS | PTE_NG | PTE_AP_EL0 | PTE_AP_RO | PTE_XN)
#define EL0_RW		(PTE_PAGE | MEM_ATTRS | PTE_NG | PTE_AP_EL0 | PTE_XN)

static uint64_t el0_asid(const struct el0_svc *s)
{
	return (uint64_t)(s->id + 1) << 48;
}

static void map_pages(struct el0_svc *s, uint64_t off, uint64_t len,
		      const uint8_t *pa, uint64_t attrs)
{
	for (uint64_t o = 0; o < len; o += EL0_PAGE)
		s->l3[(off + o) / EL0_PAGE] = attrs ? ((uintptr_t)pa + o) | attrs : 0;
}

/*
 * All CPUs' entries of the service's ASID, or only this CPU's when no
 * other CPU can have walked its table since the last flush.
 */
static void el0_tlb_flush(const struct el0_svc *s, bool all_cpus)
{
	if (all_cpus) {
		dsb_ish();
		__asm__ volatile("tlbi aside1is, %0" : : "r"(el0_asid(s)) : "memory");
		dsb_ish();
	} else {
		__asm__ volatile("dsb nshst" ::: "memory");
		__asm__ volatile("tlbi aside1, %0" : : "r"(el0_asid(s)) : "memory");
		__asm__ volatile("dsb nsh" ::: "memory");
	}
	isb();
}

void el0_mmu_build(struct el0_svc *s)
{
	const uint64_t *os_l1 = (const uint64_t *)(uintptr_t)tz_mmu_os_table();
	const uint64_t *os_l2 = (const uint64_t *)(uintptr_t)(os_l1[0] & PTE_ADDR_MASK);
	const struct tz_el0_header *h = &s->hdr;

	memcpy(s->l1, os_l1, 4 * sizeof(uint64_t));
	memcpy(s->l2, os_l2, 512 * sizeof(uint64_t));
	memset(s->l3, 0, 512 * sizeof(uint64_t));
	s->l1[0] = (uintptr_t)s->l2 | PTE_TABLE;
	s->l2[(s->va >> 21) & 511] = (uintptr_t)s->l3 | PTE_TABLE;

	map_pages(s, 0, h->text_end - s->va, s->mem, EL0_TEXT);
	map_pages(s, h->text_end - s->va, h->ro_end - h->text_end,
		  s->mem + (h->text_end - s->va), EL0_RO);
	map_pages(s, h->data_start - s->va, h->bss_end - h->data_start,
		  s->mem + (h->data_start - s->va), EL0_RW);
	s->ttbr0 = (uintptr_t)s->l1 | el0_asid(s);
	/* Nothing of an earlier life of this ASID may survive. */
	el0_tlb_flush(s, true);
}

/*
 * Map a slot's pages, or unmap them: then only the CPUs that walked the
 * table while they were mapped can hold them, and all_cpus says whether
 * that may be more than this one (the command moved CPU after a callback
 * or a preemption, or another command of the service ran meanwhile and
 * may have walked them speculatively).  Other slots' entries are in
 * other l3 words, so commands on other CPUs map and unmap theirs freely.
 */
void el0_mmu_map_slot(struct el0_svc *s, const struct el0_slot *slot, bool map,
		      bool all_cpus)
{
	const uint64_t attrs = map ? EL0_RW : 0;
	const uint64_t off = slot->va - s->va;

	map_pages(s, off + TZ_EL0_STACK_OFF, TZ_EL0_STACK_SIZE, slot->stack, attrs);
	map_pages(s, off + TZ_EL0_REQ_OFF, TZ_EL0_REQ_SIZE, slot->req, attrs);
	map_pages(s, off + TZ_EL0_RSP_OFF, TZ_EL0_RSP_SIZE, slot->rsp, attrs);
	map_pages(s, off + TZ_EL0_SCRATCH_OFF, TZ_EL0_SCRATCH_SIZE, slot->scratch, attrs);
	if (map)
		dsb_ish();	/* the walker sees the new entries */
	else
		el0_tlb_flush(s, all_cpus);
}

/*
 * CNTKCTL_EL1 is the normal world's too (TF-A switches it only with
 * NS_TIMER_SWITCH), and a per-CPU register: the services' access to the
 * counters (SPIN, storage nonces) is set on every way into S-EL0 and
 * this CPU's old value put back on every way out, before any return to
 * the normal world (COMPLETE, a callback's INCOMPLETE, PREEMPTED).  Enter
 * and leave always pair up on one CPU around a stretch at S-EL0, and the
 * value is the entry's own, so entries on other CPUs never mix theirs.
 */
void el0_space_enter(struct el0_run *r)
{
	r->ns_cntkctl = read_sysreg(cntkctl_el1);
	write_sysreg(CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN, cntkctl_el1);
	write_sysreg(r->svc->ttbr0, ttbr0_el1);
	isb();
}

void el0_space_leave(struct el0_run *r)
{
	write_sysreg(tz_mmu_os_table(), ttbr0_el1);
	write_sysreg(r->ns_cntkctl, cntkctl_el1);
	isb();
}
