// SPDX-License-Identifier: BSD-3-Clause
/*
 * The TZ scheduler (docs/protocol.md): the scheduler SMC's protocol on
 * top of TZ_THREADS secure threads (thread.c).
 *
 * NEW claims a FREE thread (BUSY if there is none; SERVICE_BUSY, with the
 * thread handed straight back, if the command's service is exclusive and
 * runs a command already, or its session does) and runs the command's
 * service on it.  A NEW may come as struct tzcom_command_ext (x3 says
 * which): a session (session.c) and memory arguments, whose descriptors
 * are checked here and kept in the command's state for memref.c.  The
 * thread comes back to the SMC handler when the
 * service posts a callback (INCOMPLETE, thread WAIT_HLOS), when a
 * normal-world interrupt arrives in a preemptible region (PREEMPTED,
 * thread PREEMPTED) or when the service returns (COMPLETE, thread FREE).
 * PENDING and RESUME name the thread by its id in x6 and run it again,
 * on whichever CPU they arrive.  The lock in thread.c is never held while
 * a service runs.
 *
 * Everything read from the normal world is copied into secure memory once
 * and validated there; the NS response struct is always written at the
 * x4 of the current SMC.
 */
#include <stdbool.h>
#include <string.h>

#include <tzbsp/log.h>
#include <tzbsp/ns_mem.h>
#include <tzbsp/phys.h>
#include <tzbsp/sched.h>
#include <tzbsp/sched_core.h>
#include <tzbsp/service.h>
#include <tzbsp/spinlock.h>
#include <tzcom/tzsched.h>

#include "session.h"
#include "thread.h"

#define TZ_SVC_MAX		32	/* service ids 0..31 (GET_INFO bitmap) */
#define TZ_ERRNO_MAX		4095	/* NS status below -4095 is garbage */
#define TZ_CB_AREA_MIN		4096U
#define TZ_CB_AREA_MAX		65536U

/*
 * Per-command lines (NEW, callback, answered, COMPLETE) are off until the
 * normal world asks for them with SET_TRACE.  Under TCG a UART line costs
 * ~17 us and even a ring-only line ~1 us (formatting and the copy into
 * the ring), which on its own takes SEND_CMD(64 B) from ~1.55x to ~1.8x
 * its baseline (docs/performance.md).  The driver sends its own level
 * (module parameter "trace", default 0) right after INIT_SB_LOG.  Boot lines and errors use tz_log and always go
 * to both the UART and the ring.
 */
#ifndef TZ_TRACE_DEFAULT
#define TZ_TRACE_DEFAULT	TZ_TRACE_OFF
#endif

/* The level is a plain word: any CPU reads it, only SET_TRACE writes it. */
#define sched_trace(...) do {						\
	uint32_t lvl_ = __atomic_load_n(&trace_level, __ATOMIC_RELAXED);	\
									\
	if (lvl_ == TZ_TRACE_UART)					\
		tz_log(__VA_ARGS__);					\
	else if (lvl_ == TZ_TRACE_RING)					\
		tz_log_ring(__VA_ARGS__);				\
} while (0)

/* INIT_SB_OUT's buffer; any command of the core service may change it. */
static tz_spinlock_t sb_out_lock = TZ_SPINLOCK_INIT;
static uint64_t sb_out_pa;		/* under sb_out_lock */
static uint32_t sb_out_len;
static bool sb_out_ready;

static uint32_t commands_done;		/* atomic */
static uint32_t exclusive_busy;		/* atomic: exclusive services in use */
static uint32_t callbacks_done;		/* atomic */
static uint32_t trace_level = TZ_TRACE_DEFAULT;

/* Written once by tzsched_init() before any SMC, read-only after. */
static const struct tz_service *svc_table[TZ_SVC_MAX];
static uint32_t services_up;

extern const struct tz_service __start_tz_services[];
extern const struct tz_service __stop_tz_services[];

static void ns_write(uint64_t pa, const void *src, size_t len)
{
	if (len)
		memcpy(phys_to_ptr(pa), src, len);
}

