/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The part of secure flash (pflash0) TZBSP may write: its last two erase
 * blocks, which hold the anti-rollback counter store (docs/crypto-storage.md,
 * "Anti-rollback").  On the board plat/cfi_flash.c drives QEMU's
 * pflash_cfi01 there; host tests supply a simulated flash with the same
 * contract.  Offsets are relative to the start of the area.
 */
#ifndef TZBSP_FLASH_H
#define TZBSP_FLASH_H

#include <stddef.h>
#include <stdint.h>

#include <tzbsp/platform.h>

#define TZ_FLASH_BLOCK_SIZE	TZ_U(0x40000)	/* virt's pflash sector: 256 KiB */
#define TZ_FLASH_RB_BLOCKS	2
#define TZ_FLASH_RB_SIZE	(TZ_FLASH_RB_BLOCKS * TZ_FLASH_BLOCK_SIZE)
#define TZ_FLASH_RB_BASE	(PLAT_SEC_FLASH_BASE + PLAT_SEC_FLASH_SIZE - TZ_FLASH_RB_SIZE)
/* Programming granule: one bank-width word. */
#define TZ_FLASH_WORD		4

/*
 * Each returns 0, -TZ_EINVAL for a range outside the area or not word
 * aligned, or -TZ_EIO if the device reports an error or does not answer.
 * Erased flash reads 0xff.  program may only be used on erased words
 * (real NOR flash can only clear bits); it leaves the flash in read-array
 * mode, as do the others.
 */
int tz_flash_read(uint32_t off, void *buf, size_t len);
int tz_flash_program(uint32_t off, const void *buf, size_t len);
int tz_flash_erase(unsigned int block);

#endif /* TZBSP_FLASH_H */
