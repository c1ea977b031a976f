// SPDX-License-Identifier: BSD-3-Clause
/*
 * REGISTER_SERVICE / UNREGISTER_SERVICE and the ioctl front end: every
 * registry rule (docs/driver.md, "Rules" 1) with its errno, the
 * check-then-insert race
 * of the original, ownership by fd, and -ENOTTY / -EFAULT.
 */
#include "tzt.h"

#define BASE	0x11
#define SVC(n)	(0x7e1100u + (n))

struct race {
	int fd;
	uint32_t svc, lo, hi;
	pthread_barrier_t *bar;
	int ret;
};

static void *race_main(void *arg)
{
	struct race *r = arg;
	uint32_t inst;

	pthread_barrier_wait(r->bar);
	r->ret = tzt_register(r->fd, r->svc, r->lo, r->hi, &inst);
	return NULL;
}

/* n threads, each on its own fd, register at once; count the winners. */
static int race(int n, int same_svc, uint32_t lo, uint32_t hi, int *busy)
{
	pthread_barrier_t bar;
	struct race r[8];
	pthread_t t[8];
	int ok = 0;

	pthread_barrier_init(&bar, NULL, (unsigned int)n);
	for (int i = 0; i < n; i++) {
		r[i] = (struct race){ .fd = tzt_open(), .svc = same_svc ? SVC(40) : SVC(41 + i),
				      .lo = lo, .hi = hi, .bar = &bar };
		pthread_create(&t[i], NULL, race_main, &r[i]);
	}
	*busy = 0;
	for (int i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		ok += r[i].ret == 0;
		*busy += r[i].ret == -EBUSY;
	}
	for (int i = 0; i < n; i++)
		close(r[i].fd);
	pthread_barrier_destroy(&bar);
	return ok;
}