static void ns_write_response(const struct sched_cmd *c, uint32_t status,
			      uint32_t addr, uint32_t len)
{
	const struct tzcom_response r = {
		.cmd_status = status,
		.sb_in_rsp_addr = addr,
		.sb_in_rsp_len = len,
	};

	ns_write(c->smc_rsp_pa, &r, sizeof(r));
}

/*
 * What the dispatcher relies on: an id it can index with, taken once, a
 * handler to call and a name to log.  A descriptor that fails is left
 * out, and its id answers -ENOSYS like any missing service.
 */
static const char *svc_desc_problem(const struct tz_service *s)
{
	if (s->id >= TZ_SVC_MAX)
		return "id out of range";
	if (svc_table[s->id])
		return "duplicate id";
	if (!s->handle)
		return "no handler";
	if (!s->name || !s->name[0])
		return "no name";
	return NULL;
}

void tzsched_init(void)
{
	const struct tz_service *s;

	for (s = __start_tz_services; s < __stop_tz_services; s++) {
		const char *why = svc_desc_problem(s);
		int ret;

		if (why) {
			tz_log("sched: service descriptor %u (%s) rejected: %s", s->id,
			       s->name ? s->name : "?", why);
			continue;
		}
		ret = s->init ? s->init() : 0;
		if (ret) {
			tz_log("sched: service %s init failed %d", s->name, ret);
			continue;
		}
		svc_table[s->id] = s;
		services_up |= 1U << s->id;
	}
	tz_log("sched: ready, services 0x%x, %u threads", services_up,
	       tz_thread_count());
}

const struct tz_service *tzsched_service(uint32_t id)
{
	return id < TZ_SVC_MAX ? svc_table[id] : NULL;
}

/* Entry of a thread; never returns (the stack is abandoned). */
static void svc_entry(void)
{
	struct tz_thread *t = tz_thread_current();
	struct sched_cmd *c;
	size_t cap, len = 0;
	int status;

	if (!t)
		tz_thread_panic("service entered off its thread stack");
	c = &t->cmd;
	cap = c->rsp_area_len - sizeof(struct tzcom_svc_rsp_hdr);
	status = c->svc->handle(c->cmd_id, t->cmd_buf, c->cmd_len, t->rsp_buf,
				cap, &len);
	if (len > cap)
		tz_thread_panic("service overran its response buffer");
	if (status > 0)
		status = -TZ_EIO;	/* services return 0 or -errno */
	c->svc_status = status;
	c->svc_rsp_len = status ? 0 : len;
	c->in_service = false;
	tz_thread_yield(t, TZ_EXIT_DONE);
	tz_thread_panic("finished service resumed");
}

/* The command is done (or never ran): answer COMPLETE, free the thread. */
static int64_t sched_complete(struct tz_thread *t)
{
	const struct sched_cmd *c = &t->cmd;
	const struct tzcom_svc_rsp_hdr hdr = {
		.cmd_id = c->cmd_id,
		.status = c->svc_status,
	};
	uint32_t len = (uint32_t)(sizeof(hdr) + c->svc_rsp_len);

	ns_write(c->rsp_area_pa, &hdr, sizeof(hdr));
	ns_write(c->rsp_area_pa + sizeof(hdr), t->rsp_buf, c->svc_rsp_len);
	ns_write_response(c, TZ_SCHED_STATUS_COMPLETE, c->rsp_area_pa, len);
	if (c->svc_held)
		__atomic_fetch_and(&exclusive_busy, ~(1U << c->svc->id), __ATOMIC_RELEASE);
	if (c->session >= 0)
		tz_session_leave(c->svc, c->session);
	__atomic_fetch_add(&commands_done, 1U, __ATOMIC_RELAXED);
	sched_trace("sched: COMPLETE cmd 0x%08x status %d len %u", c->cmd_id,
		    c->svc_status, len);
	/* Last: from here a NEW on another CPU may reuse the thread. */
	tz_thread_move(t, TZ_THREAD_ACTIVE, TZ_THREAD_FREE);
	return TZ_SMC_OK;
}

