// SPDX-License-Identifier: BSD-3-Clause
/*
 * The TZ scheduler (docs/protocol.md): owner of the single in-flight command.
 *
 * State machine, changed only under sched_lock with the prior state
 * checked:
 *
 *   IDLE --NEW--> RUNNING --service calls tz_hlos_call()--> WAIT_HLOS
 *                   ^   |                                      |
 *                   |   +--service returns--> COMPLETE --> IDLE |
 *                   +----------------PENDING-------------------+
 *
 * Whoever moves the state out of IDLE or WAIT_HLOS owns everything in
 * struct sched_cmd (and the static buffers) until it moves the state to
 * WAIT_HLOS or IDLE again; that is the only serialisation the in-flight
 * data needs, and the lock is never held while a service runs.
 *
 * A service runs on svc_stack.  tz_hlos_call() switches back to whichever
 * SMC handler context (CPU) entered it; the handler then returns
 * INCOMPLETE to the normal world.  A later PENDING, on any CPU, switches
 * back into the service.
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

#include "ctx.h"

#ifndef TZ_SVC_STACK_SIZE
#define TZ_SVC_STACK_SIZE	(64 * 1024)
#endif
#define TZ_SVC_MAX		32	/* service ids 0..31 (GET_INFO bitmap) */
#define TZ_STACK_CANARY		0x5a17c0de7e57ab1eULL
#define TZ_STACK_CANARY_WORDS	4
#define TZ_ERRNO_MAX		4095	/* NS status below -4095 is garbage */

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

enum sched_state {
	SCHED_IDLE,
	SCHED_RUNNING,
	SCHED_WAIT_HLOS,
	SCHED_COMPLETE,
};

/* Why the service switched back to the SMC handler. */
enum svc_exit {
	SVC_EXIT_CALLBACK,
	SVC_EXIT_DONE,
};

/* The in-flight command; owned as described at the top of the file. */
struct sched_cmd {
	uint64_t smc_rsp_pa;		/* x4 of the SMC being served */
	uint32_t cmd_id;
	uint32_t cmd_len;
	uint32_t rsp_area_pa;		/* response area the driver offered */
	uint32_t rsp_area_len;
	const struct tz_service *svc;
	bool cancelled;			/* NS answered -ECANCELED */
	bool in_service;		/* tz_hlos_call() is legal */
	enum svc_exit exit;
	int svc_status;
	size_t svc_rsp_len;
	/* The callback the service waits on. */
	uint32_t cb_cmd_id;
	void *cb_rsp;
	size_t cb_cap;
	size_t *cb_rsp_len;
	int cb_status;
};

static tz_spinlock_t sched_lock = TZ_SPINLOCK_INIT;
static enum sched_state sched_state;	/* under sched_lock */
static struct sched_cmd cur;

/* Changed only by the in-flight command (core service) or at boot. */
static uint64_t sb_out_pa;
static uint32_t sb_out_len;
static bool sb_out_ready;
static uint32_t commands_done;
static uint32_t callbacks_done;
static uint32_t trace_level = TZ_TRACE_DEFAULT;

static const struct tz_service *svc_table[TZ_SVC_MAX];
static uint32_t services_up;

static struct tz_ctx smc_ctx;	/* the SMC handler that entered the service */
static struct tz_ctx svc_ctx;

static struct {
	uint64_t lo[TZ_STACK_CANARY_WORDS];
	uint8_t body[TZ_SVC_STACK_SIZE] __attribute__((aligned(16)));
	uint64_t hi[TZ_STACK_CANARY_WORDS];
} svc_stack __attribute__((aligned(64)));

/* Secure copies of the command and of the service's response data. */
static uint8_t cmd_buf[TZCOM_SB_LEN] __attribute__((aligned(16)));
static uint8_t rsp_buf[TZCOM_SB_LEN - sizeof(struct tzcom_svc_rsp_hdr)]
	__attribute__((aligned(16)));

