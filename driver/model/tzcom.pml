/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The tzcom protocol v2 as a Promela model, checked with spin
 * (driver/model/README, docs/driver.md "Model", docs/protocol.md section 9).
 *
 * What is modelled: the driver's call slots and FIFO call queue, the BUSY
 * wait, the secure threads (FREE / ACTIVE / WAIT_HLOS / PREEMPTED, ids with
 * a generation), RESUME after a preemption, the callback lifecycle (QUEUED,
 * DELIVERED, ANSWERED, revoked placeholders), and the ways a wait ends early:
 * timeout, client kill, ABORT, listener close and UNREGISTER.  Every step's
 * comment names the function it stands for; names marked (v2) are the ones
 * section 9 implies and driver/model/README lists for alignment.
 *
 * Configurations (-D on the spin command line; tests/model/run's runs):
 *   NSLOT         driver call slots (default 2, min(threads, TZCOM_MAX_SLOTS));
 *                 3 makes NEW meet BUSY, 1 queues two waiters
 *   MAXCB         callbacks one command may make (default 2)
 *   NKILL         client kills (or ABORTs) in the whole run (default 2)
 *   NTIMEOUT      callback timeouts in the whole run (default 2)
 *   NO_TIMEOUT    none at all: a callback nobody answers is a deadlock
 *                 instead of being hidden by a timeout
 *   NPRE          preemptions in the whole run (default 1)
 *   CLIENT_ABORT  the client event is an ABORT of its fd, not a fatal signal
 *   UNREGISTER    the owner may also UNREGISTER while it keeps its fd
 *   FORGE         add a forger: one stale or forged PENDING / RESUME
 * Planted bugs, each of which the checker must catch:
 *   BUG_CQ_NO_PASS         a killed waiter leaves the call queue without
 *                          passing on the wake-up it was given
 *   BUG_CONTINUE_REVOKED   CONTINUE on a revoked placeholder answers it
 *   BUG_RESUME_STATE       the secure world accepts RESUME in any state
 *                          but FREE
 *   BUG_CQ_LATE_JOIN       NEW joins the call queue only after a BUSY
 *                          answer, so a thread freed in between wakes
 *                          nobody
 */

#ifndef NSLOT
#define NSLOT		2
#endif
#define NCLIENT		3
#define NLISTENER	2
#define NCTX		2	/* secure thread contexts */
#ifndef MAXCB
#define MAXCB		2	/* callbacks one command may make */
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
mtype = { OK, E_INTR, E_NODEV, E_RESTARTSYS, E_PROTO,		/* SEND_CMD */
	  R_BUSY, R_STALE, R_INCOMPLETE, R_PREEMPTED, R_COMPLETE,	/* SMC */
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

/* ---- driver: call slots and call queue ---- */
byte slot_owner[NSLOT] = NONE;
byte area[NSLOT];		/* the answer status in the slot's callback area */
byte cq[NCLIENT];		/* waiters, oldest first */
byte cqlen;
bool cqdone[NCLIENT];		/* the waiter's completion */

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

/* ================= secure world ================= */

/* tzsched_smc(NEW) -> tz_thread_claim(): the first FREE thread, new generation. */
inline sw_new(who, s, t, g, r)
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
		r = R_BUSY			/* TZ_SMC_BUSY, nothing changed */
	:: else ->
		assert(trunner[t] == NOBODY);
		tstate[t] = T_ACTIVE;
		tgen[t] = (tgen[t] + 1) % NGEN;
		g = tgen[t];
		trunner[t] = who;
		tslot[t] = s;
		r = OK
	fi
}

/*
 * tzsched_smc(PENDING / RESUME) -> tz_thread_take(id, from): the id
 * (index and generation) must name a thread in state @from, else -5 and
 * nothing changes.  PENDING copies the driver's answer in
 * (sched_take_answer); an -ECANCELED answer marks the command cancelled.
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
 * The thread runs service code until it calls back (tz_hlos_call ->
 * tz_thread_yield(TZ_EXIT_CALLBACK), WAIT_HLOS), an interrupt preempts it
 * (tz_thread_yield(TZ_EXIT_PREEMPTED), PREEMPTED), or the service returns
 * (sched_complete, FREE).  A cancelled command makes no more callbacks:
 * tz_hlos_call returns -ECANCELED at once.
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
		r = R_COMPLETE
	fi;
	trunner[t] = NOBODY
}

/* ================= driver: call queue and slots (v2) ================= */

/* tzcom_cq_wait_init(): join the call queue at its tail. */
inline cq_wait_init(c)
{
	cq[cqlen] = c;
	cqlen++;
	cqdone[c] = false
}

/* Leave the queue (tzcom_cq_wait_for_completion's dequeue, tzcom_cq_wait_final). */
inline cq_leave(c, i)
{
	i = 0;
	do
	:: i < cqlen && cq[i] != c -> i++
	:: i < cqlen && cq[i] == c -> break
	od;
	do
	:: i + 1 < cqlen -> cq[i] = cq[i + 1]; i++
	:: else -> break
	od;
	cqlen--;
	cq[cqlen] = 0;
	i = 0
}

/* tzcom_cq_complete_one(): complete the oldest waiter not completed yet. */
inline cq_complete_one(i)
{
	i = 0;
	do
	:: i < cqlen && cqdone[cq[i]] -> i++
	:: i < cqlen && !cqdone[cq[i]] -> cqdone[cq[i]] = true; break
	:: i == cqlen -> break
	od;
	i = 0
}

/*
 * tzcom_cq_wait_final() for a waiter that leaves: one that was completed
 * may have been the one chosen for a freed slot or thread, so it passes
 * the wake-up on.
 */
inline cq_leave_final(c, i)
{
	cq_leave(c, i);
#ifndef BUG_CQ_NO_PASS
	if
	:: cqdone[c] -> cq_complete_one(i)
	:: else
	fi;
#endif
	cqdone[c] = false
}

/* tzcom_slot_put(): a slot is free again, so is the thread it used. */
inline slot_put(s, i)
{
	slot_owner[s] = NONE;
	area[s] = 0;
	cq_complete_one(i)
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
	       res == E_RESTARTSYS || res == E_PROTO);
	/* the model's secure world keeps the contract, so no -EPROTO */
	assert(res != E_PROTO);
	/* a cancelled command was drained: its thread is not left behind */
	assert(t == NONE || tgen[t] != g || tstate[t] == T_FREE);
	ndone++;
	gone[c] = ALIVE;
	s = NONE; t = NONE; g = 0; k = 0; cancel = OK; res = OK; i = 0;
	r = R_DONE
}