/* Run the thread until it posts a callback, is preempted or finishes. */
static int64_t sched_run(struct tz_thread *t, uint64_t *x1)
{
	const uint32_t id = t->id;

	switch (tz_thread_run(t)) {
	case TZ_EXIT_DONE:
		return sched_complete(t);
	case TZ_EXIT_CALLBACK:
		ns_write_response(&t->cmd, TZ_SCHED_STATUS_INCOMPLETE, 0, 0);
		*x1 = id;
		/* Last: from here a PENDING on another CPU may run the thread. */
		tz_thread_move(t, TZ_THREAD_ACTIVE, TZ_THREAD_WAIT_HLOS);
		return TZ_SMC_OK;
	case TZ_EXIT_PREEMPTED:
		*x1 = id;
		tz_thread_move(t, TZ_THREAD_ACTIVE, TZ_THREAD_PREEMPTED);
		return TZ_SMC_PREEMPTED;
	}
	tz_thread_panic("thread exited for no known reason");
}

/* NEW's x6/x7: 0/0, or a range of its own apart from the command's. */
static bool cb_area_valid(uint64_t pa, uint64_t len, uint32_t cmd_pa,
			  uint32_t cmd_len, uint32_t rsp_pa, uint32_t rsp_len,
			  uint64_t smc_rsp_pa)
{
	if (!pa)
		return len == 0;
	return len >= TZ_CB_AREA_MIN && len <= TZ_CB_AREA_MAX &&
	       ns_range_valid(pa, len) &&
	       !ranges_overlap(pa, len, cmd_pa, cmd_len) &&
	       !ranges_overlap(pa, len, rsp_pa, rsp_len) &&
	       !ranges_overlap(pa, len, smc_rsp_pa,
			       sizeof(struct tzcom_response));
}

static uint64_t u64_of(uint32_t lo, uint32_t hi)
{
	return (uint64_t)hi << 32 | lo;
}

/*
 * One memory argument of an extended NEW: flags IN and/or OUT, 1..
 * TZ_MEM_MAX_PAGES pages, an aligned first list page, and 1 <= size,
 * offset + size <= npages * 4096 (compared as lengths: nothing wraps).
 * The pages are checked when the service uses them (memref.c).
 */
static bool mem_desc_take(const struct tzcom_mem_desc *d, struct sched_mem *m)
{
	const uint64_t list = u64_of(d->list_pa_lo, d->list_pa_hi);
	const uint64_t off = u64_of(d->offset_lo, d->offset_hi);
	const uint64_t size = u64_of(d->size_lo, d->size_hi);
	uint64_t span;

	if (!d->flags || (d->flags & ~(TZ_MEM_IN | TZ_MEM_OUT)))
		return false;
	if (d->npages < 1 || d->npages > TZ_MEM_MAX_PAGES)
		return false;
	if (list & (TZ_PAGE_SIZE - 1))
		return false;
	span = (uint64_t)d->npages * TZ_PAGE_SIZE;
	if (size < 1 || off > span || size > span - off)
		return false;
	m->list_pa = list;
	m->offset = off;
	m->size = size;
	m->npages = d->npages;
	m->flags = d->flags;
	m->walk_idx = 0;
	m->walk_pa = 0;
	return true;
}

static bool mem_desc_absent(const struct tzcom_mem_desc *d)
{
	static const struct tzcom_mem_desc zero;

	return memcmp(d, &zero, sizeof(zero)) == 0;
}

/* The extension of a NEW (all zero for the 12-byte form) into c. */
static bool ext_take(const struct tzcom_command_ext *x, struct sched_cmd *c)
{
	if (x->num_mem > TZ_MEM_MAX_ARGS || x->reserved)
		return false;
	for (uint32_t i = 0; i < TZ_MEM_MAX_ARGS; i++) {
		if (i < x->num_mem ? !mem_desc_take(&x->mem[i], &c->mem[i]) :
		    !mem_desc_absent(&x->mem[i]))
			return false;
	}
	return true;
}

/*
 * Validate and copy in a NEW command.  Returns 0 or TZ_SMC_INVALID_PARAM;
 * the caller holds t ACTIVE.
 */
