// SPDX-License-Identifier: BSD-3-Clause
/*
 * A small, bounds-checked flattened device tree reader (DTSpec 0.3 §5):
 * one walk over the structure block, with the visitor keeping only the
 * state it needs.  All multi-byte fields are big-endian and read byte by
 * byte, so nothing assumes the blob is aligned.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <tzbsp/fdt.h>
#include <tzcom/tzsched.h>

#define FDT_MAGIC		0xd00dfeedU
#define FDT_HDR_SIZE		40U
#define FDT_BEGIN_NODE		1U
#define FDT_END_NODE		2U
#define FDT_PROP		3U
#define FDT_NOP			4U
#define FDT_END			9U
#define FDT_MAX_DEPTH		32
#define FDT_MAX_CELLS		2U
#define FDT_MAX_TOTAL		0x7ffffff0U

struct fdt {
	const uint8_t *b;
	uint32_t s_off, s_end;		/* structure block */
	uint32_t str_off, str_size;	/* strings block */
};

struct fdt_visitor {
	void *ctx;
	/* depth: 1 for the root node, 2 for its children, ... */
	int (*begin)(void *ctx, int depth, const char *name);
	int (*prop)(void *ctx, int depth, const char *name,
		    const uint8_t *val, uint32_t len);
	int (*end)(void *ctx, int depth);
};

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 |
	       (uint32_t)p[2] << 8 | p[3];
}

static int fdt_open(struct fdt *f, const void *blob, size_t max_len)
{
	const uint8_t *b = blob;
	uint32_t total, s_off, s_size, str_off, str_size;

	if (!blob || max_len < FDT_HDR_SIZE)
		return -TZ_EINVAL;
	if (be32(b) != FDT_MAGIC)
		return -TZ_EINVAL;
	total = be32(b + 4);
	s_off = be32(b + 8);
	str_off = be32(b + 12);
	/* size_dt_struct needs version 17; last_comp_version must be <= 16. */
	if (be32(b + 20) < 17 || be32(b + 24) > 16)
		return -TZ_EINVAL;
	str_size = be32(b + 32);
	s_size = be32(b + 36);
	/* The cap keeps every align4(offset) below 2^32. */
	if (total < FDT_HDR_SIZE || total > max_len || total > FDT_MAX_TOTAL)
		return -TZ_EINVAL;
	if (s_off < FDT_HDR_SIZE || s_off % 4 || s_off > total ||
	    s_size > total - s_off)
		return -TZ_EINVAL;
	if (str_off > total || str_size > total - str_off)
		return -TZ_EINVAL;
	f->b = b;
	f->s_off = s_off;
	f->s_end = s_off + s_size;
	f->str_off = str_off;
	f->str_size = str_size;
	return 0;
}

/* The NUL-terminated string at [off, end), or NULL if it runs past end. */
static const char *fdt_string(const struct fdt *f, uint32_t off, uint32_t end,
			      uint32_t *len)
{
	const void *nul;

	if (off >= end)
		return NULL;
	nul = memchr(f->b + off, 0, end - off);
	if (!nul)
		return NULL;
	*len = (uint32_t)((const uint8_t *)nul - (f->b + off));
	return (const char *)(f->b + off);
}

static uint32_t align4(uint32_t x)
{
	return (x + 3U) & ~3U;
}

