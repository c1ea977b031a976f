/* SPDX-License-Identifier: BSD-3-Clause */
/* Cold boot and the way into the normal world (secure/boot). */
#ifndef TZBSP_BOOT_H
#define TZBSP_BOOT_H

#include <tzbsp/arch.h>

/* tz_boot_release holds this once .data, .bss and the MMU tables are ready. */
#define TZ_BOOT_RELEASE_MAGIC	ARCH_U(0x7a625354)

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <tzbsp/platform.h>

extern volatile uint32_t tz_boot_release;
extern uint8_t tz_cpu_stacks[PLAT_MAX_CPUS][TZ_CPU_STACK_SIZE];

/* C entry of the boot CPU and of the others; neither returns. */
__attribute__((noreturn)) void tzbsp_main(void);
__attribute__((noreturn)) void tzbsp_secondary_main(uint64_t cpu);

/*
 * Enter the normal world at entry (x0 = arg0, all else zero) with the
 * given SPSR_EL3, on a fresh EL3 stack.  See entry.S.
 */
__attribute__((noreturn)) void tz_enter_ns(uint64_t entry, uint64_t arg0,
					   uint64_t spsr);

/*
 * Per-CPU EL3 state: SCR, traps, the EL3 MMU (identity map).  The boot CPU
 * builds the tables first with tz_mmu_build().
 */
void tz_el3_cpu_init(void);
void tz_mmu_build(void);
void tz_mmu_enable(void);

/* Undo the boot CPU's release before a warm reset (SYSTEM_RESET). */
void tz_boot_unrelease(void);

/*
 * Prepare the lower ELs and enter the normal world at entry in AArch64
 * (EL2 if implemented, else EL1), MMU off, DAIF masked, x0 = arg0.
 */
__attribute__((noreturn)) void tz_boot_enter_ns(uint64_t entry, uint64_t arg0);

/* Top of the NS DRAM the EL3 map covers; ns_mem never goes beyond it. */
#define TZ_NS_DRAM_MAP_END	ARCH_ULL(0x100000000)

#endif /* __ASSEMBLER__ */
#endif /* TZBSP_BOOT_H */