static int64_t sched_new_setup(struct tz_thread *t,
			       const struct tzcom_command_ext *cmd, uint64_t rsp_pa,
			       uint64_t cb_pa, uint64_t cb_len)
{
	const uint32_t addr = cmd->sb_in_cmd_addr;
	const uint32_t len = cmd->sb_in_cmd_len;
	struct sched_cmd *c = &t->cmd;
	struct tzcom_response offer;
	uint32_t raddr, rlen, id;

	if (len < sizeof(uint32_t) || len > TZCOM_SB_LEN ||
	    !ns_range_valid(addr, len))
		return TZ_SMC_INVALID_PARAM;

	memcpy(&offer, phys_to_ptr(rsp_pa), sizeof(offer));
	raddr = offer.sb_in_rsp_addr;
	rlen = offer.sb_in_rsp_len;
	if (rlen < sizeof(struct tzcom_svc_rsp_hdr) || rlen > TZCOM_SB_LEN ||
	    !ns_range_valid(raddr, rlen) || ranges_overlap(addr, len, raddr, rlen))
		return TZ_SMC_INVALID_PARAM;
	if (!cb_area_valid(cb_pa, cb_len, addr, len, raddr, rlen, rsp_pa))
		return TZ_SMC_INVALID_PARAM;

	memset(c, 0, sizeof(*c));
	c->session = -1;
	if (!ext_take(cmd, c))
		return TZ_SMC_INVALID_PARAM;

	memcpy(t->cmd_buf, phys_to_ptr(addr), len);
	memcpy(&id, t->cmd_buf, sizeof(id));

	c->smc_rsp_pa = rsp_pa;
	c->cmd_id = id;
	c->cmd_len = len;
	c->rsp_area_pa = raddr;
	c->rsp_area_len = rlen;
	c->cb_area_pa = cb_pa;
	c->cb_area_len = (uint32_t)cb_len;
	if (TZ_CMD_SVC(id) < TZ_SVC_MAX)
		c->svc = svc_table[TZ_CMD_SVC(id)];
	return 0;
}

static int64_t sched_new(const struct tzcom_command_ext *cmd, uint64_t rsp_pa,
			 uint64_t cb_pa, uint64_t cb_len, uint64_t *x1)
{
	struct tz_thread *t = tz_thread_claim();
	struct sched_cmd *c;
	int64_t ret;

	if (!t)
		return TZ_SMC_BUSY;
	c = &t->cmd;
	ret = sched_new_setup(t, cmd, rsp_pa, cb_pa, cb_len);
	if (ret) {
		tz_thread_move(t, TZ_THREAD_ACTIVE, TZ_THREAD_FREE);
		return ret;
	}
	sched_trace("sched: NEW cmd 0x%08x len %u", c->cmd_id, c->cmd_len);

	if (!c->svc) {
		c->svc_status = -TZ_ENOSYS;
		return sched_complete(t);
	}
	if (cmd->session) {
		int idx;

		ret = tz_session_enter(c->svc, cmd->session, &idx);
		if (ret == -TZ_EBUSY) {
			/* Its one command runs: the thread goes back unused. */
			tz_thread_move(t, TZ_THREAD_ACTIVE, TZ_THREAD_FREE);
			return TZ_SMC_SERVICE_BUSY;
		}
		if (ret) {
			c->svc_status = -TZ_EBADF;
			return sched_complete(t);
		}
		c->session = idx;
	}
	if (c->svc->flags & TZ_SVC_F_EXCLUSIVE) {
		const uint32_t bit = 1U << c->svc->id;

		if (__atomic_fetch_or(&exclusive_busy, bit, __ATOMIC_ACQUIRE) & bit) {
			/* That service is busy: the thread goes back unused. */
			if (c->session >= 0)
				tz_session_leave(c->svc, c->session);
			tz_thread_move(t, TZ_THREAD_ACTIVE, TZ_THREAD_FREE);
			return TZ_SMC_SERVICE_BUSY;
		}
		c->svc_held = true;
	}
	/* No data of an earlier command can leak through a sloppy service. */
	memset(t->rsp_buf, 0, c->rsp_area_len - sizeof(struct tzcom_svc_rsp_hdr));
	tz_thread_start(t, svc_entry);
	c->in_service = true;
	return sched_run(t, x1);
}