int main(void)
{
	uint32_t lo = TZT_CB(BASE, 0x100), hi = TZT_CB(BASE, 0x1ff);
	uint32_t inst, inst2, prev, ids[20];
	int fd, fd2, ret, busy, distinct;

	tap_plan(33);
	fd = tzt_open();
	fd2 = tzt_open();

	ret = tzt_register(fd, SVC(1), lo, hi, &inst);
	tap_err(ret, 0, "register [lo, hi]");
	tap_ok(inst != 0xdeadbeef, "instance_id written back (%u)", inst);

	tap_err(tzt_register(fd2, SVC(1), hi + 0x1000, hi + 0x1000, &inst2), -EBUSY,
		"same svc_id from another fd: -EBUSY");
	tap_err(tzt_register(fd, SVC(1), hi + 0x1000, hi + 0x1000, &inst2), -EBUSY,
		"same svc_id from the same fd: -EBUSY");
	tap_err(tzt_register(fd, SVC(2), hi + 10, hi + 9, &inst2), -EINVAL,
		"low > high: -EINVAL");
	tap_err(tzt_register(fd2, SVC(3), lo - 5, lo, &inst2), -EBUSY,
		"range overlapping the low end: -EBUSY");
	tap_err(tzt_register(fd2, SVC(3), hi, hi + 5, &inst2), -EBUSY,
		"range overlapping the high end: -EBUSY");
	tap_err(tzt_register(fd2, SVC(3), lo - 1, hi + 1, &inst2), -EBUSY,
		"range enclosing another: -EBUSY");
	tap_err(tzt_register(fd2, SVC(3), lo + 1, lo + 1, &inst2), -EBUSY,
		"range inside another: -EBUSY");
	tap_err(tzt_register(fd2, SVC(3), lo, hi, &inst2), -EBUSY,
		"identical range: -EBUSY");

	ret = tzt_register(fd2, SVC(4), lo - 1, lo - 1, &inst2);
	tap_err(ret, 0, "adjacent single-id range below: ok");
	ret = tzt_register(fd2, SVC(5), hi + 1, hi + 0x10, &inst2);
	tap_err(ret, 0, "adjacent range above: ok");
	tap_ok(inst2 > inst, "instance ids increase (%u > %u)", inst2, inst);

	tap_err(tzt_unregister(fd, SVC(1), inst + 1000000), -EINVAL,
		"unregister with a wrong instance: -EINVAL");
	tap_err(tzt_unregister(fd2, SVC(1), inst), -EPERM,
		"unregister from a fd that does not own it: -EPERM");
	tap_err(tzt_unregister(fd, SVC(1), inst), 0, "unregister by the owner");
	tap_err(tzt_unregister(fd, SVC(1), inst), -EINVAL, "unregister again: -EINVAL");

	prev = inst2;
	ret = tzt_register(fd2, SVC(1), lo, hi, &inst);
	tap_err(ret, 0, "svc_id and range free again after unregister");
	tap_ok(inst > prev, "new instance id is fresh (%u > %u)", inst, prev);

	/* Instance ids come from a global counter and are never reused. */
	distinct = 1;
	for (int i = 0; i < 20 && distinct; i++) {
		if (tzt_register(fd, SVC(6), TZT_CB(BASE, 0x800), TZT_CB(BASE, 0x800), &ids[i]) ||
		    tzt_unregister(fd, SVC(6), ids[i]))
			distinct = 0;
		for (int j = 0; j < i && distinct; j++)
			distinct = ids[j] != ids[i];
	}
	tap_ok(distinct, "20 register/unregister cycles give 20 distinct instance ids");

	/* A service belongs to its fd and dies with it. */
	close(fd2);
	fd2 = tzt_open();
	ret = tzt_register(fd2, SVC(1), lo, hi, &inst2);
	tap_err(ret, 0, "closing the owner fd drops its services");
	tap_ok(inst2 > inst, "instance id after close is fresh (%u > %u)", inst2, inst);

	/* The original checked, unlocked, then inserted: two could win. */
	tap_is(race(8, 1, TZT_CB(BASE, 0x900), TZT_CB(BASE, 0x900), &busy), 1,
	       "8 racing registrations of one svc_id: exactly one wins");
	tap_is(race(8, 0, TZT_CB(BASE, 0xa00), TZT_CB(BASE, 0xa10), &busy), 1,
	       "8 racing registrations of one range: exactly one wins");
	tap_is(busy, 7, "the other 7 get -EBUSY");

	/* Bad pointers and unknown ioctls. */
	tap_err(tzt_ioctl(fd, TZCOM_IOCTL_REGISTER_SERVICE_REQ, NULL), -EFAULT,
		"REGISTER with a NULL argument: -EFAULT");
	tap_err(tzt_ioctl(fd, TZCOM_IOCTL_REGISTER_SERVICE_REQ, (void *)16), -EFAULT,
		"REGISTER with an unmapped argument: -EFAULT");
	tap_err(tzt_ioctl(fd, TZCOM_IOCTL_UNREGISTER_SERVICE_REQ, (void *)16), -EFAULT,
		"UNREGISTER with an unmapped argument: -EFAULT");
	{
		/* Read-only memory: the driver cannot write instance_id back. */
		static const struct tzcom_register_svc_op_req ro = {
			.svc_id = SVC(7), .cmd_id_low = 0xfffffff0u, .cmd_id_high = 0xfffffff0u,
		};
		uint32_t i2;

		ret = tzt_ioctl(fd, TZCOM_IOCTL_REGISTER_SERVICE_REQ, (void *)&ro);
		tap_err(ret, -EFAULT, "REGISTER into read-only memory: -EFAULT");
		tap_err(tzt_register(fd, SVC(7), 0xfffffff0u, 0xfffffff0u, &i2), 0,
			"... and the failed REGISTER left no service behind");
	}
	tap_err(tzt_ioctl(fd, _IOWR(TZCOM_IOC_MAGIC, 42, struct tzcom_register_svc_op_req), NULL),
		-ENOTTY, "unknown ioctl number: -ENOTTY");
	tap_err(tzt_ioctl(fd, _IOWR(0x42, 1, struct tzcom_register_svc_op_req), NULL),
		-ENOTTY, "wrong magic: -ENOTTY");
	tap_err(tzt_ioctl(fd, _IOWR(TZCOM_IOC_MAGIC, 1, uint64_t), NULL), -ENOTTY,
		"REGISTER number with a wrong size: -ENOTTY");

	close(fd);
	close(fd2);
	return tap_done();
}
