// SPDX-License-Identifier: BSD-3-Clause
/*
 * The firmware's DTB reader (secure/lib/fdt.c over TF-A's libfdt) on
 * QEMU's own virt DTB and on hand-built malformed blobs.  Every blob sits in a malloc'ed buffer of
 * exactly its size, so ASan catches any read past it.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <tzbsp/fdt.h>
#include <tzcom/tzsched.h>

#include "tap.h"

#ifndef FW_TEST_DATA
#define FW_TEST_DATA "data"
#endif

/* ---- a tiny FDT builder ---------------------------------------------------- */

struct fdtb {
	uint8_t st[4096];
	size_t st_len;
	char strs[512];
	size_t strs_len;
};

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void st32(struct fdtb *b, uint32_t v)
{
	put32(b->st + b->st_len, v);
	b->st_len += 4;
}

static void st_bytes(struct fdtb *b, const void *p, size_t n)
{
	memcpy(b->st + b->st_len, p, n);
	b->st_len += n;
	while (b->st_len % 4)
		b->st[b->st_len++] = 0;
}

static uint32_t str_off(struct fdtb *b, const char *s)
{
	for (size_t i = 0; i < b->strs_len; i += strlen(b->strs + i) + 1) {
		if (!strcmp(b->strs + i, s))
			return (uint32_t)i;
	}
	strcpy(b->strs + b->strs_len, s);
	b->strs_len += strlen(s) + 1;
	return (uint32_t)(b->strs_len - strlen(s) - 1);
}

static void node(struct fdtb *b, const char *name)
{
	st32(b, 1);
	st_bytes(b, name, strlen(name) + 1);
}

static void end(struct fdtb *b)
{
	st32(b, 2);
}

static void prop(struct fdtb *b, const char *name, const void *v, size_t n)
{
	st32(b, 3);
	st32(b, (uint32_t)n);
	st32(b, str_off(b, name));
	st_bytes(b, v, n);
}

static void prop_str(struct fdtb *b, const char *name, const char *s)
{
	prop(b, name, s, strlen(s) + 1);
}

#define END_CELLS	0xfeedf00dU

/* cells... terminated by END_CELLS (not a value any test uses). */
static void prop_cells(struct fdtb *b, const char *name, ...)
{
	uint8_t v[64];
	size_t n = 0;
	va_list ap;
	uint32_t c;

	va_start(ap, name);
	while ((c = va_arg(ap, uint32_t)) != END_CELLS) {
		put32(v + n, c);
		n += 4;
	}
	va_end(ap);
	prop(b, name, v, n);
}


/* Assemble header + structure + strings in an exact-size buffer. */
static uint8_t *finish(struct fdtb *b, size_t *len)
{
	size_t st_off = 40 + 16;	/* header, empty reserve map */
	size_t str_o, total;
	uint8_t *blob;

	st32(b, 9);
	str_o = st_off + b->st_len;
	total = str_o + b->strs_len;
	blob = calloc(1, total);
	put32(blob, 0xd00dfeed);
	put32(blob + 4, (uint32_t)total);
	put32(blob + 8, (uint32_t)st_off);
	put32(blob + 12, (uint32_t)str_o);
	put32(blob + 16, 40);
	put32(blob + 20, 17);
	put32(blob + 24, 16);
	put32(blob + 32, (uint32_t)b->strs_len);
	put32(blob + 36, (uint32_t)b->st_len);
	memcpy(blob + st_off, b->st, b->st_len);
	memcpy(blob + str_o, b->strs, b->strs_len);
	*len = total;
	return blob;
}

/* A virt-like tree: secure RAM (disabled) first, then DRAM, then 2 CPUs. */
static uint8_t *build_virt(size_t *len, uint32_t ac, uint32_t sc)
{
	static struct fdtb b;

	memset(&b, 0, sizeof(b));
	node(&b, "");
	prop_cells(&b, "#address-cells", ac, END_CELLS);
	prop_cells(&b, "#size-cells", sc, END_CELLS);
	node(&b, "secram@e000000");
	prop_str(&b, "status", "disabled");
	prop_str(&b, "device_type", "memory");
	if (ac == 2)
		prop_cells(&b, "reg", 0, 0x0e000000, 0, 0x01000000, END_CELLS);
	else
		prop_cells(&b, "reg", 0x0e000000, 0x01000000, END_CELLS);
	end(&b);
	node(&b, "memory@40000000");
	prop_str(&b, "device_type", "memory");
	if (ac == 2 && sc == 2)
		prop_cells(&b, "reg", 0, 0x40000000, 1, 0, END_CELLS);
	else
		prop_cells(&b, "reg", 0x40000000, 0x20000000, END_CELLS);
	end(&b);
	node(&b, "cpus");
	prop_cells(&b, "#address-cells", 1, END_CELLS);
	prop_cells(&b, "#size-cells", 0, END_CELLS);
	node(&b, "cpu-map");
	end(&b);
	for (uint32_t i = 0; i < 2; i++) {
		char name[16];

		snprintf(name, sizeof(name), "cpu@%u", i);
		node(&b, name);
		prop_str(&b, "device_type", "cpu");
		prop_cells(&b, "reg", i, END_CELLS);
		end(&b);
	}
	end(&b);
	end(&b);
	return finish(&b, len);
}

