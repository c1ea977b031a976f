/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tzcom protocol v2 as a Promela model, checked with spin
 * (driver/model/README, docs/driver.md "Model", docs/protocol.md section 9).
 *
 * What is modelled: the driver's call slots and FIFO call queue
 * (driver/tzcom_sched.c), the BUSY and SERVICE_BUSY answers to NEW with
 * the driver's secure_full flag and completed counter, the secure threads
 * (secure/sched: FREE / ACTIVE / WAIT_HLOS / PREEMPTED, ids with a
 * generation), RESUME after a preemption, the callback lifecycle
 * (driver/tzcom_listener.c: QUEUED, DELIVERED, ANSWERED, revoked
 * placeholders), and the ways a wait ends early: timeout, client kill,
 * ABORT, listener close and UNREGISTER.  Every step's comment names the
 * function it stands for (driver/model/README has the table).
 *
 * Configurations (-D on the spin command line; tests/model/run's runs):
 *   NSLOT         driver call slots (default 2)
 *   NCTX          secure threads (default 2); NSLOT > NCTX makes NEW meet
 *                 BUSY, as a thread held by a fenced slot does in the driver
 *   MAXCB         callbacks one command may make (default 2)
 *   NKILL         client kills (or ABORTs) in the whole run (default 2)
 *   NTIMEOUT      callback timeouts in the whole run (default 2)
 *   NO_TIMEOUT    none at all: a callback nobody answers is a deadlock
 *                 instead of being hidden by a timeout
 *   NPRE          preemptions in the whole run (default 1)
 *   SVC_ONE       clients 0 .. SVC_ONE-1 send to a service that runs one
 *                 command at a time (default 0: none); a NEW for it while
 *                 another command has it is answered SERVICE_BUSY
 *   EBUSY_OK      SEND_CMD may return -EBUSY (for the runs of
 *                 BUG_NO_COMPLETED_CHECK, so only its hang can catch it)
 *   CLIENT_ABORT  the client event is an ABORT of its fd, not a fatal signal
 *   UNREGISTER    the owner may also UNREGISTER while it keeps its fd
 *   FORGE         add a forger: one stale or forged PENDING / RESUME
 * Planted bugs, each of which the checker must catch:
 *   BUG_CQ_NO_PASS         a waiter that leaves the call queue (killed,
 *                          ABORT) does not kick the next one
 *   BUG_CONTINUE_REVOKED   CONTINUE on a revoked placeholder answers it
 *   BUG_RESUME_STATE       the secure world accepts RESUME in any state
 *                          but FREE
 *   BUG_NO_COMPLETED_CHECK tzcom_cq_busy and tzcom_cq_svc_busy do not
 *                          compare sched->completed with what the call
 *                          saw when it took its slot, so a thread or
 *                          service freed in between is waited for
 */

#ifndef NSLOT
#define NSLOT		2
#endif
#ifndef NCTX
#define NCTX		2	/* secure thread contexts */
#endif
#define NCLIENT		3
#define NLISTENER	2
#ifndef MAXCB
#define MAXCB		2	/* callbacks one command may make */
#endif
#ifndef SVC_ONE
#define SVC_ONE		0
#endif
#define NOBJ		(NCLIENT * MAXCB)	/* callback objects */
#define NGEN		4	/* generations: more than commands per thread */
#define NONE		255
/*
 * Environment budgets: a kill or ABORT of a client, and a callback
 * timeout, are free choices of the environment, but an unbounded one
 * could always end a wait and so hide a wait that nothing would end.
 */
#ifndef NKILL
#define NKILL		2
#endif
#ifndef NPRE
#define NPRE		1	/* preemptions in the whole run */
#endif
#ifdef NO_TIMEOUT
#define NTIMEOUT	0
#else
#ifndef NTIMEOUT
#define NTIMEOUT	2
#endif
#endif

/* Who runs a secure thread (trunner): a client, the forger, nobody. */
#define NOBODY		255
#define FORGER		254
/* slot_owner: a client, free, or fenced for good. */
#define FENCED		254

/* Results: SEND_CMD's errnos, the transport's x0, callback statuses. */
mtype = { OK, E_INTR, E_NODEV, E_RESTARTSYS, E_PROTO, E_BUSY,	/* SEND_CMD */
	  R_BUSY, R_SVC_BUSY, R_STALE, R_INCOMPLETE, R_PREEMPTED,	/* SMC */
	  R_COMPLETE,
	  R_DONE,						/* SEND_CMD returned */
	  E_TIMEDOUT, E_CANCELED, E_PIPE, E_NOENT };		/* callback */

/* Secure thread states (secure/sched/thread.h, enum tz_thread_state). */
#define T_FREE		0
#define T_ACTIVE	1
#define T_WAIT		2	/* WAIT_HLOS */
#define T_PREEMPTED	3

/* Callback object states (driver/tzcom_listener.c, enum tzcom_cb_state). */
#define CB_UNUSED	0	/* not created yet */
#define CB_QUEUED	1
#define CB_DELIVERED	2
#define CB_ANSWERED	3
#define CB_REVOKED	4	/* a placeholder on its reader's list */
#define CB_FREED	5	/* last reference dropped */

/* Client fate (sticky, like a pending fatal signal or the ABORT bit). */
#define ALIVE		0
#define KILLED		1
#define ABORTED		2
/*
 * A fatal signal and an ABORT of the client's fd take the same paths and
 * differ in the errno only, so one run models one of them (FATE).
 */
#ifdef CLIENT_ABORT
#define FATE		ABORTED
#define FATE_ERRNO	E_NODEV
#else
#define FATE		KILLED
#define FATE_ERRNO	E_RESTARTSYS
#endif

/* ---- secure world (secure/sched) ---- */
byte tstate[NCTX];
byte tgen[NCTX];
byte trunner[NCTX] = NOBODY;	/* the one CPU that runs an ACTIVE thread */
byte tslot[NCTX] = NONE;	/* the call slot (callback area) NEW named */
byte tncb[NCTX];		/* callbacks this command made */
bool tcancel[NCTX];		/* answered -ECANCELED: later calls skip */
bool tinhlos[NCTX];		/* the service sits in tz_hlos_call */
bool tans[NCTX];		/* ... and the driver's answer was copied in */
byte svc_holder = NONE;		/* the thread using the one-at-a-time service */

/* ---- driver: call slots and the call queue (struct tzcom_sched) ---- */
byte slot_owner[NSLOT] = NONE;	/* a client (busy), NONE, FENCED */
byte area[NSLOT];		/* the answer status in the slot's callback area */
byte cq[NCLIENT];		/* sched->waiters, oldest first */
byte cqlen;
bool cqdone[NCLIENT];		/* each waiter's completion */
byte ncalls;			/* slots owned by a call */
bool secure_full;		/* a NEW got BUSY: no slot until a call ends */
byte completed;			/* calls completed (their thread freed) */
bool svcw[NCLIENT];		/* on sched->svc_waiters */
bool svcwdone[NCLIENT];		/* ... and that waiter's completion */

/* ---- driver: the registry and the callback objects ---- */
bool svc_dead;			/* listener 0's service unregistered or closed */
byte svcq[NOBJ];		/* the service's queue, oldest first */
byte svcqlen;
byte cbst[NOBJ];
byte holder[NOBJ] = NONE;	/* the listener whose delivered list has it */
mtype cbstatus[NOBJ];		/* the answer the sender picks up */
byte outcome[NOBJ];		/* ghost: outcomes given (answer, EPIPE, revoke) */

/* ---- the environment ---- */
byte gone[NCLIENT];		/* ALIVE, KILLED, ABORTED */
byte npre;			/* preemptions so far, up to NPRE */
byte kills;			/* kills and ABORTs so far, up to NKILL */
byte timeouts;			/* callback timeouts so far, up to NTIMEOUT */
byte ndone;			/* clients that returned from SEND_CMD */
bool lgone[NLISTENER];		/* the listener's fd is closed or aborted */
byte lheld[NLISTENER];		/* callbacks and placeholders on its list */

/* ================= secure world (secure/sched) ================= */

/*
 * tzsched_smc(NEW) -> sched_new(): tz_thread_claim() takes the first FREE
 * thread with a new generation, or the answer is BUSY (-4).  A command for
 * a one-at-a-time service (@one) that another command has is answered
 * SERVICE_BUSY (-6).  Either refusal changes nothing.
 */
inline sw_new(who, s, one, t, g, r)
{
	t = 0;
	do
	:: t < NCTX && tstate[t] == T_FREE -> break
	:: t < NCTX && tstate[t] != T_FREE -> t++
	:: t == NCTX -> break
	od;
	if
	:: t == NCTX ->
		t = NONE;
		r = R_BUSY
	:: t < NCTX && one && svc_holder != NONE ->
		t = NONE;
		r = R_SVC_BUSY
	:: else ->
		assert(trunner[t] == NOBODY);
		tstate[t] = T_ACTIVE;
		tgen[t] = (tgen[t] + 1) % NGEN;
		g = tgen[t];
		trunner[t] = who;
		tslot[t] = s;
		if
		:: one -> svc_holder = t
		:: else
		fi;
		r = OK
	fi
}

/*
 * tzsched_smc(PENDING / RESUME) -> sched_pending() / sched_resume() ->
 * sched_take() -> tz_thread_take(id, from): the id (index and generation)
 * must name a thread in state @from, else -5 and nothing changes.  PENDING
 * copies the driver's answer in (sched_take_answer); an -ECANCELED answer
 * marks the command cancelled.
 */
inline sw_take(who, t, g, from, r)
{
	if
#ifdef BUG_RESUME_STATE
	:: tgen[t] == g && (tstate[t] == from ||
			    (from == T_PREEMPTED && tstate[t] != T_FREE)) ->
#else
	:: tgen[t] == g && tstate[t] == from ->
#endif
		if
		:: from == T_WAIT ->
			tans[t] = true;
			if
			:: area[tslot[t]] == E_CANCELED -> tcancel[t] = true
			:: else
			fi;
			area[tslot[t]] = 0
		:: else
		fi;
		assert(trunner[t] == NOBODY);	/* one CPU per thread */
		tstate[t] = T_ACTIVE;
		trunner[t] = who;
		r = OK
	:: else ->
		r = R_STALE
	fi
}

/*
 * sched_run() -> tz_thread_run(): the service runs until it calls back
 * (tz_hlos_call -> tz_thread_yield(TZ_EXIT_CALLBACK), WAIT_HLOS), an
 * interrupt preempts it (tz_sched_preempt -> tz_thread_yield(
 * TZ_EXIT_PREEMPTED), PREEMPTED), or it returns (sched_complete, FREE;
 * the one-at-a-time service is free again).  A cancelled command makes no
 * more callbacks: tz_hlos_call returns -ECANCELED at once.
 */
inline sw_run(who, t, r)
{
	assert(trunner[t] == who && tstate[t] == T_ACTIVE);
	if
	:: tinhlos[t] ->
		/* tz_hlos_call returns only with the driver's answer */
		assert(tans[t]);
		tinhlos[t] = false;
		tans[t] = false
	:: else
	fi;
	if
	:: tncb[t] < MAXCB && !tcancel[t] ->
		tncb[t]++;
		tinhlos[t] = true;
		tstate[t] = T_WAIT;
		r = R_INCOMPLETE
	:: npre < NPRE ->
		npre++;
		tstate[t] = T_PREEMPTED;
		r = R_PREEMPTED
	:: true ->
		tstate[t] = T_FREE;
		tncb[t] = 0;
		tcancel[t] = false;
		tslot[t] = NONE;
		if
		:: svc_holder == t -> svc_holder = NONE
		:: else
		fi;
		r = R_COMPLETE
	fi;
	trunner[t] = NOBODY
}

/* ============ driver: call slots and the call queue (tzcom_sched.c) ============ */

/*
 * All of these run under sched->lock, so each is part of one atomic step;
 * they use the calling client's locals n, i, j, b.
 */

/* __tzcom_cq_free(): free slots for new commands, none while secure_full. */
inline cq_free()
{
	n = 0;
	i = 0;
	do
	:: !secure_full && i < NSLOT ->
		if
		:: slot_owner[i] == NONE -> n++
		:: else
		fi;
		i++
	:: else -> break
	od;
	i = 0
}

/* __tzcom_cq_all_fenced() */
inline cq_all_fenced()
{
	b = true;
	i = 0;
	do
	:: i < NSLOT ->
		if
		:: slot_owner[i] != FENCED -> b = false
		:: else
		fi;
		i++
	:: else -> break
	od;
	i = 0
}

/*
 * __tzcom_cq_kick(): complete as many of the oldest waiters as there are
 * free slots (all of them once every slot is fenced).  Completing one
 * already completed changes nothing.
 */
inline cq_kick()
{
	cq_free();
	cq_all_fenced();
	if
	:: b -> n = NCLIENT
	:: else
	fi;
	j = 0;
	do
	:: j < cqlen && j < n -> cqdone[cq[j]] = true; j++
	:: else -> break
	od;
	n = 0; j = 0; b = false
}

/* __tzcom_cq_kick_svc(): every call waiting for a busy service tries again. */
inline cq_kick_svc()
{
	j = 0;
	do
	:: j < NCLIENT ->
		if
		:: svcw[j] -> svcw[j] = false; svcwdone[j] = true
		:: else
		fi;
		j++
	:: else -> break
	od;
	j = 0
}

/* __tzcom_cq_pos(): @c's position in the queue. */
inline cq_pos(c)
{
	pos = 0;
	do
	:: pos < cqlen && cq[pos] != c -> pos++
	:: else -> break
	od
}

/* tzcom_cq_get()'s list_add (@front: at the head) or list_add_tail. */
inline cq_join(c)
{
	if
	:: front ->
		j = cqlen;
		do
		:: j > 0 -> cq[j] = cq[j - 1]; j--
		:: else -> break
		od;
		cq[0] = c
	:: else ->
		cq[cqlen] = c
	fi;
	cqlen++;
	j = 0
}

/* tzcom_cq_get()'s list_del. */
inline cq_leave(c)
{
	cq_pos(c);
	assert(pos < cqlen);
	do
	:: pos + 1 < cqlen -> cq[pos] = cq[pos + 1]; pos++
	:: else -> break
	od;
	cqlen--;
	cq[cqlen] = 0;
	cqdone[c] = false;
	pos = 0
}

/*
 * One pass of tzcom_cq_get()'s loop under the lock: -ENODEV if the fd was
 * aborted, -EPROTO if every slot is fenced, the slot if the caller's
 * position (0 for a front caller not queued yet, the queue's length for a
 * new one) is below the free slots; else join the queue (once) and re-arm
 * the completion.  Leaving, a queued caller kicks the next ones.
 */
inline cq_try(c)
{
	cq_all_fenced();
	if
	:: gone[c] == ABORTED -> res = E_NODEV
	:: gone[c] != ABORTED && b -> res = E_PROTO
	:: gone[c] != ABORTED && !b ->
		if
		:: queued -> cq_pos(c)
		:: !queued && front -> pos = 0
		:: !queued && !front -> pos = cqlen
		fi;
		cq_free();
		if
		:: pos < n ->
			i = 0;
			do
			:: slot_owner[i] == NONE -> break
			:: else -> i++
			od;
			s = i;
			slot_owner[s] = c;
			ncalls++;
			seen = completed;	/* call->seen_completed */
			front = false
		:: else ->
			if
			:: !queued -> cq_join(c); queued = true
			:: else
			fi;
			cqdone[c] = false	/* reinit_completion() */
		fi
	fi;
	b = false; n = 0; i = 0; pos = 0;
	if
	:: (s != NONE || res != OK) && queued ->
		cq_leave(c);
		queued = false;
		cq_kick()
	:: else
	fi
}

/*
 * tzcom_cq_put(): the slot is free again (fenced for good if @fence).  A
 * COMPLETE freed the call's secure thread (call->thread_freed): count it,
 * open the queue again and wake the service waiters; so does the last
 * call of ours leaving, since none would complete afterwards.
 */
inline cq_put(fence)
{
	if
	:: fence -> slot_owner[s] = FENCED
	:: else -> slot_owner[s] = NONE
	fi;
	area[s] = 0;
	ncalls--;
	if
	:: !fence -> completed++
	:: else
	fi;
	if
	:: !fence || ncalls == 0 ->
		secure_full = false;
		cq_kick_svc()
	:: else
	fi;
	cq_kick()
}

/*
 * tzcom_cq_busy(): NEW answered BUSY.  Give the slot back; unless a call
 * completed since the slot was taken (then try again at once), stop
 * handing out slots until one does, or give up with -EBUSY if no call of
 * ours is in flight.
 */
inline cq_busy()
{
	slot_owner[s] = NONE;
	s = NONE;
	ncalls--;
	if
#ifndef BUG_NO_COMPLETED_CHECK
	:: completed == seen ->
#else
	:: true ->
#endif
		if
		:: ncalls > 0 -> secure_full = true
		:: else -> res = E_BUSY
		fi
	:: else
	fi;
	cq_kick()
}

/*
 * tzcom_cq_svc_busy(): NEW answered SERVICE_BUSY.  Give the slot back and
 * kick; unless a call completed since the slot was taken (then try again
 * at once), sleep on svc_waiters until one does, or give up with -EBUSY if
 * no call of ours is in flight.
 */
inline cq_svc_busy(c)
{
	slot_owner[s] = NONE;
	s = NONE;
	ncalls--;
	cq_kick();
	if
#ifndef BUG_NO_COMPLETED_CHECK
	:: completed != seen
#else
	:: false
#endif
	:: else ->
		if
		:: ncalls == 0 -> res = E_BUSY
		:: else -> svcw[c] = true; svcwdone[c] = false
		fi
	fi
}

/* ================= driver: callbacks (tzcom_listener.c) ================= */

inline outcome_once(o)
{
	outcome[o]++;
	assert(outcome[o] == 1)		/* a callback is answered at most once */
}

/* Take @o off the service queue. */
inline svcq_remove(o, i)
{
	i = 0;
	do
	:: i < svcqlen && svcq[i] != o -> i++
	:: i < svcqlen && svcq[i] == o -> break
	od;
	do
	:: i + 1 < svcqlen -> svcq[i] = svcq[i + 1]; i++
	:: else -> break
	od;
	svcqlen--;
	svcq[svcqlen] = 0;
	i = 0
}

/* __tzcom_cb_unlink(): off its queue or delivered list. */
inline cb_unlink(o, i)
{
	if
	:: cbst[o] == CB_QUEUED -> svcq_remove(o, i)
	:: else
	fi;
	if
	:: holder[o] != NONE -> lheld[holder[o]]--; holder[o] = NONE
	:: else
	fi
}

/* __tzcom_cb_answer(): record the status, wake the sender. */
inline cb_answer(o, st, i)
{
	outcome_once(o);
	cbstatus[o] = st;
	cb_unlink(o, i);
	cbst[o] = CB_ANSWERED
}

/* __tzcom_cb_revoke(): the sender gives up; a reader keeps a placeholder. */
inline cb_revoke(o, i)
{
	outcome_once(o);
	if
	:: cbst[o] == CB_QUEUED -> cb_unlink(o, i); cbst[o] = CB_FREED
	:: cbst[o] == CB_DELIVERED -> cbst[o] = CB_REVOKED
	fi
}

/* __tzcom_svc_remove(): queued callbacks get -EPIPE, readers -ENODEV. */
inline svc_remove(i, j)
{
	svc_dead = true;
	do
	:: svcqlen > 0 -> j = svcq[0]; cb_answer(j, E_PIPE, i)
	:: else -> break
	od;
	j = 0
}

/*
 * __tzcom_file_cleanup() (tzcom_listener_abort, tzcom_listener_release):
 * the owner's service goes; callbacks delivered to the fd get -EPIPE,
 * its placeholders are freed.
 */
inline file_cleanup(l, i, j)
{
	if
	:: l == 0 && !svc_dead -> svc_remove(i, j)
	:: else
	fi;
	j = 0;
	do
	:: j < NOBJ && holder[j] == l && cbst[j] == CB_DELIVERED ->
		cb_answer(j, E_PIPE, i); j++
	:: j < NOBJ && holder[j] == l && cbst[j] == CB_REVOKED ->
		cb_unlink(j, i); cbst[j] = CB_FREED; j++
	:: j < NOBJ && holder[j] != l -> j++
	:: j == NOBJ -> break
	od;
	j = 0;
	lgone[l] = true
}

/* ================= processes ================= */

/*
 * SEND_CMD returns (tzcom_sched_send's exit) with @res.
 */
inline finish()
{
	/* every command ends COMPLETE or with a documented errno */
	assert(res == OK || res == E_INTR || res == E_NODEV ||
	       res == E_RESTARTSYS || res == E_PROTO || res == E_BUSY);
	/* the model's secure world keeps the contract, so no -EPROTO */
	assert(res != E_PROTO);
#ifndef EBUSY_OK
	/*
	 * and no thread is held by a fenced slot, so -EBUSY would mean a
	 * call gave up while a thread or the service was free
	 */
	assert(res != E_BUSY);
#endif
	/* a cancelled command was drained: its thread is not left behind */
	assert(t == NONE || tgen[t] != g || tstate[t] == T_FREE);
	assert(s == NONE && !queued && !svcw[c]);
	ndone++;
	gone[c] = ALIVE;
	t = NONE; g = 0; k = 0; cancel = OK; res = OK; i = 0; seen = 0;
	front = false;
	r = R_DONE
}

/*
 * tzcom_call_loop() from an accepted SMC on: the thread runs (sw_run); a
 * callback is routed (tzcom_sched_callback -> tzcom_listener_call ->
 * __tzcom_svc_route) and, if it needs no listener (-ENOENT, or -ECANCELED
 * once the command is cancelled), answered (tzcom_sched_answer) and
 * resumed with PENDING at once.  Ends with r = R_INCOMPLETE and st = OK
 * when a listener must answer, or with the thread's next return.  One
 * atomic step: only this CPU touches the thread and the slot meanwhile.
 */
inline call_step()
{
	do
	:: sw_run(c, t, r);
		if
		:: r == R_INCOMPLETE ->
			if
			:: cancel != OK -> st = E_CANCELED
			:: cancel == OK && svc_dead -> st = E_NOENT
			:: cancel == OK && !svc_dead ->
				st = OK;
				o = c * MAXCB + k;
				cbst[o] = CB_QUEUED;
				svcq[svcqlen] = o;
				svcqlen++
			fi;
			if
			:: st == OK -> break
			:: else ->
				/* tzcom_sched_answer(), PENDING with the thread id */
				k++;
				area[s] = st;
				st = OK;
				sw_take(c, t, g, T_WAIT, r);
				if
				:: r != OK -> break
				:: else
				fi
			fi
		:: else -> break
		fi
	od;
	if
	:: r == R_COMPLETE ->
		/* tzcom_call_run(): call->thread_freed, tzcom_cq_put() */
		res = cancel;
		cq_put(false);
		s = NONE;
		finish()
	:: r == R_STALE ->
		/* tzcom_call_fence(): a thread in an unknown state */
		res = E_PROTO;
		cq_put(true);
		s = NONE;
		finish()
	:: else
	fi
}

/*
 * The end of tzcom_listener_call()'s wait, under tzcom_reg_lock: an answer
 * already recorded wins over a timeout or a kill; otherwise the callback
 * is revoked.  Then tzcom_sched_answer() and PENDING with the thread id.
 */
inline cb_pickup()
{
	if
	:: cbst[o] == CB_ANSWERED ->
		st = cbstatus[o];
		cbst[o] = CB_FREED
	:: else ->
		if
		:: st != E_TIMEDOUT -> st = E_CANCELED
		:: else
		fi;
		cb_revoke(o, i)
	fi;
	if
	:: st == E_CANCELED && gone[c] == ABORTED -> cancel = E_NODEV
	:: st == E_CANCELED && gone[c] != ABORTED -> cancel = E_INTR
	:: else
	fi;
	o = 0;
	k++;
	area[s] = st;
	st = OK;
	sw_take(c, t, g, T_WAIT, r);
	if
	:: r == OK -> call_step()
	:: else
	fi
}

/* A fatal signal or an ABORT of the client's fd, within its budget. */
#define CAN_DIE	(gone[c] == ALIVE && kills < NKILL)
#define DIE	kills++; gone[c] = FATE

/*
 * One SEND_CMD (tzcom_sched_send -> tzcom_call_run) from client @c: a call
 * slot (tzcom_cq_get), NEW, tzcom_call_loop until COMPLETE, tzcom_cq_put;
 * a NEW refused with BUSY or SERVICE_BUSY goes through tzcom_cq_busy or
 * tzcom_cq_svc_busy and takes a slot again at the head of the queue.
 */
proctype client(byte c)
{
	byte s = NONE;		/* call->slot */
	byte t = NONE, g;	/* thread id: index, generation */
	mtype r, st;
	byte o, k, i, j, n, pos;
	byte seen;		/* call->seen_completed */
	bool b, queued, front;
	mtype cancel = OK;	/* call->cancel: E_INTR or E_NODEV once set */
	mtype res = OK;

cq_get:
	/* tzcom_cq_get(call, front) */
	atomic { cq_try(c) };
cq_got:
	if
	:: res != OK -> atomic { finish() }; goto end_client
	:: s != NONE
	:: s == NONE && res == OK ->
		/* wait_for_completion_killable(&w.done) */
		if
		:: atomic { cqdone[c] -> cq_try(c) }
		:: atomic { CAN_DIE ->
			/*
			 * killed: -ERESTARTSYS; ABORT: tzcom_sched_abort()
			 * completes the fd's waiters and the loop sees the
			 * fd aborted: -ENODEV.  Either leaves the queue.
			 */
			DIE;
			res = FATE_ERRNO;
			cq_leave(c);
			queued = false;
#ifndef BUG_CQ_NO_PASS
			cq_kick();
#endif
			finish() };
			goto end_client
		fi;
		goto cq_got
	fi;

	/* tzcom_call_loop(): NEW with the slot's callback area */
	atomic {
		sw_new(c, s, c < SVC_ONE, t, g, r);
		if
		:: r == OK ->
			seen = 0;	/* only a refused NEW reads it */
			call_step()
		:: else
		fi
	};

loop:
	if
	:: r == R_BUSY ->
		/* tzcom_call_run(): -EBUSY from the loop, tzcom_cq_busy() */
		atomic {
			cq_busy();
			if
			:: res == E_BUSY -> finish()
			:: else -> front = true
			fi
		};
		if
		:: r == R_DONE -> goto end_client
		:: else -> goto cq_get
		fi
	:: r == R_SVC_BUSY ->
		/* tzcom_call_run(): -EAGAIN from the loop, tzcom_cq_svc_busy() */
		atomic {
			cq_svc_busy(c);
			if
			:: res == E_BUSY -> finish()
			:: else -> front = true
			fi
		};
		if
		:: r == R_DONE -> goto end_client
		:: r != R_DONE && !svcw[c] -> goto cq_get
		:: else
		fi;
		/* its wait_for_completion_killable() */
		if
		:: atomic { svcwdone[c] ->
			svcw[c] = false;
			svcwdone[c] = false;
			if
			:: gone[c] == ABORTED -> res = E_NODEV; finish()
			:: else
			fi };
			if
			:: r == R_DONE -> goto end_client
			:: else -> goto cq_get
			fi
		:: atomic { CAN_DIE ->
			/* killed, or woken by tzcom_sched_abort() */
			DIE;
			res = FATE_ERRNO;
			svcw[c] = false;
			svcwdone[c] = false;
			finish() };
			goto end_client
		fi
	:: r == R_PREEMPTED ->
		/* cond_resched(), then RESUME with the thread id */
		atomic {
			sw_take(c, t, g, T_PREEMPTED, r);
			if
			:: r == OK -> call_step()
			:: else
			fi
		};
		goto loop
	:: r == R_STALE ->
		/* a refused RESUME: tzcom_call_fence() */
		atomic { res = E_PROTO; cq_put(true); s = NONE; finish() };
		goto end_client
	:: r == R_INCOMPLETE ->
		/* tzcom_listener_call(): wait_event_killable_timeout() */
		if
		:: atomic { cbst[o] == CB_ANSWERED -> cb_pickup() }
		:: atomic { timeouts < NTIMEOUT -> timeouts++; st = E_TIMEDOUT;
			cb_pickup() }
		:: atomic { CAN_DIE -> DIE; cb_pickup() }
		fi;
		goto loop
	:: r == R_DONE
	fi;

end_client:
	skip
}

/*
 * A listener fd: listener 0 owns the one service (REGISTER), listener 1
 * reads it through ATTACH_SERVICE.  It reads callbacks, answers them in
 * any order or not at all, and may UNREGISTER (owner), ABORT or close at
 * any time; it closes when the clients are done.
 */
proctype listener(byte l)
{
	byte o, i, j;

	do
	:: /* tzcom_listener_read(): deliver the oldest queued callback */
		atomic {
			!lgone[l] && !svc_dead && svcqlen > 0 ->
			o = svcq[0];
			svcq_remove(o, i);
			cbst[o] = CB_DELIVERED;
			holder[o] = l;
			lheld[l]++;
			o = 0
		}
	:: /* tzcom_listener_continue(): answer one callback this fd holds */
		atomic {
			!lgone[l] && lheld[l] > 0 ->
			o = 0;
			do
			:: o < NOBJ && holder[o] == l -> break
			:: o < NOBJ -> o++
			:: o == NOBJ -> break
			od;
			if
			:: o < NOBJ && cbst[o] == CB_DELIVERED ->
				cb_answer(o, OK, i)
			:: o < NOBJ && cbst[o] == CB_REVOKED ->
#ifdef BUG_CONTINUE_REVOKED
				cb_answer(o, OK, i)
#else
				/* -EBADF; the placeholder is consumed */
				cb_unlink(o, i);
				cbst[o] = CB_FREED
#endif
			:: else		/* -EBADF: nothing held */
			fi;
			o = 0
		}
#ifdef UNREGISTER
	:: /* tzcom_listener_unregister(): the owner drops its service */
		atomic { l == 0 && !lgone[l] && !svc_dead -> svc_remove(i, j) }
#endif
	:: /* tzcom_listener_abort() or tzcom_listener_release() */
		atomic { !lgone[l] -> file_cleanup(l, i, j) }
	:: /* the process exits: tzcom_listener_release() */
		atomic { ndone == NCLIENT -> file_cleanup(l, i, j) };
		break
	od
}

/*
 * A stale or forged PENDING or RESUME from the normal world: a thread id
 * that is not, at this moment, a thread in the state the call needs.  The
 * secure world must refuse it with -5 and change nothing.
 */
proctype forger()
{
	byte t, g, from;
	mtype r;

	atomic {
		if
		:: t = 0
		:: NCTX > 1 -> t = 1
		fi;
		if
		:: from = T_WAIT
		:: from = T_PREEMPTED
		fi;
		if
		:: g = tgen[t]
		:: g = (tgen[t] + NGEN - 1) % NGEN
		fi;
		if
		:: tstate[t] == from && tgen[t] == g	/* a real call: not ours */
		:: else ->
			sw_take(FORGER, t, g, from, r);
			if
			:: r == OK ->
				/* accepted: this CPU runs another command's thread */
				sw_run(FORGER, t, r)
			:: else
			fi
		fi;
		t = 0; g = 0; from = 0; r = 0
	}
}

init
{
	byte i;

	atomic {
		i = 0;
		do
		:: i < NCLIENT -> run client(i); i++
		:: else -> break
		od;
		run listener(0);
		run listener(1);
#ifdef FORGE
		run forger();
#endif
		i = 0
	};

	/* every other process has ended: the end-state checks */
	_nr_pr == 1;
	i = 0;
	do
	:: i < NCTX ->
		assert(tstate[i] == T_FREE && trunner[i] == NOBODY);	/* no context leaked */
		i++
	:: else -> break
	od;
	i = 0;
	do
	:: i < NSLOT -> assert(slot_owner[i] == NONE); i++	/* every slot released */
	:: else -> break
	od;
	assert(cqlen == 0 && svcqlen == 0 && ncalls == 0);
	/* the next SEND_CMD finds the queue open and the service free */
	assert(!secure_full && svc_holder == NONE);
	i = 0;
	do
	:: i < NCLIENT -> assert(!svcw[i]); i++
	:: else -> break
	od;
	i = 0;
	do
	:: i < NOBJ ->
		/* no callback lost or leaked: each one ended exactly once */
		assert(cbst[i] == CB_UNUSED || cbst[i] == CB_FREED);
		assert(cbst[i] == CB_UNUSED || outcome[i] == 1);
		assert(holder[i] == NONE);
		i++
	:: else -> break
	od
}