/*
 * The call loop from an accepted SMC on: the thread runs (sw_run); a
 * callback is routed (tzcom_sched_callback -> tzcom_listener_call ->
 * __tzcom_svc_route) and, if it needs no listener (-ENOENT, or -ECANCELED
 * once the command is cancelled), answered and resumed with PENDING at
 * once.  Ends with r = R_INCOMPLETE and st = OK when a listener must
 * answer, or with the thread's next return.  One atomic step: only this
 * CPU touches the thread and the slot meanwhile.
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
		/* tzcom_slot_put() (v2): wakes one waiter for the slot or thread */
		res = cancel;
		slot_put(s, i);
		finish()
	:: r == R_STALE ->
		/* tzcom_slot_fence() (v2): a thread in an unknown state */
		slot_owner[s] = FENCED;
		res = E_PROTO;
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

/*
 * One SEND_CMD (tzcom_sched_send) from client @c: a call slot, NEW until
 * not BUSY, then the call loop (__tzcom_sched_call) until COMPLETE.
 */
proctype client(byte c)
{
	byte s = NONE;		/* call slot */
	byte t = NONE, g;	/* thread id: index, generation */
	mtype r, st;
	byte o, k, i;
	mtype cancel = OK;	/* call->cancel: E_INTR or E_NODEV once set */
	mtype res = OK;

	/* tzcom_slot_get() (v2): a free slot, or wait for one in FIFO order. */
slot_get:
	atomic {
		i = 0;
		do
		:: i < NSLOT && slot_owner[i] == NONE -> break
		:: i < NSLOT && slot_owner[i] != NONE -> i++
		:: i == NSLOT -> break
		od;
		if
		:: i < NSLOT -> s = i; slot_owner[s] = c
		:: else -> cq_wait_init(c)
		fi;
		i = 0
	}
	if
	:: s == NONE ->
		/* tzcom_cq_wait_for_completion() (v2): killable */
		if
		:: atomic { cqdone[c] -> cq_leave(c, i); cqdone[c] = false };
			goto slot_get
		:: atomic { gone[c] == ALIVE && kills < NKILL -> kills++;
			gone[c] = FATE; cq_leave_final(c, i);
			res = FATE_ERRNO; finish() };
			goto end_client
		fi
	:: else
	fi;

	/*
	 * NEW.  The caller joins the call queue first (tzcom_cq_wait_init),
	 * so a thread freed between a BUSY answer and the wait still wakes
	 * it; accepted, it leaves again (tzcom_cq_wait_final).
	 */
smc_new:
#ifndef BUG_CQ_LATE_JOIN
	atomic { cq_wait_init(c) };
#endif
	atomic {
		sw_new(c, s, t, g, r);
		if
#ifndef BUG_CQ_LATE_JOIN
		:: r == OK -> cq_leave_final(c, i); call_step()
#else
		:: r == OK -> call_step()
#endif
		:: else
		fi
	};
#ifdef BUG_CQ_LATE_JOIN
	if
	:: r == R_BUSY -> atomic { cq_wait_init(c) }
	:: else
	fi;
#endif


loop:
	if
	:: r == R_BUSY ->
		/* tzcom_cq_wait_for_completion() (v2), holding the slot */
		if
		:: atomic { cqdone[c] -> cq_leave(c, i); cqdone[c] = false };
			goto smc_new
		:: atomic { gone[c] == ALIVE && kills < NKILL -> kills++;
			gone[c] = FATE; cq_leave_final(c, i); slot_put(s, i);
			res = FATE_ERRNO; finish() };
			goto end_client
		fi
	:: r == R_PREEMPTED ->
		/* cond_resched(), then RESUME with the thread id (v2) */
		atomic {
			sw_take(c, t, g, T_PREEMPTED, r);
			if
			:: r == OK -> call_step()
			:: else
			fi
		};
		goto loop
	:: r == R_INCOMPLETE ->
		/* tzcom_listener_call(): wait_event_killable_timeout() */
		if
		:: atomic { cbst[o] == CB_ANSWERED -> cb_pickup() }
		:: atomic { timeouts < NTIMEOUT -> timeouts++; st = E_TIMEDOUT;
			cb_pickup() }
		:: atomic { gone[c] == ALIVE && kills < NKILL -> kills++;
			gone[c] = FATE; cb_pickup() }
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
		:: t = 1
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
	assert(cqlen == 0 && svcqlen == 0);
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