static uint8_t *load_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	uint8_t *buf;
	long n;

	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n);
	if (fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = (size_t)n;
	return buf;
}

static uint8_t *dup_exact(const uint8_t *p, size_t n)
{
	uint8_t *q = malloc(n ? n : 1);

	memcpy(q, p, n);
	return q;
}

static void test_qemu_dtb(void)
{
	size_t len;
	uint8_t *dtb = load_file(FW_TEST_DATA "/virt-secure-smp2.dtb", &len);
	uint64_t base = 0, size = 0;

	if (!OK(dtb != NULL, "QEMU virt DTB loads from %s", FW_TEST_DATA)) {
		return;
	}
	IS(fdt_find_dram(dtb, len, 0x40000000, &base, &size), 0, "QEMU DTB: DRAM found");
	IS(base, 0x40000000, "QEMU DTB: DRAM base");
	IS(size, 0x40000000, "QEMU DTB: DRAM size 1 GiB");
	/* secram@e000000 has device_type memory but is disabled for NS. */
	IS(fdt_find_dram(dtb, len, 0x0e000000, &base, &size), -TZ_ENOENT,
	   "QEMU DTB: disabled secure RAM node is not DRAM");
	IS(fdt_find_dram(dtb, len - 1, 0x40000000, &base, &size), -TZ_EINVAL,
	   "QEMU DTB: max_len below totalsize is refused");

	/* Every truncation of the buffer: refused, never read past. */
	{
		int bad = 0;

		for (size_t cut = 0; cut < len; cut++) {
			uint8_t *t = dup_exact(dtb, cut);

			if (fdt_find_dram(t, cut, 0x40000000, &base, &size) != -TZ_EINVAL)
				bad++;
			free(t);
		}
		IS(bad, 0, "QEMU DTB: all %zu truncations refused", len);
	}
	/* Every single-byte corruption: any answer, but no bad read (ASan). */
	{
		int found = 0;

		for (size_t i = 0; i < len; i++) {
			uint8_t *t = dup_exact(dtb, len);

			t[i] ^= 0xff;
			if (!fdt_find_dram(t, len, 0x40000000, &base, &size))
				found++;
			free(t);
		}
		OK(found > 0, "QEMU DTB: %zu byte corruptions parsed without a bad read (%d still valid)",
		   len, found);
	}
	free(dtb);
}

static void test_built(void)
{
	size_t len;
	uint8_t *b;
	uint64_t base, size;

	b = build_virt(&len, 2, 2);
	IS(fdt_find_dram(b, len, 0x40000000, &base, &size), 0, "2/2 cells: DRAM found");
	IS(size, 0x100000000ULL, "2/2 cells: 64-bit size read");
	IS(fdt_find_dram(b, len, 0x13fffffffULL, &base, &size), 0, "anchor at the last byte");
	IS(fdt_find_dram(b, len, 0x140000000ULL, &base, &size), -TZ_ENOENT, "anchor past the end");
	IS(fdt_find_dram(b, len, 0x3fffffff, &base, &size), -TZ_ENOENT, "anchor before the start");
	free(b);

	b = build_virt(&len, 1, 1);
	IS(fdt_find_dram(b, len, 0x40000000, &base, &size), 0, "1/1 cells: DRAM found");
	IS(base, 0x40000000, "1/1 cells: base");
	IS(size, 0x20000000, "1/1 cells: size");
	free(b);

	/* Cells 2/1 make 12-byte entries; the 8-byte DRAM reg does not fit. */
	b = build_virt(&len, 2, 1);
	IS(fdt_find_dram(b, len, 0x40000000, &base, &size), -TZ_EINVAL,
	   "2/1 cells: reg length not a multiple of the entry size");
	free(b);
}

/* One-off malformed trees. */
static int parse_dram(struct fdtb *fb)
{
	size_t len;
	uint8_t *blob = finish(fb, &len);
	uint64_t base, size;
	int ret = fdt_find_dram(blob, len, 0x40000000, &base, &size);

	free(blob);
	return ret;
}

