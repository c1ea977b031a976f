// SPDX-License-Identifier: BSD-3-Clause
/*
 * Cold boot of TZBSP at S-EL1, on the boot CPU, entered by our SPD before
 * the normal world exists.  Sets up this CPU, the console, NS DRAM from
 * the DTB and the scheduler with its services, and hands back the vector
 * table through which the SPD enters TZBSP from then on (boot/entry.S).
 */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/boot.h>
#include <tzbsp/fdt.h>
#include <tzbsp/log.h>
#include <tzbsp/ns_mem.h>
#include <tzbsp/plat.h>
#include <tzbsp/platform.h>
#include <tzbsp/sched.h>

/* The DTB must end before the kernel image QEMU loaded after it. */
#define TZ_DTB_MAX_SIZE		(PLAT_KERNEL_BASE - PLAT_DTB_BASE)

uint8_t tz_cpu_stacks[PLAT_MAX_CPUS][TZ_CPU_STACK_SIZE] __attribute__((aligned(16)));

/*
 * NS DRAM, which every normal-world buffer must lie in, from the DTB
 * QEMU passed (and TF-A's BL2 completed).  Nothing of the normal world
 * runs yet, so the tree cannot change under the reader.
 */
static int boot_read_dram(void)
{
	const void *dtb = (const void *)(uintptr_t)PLAT_DTB_BASE;
	uint64_t base, size;
	int ret;

	ret = fdt_find_dram(dtb, TZ_DTB_MAX_SIZE, PLAT_NS_DRAM_BASE, &base, &size);
	if (ret) {
		tz_log("no usable /memory at %#llx in the DTB at %#llx (%d)",
		       (unsigned long long)PLAT_NS_DRAM_BASE,
		       (unsigned long long)PLAT_DTB_BASE, ret);
		return ret;
	}
	tz_log("DTB: NS DRAM %#llx + %#llx", (unsigned long long)base,
	       (unsigned long long)size);
	/* Only what the S-EL1 map covers, and never below NS DRAM's start. */
	if (mem_region_clamp(&base, &size, PLAT_NS_DRAM_BASE, TZ_NS_DRAM_MAP_END)) {
		tz_log("NS DRAM outside %#llx..%#llx", (unsigned long long)PLAT_NS_DRAM_BASE,
		       (unsigned long long)TZ_NS_DRAM_MAP_END);
		return -1;
	}
	ns_mem_set_dram(base, size);
	return 0;
}

void tzbsp_cold_init(void)
{
	tz_mmu_build();
	tz_cpu_init();
	plat_ops.console_init();
	tz_log("TZBSP for QEMU virt: Trusted OS (BL32) running at S-EL%u, CNTFRQ %llu Hz",
	       tz_current_el(), (unsigned long long)read_sysreg(cntfrq_el0));
}

uint64_t tzbsp_cold_main(void)
{
	/*
	 * Without NS DRAM every buffer would be refused; better that the SPD
	 * keeps the SiP calls unknown and the driver refuses to load.
	 */
	if (boot_read_dram())
		return 0;
	tzsched_init();
	tz_log("ready: vectors at %#llx", (unsigned long long)(uintptr_t)tzbsp_vectors);
	return (uintptr_t)tzbsp_vectors;
}
