/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * TZBSP's entries from the SPD and its per-CPU S-EL1 set-up (secure/boot).
 * The entry protocol (vector table, TZ_TOS_*_DONE) is in tzcom/tzsched.h
 * and docs/firmware.md.
 */
#ifndef TZBSP_BOOT_H
#define TZBSP_BOOT_H

#ifndef __ASSEMBLER__
#include <stdint.h>
#include <tzbsp/arch.h>
#include <tzbsp/platform.h>

extern uint8_t tz_cpu_stacks[PLAT_MAX_CPUS][TZ_CPU_STACK_SIZE];

/* The table boot/entry.S hands the SPD (TZ_TOS_VEC_* offsets). */
extern const uint32_t tzbsp_vectors[];

/*
 * Cold boot on the boot CPU (boot/main.c), in two halves around
 * tz_stack_guard_init(), which needs the MMU on and must not run below a
 * C frame that will return: tzbsp_cold_init() sets up this CPU and the
 * console; tzbsp_cold_main() returns the vector table's address for
 * TZ_TOS_ENTRY_DONE, or 0 if TZBSP cannot run.
 */
void tzbsp_cold_init(void);
uint64_t tzbsp_cold_main(void);

/*
 * This CPU's S-EL1 state: exception vectors, FP/SIMD access and the MMU
 * (boot/cpu.c).  Every CPU runs it on its first entry; the boot CPU
 * builds the translation tables first with tz_mmu_build().
 */
void tz_cpu_init(void);
void tz_mmu_build(void);
void tz_mmu_enable(void);
/* TTBR0_EL1 of TZBSP's own map (ASID 0), the base of every service's. */
uint64_t tz_mmu_os_table(void);

/* The exception level TZBSP runs at (1 when all is well). */
static inline unsigned int tz_current_el(void)
{
	return (unsigned int)(read_sysreg(CurrentEL) >> CURRENTEL_SHIFT) & CURRENTEL_MASK;
}

/* Top of the NS DRAM the S-EL1 map covers; ns_mem never goes beyond it. */
#define TZ_NS_DRAM_MAP_END	TZ_ULL(0x100000000)

#endif /* __ASSEMBLER__ */
#endif /* TZBSP_BOOT_H */