extern const struct tz_service __start_tz_services[];
extern const struct tz_service __stop_tz_services[];

__attribute__((noreturn)) static void sched_panic(const char *why)
{
	tz_log("sched: PANIC: %s", why);
	tz_ctx_halt();
}

static bool sched_try_move(enum sched_state from, enum sched_state to)
{
	bool ok;

	tz_spin_lock(&sched_lock);
	ok = sched_state == from;
	if (ok)
		sched_state = to;
	tz_spin_unlock(&sched_lock);
	return ok;
}

/* A transition only the owner of the in-flight command makes. */
static void sched_move(enum sched_state from, enum sched_state to)
{
	if (!sched_try_move(from, to))
		sched_panic("state machine out of step");
}

static void stack_canary_set(void)
{
	for (int i = 0; i < TZ_STACK_CANARY_WORDS; i++) {
		svc_stack.lo[i] = TZ_STACK_CANARY;
		svc_stack.hi[i] = TZ_STACK_CANARY;
	}
}

static void stack_canary_check(void)
{
	for (int i = 0; i < TZ_STACK_CANARY_WORDS; i++)
		if (svc_stack.lo[i] != TZ_STACK_CANARY ||
		    svc_stack.hi[i] != TZ_STACK_CANARY)
			sched_panic("service stack canary corrupted");
}

static void sched_switch(struct tz_ctx *from, struct tz_ctx *to)
{
	stack_canary_check();
	tz_ctx_switch(from, to);
	stack_canary_check();
}

static void ns_write(uint64_t pa, const void *src, size_t len)
{
	if (len)
		memcpy(phys_to_ptr(pa), src, len);
}

static void ns_write_response(uint32_t status, uint32_t addr, uint32_t len)
{
	const struct tzcom_response r = {
		.cmd_status = status,
		.sb_in_rsp_addr = addr,
		.sb_in_rsp_len = len,
	};

	ns_write(cur.smc_rsp_pa, &r, sizeof(r));
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
	tz_log("sched: ready, services 0x%x", services_up);
}

/* Entry of the service context; never returns (the stack is abandoned). */
static void svc_entry(void)
{
	size_t cap = cur.rsp_area_len - sizeof(struct tzcom_svc_rsp_hdr);
	size_t len = 0;
	int status;

	status = cur.svc->handle(cur.cmd_id, cmd_buf, cur.cmd_len, rsp_buf, cap,
				 &len);
	if (len > cap)
		sched_panic("service overran its response buffer");
	if (status > 0)
		status = -TZ_EIO;	/* services return 0 or -errno */
	cur.svc_status = status;
	cur.svc_rsp_len = status ? 0 : len;
	cur.in_service = false;
	cur.exit = SVC_EXIT_DONE;
	sched_switch(&svc_ctx, &smc_ctx);
	sched_panic("finished service resumed");
}

/* The command is done (or never ran): answer COMPLETE and go IDLE. */
static int64_t sched_complete(void)
{
	const struct tzcom_svc_rsp_hdr hdr = {
		.cmd_id = cur.cmd_id,
		.status = cur.svc_status,
	};
	uint32_t len = (uint32_t)(sizeof(hdr) + cur.svc_rsp_len);

	sched_move(SCHED_RUNNING, SCHED_COMPLETE);
	ns_write(cur.rsp_area_pa, &hdr, sizeof(hdr));
	ns_write(cur.rsp_area_pa + sizeof(hdr), rsp_buf, cur.svc_rsp_len);
	ns_write_response(TZ_SCHED_STATUS_COMPLETE, cur.rsp_area_pa, len);
	commands_done++;
	sched_trace("sched: COMPLETE cmd 0x%08x status %d len %u", cur.cmd_id,
	       cur.svc_status, len);
	sched_move(SCHED_COMPLETE, SCHED_IDLE);
	return TZ_SMC_OK;
}