static int fdt_walk(const struct fdt *f, const struct fdt_visitor *v)
{
	uint32_t pos = f->s_off;
	int depth = 0, ret;

	for (;;) {
		uint32_t tok, len, nameoff, nlen;
		const char *name;

		if (pos > f->s_end || f->s_end - pos < 4)
			return -TZ_EINVAL;
		tok = be32(f->b + pos);
		pos += 4;
		switch (tok) {
		case FDT_BEGIN_NODE:
			name = fdt_string(f, pos, f->s_end, &nlen);
			if (!name || depth >= FDT_MAX_DEPTH)
				return -TZ_EINVAL;
			/* Only one root node. */
			if (depth == 0 && pos - 4 != f->s_off)
				return -TZ_EINVAL;
			pos = align4(pos + nlen + 1);
			depth++;
			ret = v->begin ? v->begin(v->ctx, depth, name) : 0;
			if (ret)
				return ret;
			break;
		case FDT_PROP:
			if (depth == 0 || f->s_end - pos < 8)
				return -TZ_EINVAL;
			len = be32(f->b + pos);
			nameoff = be32(f->b + pos + 4);
			pos += 8;
			if (len > f->s_end - pos)
				return -TZ_EINVAL;
			if (nameoff >= f->str_size)
				return -TZ_EINVAL;
			name = fdt_string(f, f->str_off + nameoff,
					  f->str_off + f->str_size, &nlen);
			if (!name)
				return -TZ_EINVAL;
			ret = v->prop ? v->prop(v->ctx, depth, name, f->b + pos, len) : 0;
			if (ret)
				return ret;
			pos = align4(pos + len);
			break;
		case FDT_END_NODE:
			if (depth == 0)
				return -TZ_EINVAL;
			ret = v->end ? v->end(v->ctx, depth) : 0;
			if (ret)
				return ret;
			depth--;
			break;
		case FDT_NOP:
			break;
		case FDT_END:
			return depth == 0 && pos - 4 != f->s_off ? 0 : -TZ_EINVAL;
		default:
			return -TZ_EINVAL;
		}
	}
}

/* Open the blob and walk it once with one visitor. */
static int fdt_visit(const void *blob, size_t max_len, const struct fdt_visitor *v)
{
	struct fdt f;
	int ret = fdt_open(&f, blob, max_len);

	return ret ? ret : fdt_walk(&f, v);
}

static bool str_is(const uint8_t *val, uint32_t len, const char *s)
{
	size_t n = strlen(s);

	/* A property string includes its NUL; reject anything else. */
	return len == n + 1 && memcmp(val, s, n + 1) == 0;
}

/* "okay", "ok" or no status at all: the node is enabled. */
static bool status_enabled(const uint8_t *val, uint32_t len)
{
	return !val || str_is(val, len, "okay") || str_is(val, len, "ok");
}

static int read_cells(const uint8_t *p, uint32_t cells, uint64_t *out)
{
	if (cells == 1)
		*out = be32(p);
	else if (cells == 2)
		*out = (uint64_t)be32(p) << 32 | be32(p + 4);
	else
		return -TZ_EINVAL;
	return 0;
}

static int read_cells_prop(const uint8_t *val, uint32_t len, uint32_t *out)
{
	if (len != 4)
		return -TZ_EINVAL;
	*out = be32(val);
	return 0;
}

/* Properties of the depth-2 (or, for cpus, depth-3) node being read. */
struct node_props {
	const uint8_t *device_type;
	uint32_t device_type_len;
	const uint8_t *status;
	uint32_t status_len;
	const uint8_t *reg;
	uint32_t reg_len;
};

static void node_props_take(struct node_props *n, const char *name,
			    const uint8_t *val, uint32_t len)
{
	if (!strcmp(name, "device_type")) {
		n->device_type = val;
		n->device_type_len = len;
	} else if (!strcmp(name, "status")) {
		n->status = val;
		n->status_len = len;
	} else if (!strcmp(name, "reg")) {
		n->reg = val;
		n->reg_len = len;
	}
}

/* ---- /memory ------------------------------------------------------------ */

struct dram_ctx {
	uint32_t ac, sc;	/* root #address-cells, #size-cells */
	uint64_t anchor;
	struct node_props node;
	bool found;
	uint64_t base, size;
};

static int dram_begin(void *c, int depth, const char *name)
{
	struct dram_ctx *d = c;

	(void)name;
	if (depth == 2)
		memset(&d->node, 0, sizeof(d->node));
	return 0;
}

static int dram_prop(void *c, int depth, const char *name,
		     const uint8_t *val, uint32_t len)
{
	struct dram_ctx *d = c;

	if (depth == 1 && !strcmp(name, "#address-cells"))
		return read_cells_prop(val, len, &d->ac);
	if (depth == 1 && !strcmp(name, "#size-cells"))
		return read_cells_prop(val, len, &d->sc);
	if (depth == 2)
		node_props_take(&d->node, name, val, len);
	return 0;
}

