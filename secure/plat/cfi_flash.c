// SPDX-License-Identifier: BSD-3-Clause
/*
 * Intel/Sharp command-set (CFI 0x0001) driver for the counter area of
 * secure flash: QEMU virt's pflash_cfi01 "virt.flash0", 32-bit bank of two
 * 16-bit devices, 256 KiB blocks; buffered programs (0xe8) of up to
 * BUF_BYTES, block erase (0x20/0xd0).  Only the area of tzbsp/flash.h is
 * mapped (boot/mmu.c: device-nGnRnE, EL1 only, XN), so a bad offset here
 * can reach nothing else of the flash.
 *
 * While the device is out of read-array mode the whole of flash0 reads as
 * the status register, including BL1, which CPUs that were never started
 * execute in place (TF-A's holding pen).  Every operation therefore
 * returns the device to read-array mode before it returns, and the counter
 * store touches the flash only from storage commands, after Linux has
 * started every CPU (docs/crypto-storage.md, "Anti-rollback").
 */
#include <stdbool.h>
#include <string.h>

#include <tzbsp/arch.h>
#include <tzbsp/flash.h>

#define CMD_READ_ARRAY	0xffU
#define CMD_READ_STATUS	0x70U
#define CMD_CLEAR_STATUS 0x50U
#define CMD_ERASE	0x20U
#define CMD_CONFIRM	0xd0U
#define CMD_BUFFERED	0xe8U

#define SR_READY	0x80U
#define SR_ERASE_ERR	0x20U
#define SR_PROG_ERR	0x10U
#define SR_VPP_ERR	0x08U
#define SR_LOCKED	0x02U
#define SR_ERRORS	(SR_ERASE_ERR | SR_PROG_ERR | SR_VPP_ERR | SR_LOCKED)

/* Each 16-bit device of the bank takes the command in its low byte. */
#define BANK_CMD(c)	((uint32_t)(c) * 0x00010001U)

/* QEMU completes at once; real parts take microseconds to a second. */
#define POLL_LIMIT	10000000U

/*
 * Buffered programs go in aligned chunks of this many bytes, well inside
 * any part's write buffer.  One buffered program takes the device out of
 * read-array mode once instead of once per word, which under QEMU is most
 * of the cost of a record.
 */
#define BUF_BYTES	64U

static uint64_t addr_of(uint32_t off)
{
	return TZ_FLASH_RB_BASE + off;
}

static bool range_ok(uint32_t off, size_t len)
{
	return off <= TZ_FLASH_RB_SIZE && len <= TZ_FLASH_RB_SIZE - off;
}

static void bank_write(uint32_t off, uint32_t v)
{
	mmio_write32(addr_of(off), v);
	dsb_sy();
}

/* Poll the status register until the write state machine is ready. */
static int poll_ready(uint32_t off, uint32_t *sr)
{
	unsigned int i;

	for (i = 0; i < POLL_LIMIT; i++) {
		*sr = mmio_read32(addr_of(off));
		if ((*sr & BANK_CMD(SR_READY)) == BANK_CMD(SR_READY))
			return 0;
	}
	return -TZ_EIO;
}

/* Wait for the operation to end; leaves the device in read-array mode. */
static int wait_ready(uint32_t off)
{
	uint32_t sr = 0;
	int ret;

	bank_write(off, BANK_CMD(CMD_READ_STATUS));
	ret = poll_ready(off, &sr);
	if (ret || (sr & BANK_CMD(SR_ERRORS))) {
		bank_write(off, BANK_CMD(CMD_CLEAR_STATUS));
		bank_write(off, BANK_CMD(CMD_READ_ARRAY));
		return -TZ_EIO;
	}
	bank_write(off, BANK_CMD(CMD_READ_ARRAY));
	return 0;
}

/* Program n words at off (one aligned chunk) with one buffered program. */
static int program_chunk(uint32_t off, const uint8_t *in, uint32_t n)
{
	uint32_t sr = 0, i, w;

	bank_write(off, BANK_CMD(CMD_BUFFERED));
	if (poll_ready(off, &sr)) {
		bank_write(off, BANK_CMD(CMD_READ_ARRAY));
		return -TZ_EIO;
	}
	/* Each device of the bank takes the count of its words, less one. */
	bank_write(off, BANK_CMD(n - 1));
	for (i = 0; i < n; i++) {
		memcpy(&w, in + i * TZ_FLASH_WORD, sizeof(w));
		bank_write(off + i * TZ_FLASH_WORD, w);
	}
	bank_write(off, BANK_CMD(CMD_CONFIRM));
	return wait_ready(off);
}

int tz_flash_read(uint32_t off, void *buf, size_t len)
{
	uint8_t *out = buf;
	size_t i;

	if (!range_ok(off, len) || off % TZ_FLASH_WORD || len % TZ_FLASH_WORD)
		return -TZ_EINVAL;
	for (i = 0; i < len; i += TZ_FLASH_WORD) {
		uint32_t w = mmio_read32(addr_of(off + (uint32_t)i));

		memcpy(out + i, &w, sizeof(w));
	}
	return 0;
}

int tz_flash_program(uint32_t off, const void *buf, size_t len)
{
	const uint8_t *in = buf;
	size_t done = 0;
	int ret;

	if (!range_ok(off, len) || off % TZ_FLASH_WORD || len % TZ_FLASH_WORD)
		return -TZ_EINVAL;
	while (done < len) {
		uint32_t a = off + (uint32_t)done;
		uint32_t n = BUF_BYTES - a % BUF_BYTES;

		if (n > len - done)
			n = (uint32_t)(len - done);
		ret = program_chunk(a, in + done, n / TZ_FLASH_WORD);
		if (ret)
			return ret;
		done += n;
	}
	return 0;
}

int tz_flash_erase(unsigned int block)
{
	uint32_t off;

	if (block >= TZ_FLASH_RB_BLOCKS)
		return -TZ_EINVAL;
	off = block * TZ_FLASH_BLOCK_SIZE;
	bank_write(off, BANK_CMD(CMD_ERASE));
	bank_write(off, BANK_CMD(CMD_CONFIRM));
	return wait_ready(off);
}