/* Run the service until it posts a callback or finishes. */
static int64_t sched_enter_service(void)
{
	sched_switch(&smc_ctx, &svc_ctx);
	if (cur.exit == SVC_EXIT_DONE)
		return sched_complete();
	ns_write_response(TZ_SCHED_STATUS_INCOMPLETE, 0, 0);
	/* Last: from here a PENDING on another CPU may resume the service. */
	sched_move(SCHED_RUNNING, SCHED_WAIT_HLOS);
	return TZ_SMC_OK;
}

/*
 * Validate and copy in a NEW command.  Returns 0 or TZ_SMC_INVALID_PARAM;
 * the caller owns the in-flight state.
 */
static int64_t sched_new_setup(const struct tzcom_command *cmd, uint64_t rsp_pa)
{
	const uint32_t addr = cmd->sb_in_cmd_addr;
	const uint32_t len = cmd->sb_in_cmd_len;
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

	memcpy(cmd_buf, phys_to_ptr(addr), len);
	memcpy(&id, cmd_buf, sizeof(id));

	memset(&cur, 0, sizeof(cur));
	cur.smc_rsp_pa = rsp_pa;
	cur.cmd_id = id;
	cur.cmd_len = len;
	cur.rsp_area_pa = raddr;
	cur.rsp_area_len = rlen;
	if (TZ_CMD_SVC(id) < TZ_SVC_MAX)
		cur.svc = svc_table[TZ_CMD_SVC(id)];
	return 0;
}

static int64_t sched_new(const struct tzcom_command *cmd, uint64_t rsp_pa)
{
	int64_t ret;

	if (!sched_try_move(SCHED_IDLE, SCHED_RUNNING))
		return TZ_SMC_BUSY;
	ret = sched_new_setup(cmd, rsp_pa);
	if (ret) {
		sched_move(SCHED_RUNNING, SCHED_IDLE);
		return ret;
	}
	sched_trace("sched: NEW cmd 0x%08x len %u", cur.cmd_id, cur.cmd_len);

	if (!cur.svc) {
		cur.svc_status = -TZ_ENOSYS;
		return sched_complete();
	}
	/* No data of an earlier command can leak through a sloppy service. */
	memset(rsp_buf, 0, cur.rsp_area_len - sizeof(struct tzcom_svc_rsp_hdr));
	stack_canary_set();
	tz_ctx_prepare(&svc_ctx, svc_stack.body, sizeof(svc_stack.body),
		       svc_entry);
	cur.in_service = true;
	return sched_enter_service();
}

/* Read the driver's answer at sb_out once; returns the service's result. */
static int sched_take_answer(void)
{
	struct tzcom_callback_rsp a;
	uint64_t end;

	memcpy(&a, phys_to_ptr(sb_out_pa), sizeof(a));
	if (a.cmd_id != cur.cb_cmd_id)
		return -TZ_EIO;
	if (a.status < 0) {
		if (a.status == -TZ_ECANCELED)
			cur.cancelled = true;
		return a.status < -TZ_ERRNO_MAX ? -TZ_EIO : a.status;
	}
	if (a.status > 0)
		return -TZ_EIO;

	end = (uint64_t)a.data_off + a.data_len;
	if (a.data_off < TZCOM_CB_RSP_DATA_OFF || end > sb_out_len)
		return -TZ_EIO;
	if (a.data_len > cur.cb_cap)
		return -TZ_EMSGSIZE;
	if (a.data_len)
		memcpy(cur.cb_rsp, phys_to_ptr(sb_out_pa + a.data_off),
		       a.data_len);
	*cur.cb_rsp_len = a.data_len;
	return 0;
}

static int64_t sched_pending(uint64_t rsp_pa)
{
	if (!sched_try_move(SCHED_WAIT_HLOS, SCHED_RUNNING))
		return TZ_SMC_UNEXPECTED_RESUME;
	cur.smc_rsp_pa = rsp_pa;
	cur.cb_status = sched_take_answer();
	callbacks_done++;
	sched_trace("sched: callback 0x%08x answered status %d len %u",
	       cur.cb_cmd_id, cur.cb_status,
	       cur.cb_status ? 0U : (unsigned int)*cur.cb_rsp_len);
	return sched_enter_service();
}

