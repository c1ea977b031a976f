/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * QEMU virt,secure=on memory map as TZBSP sees it, at S-EL1 below TF-A
 * (docs/firmware.md).  TF-A's BL1, BL2 and BL31 own the secure flash and
 * the first MiB of secure RAM; BL2 loads TZBSP (BL32) at PLAT_TOS_BASE.
 */
#ifndef TZBSP_PLATFORM_H
#define TZBSP_PLATFORM_H

#include <tzcom/tzsched.h>

/* Secure memory as a whole: no normal-world buffer may touch it. */
#define PLAT_SEC_FLASH_BASE	TZ_ULL(0x00000000)
#define PLAT_SEC_FLASH_SIZE	TZ_ULL(0x04000000)	/* 64 MiB pflash0 */
#define PLAT_SEC_RAM_BASE	TZ_ULL(0x0e000000)
#define PLAT_SEC_RAM_SIZE	TZ_ULL(0x01000000)	/* 16 MiB */

/* TZBSP's own part of it: TF-A's SEC_DRAM (BL32_BASE .. BL32_LIMIT). */
#define PLAT_TOS_BASE		TZ_ULL(0x0e100000)
#define PLAT_TOS_SIZE		TZ_ULL(0x00f00000)	/* 15 MiB */

#define PLAT_NS_DRAM_BASE	TZ_ULL(0x40000000)	/* size comes from the DTB */
#define PLAT_DTB_BASE		TZ_ULL(0x40000000)	/* QEMU copies -dtb here */
#define PLAT_KERNEL_BASE	TZ_ULL(0x40200000)
#define PLAT_INITRD_BASE	TZ_ULL(0x48000000)

#define PLAT_SEC_UART_BASE	TZ_ULL(0x09040000)	/* TZBSP's console */

#define PLAT_MAX_CPUS		8

#endif /* TZBSP_PLATFORM_H */
