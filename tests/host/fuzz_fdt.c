// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target: the firmware's DTB reader (secure/lib/fdt.c over
 * TF-A's libfdt, built from the same source).  The
 * input is the blob itself, copied into an exact-size buffer so that
 * ASan sees any read past it; seeds in corpus/fuzz_fdt (QEMU's DTB).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <tzbsp/fdt.h>
#include <tzcom/tzsched.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	uint8_t *blob = malloc(size ? size : 1);
	uint64_t base, len;
	int ret;

	if (!blob)
		return 0;
	memcpy(blob, data, size);
	ret = fdt_find_dram(blob, size, 0x40000000, &base, &len);
	/* A region that is found is well formed: it contains the anchor and does not wrap. */
	if (!ret && (base > 0x40000000 || 0x40000000 - base >= len || base + len < base))
		abort();
	free(blob);
	return 0;
}
