// SPDX-License-Identifier: BSD-3-Clause
/*
 * Loading an S-EL0 service: check the header of its flat binary (built
 * by secure/user, embedded by el0_images.S), give it pages of its own
 * from a pool in TZBSP's secure RAM (the image, and per slot a stack,
 * request and response buffers and scratch: one slot for an exclusive
 * service, one per secure thread else), copy the image in, build its
 * translation table and run its init at S-EL0.  A restart after a fault
 * does the same with the pages it already has: data from the image
 * again, bss (its heap and its sessions' state) and stacks zeroed.
 */
#include <string.h>

#include <tzbsp/arch.h>
#include <tzbsp/crypto.h>
#include <tzbsp/log.h>
#include <tzcom/tzsched.h>

#include "el0_priv.h"
#include "../sched/thread.h"

#if TZ_THREADS > TZ_EL0_SLOTS_MAX
#error "a concurrent S-EL0 service has one slot per thread: TZ_THREADS <= TZ_EL0_SLOTS_MAX"
#endif

#define EL0_PAGE	0x1000ULL
#define EL0_NSVC	4	/* service ids 0..3 may run at S-EL0 */
/*
 * Room for every service's pages: the images (with the heaps) and 112 KiB
 * per slot, of which test has TZ_THREADS and crypto and storage one each.
 */
#define EL0_POOL_SIZE	(2U * 1024 * 1024)

static uint8_t el0_pool[EL0_POOL_SIZE] __attribute__((aligned(4096)));
static size_t el0_pool_used;
static uint64_t el0_tables[EL0_NSVC][3][512] __attribute__((aligned(4096)));

extern uintptr_t __stack_chk_guard;

static void *pool_take(uint64_t len)
{
	void *p;

	len = (len + EL0_PAGE - 1) & ~(EL0_PAGE - 1);
	if (len > EL0_POOL_SIZE - el0_pool_used)
		return NULL;
	p = el0_pool + el0_pool_used;
	el0_pool_used += len;
	return p;
}

static bool aligned_page(uint64_t v)
{
	return (v & (EL0_PAGE - 1)) == 0;
}

/* The header is read from TZBSP's own image, but checked all the same. */
static const char *header_problem(const struct el0_svc *s, struct tz_el0_header *h)
{
	const size_t len = (size_t)(s->image_end - s->image);
	const uint64_t va = TZ_EL0_VA(s->id);

	if (len < sizeof(*h))
		return "shorter than its header";
	memcpy(h, s->image, sizeof(*h));
	if (h->magic != TZ_EL0_MAGIC || h->version != TZ_EL0_HDR_VERSION ||
	    h->hdr_size != sizeof(*h))
		return "bad header";
	if (h->base != va)
		return "linked for another window";
	if (!(va < h->text_end && h->text_end <= h->ro_end &&
	      h->ro_end <= h->data_start && h->data_start <= h->data_end &&
	      h->data_end <= h->bss_end && h->bss_end - va <= TZ_EL0_IMAGE_MAX))
		return "sections out of order or too large";
	if (!aligned_page(h->text_end) || !aligned_page(h->ro_end) ||
	    !aligned_page(h->data_start) || !aligned_page(h->bss_end))
		return "sections not page aligned";
	if (h->entry < va + sizeof(*h) || h->entry >= h->text_end || (h->entry & 3))
		return "entry outside its text";
	if (len > h->data_end - va)
		return "longer than its sections";
	if (!(h->data_start <= h->sess_start && h->sess_start <= h->sess_end &&
	      h->sess_end <= h->bss_end) ||
	    (h->sess_end - h->sess_start) % TZ_SESSIONS_PER_SVC)
		return "session state outside its data or not one element per session";
	return NULL;
}

/* The image as it was linked: text to data copied, bss and stack zeroed. */
static void image_reset(struct el0_svc *s)
{
	const size_t len = (size_t)(s->image_end - s->image);
	const uint64_t size = s->hdr.bss_end - s->va;

	memcpy(s->mem, s->image, len);
	memset(s->mem + len, 0, size - len);
	for (uint32_t i = 0; i < s->nslots; i++)
		memset(s->slots[i].stack, 0, TZ_EL0_STACK_SIZE);
}