static void test_malformed(void)
{
	static struct fdtb b;
	size_t len;
	uint8_t *blob;
	uint64_t base, size;

	IS(fdt_find_dram(NULL, 100, 0, &base, &size), -TZ_EINVAL, "NULL blob");

	/* Bad header fields. */
	blob = build_virt(&len, 2, 2);
	{
		uint8_t *t = dup_exact(blob, len);

		t[0] ^= 1;
		IS(fdt_find_dram(t, len, 0x40000000, &base, &size), -TZ_EINVAL, "bad magic");
		memcpy(t, blob, len);
		put32(t + 4, 0xfffffff0);
		IS(fdt_find_dram(t, len, 0x40000000, &base, &size), -TZ_EINVAL, "totalsize > max_len");
		memcpy(t, blob, len);
		put32(t + 8, (uint32_t)len);
		IS(fdt_find_dram(t, len, 0x40000000, &base, &size), -TZ_EINVAL, "struct block at the end");
		memcpy(t, blob, len);
		put32(t + 36, 0xfffffff0);
		IS(fdt_find_dram(t, len, 0x40000000, &base, &size), -TZ_EINVAL, "struct size wraps");
		memcpy(t, blob, len);
		put32(t + 12, 0xfffffff0);
		IS(fdt_find_dram(t, len, 0x40000000, &base, &size), -TZ_EINVAL, "strings offset out of range");
		memcpy(t, blob, len);
		put32(t + 32, 0x7fffffff);
		IS(fdt_find_dram(t, len, 0x40000000, &base, &size), -TZ_EINVAL, "strings size out of range");
		memcpy(t, blob, len);
		put32(t + 20, 16);
		IS(fdt_find_dram(t, len, 0x40000000, &base, &size), -TZ_EINVAL, "version 16 refused");
		memcpy(t, blob, len);
		put32(t + 8, 58);
		IS(fdt_find_dram(t, len, 0x40000000, &base, &size), -TZ_EINVAL, "misaligned struct block");
		free(t);
	}
	free(blob);

	/* Unterminated node name at the end of the structure block. */
	memset(&b, 0, sizeof(b));
	st32(&b, 1);
	memcpy(b.st + b.st_len, "abcd", 4);
	b.st_len += 4;
	{
		size_t l;
		uint8_t *t = finish(&b, &l);

		/* finish() appended FDT_END right after: make the name run to the end. */
		memset(t + 56 + 4, 'x', l - 56 - 4);
		IS(fdt_find_dram(t, l, 0x40000000, &base, &size), -TZ_EINVAL,
		   "unterminated node name");
		free(t);
	}

	/* Property name offset past the strings block. */
	memset(&b, 0, sizeof(b));
	node(&b, "");
	st32(&b, 3);
	st32(&b, 4);
	st32(&b, 1000);
	st32(&b, 2);
	end(&b);
	IS(parse_dram(&b), -TZ_EINVAL, "property name offset out of range");

	/* Property length past the structure block. */
	memset(&b, 0, sizeof(b));
	node(&b, "");
	st32(&b, 3);
	st32(&b, 0x7ffffff0);
	st32(&b, str_off(&b, "x"));
	end(&b);
	IS(parse_dram(&b), -TZ_EINVAL, "property length out of range");

	/* Unknown token, unbalanced END_NODE, missing END_NODE, no root. */
	memset(&b, 0, sizeof(b));
	node(&b, "");
	st32(&b, 7);
	end(&b);
	IS(parse_dram(&b), -TZ_EINVAL, "unknown token");
	memset(&b, 0, sizeof(b));
	node(&b, "");
	end(&b);
	end(&b);
	IS(parse_dram(&b), -TZ_EINVAL, "extra END_NODE");
	memset(&b, 0, sizeof(b));
	node(&b, "");
	IS(parse_dram(&b), -TZ_EINVAL, "missing END_NODE");
	memset(&b, 0, sizeof(b));
	IS(parse_dram(&b), -TZ_EINVAL, "no root node");
	memset(&b, 0, sizeof(b));
	node(&b, "");
	end(&b);
	node(&b, "");
	end(&b);
	IS(parse_dram(&b), -TZ_EINVAL, "two root nodes");

	/* Nesting deeper than the reader allows. */
	memset(&b, 0, sizeof(b));
	for (int i = 0; i < 40; i++)
		node(&b, "n");
	for (int i = 0; i < 40; i++)
		end(&b);
	IS(parse_dram(&b), -TZ_EINVAL, "nesting depth 40 refused");

	/* Memory nodes with bad reg or cells. */
	memset(&b, 0, sizeof(b));
	node(&b, "");
	prop_cells(&b, "#address-cells", 2, END_CELLS);
	prop_cells(&b, "#size-cells", 2, END_CELLS);
	node(&b, "memory@40000000");
	prop_str(&b, "device_type", "memory");
	prop_cells(&b, "reg", 0, 0x40000000, 0, END_CELLS);
	end(&b);
	end(&b);
	IS(parse_dram(&b), -TZ_EINVAL, "reg not a whole number of entries");

	memset(&b, 0, sizeof(b));
	node(&b, "");
	prop_cells(&b, "#address-cells", 3, END_CELLS);
	node(&b, "memory@40000000");
	prop_str(&b, "device_type", "memory");
	prop_cells(&b, "reg", 0, 0, 0x40000000, 0, 0x1000, END_CELLS);
	end(&b);
	end(&b);
	IS(parse_dram(&b), -TZ_EINVAL, "#address-cells 3 refused");

	memset(&b, 0, sizeof(b));
	node(&b, "");
	prop(&b, "#address-cells", "\0\0", 2);
	end(&b);
	IS(parse_dram(&b), -TZ_EINVAL, "short #address-cells refused");

	memset(&b, 0, sizeof(b));
	node(&b, "");
	prop_cells(&b, "#address-cells", 2, END_CELLS);
	prop_cells(&b, "#size-cells", 2, END_CELLS);
	node(&b, "memory@0");
	prop_str(&b, "device_type", "memory");
	prop_cells(&b, "reg", 0xffffffff, 0x0, 0x1, 0x0, END_CELLS);
	end(&b);
	end(&b);
	{
		size_t l;
		uint8_t *t = finish(&b, &l);

		IS(fdt_find_dram(t, l, 0xffffffff00000000ULL, &base, &size), -TZ_EINVAL,
		   "region wrapping the address space refused");
		free(t);
	}

	/* Disabled and wrongly typed nodes are not DRAM; "ok" is enabled. */
	memset(&b, 0, sizeof(b));
	node(&b, "");
	prop_cells(&b, "#address-cells", 1, END_CELLS);
	prop_cells(&b, "#size-cells", 1, END_CELLS);
	node(&b, "memory@40000000");
	prop_str(&b, "device_type", "memory");
	prop_str(&b, "status", "disabled");
	prop_cells(&b, "reg", 0x40000000, 0x1000, END_CELLS);
	end(&b);
	node(&b, "memory@40000001");
	prop_str(&b, "device_type", "memoryx");
	prop_cells(&b, "reg", 0x40000000, 0x1000, END_CELLS);
	end(&b);
	node(&b, "memory@40000002");
	prop(&b, "device_type", "memory", 6);	/* no NUL */
	prop_cells(&b, "reg", 0x40000000, 0x1000, END_CELLS);
	end(&b);
	end(&b);
	IS(parse_dram(&b), -TZ_ENOENT, "disabled / mistyped / unterminated nodes skipped");
	b.st_len -= 8;	/* reopen the root: drop END_NODE and finish()'s END */
	node(&b, "mem");
	prop_str(&b, "device_type", "memory");
	prop_str(&b, "status", "ok");
	prop_cells(&b, "reg", 0x1000, 0x10, 0x40000000, 0x2000, END_CELLS);
	end(&b);
	end(&b);
	blob = finish(&b, &len);
	IS(fdt_find_dram(blob, len, 0x40000000, &base, &size), 0, "second reg entry used");
	IS(size, 0x2000, "second reg entry size");
	free(blob);
}