/* Read the driver's answer in the callback area once. */
static int sched_take_answer(struct sched_cmd *c)
{
	struct tzcom_callback_rsp a;
	uint64_t end;

	memcpy(&a, phys_to_ptr(c->cb_pa), sizeof(a));
	if (a.cmd_id != c->cb_cmd_id)
		return -TZ_EIO;
	if (a.status < 0) {
		if (a.status == -TZ_ECANCELED)
			c->cancelled = true;
		return a.status < -TZ_ERRNO_MAX ? -TZ_EIO : a.status;
	}
	if (a.status > 0)
		return -TZ_EIO;

	end = (uint64_t)a.data_off + a.data_len;
	if (a.data_off < TZCOM_CB_RSP_DATA_OFF || end > c->cb_len)
		return -TZ_EIO;
	if (a.data_len > c->cb_cap)
		return -TZ_EMSGSIZE;
	if (a.data_len)
		memcpy(c->cb_rsp, phys_to_ptr(c->cb_pa + a.data_off), a.data_len);
	*c->cb_rsp_len = a.data_len;
	return 0;
}

/* The thread x6 names, moved from state to ACTIVE, or NULL. */
static struct tz_thread *sched_take(uint64_t x6, enum tz_thread_state state)
{
	if (x6 > UINT32_MAX)
		return NULL;
	return tz_thread_take((uint32_t)x6, state);
}

static int64_t sched_pending(uint64_t rsp_pa, uint64_t x6, uint64_t *x1)
{
	struct tz_thread *t = sched_take(x6, TZ_THREAD_WAIT_HLOS);
	struct sched_cmd *c;

	if (!t)
		return TZ_SMC_UNEXPECTED_RESUME;
	c = &t->cmd;
	c->smc_rsp_pa = rsp_pa;
	c->cb_status = sched_take_answer(c);
	__atomic_fetch_add(&callbacks_done, 1U, __ATOMIC_RELAXED);
	sched_trace("sched: callback 0x%08x answered status %d len %u",
		    c->cb_cmd_id, c->cb_status,
		    c->cb_status ? 0U : (unsigned int)*c->cb_rsp_len);
	return sched_run(t, x1);
}

static int64_t sched_resume(uint64_t rsp_pa, uint64_t x6, uint64_t *x1)
{
	struct tz_thread *t = sched_take(x6, TZ_THREAD_PREEMPTED);

	if (!t)
		return TZ_SMC_UNEXPECTED_RESUME;
	t->cmd.smc_rsp_pa = rsp_pa;
	return sched_run(t, x1);
}

int64_t tzsched_smc(uint64_t arginfo, uint64_t req_pa, uint64_t req_len,
		    uint64_t rsp_pa, uint64_t rsp_len, uint64_t x6, uint64_t x7,
		    uint64_t *x1)
{
	/* The 12-byte form is the extended one with nothing extended. */
	struct tzcom_command_ext cmd;

	*x1 = 0;
	if (arginfo != TZ_SMC_SCHED_ARGINFO)
		return TZ_SMC_INVALID_PARAM;
	if ((req_len != sizeof(struct tzcom_command) &&
	     req_len != sizeof(struct tzcom_command_ext)) ||
	    !ns_range_valid(req_pa, req_len) ||
	    rsp_len != sizeof(struct tzcom_response) ||
	    !ns_range_valid(rsp_pa, rsp_len))
		return TZ_SMC_INVALID_PARAM;

	memset(&cmd, 0, sizeof(cmd));
	memcpy(&cmd, phys_to_ptr(req_pa), (size_t)req_len);
	if (req_len == sizeof(struct tzcom_command_ext) &&
	    cmd.cmd_type != TZ_SCHED_CMD_NEW)
		return TZ_SMC_INVALID_PARAM;
	switch (cmd.cmd_type) {
	case TZ_SCHED_CMD_NEW:
		return sched_new(&cmd, rsp_pa, x6, x7, x1);
	case TZ_SCHED_CMD_PENDING:
		return sched_pending(rsp_pa, x6, x1);
	case TZ_SCHED_CMD_RESUME:
		return sched_resume(rsp_pa, x6, x1);
	default:
		return TZ_SMC_INVALID_PARAM;
	}
}