int64_t tzsched_smc(uint64_t arginfo, uint64_t req_pa, uint64_t req_len,
		    uint64_t rsp_pa, uint64_t rsp_len)
{
	struct tzcom_command cmd;

	if (arginfo != TZ_SMC_SCHED_ARGINFO)
		return TZ_SMC_INVALID_PARAM;
	if (req_len != sizeof(struct tzcom_command) ||
	    !ns_range_valid(req_pa, req_len) ||
	    rsp_len != sizeof(struct tzcom_response) ||
	    !ns_range_valid(rsp_pa, rsp_len))
		return TZ_SMC_INVALID_PARAM;

	memcpy(&cmd, phys_to_ptr(req_pa), sizeof(cmd));
	switch (cmd.cmd_type) {
	case TZ_SCHED_CMD_NEW:
		return sched_new(&cmd, rsp_pa);
	case TZ_SCHED_CMD_PENDING:
		return sched_pending(rsp_pa);
	default:
		return TZ_SMC_INVALID_PARAM;
	}
}

int tz_hlos_call(uint32_t cmd_id, const void *req, size_t req_len,
		 void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	const struct tzcom_callback cb = {
		.cmd_id = cmd_id,
		.sb_out_cb_data_len = (uint32_t)req_len,
		.sb_out_cb_data_off = TZCOM_CB_DATA_OFF,
	};
	size_t ignored;

	if (!rsp_len)
		rsp_len = &ignored;
	*rsp_len = 0;
	if (!cur.in_service)
		return -TZ_EPERM;	/* from init, or outside a command */
	if (cur.cancelled)
		return -TZ_ECANCELED;
	if (!sb_out_ready)
		return -TZ_EIO;
	if (req_len > TZCOM_CB_MAX_DATA || req_len > sb_out_len - TZCOM_CB_DATA_OFF)
		return -TZ_EMSGSIZE;
	if ((req_len && !req) || (rsp_cap && !rsp))
		return -TZ_EINVAL;

	ns_write(sb_out_pa, &cb, sizeof(cb));
	ns_write(sb_out_pa + TZCOM_CB_DATA_OFF, req, req_len);
	cur.cb_cmd_id = cmd_id;
	cur.cb_rsp = rsp;
	cur.cb_cap = rsp_cap;
	cur.cb_rsp_len = rsp_len;
	cur.cb_status = -TZ_EIO;
	cur.exit = SVC_EXIT_CALLBACK;
	sched_trace("sched: callback 0x%08x len %u", cmd_id, (unsigned int)req_len);

	sched_switch(&svc_ctx, &smc_ctx);
	/* Resumed by PENDING; sched_take_answer() filled rsp and *rsp_len. */
	return cur.cb_status;
}

#ifdef TZBSP_HOST
/* Host tests only: where the service stack's low canary lives. */
void *tzsched_test_stack_canary(void);
void *tzsched_test_stack_canary(void)
{
	return svc_stack.lo;
}
#endif

void tzsched_get_stats(struct tzsched_stats *st)
{
	st->services = services_up;
	st->commands_done = commands_done;
	st->callbacks_done = callbacks_done;
	st->sb_out_ready = sb_out_ready;
}

void tzsched_set_trace(uint32_t level)
{
	__atomic_store_n(&trace_level, level, __ATOMIC_RELAXED);
}

void tzsched_set_sb_out(uint64_t pa, uint32_t len)
{
	sb_out_pa = pa;
	sb_out_len = len;
	sb_out_ready = true;
}

void tzsched_release_sb_out(void)
{
	sb_out_ready = false;
	sb_out_pa = 0;
	sb_out_len = 0;
}

bool tzsched_get_sb_out(uint64_t *pa, uint32_t *len)
{
	*pa = sb_out_pa;
	*len = sb_out_len;
	return sb_out_ready;
}