static void test_clamp(void)
{
	uint64_t b, s;

	b = 0x40000000; s = 0x40000000;
	IS(mem_region_clamp(&b, &s, 0x40000000, 0x100000000ULL), 0, "clamp: inside");
	IS(s, 0x40000000, "clamp: inside unchanged");
	b = 0x40000000; s = 0x200000000ULL;
	mem_region_clamp(&b, &s, 0x40000000, 0x100000000ULL);
	IS(s, 0xc0000000ULL, "clamp: cut at the top of the map");
	b = 0; s = 0x80000000ULL;
	mem_region_clamp(&b, &s, 0x40000000, 0x100000000ULL);
	IS(b, 0x40000000, "clamp: raised to DRAM start (devices excluded)");
	IS(s, 0x40000000, "clamp: size shrinks with it");
	b = 0x10000; s = 0x1000;
	IS(mem_region_clamp(&b, &s, 0x40000000, 0x100000000ULL), -TZ_ENOENT, "clamp: below");
	IS(s, 0, "clamp: nothing left");
	b = 0xffffffffffff0000ULL; s = 0x100000;
	IS(mem_region_clamp(&b, &s, 0x40000000, 0x100000000ULL), -TZ_ENOENT, "clamp: wrapping region above");
	b = 0x80000000; s = UINT64_MAX;
	IS(mem_region_clamp(&b, &s, 0x40000000, 0x100000000ULL), 0, "clamp: wrapping size");
	IS(s, 0x80000000, "clamp: wrapping size cut");
}

int main(void)
{
	test_qemu_dtb();
	test_built();
	test_malformed();
	test_clamp();
	return tap_done();
}
