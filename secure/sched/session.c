// SPDX-License-Identifier: BSD-3-Clause
/*
 * Sessions (docs/firmware.md "Sessions"): per service a table of
 * TZ_SESSIONS_PER_SVC entries, opened and closed by the core service's
 * SESSION_OPEN/CLOSE and named by NEW commands of that service.
 *
 * An id is opaque to the normal world but carries the entry's index, the
 * service and a generation that changes each time the entry opens, so an
 * id kept after CLOSE never names the entry's next session.  A session
 * runs one command at a time (busy).  The service's state for the entry
 * is wiped when it opens and when it closes; while it is wiped the entry
 * is neither free nor open, so no OPEN reuses it and no NEW enters it
 * before the wipe is done.  One lock for all tables: every section under
 * it is a few loads and stores.
 */
#include <stdbool.h>
#include <string.h>

#include <tzbsp/sched_core.h>
#include <tzbsp/service.h>
#include <tzbsp/spinlock.h>
#include <tzcom/tzsched.h>

#include "session.h"
#include "thread.h"

#define SESS_SVC_MAX	32U	/* service ids 0..31, as the dispatcher */
#define SESS_IDX_BITS	5
#define SESS_SVC_BITS	5
#define SESS_GEN_SHIFT	(SESS_IDX_BITS + SESS_SVC_BITS)
#define SESS_GEN_MASK	((1U << (32 - SESS_GEN_SHIFT)) - 1)

_Static_assert(TZ_SESSIONS_PER_SVC == 1U << SESS_IDX_BITS, "index bits");
_Static_assert(SESS_SVC_MAX == 1U << SESS_SVC_BITS, "service bits");

enum sess_state {
	SESS_FREE,
	SESS_WIPING,	/* opening or closing: the state is being zeroed */
	SESS_OPEN,
};

struct sess_entry {
	uint32_t gen;		/* of the current or last session, never 0 once used */
	uint8_t state;		/* enum sess_state */
	bool busy;		/* a command runs in it */
};

static tz_spinlock_t sess_lock = TZ_SPINLOCK_INIT;
static struct sess_entry sess_table[SESS_SVC_MAX][TZ_SESSIONS_PER_SVC];

static uint32_t sess_id(uint32_t svc, uint32_t idx, uint32_t gen)
{
	return gen << SESS_GEN_SHIFT | svc << SESS_IDX_BITS | idx;
}

static void sess_wipe(const struct tz_service *s, uint32_t idx)
{
	if (s->session_wipe)
		s->session_wipe(idx);
	else if (s->sessions && s->session_size)
		memset((uint8_t *)s->sessions + (size_t)idx * s->session_size, 0,
		       s->session_size);
}

int tzsched_session_open(uint32_t svc_id, uint32_t *session)
{
	const struct tz_service *s = tzsched_service(svc_id);
	struct sess_entry *e = NULL;
	uint32_t idx, gen = 0;

	if (!s)
		return -TZ_ENOSYS;
	if (!(s->flags & TZ_SVC_F_SESSIONS))
		return -TZ_EOPNOTSUPP;

	tz_spin_lock(&sess_lock);
	for (idx = 0; idx < TZ_SESSIONS_PER_SVC; idx++) {
		if (sess_table[svc_id][idx].state != SESS_FREE)
			continue;
		e = &sess_table[svc_id][idx];
		gen = (e->gen + 1U) & SESS_GEN_MASK;
		e->gen = gen ? gen : 1U;
		gen = e->gen;
		e->state = SESS_WIPING;
		break;
	}
	tz_spin_unlock(&sess_lock);
	if (!e)
		return -TZ_ENOSPC;

	sess_wipe(s, idx);
	tz_spin_lock(&sess_lock);
	e->state = SESS_OPEN;
	e->busy = false;
	tz_spin_unlock(&sess_lock);
	*session = sess_id(svc_id, idx, gen);
	return 0;
}

/* The entry id names, if it is that session; under sess_lock. */
static struct sess_entry *sess_lookup(uint32_t id, uint32_t *svc, uint32_t *idx)
{
	struct sess_entry *e;

	*idx = id & (TZ_SESSIONS_PER_SVC - 1);
	*svc = (id >> SESS_IDX_BITS) & (SESS_SVC_MAX - 1);
	e = &sess_table[*svc][*idx];
	if (e->state != SESS_OPEN || e->gen != id >> SESS_GEN_SHIFT || !e->gen)
		return NULL;
	return e;
}

int tzsched_session_close(uint32_t session)
{
	const struct tz_service *s;
	struct sess_entry *e;
	uint32_t svc, idx;
	int ret = 0;

	tz_spin_lock(&sess_lock);
	e = sess_lookup(session, &svc, &idx);
	if (!e)
		ret = -TZ_EBADF;
	else if (e->busy)
		ret = -TZ_EBUSY;
	else
		e->state = SESS_WIPING;
	tz_spin_unlock(&sess_lock);
	if (ret)
		return ret;

	/* Open entries belong to registered services with sessions only. */
	s = tzsched_service(svc);
	if (s)
		sess_wipe(s, idx);
	tz_spin_lock(&sess_lock);
	e->state = SESS_FREE;
	tz_spin_unlock(&sess_lock);
	return 0;
}

int tz_session_enter(const struct tz_service *svc, uint32_t id, int *idx)
{
	struct sess_entry *e;
	uint32_t s, i;
	int ret = 0;

	tz_spin_lock(&sess_lock);
	e = sess_lookup(id, &s, &i);
	if (!e || s != svc->id)
		ret = -TZ_EBADF;
	else if (e->busy)
		ret = -TZ_EBUSY;
	else
		e->busy = true;
	tz_spin_unlock(&sess_lock);
	if (!ret)
		*idx = (int)i;
	return ret;
}

void tz_session_leave(const struct tz_service *svc, int idx)
{
	tz_spin_lock(&sess_lock);
	sess_table[svc->id][idx].busy = false;
	tz_spin_unlock(&sess_lock);
}

int tz_session_index(void)
{
	const struct tz_thread *t = tz_thread_current();

	if (!t || !t->cmd.in_service || t->cmd.session < 0)
		return -TZ_EBADF;
	return t->cmd.session;
}