/* The command's own callback area, or INIT_SB_OUT's as it is now. */
static bool cb_area(const struct sched_cmd *c, uint64_t *pa, uint32_t *len)
{
	if (c->cb_area_pa) {
		*pa = c->cb_area_pa;
		*len = c->cb_area_len;
		return true;
	}
	return tzsched_get_sb_out(pa, len);
}

int tz_hlos_call(uint32_t cmd_id, const void *req, size_t req_len,
		 void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	const struct tzcom_callback cb = {
		.cmd_id = cmd_id,
		.sb_out_cb_data_len = (uint32_t)req_len,
		.sb_out_cb_data_off = TZCOM_CB_DATA_OFF,
	};
	struct tz_thread *t = tz_thread_current();
	struct sched_cmd *c;
	size_t ignored;
	uint64_t pa;
	uint32_t len;

	if (!rsp_len)
		rsp_len = &ignored;
	*rsp_len = 0;
	if (!t || !t->cmd.in_service)
		return -TZ_EPERM;	/* from init, or outside a command */
	c = &t->cmd;
	if (c->cancelled)
		return -TZ_ECANCELED;
	if (!cb_area(c, &pa, &len))
		return -TZ_EIO;
	if (req_len > TZCOM_CB_MAX_DATA || req_len > len - TZCOM_CB_DATA_OFF)
		return -TZ_EMSGSIZE;
	if ((req_len && !req) || (rsp_cap && !rsp))
		return -TZ_EINVAL;

	ns_write(pa, &cb, sizeof(cb));
	ns_write(pa + TZCOM_CB_DATA_OFF, req, req_len);
	c->cb_pa = pa;
	c->cb_len = len;
	c->cb_cmd_id = cmd_id;
	c->cb_rsp = rsp;
	c->cb_cap = rsp_cap;
	c->cb_rsp_len = rsp_len;
	c->cb_status = -TZ_EIO;
	sched_trace("sched: callback 0x%08x len %u", cmd_id,
		    (unsigned int)req_len);

	tz_thread_yield(t, TZ_EXIT_CALLBACK);
	/* Run again by PENDING; sched_take_answer() filled rsp and *rsp_len. */
	return c->cb_status;
}

void *tz_thread_scratch(size_t *len)
{
	struct tz_thread *t = tz_thread_current();

	if (!t || !t->cmd.in_service) {
		*len = 0;
		return NULL;
	}
	*len = sizeof(t->scratch);
	return t->scratch;
}

#ifdef TZBSP_HOST
/* Host tests only: the low canary of the calling command's stack. */
void *tzsched_test_stack_canary(void);
void *tzsched_test_stack_canary(void)
{
	struct tz_thread *t = tz_thread_current();

	return tz_thread_stack_canary(t ? (uint32_t)(t - tz_thread_get(0)) : 0,
				      false);
}
#endif

void tzsched_get_stats(struct tzsched_stats *st)
{
	uint64_t pa;
	uint32_t len;

	st->services = services_up;
	st->commands_done = __atomic_load_n(&commands_done, __ATOMIC_RELAXED);
	st->callbacks_done = __atomic_load_n(&callbacks_done, __ATOMIC_RELAXED);
	st->sb_out_ready = tzsched_get_sb_out(&pa, &len);
	st->threads = tz_thread_count();
}

void tzsched_set_trace(uint32_t level)
{
	__atomic_store_n(&trace_level, level, __ATOMIC_RELAXED);
}

void tzsched_set_sb_out(uint64_t pa, uint32_t len)
{
	tz_spin_lock(&sb_out_lock);
	sb_out_pa = pa;
	sb_out_len = len;
	sb_out_ready = true;
	tz_spin_unlock(&sb_out_lock);
}

void tzsched_release_sb_out(void)
{
	tz_spin_lock(&sb_out_lock);
	sb_out_ready = false;
	sb_out_pa = 0;
	sb_out_len = 0;
	tz_spin_unlock(&sb_out_lock);
}

bool tzsched_get_sb_out(uint64_t *pa, uint32_t *len)
{
	bool ready;

	tz_spin_lock(&sb_out_lock);
	*pa = sb_out_pa;
	*len = sb_out_len;
	ready = sb_out_ready;
	tz_spin_unlock(&sb_out_lock);
	return ready;
}
