// SPDX-License-Identifier: BSD-3-Clause
/*
 * libFuzzer target: the extended NEW.  Input: struct tzcom_command_ext
 * (152 bytes, at x2, x3 = its size), the tzcom_response offer (12 bytes,
 * at x4), one 4 KiB page at NW_FREE_PA the descriptors may name as a page
 * list, then the bytes of sb_in.  Checks the descriptor rules against an
 * oracle of its own (128-bit sums), that an accepted command answers
 * inside what the normal world offered, and (through the host's
 * phys_to_ptr(), which aborts on any address outside fake NS DRAM) that
 * no page a list names is touched before it was validated.
 */
#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define EXT_LEN		sizeof(struct tzcom_command_ext)
#define HDR_LEN		(EXT_LEN + sizeof(struct tzcom_response))

static bool desc_zero(const struct tzcom_mem_desc *d)
{
	const uint8_t *p = (const uint8_t *)d;

	for (size_t i = 0; i < sizeof(*d); i++)
		if (p[i])
			return false;
	return true;
}

static bool ext_valid(const struct tzcom_command_ext *x)
{
	if (x->num_mem > TZ_MEM_MAX_ARGS || x->reserved)
		return false;
	for (uint32_t i = 0; i < TZ_MEM_MAX_ARGS; i++) {
		const struct tzcom_mem_desc *d = &x->mem[i];
		unsigned __int128 off, len;

		if (i >= x->num_mem) {
			if (!desc_zero(d))
				return false;
			continue;
		}
		if (d->flags == 0 || d->flags > (TZ_MEM_IN | TZ_MEM_OUT))
			return false;
		if (d->npages == 0 || d->npages > TZ_MEM_MAX_PAGES)
			return false;
		if (d->list_pa_lo % TZ_PAGE_SIZE)
			return false;
		off = (unsigned __int128)d->offset_hi << 32 | d->offset_lo;
		len = (unsigned __int128)d->size_hi << 32 | d->size_lo;
		if (len == 0 || off + len > (unsigned __int128)d->npages * TZ_PAGE_SIZE)
			return false;
	}
	return true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tzcom_command_ext cmd;
	struct tzcom_response offer, r;
	size_t n;
	int64_t x0;

	if (size < HDR_LEN)
		return 0;
	fuzz_setup();
	memcpy(&cmd, data, EXT_LEN);
	memcpy(&offer, data + EXT_LEN, sizeof(offer));
	data += HDR_LEN;
	size -= HDR_LEN;
	n = size < TZ_PAGE_SIZE ? size : TZ_PAGE_SIZE;
	memset(nw_ptr(NW_FREE_PA), 0, TZ_PAGE_SIZE);
	memcpy(nw_ptr(NW_FREE_PA), data, n);
	data += n;
	size -= n;
	n = size < TZCOM_SB_LEN ? size : TZCOM_SB_LEN;
	memset(nw_ptr(NW_SB_IN_PA), 0, TZCOM_SB_LEN);
	memcpy(nw_ptr(NW_SB_IN_PA), data, n);
	memcpy(nw_ptr(NW_REQ_PA), &cmd, sizeof(cmd));
	memcpy(nw_ptr(NW_RSP_PA), &offer, sizeof(offer));

	x0 = nw_smc(TZ_SMC_SCHED_ARGINFO, NW_REQ_PA, EXT_LEN, NW_RSP_PA, sizeof(offer));
	/* Only a NEW comes extended, and only with good descriptors. */
	if ((cmd.cmd_type != TZ_SCHED_CMD_NEW || !ext_valid(&cmd)) &&
	    x0 != TZ_SMC_INVALID_PARAM)
		abort();
	if (x0 == 0 && TZ_CMD_SVC(nw_get_u32(nw_ptr(cmd.sb_in_cmd_addr))) != TZ_SVC_CORE) {
		r = nw_response();
		if (r.cmd_status == TZ_SCHED_STATUS_COMPLETE &&
		    (r.sb_in_rsp_addr != offer.sb_in_rsp_addr ||
		     r.sb_in_rsp_len < 8 || r.sb_in_rsp_len > offer.sb_in_rsp_len))
			abort();
		if (r.cmd_status > TZ_SCHED_STATUS_COMPLETE)
			abort();
	}
	/* Idle before: never BUSY; no session is running a command. */
	if (x0 != 0 && x0 != TZ_SMC_INVALID_PARAM)
		abort();
	fuzz_drain();
	return 0;
}
