// SPDX-License-Identifier: BSD-3-Clause
/*
 * The DTB through libfdt (TF-A's copy, built from Debian's source), with
 * our own checks in front: libfdt's accessors bound every read, but they
 * are lazy, so a tree broken where nobody looks would still be used, and
 * the blob is normal-world memory.  tz_fdt_check() therefore walks the
 * whole structure block once before anything is read from it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <libfdt.h>

#include <tzbsp/fdt.h>
#include <tzcom/tzsched.h>

/* Deeper than any real tree; bounds the walk's state. */
#define TZ_FDT_MAX_DEPTH	32
/* What fdt_find_dram() reads: 32- or 64-bit addresses and sizes. */
#define TZ_FDT_MAX_CELLS	2
/* Keeps every offset libfdt computes within an int. */
#define TZ_FDT_MAX_TOTAL	0x7ffffff0U

/*
 * The header (libfdt's check, plus: a version with size_dt_struct, and an
 * aligned structure block, which libfdt reads but does not require), then
 * every token: one root node, balanced, every property's name in the
 * strings block, ending with FDT_END at depth 0.
 */
static int tz_fdt_check(const void *blob, size_t max_len)
{
	int off = 0, next, depth = 0, nodes = 0;

	if (!blob || max_len < sizeof(struct fdt_header))
		return -TZ_EINVAL;
	if (fdt_check_header(blob) || fdt_totalsize(blob) > max_len ||
	    fdt_totalsize(blob) > TZ_FDT_MAX_TOTAL)
		return -TZ_EINVAL;
	if (fdt_version(blob) < 17 || fdt_last_comp_version(blob) > 16 ||
	    fdt_off_dt_struct(blob) % FDT_TAGSIZE)
		return -TZ_EINVAL;

	for (;;) {
		const fdt32_t *hdr = fdt_offset_ptr(blob, off, 2 * FDT_TAGSIZE);
		uint32_t tag;
		const char *name;
		int len;

		/*
		 * This libfdt adds a property's length to an int offset before
		 * it checks it (signed overflow for a length near 2^31), so
		 * the length is bounded by the structure block here first.
		 */
		if (hdr && fdt32_to_cpu(hdr[0]) == FDT_PROP) {
			/* hdr's 8 bytes lie inside the block, so room >= 8. */
			uint32_t room = fdt_size_dt_struct(blob) - (uint32_t)off;

			if (room < sizeof(struct fdt_property) ||
			    fdt32_to_cpu(hdr[1]) > room - sizeof(struct fdt_property))
				return -TZ_EINVAL;
		}
		tag = fdt_next_tag(blob, off, &next);
		if (next < 0)
			return -TZ_EINVAL;
		switch (tag) {
		case FDT_BEGIN_NODE:
			if (depth == 0 && nodes++)
				return -TZ_EINVAL;
			if (++depth > TZ_FDT_MAX_DEPTH)
				return -TZ_EINVAL;
			break;
		case FDT_END_NODE:
			if (depth-- == 0)
				return -TZ_EINVAL;
			break;
		case FDT_PROP:
			if (depth == 0 ||
			    !fdt_getprop_by_offset(blob, off, &name, &len) || !name)
				return -TZ_EINVAL;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return depth == 0 && nodes == 1 ? 0 : -TZ_EINVAL;
		default:
			return -TZ_EINVAL;
		}
		off = next;
	}
}

/* A property string includes its NUL; anything else is not that string. */
static bool prop_is(const void *blob, int node, const char *prop, const char *s)
{
	int len;
	const char *v = fdt_getprop(blob, node, prop, &len);

	return v && (size_t)len == strlen(s) + 1 && memcmp(v, s, (size_t)len) == 0;
}

/* "okay", "ok" or no status at all: the node is enabled. */
static bool node_enabled(const void *blob, int node)
{
	return !fdt_getprop(blob, node, "status", NULL) ||
	       prop_is(blob, node, "status", "okay") || prop_is(blob, node, "status", "ok");
}

/*
 * The root's #address-cells or #size-cells: DTSpec's default when absent,
 * -TZ_EINVAL unless one cell.  (libfdt's fdt_address_cells() lives with
 * its address writers, which would pull in the whole read-write library.)
 */
static int root_cells(const void *blob, const char *prop, int dflt)
{
	int len;
	const fdt32_t *v = fdt_getprop(blob, 0, prop, &len);

	if (!v)
		return len == -FDT_ERR_NOTFOUND ? dflt : -TZ_EINVAL;
	if (len != (int)sizeof(*v) || fdt32_to_cpu(*v) > FDT_MAX_NCELLS)
		return -TZ_EINVAL;
	return (int)fdt32_to_cpu(*v);
}

static uint64_t read_cells(const fdt32_t *p, int cells)
{
	return cells == 1 ? fdt32_to_cpu(p[0]) :
	       (uint64_t)fdt32_to_cpu(p[0]) << 32 | fdt32_to_cpu(p[1]);
}

int fdt_find_dram(const void *blob, size_t max_len, uint64_t anchor,
		  uint64_t *base, uint64_t *size)
{
	int ac, sc, node, ret = tz_fdt_check(blob, max_len);

	if (ret)
		return ret;
	ac = root_cells(blob, "#address-cells", 2);
	sc = root_cells(blob, "#size-cells", 1);
	if (ac < 0 || sc < 0)
		return -TZ_EINVAL;
	fdt_for_each_subnode(node, blob, 0) {
		const fdt32_t *reg;
		int len, entry;

		if (!prop_is(blob, node, "device_type", "memory") || !node_enabled(blob, node))
			continue;
		reg = fdt_getprop(blob, node, "reg", &len);
		if (!reg)
			continue;
		if (ac < 1 || ac > TZ_FDT_MAX_CELLS || sc < 1 || sc > TZ_FDT_MAX_CELLS)
			return -TZ_EINVAL;
		entry = (int)sizeof(fdt32_t) * (ac + sc);
		if (len % entry)
			return -TZ_EINVAL;
		for (const fdt32_t *e = reg; e < reg + len / (int)sizeof(fdt32_t); e += ac + sc) {
			uint64_t b = read_cells(e, ac), s = read_cells(e + ac, sc);

			if (s == 0 || anchor < b || anchor - b >= s)
				continue;
			if (b + s < b)
				return -TZ_EINVAL;
			*base = b;
			*size = s;
			return 0;
		}
	}
	/* A walk stopped by a bad offset is a broken tree, not a missing node. */
	return node == -FDT_ERR_NOTFOUND ? -TZ_ENOENT : -TZ_EINVAL;
}

int mem_region_clamp(uint64_t *base, uint64_t *size, uint64_t lo, uint64_t hi)
{
	uint64_t b = *base, s = *size, end;

	end = (b + s < b) ? UINT64_MAX : b + s;
	if (b < lo)
		b = lo;
	if (end > hi)
		end = hi;
	if (end <= b || lo >= hi) {
		*size = 0;
		return -TZ_ENOENT;
	}
	*base = b;
	*size = end - b;
	return 0;
}