static int slots_take(struct el0_svc *s)
{
	s->nslots = s->exclusive ? 1 : TZ_THREADS;
	for (uint32_t i = 0; i < s->nslots; i++) {
		struct el0_slot *sl = &s->slots[i];

		sl->va = s->va + TZ_EL0_SLOT_OFF(i);
		sl->stack = pool_take(TZ_EL0_STACK_SIZE);
		sl->req = pool_take(TZ_EL0_REQ_SIZE);
		sl->rsp = pool_take(TZ_EL0_RSP_SIZE);
		sl->scratch = pool_take(TZ_EL0_SCRATCH_SIZE);
		if (!sl->stack || !sl->req || !sl->rsp || !sl->scratch)
			return -TZ_ENOMEM;
	}
	return 0;
}

/* One-way from TZBSP's own guard, so a service learns nothing of it. */
static void guard_make(struct el0_svc *s)
{
	uint64_t in[2] = { s->id, read_sysreg(cntpct_el0) };
	uint8_t mac[TZ_SHA256_LEN];

	if (tz_hmac_sha256((const uint8_t *)&__stack_chk_guard,
			   sizeof(__stack_chk_guard), (const uint8_t *)in,
			   sizeof(in), mac))
		memcpy(mac, in, sizeof(in));
	memcpy(&s->guard, mac, sizeof(s->guard));
	tz_crypto_zeroize(mac, sizeof(mac));
}

int el0_svc_load(struct el0_svc *s)
{
	const char *why = s->id < EL0_NSVC ? header_problem(s, &s->hdr) : "id out of range";
	int ret;

	if (why) {
		tz_log("el0: %s: image refused: %s", s->name, why);
		return -TZ_EINVAL;
	}
	s->va = s->hdr.base;
	s->mem = pool_take(s->hdr.bss_end - s->va);
	if (!s->mem || slots_take(s)) {
		tz_log("el0: %s: out of service memory", s->name);
		return -TZ_ENOMEM;
	}
	s->l1 = el0_tables[s->id][0];
	s->l2 = el0_tables[s->id][1];
	s->l3 = el0_tables[s->id][2];
	image_reset(s);
	el0_mmu_build(s);
	guard_make(s);
	s->up = true;
	ret = el0_svc_init(s, &s->slots[0]);
	if (ret) {
		s->up = false;
		return ret;
	}
	tz_log("el0: %s at S-EL0: %llu KiB at %#llx, ASID %u, %u slot%s (pool %llu/%u KiB)",
	       s->name, (unsigned long long)((s->hdr.bss_end - s->va) / 1024),
	       (unsigned long long)s->va, s->id + 1, s->nslots, s->nslots == 1 ? "" : "s",
	       (unsigned long long)(el0_pool_used / 1024), EL0_POOL_SIZE / 1024);
	return 0;
}

/*
 * Element idx of the service's TZ_SESSION_STATE array, zeroed through
 * TZBSP's own view of the service's pages.  Commands in other sessions
 * may run meanwhile: they use other elements.
 */
void el0_svc_session_wipe(struct el0_svc *s, unsigned int idx)
{
	const uint64_t stride = (s->hdr.sess_end - s->hdr.sess_start) / TZ_SESSIONS_PER_SVC;

	if (!s->mem || !stride || idx >= TZ_SESSIONS_PER_SVC)
		return;
	memset(s->mem + (s->hdr.sess_start - s->va) + idx * stride, 0, stride);
}

/* The caller made sure no other entry is in the service. */
int el0_svc_restart(struct el0_svc *s, struct el0_slot *slot)
{
	image_reset(s);
	if (el0_svc_init(s, slot)) {
		s->up = false;
		tz_log("el0: %s: init failed after restart; service down", s->name);
		return -TZ_EIO;
	}
	return 0;
}
