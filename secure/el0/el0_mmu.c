// SPDX-License-Identifier: BSD-3-Clause
/*
 * Each S-EL0 service's translation table (TTBR0_EL1 with ASID id + 1):
 * TZBSP's own map (boot/mmu.c), whose entries are global and EL1-only
 * (no EL0 access, UXN), plus the service's 2 MiB window with nG pages
 * that EL0 may use:
 *   text          RX at EL0, never executable at EL1 (PXN)
 *   rodata        RO, XN
 *   data, bss     RW, XN
 *   stack, req, rsp  RW, XN, present only while a command runs
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
 * Map the command's pages, or unmap them: then only the CPUs that ran
 * the command can hold them, and all_cpus says whether that may be
 * more than this one (a callback may resume the command anywhere).
 */
void el0_mmu_map_cmd(struct el0_svc *s, bool map, bool all_cpus)
{
	const uint64_t attrs = map ? EL0_RW : 0;

	map_pages(s, TZ_EL0_STACK_OFF, TZ_EL0_STACK_SIZE, s->stack, attrs);
	map_pages(s, TZ_EL0_REQ_OFF, TZ_EL0_REQ_SIZE, s->req, attrs);
	map_pages(s, TZ_EL0_RSP_OFF, TZ_EL0_RSP_SIZE, s->rsp, attrs);
	if (map)
		dsb_ish();	/* the walker sees the new entries */
	else
		el0_tlb_flush(s, all_cpus);
}

/*
 * CNTKCTL_EL1 is the normal world's too (TF-A switches it only with
 * NS_TIMER_SWITCH): the services' access to the counters (SPIN, storage
 * nonces) is set while one runs and the old value put back after.  Enter
 * and leave always pair up on one CPU, around a stretch at S-EL0.
 */
static uint64_t el0_saved_cntkctl;

void el0_space_enter(const struct el0_svc *s)
{
	el0_saved_cntkctl = read_sysreg(cntkctl_el1);
	write_sysreg(CNTKCTL_EL0PCTEN | CNTKCTL_EL0VCTEN, cntkctl_el1);
	write_sysreg(s->ttbr0, ttbr0_el1);
	isb();
}

void el0_space_leave(void)
{
	write_sysreg(tz_mmu_os_table(), ttbr0_el1);
	write_sysreg(el0_saved_cntkctl, cntkctl_el1);
	isb();
}
