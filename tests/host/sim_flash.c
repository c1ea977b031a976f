// SPDX-License-Identifier: BSD-3-Clause
/* The simulated counter area of sim_flash.h. */
#include <string.h>

#include <tzcom/tzsched.h>

#include "sim_flash.h"

uint8_t sim_flash_mem[TZ_FLASH_RB_SIZE];
unsigned long sim_flash_misuse;
unsigned long sim_flash_ops;

static unsigned long cut_in;	/* ops left before the cut; 0: no cut planned */
static int powered = 1, cut_done;

/* Flash leaves the factory erased. */
__attribute__((constructor)) void sim_flash_wipe(void)
{
	memset(sim_flash_mem, 0xff, sizeof(sim_flash_mem));
	cut_in = 0;
	powered = 1;
	cut_done = 0;
}

void sim_flash_cut_after(unsigned long n)
{
	cut_in = n;
	cut_done = 0;
}

int sim_flash_cut_done(void)
{
	return cut_done;
}

void sim_flash_power_on(void)
{
	powered = 1;
	cut_in = 0;
}

static int bad_range(uint32_t off, size_t len)
{
	return off > TZ_FLASH_RB_SIZE || len > TZ_FLASH_RB_SIZE - off ||
	       off % TZ_FLASH_WORD || len % TZ_FLASH_WORD;
}

/* 1 if power goes now: this operation is the one interrupted. */
static int cut_now(void)
{
	sim_flash_ops++;
	if (cut_in && --cut_in == 0) {
		powered = 0;
		cut_done = 1;
		return 1;
	}
	return 0;
}

int tz_flash_read(uint32_t off, void *buf, size_t len)
{
	if (bad_range(off, len))
		return -TZ_EINVAL;
	if (!powered)
		return -TZ_EIO;
	memcpy(buf, sim_flash_mem + off, len);
	return 0;
}

int tz_flash_program(uint32_t off, const void *buf, size_t len)
{
	const uint8_t *in = buf;
	size_t i, j;

	if (bad_range(off, len))
		return -TZ_EINVAL;
	for (i = 0; i < len; i += TZ_FLASH_WORD) {
		uint8_t *w = sim_flash_mem + off + i;

		if (!powered)
			return -TZ_EIO;
		if (!memcmp(in + i, "\xff\xff\xff\xff", TZ_FLASH_WORD))
			continue;
		for (j = 0; j < TZ_FLASH_WORD; j++)
			if (w[j] != 0xff)
				sim_flash_misuse++;
		if (cut_now()) {
			/* A torn word: only the bits of its first half got cleared. */
			w[0] &= in[i];
			w[1] &= in[i + 1];
			return -TZ_EIO;
		}
		for (j = 0; j < TZ_FLASH_WORD; j++)
			w[j] &= in[i + j];
	}
	return 0;
}

int tz_flash_erase(unsigned int block)
{
	uint8_t *b;

	if (block >= TZ_FLASH_RB_BLOCKS)
		return -TZ_EINVAL;
	if (!powered)
		return -TZ_EIO;
	b = sim_flash_mem + (size_t)block * TZ_FLASH_BLOCK_SIZE;
	if (cut_now()) {
		/* Half erased, the way a cut erase leaves a block: undefined bits. */
		memset(b + TZ_FLASH_BLOCK_SIZE / 2, 0xff, TZ_FLASH_BLOCK_SIZE / 2);
		return -TZ_EIO;
	}
	memset(b, 0xff, TZ_FLASH_BLOCK_SIZE);
	return 0;
}