static int dram_end(void *c, int depth)
{
	struct dram_ctx *d = c;
	const struct node_props *n = &d->node;
	uint32_t entry;

	if (depth != 2 || d->found || !n->device_type ||
	    !str_is(n->device_type, n->device_type_len, "memory") ||
	    !status_enabled(n->status, n->status_len) || !n->reg)
		return 0;
	if (d->ac < 1 || d->ac > FDT_MAX_CELLS || d->sc < 1 || d->sc > FDT_MAX_CELLS)
		return -TZ_EINVAL;
	entry = 4 * (d->ac + d->sc);
	if (n->reg_len % entry)
		return -TZ_EINVAL;
	for (uint32_t off = 0; off < n->reg_len; off += entry) {
		uint64_t base, size;

		read_cells(n->reg + off, d->ac, &base);
		read_cells(n->reg + off + 4 * d->ac, d->sc, &size);
		if (size == 0 || d->anchor < base || d->anchor - base >= size)
			continue;
		if (base + size < base)
			return -TZ_EINVAL;
		d->found = true;
		d->base = base;
		d->size = size;
		break;
	}
	return 0;
}

int fdt_find_dram(const void *blob, size_t max_len, uint64_t anchor,
		  uint64_t *base, uint64_t *size)
{
	/* DTSpec defaults when the root does not say. */
	struct dram_ctx d = { .ac = 2, .sc = 1, .anchor = anchor };
	const struct fdt_visitor v = {
		.ctx = &d, .begin = dram_begin, .prop = dram_prop, .end = dram_end,
	};
	int ret = fdt_visit(blob, max_len, &v);

	if (ret)
		return ret;
	if (!d.found)
		return -TZ_ENOENT;
	*base = d.base;
	*size = d.size;
	return 0;
}

/* ---- /cpus -------------------------------------------------------------- */

struct cpus_ctx {
	bool in_cpus;		/* inside /cpus */
	bool seen;
	uint32_t ac;		/* /cpus #address-cells */
	struct node_props node;
	uint64_t *mpidr;
	unsigned int max, count;
	bool overflow;
};

static int cpus_begin(void *c, int depth, const char *name)
{
	struct cpus_ctx *d = c;

	if (depth == 2 && !strcmp(name, "cpus")) {
		if (d->seen)
			return -TZ_EINVAL;
		d->in_cpus = true;
		d->seen = true;
		d->ac = 2;
	}
	if (depth == 3 && d->in_cpus)
		memset(&d->node, 0, sizeof(d->node));
	return 0;
}

static int cpus_prop(void *c, int depth, const char *name,
		     const uint8_t *val, uint32_t len)
{
	struct cpus_ctx *d = c;

	if (!d->in_cpus)
		return 0;
	if (depth == 2 && !strcmp(name, "#address-cells"))
		return read_cells_prop(val, len, &d->ac);
	if (depth == 3)
		node_props_take(&d->node, name, val, len);
	return 0;
}

static int cpus_end(void *c, int depth)
{
	struct cpus_ctx *d = c;
	const struct node_props *n = &d->node;
	uint64_t mpidr;

	if (!d->in_cpus)
		return 0;
	if (depth == 2) {
		d->in_cpus = false;
		return 0;
	}
	if (depth != 3 || !n->device_type ||
	    !str_is(n->device_type, n->device_type_len, "cpu"))
		return 0;
	if (d->ac < 1 || d->ac > FDT_MAX_CELLS || !n->reg || n->reg_len != 4 * d->ac)
		return -TZ_EINVAL;
	read_cells(n->reg, d->ac, &mpidr);
	if (d->count >= d->max) {
		d->overflow = true;
		return 0;
	}
	d->mpidr[d->count++] = mpidr;
	return 0;
}

int fdt_find_cpus(const void *blob, size_t max_len, uint64_t *mpidr,
		  unsigned int max, unsigned int *count)
{
	struct cpus_ctx d = { .mpidr = mpidr, .max = max };
	const struct fdt_visitor v = {
		.ctx = &d, .begin = cpus_begin, .prop = cpus_prop, .end = cpus_end,
	};
	int ret = fdt_visit(blob, max_len, &v);

	if (ret)
		return ret;
	if (!d.seen)
		return -TZ_ENOENT;
	*count = d.count;
	return d.overflow ? -TZ_ENOSPC : 0;
}

/* ---- clamping ------------------------------------------------------------ */

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
