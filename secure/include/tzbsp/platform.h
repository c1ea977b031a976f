/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * QEMU virt,secure=on memory map as seen by the EL3 firmware
 * (docs/board.md, "Memory map"; docs/firmware.md, "Image and memory").
 */
#ifndef TZBSP_PLATFORM_H
#define TZBSP_PLATFORM_H

#include <tzcom/tzsched.h>

#define PLAT_SEC_FLASH_BASE	TZ_ULL(0x00000000)
#define PLAT_SEC_FLASH_SIZE	TZ_ULL(0x04000000)	/* 64 MiB pflash0 */
#define PLAT_SEC_RAM_BASE	TZ_ULL(0x0e000000)
#define PLAT_SEC_RAM_SIZE	TZ_ULL(0x01000000)	/* 16 MiB */

#define PLAT_NS_DRAM_BASE	TZ_ULL(0x40000000)	/* size comes from the DTB */
#define PLAT_DTB_BASE		TZ_ULL(0x40000000)	/* QEMU copies -dtb here */
#define PLAT_KERNEL_BASE	TZ_ULL(0x40200000)
#define PLAT_INITRD_BASE	TZ_ULL(0x48000000)

#define PLAT_NS_UART_BASE	TZ_ULL(0x09000000)
#define PLAT_SEC_UART_BASE	TZ_ULL(0x09040000)
#define PLAT_SEC_GPIO_BASE	TZ_ULL(0x090b0000)	/* pin 0: power off, pin 1: reset */
#define PLAT_GICD_BASE		TZ_ULL(0x08000000)
#define PLAT_GICC_BASE		TZ_ULL(0x08010000)
#define PLAT_DEVICE_BASE	TZ_ULL(0x08000000)
#define PLAT_DEVICE_SIZE	TZ_ULL(0x38000000)	/* up to NS DRAM */

#define PLAT_MAX_CPUS		8

#endif /* TZBSP_PLATFORM_H */
