// SPDX-License-Identifier: BSD-3-Clause
/*
 * Cold boot in C (docs/firmware.md, "Boot"; docs/board.md).  The boot CPU
 * sets up EL3, the console,
 * the GIC, reads NS DRAM and the CPUs from the DTB, starts the SMC
 * services and the TZ scheduler, releases the other CPUs into the PSCI
 * park loop, and enters Linux at NS-EL1 (EL2 if the board has one).
 */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/boot.h>
#include <tzbsp/fdt.h>
#include <tzbsp/log.h>
#include <tzbsp/ns_mem.h>
#include <tzbsp/panic.h>
#include <tzbsp/plat.h>
#include <tzbsp/platform.h>
#include <tzbsp/psci.h>
#include <tzbsp/sched.h>
#include <tzbsp/smc.h>

/* The DTB must end before the kernel image QEMU loaded after it. */
#define TZ_DTB_MAX_SIZE		(PLAT_KERNEL_BASE - PLAT_DTB_BASE)
#define TZ_SECONDARY_TIMEOUT_MS	1000U

volatile uint32_t tz_boot_release __attribute__((section(".boot_sync")));
uint8_t tz_cpu_stacks[PLAT_MAX_CPUS][TZ_CPU_STACK_SIZE] __attribute__((aligned(16)));

static void boot_read_dtb(void)
{
	const void *dtb = (const void *)(uintptr_t)PLAT_DTB_BASE;
	uint64_t mpidr[PLAT_MAX_CPUS];
	uint64_t base, size;
	unsigned int ncpus;
	int boot_cpu = plat_ops.core_pos(read_mpidr());
	int ret;

	ret = fdt_find_dram(dtb, TZ_DTB_MAX_SIZE, PLAT_NS_DRAM_BASE, &base, &size);
	if (ret)
		panic("no usable /memory at %#llx in the DTB at %#llx (%d)",
		      (unsigned long long)PLAT_NS_DRAM_BASE,
		      (unsigned long long)PLAT_DTB_BASE, ret);
	tz_log("DTB: NS DRAM %#llx + %#llx", (unsigned long long)base,
	       (unsigned long long)size);
	/* Only what the EL3 map covers, and never below NS DRAM's start. */
	if (mem_region_clamp(&base, &size, PLAT_NS_DRAM_BASE, TZ_NS_DRAM_MAP_END))
		panic("NS DRAM outside %#llx..%#llx",
		      (unsigned long long)PLAT_NS_DRAM_BASE,
		      (unsigned long long)TZ_NS_DRAM_MAP_END);
	ns_mem_set_dram(base, size);

	ret = fdt_find_cpus(dtb, TZ_DTB_MAX_SIZE, mpidr, PLAT_MAX_CPUS, &ncpus);
	if (ret == -TZ_ENOSPC)
		tz_log("DTB: more than %d CPUs; using the first %u", PLAT_MAX_CPUS, ncpus);
	else if (ret)
		panic("no usable /cpus in the DTB (%d)", ret);
	if (psci_setup(mpidr, ncpus, (unsigned int)boot_cpu))
		panic("boot CPU %d is not in the DTB's /cpus", boot_cpu);
}

static void boot_release_secondaries(void)
{
	tz_boot_release = TZ_BOOT_RELEASE_MAGIC;
	/* They read it with the MMU (and so the D-cache) off. */
	__asm__ volatile("dc civac, %0" : : "r"(&tz_boot_release) : "memory");
	dsb_sy();
	sev();
}

void tz_boot_unrelease(void)
{
	tz_boot_release = 0;
	__asm__ volatile("dc civac, %0" : : "r"(&tz_boot_release) : "memory");
	dsb_sy();
}

void tzbsp_main(void)
{
	unsigned int cpus;

	tz_mmu_build();
	tz_el3_cpu_init();
	plat_ops.console_init();
	tz_log("TZBSP for QEMU virt: EL3 up, CNTFRQ %llu Hz",
	       (unsigned long long)read_sysreg(cntfrq_el0));
	plat_ops.gic_init();
	plat_ops.gic_cpu_init();
	boot_read_dtb();
	smc_init();
	tzsched_init();

	boot_release_secondaries();
	cpus = psci_wait_secondaries(TZ_SECONDARY_TIMEOUT_MS);
	tz_log("%u CPU(s) ready; entering the normal world at %#llx",
	       cpus, (unsigned long long)PLAT_KERNEL_BASE);
	tz_boot_enter_ns(PLAT_KERNEL_BASE, PLAT_DTB_BASE);
}

void tzbsp_secondary_main(uint64_t cpu)
{
	tz_el3_cpu_init();
	plat_ops.gic_cpu_init();
	psci_cpu_park((unsigned int)cpu);
}
