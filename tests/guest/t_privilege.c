// SPDX-License-Identifier: BSD-3-Clause
/*
 * The privilege model (docs/driver.md, "Privileges and memory", issue 10
 * defect 3): clients and listeners are separate privileges.
 *  - An unprivileged process in group tzcom may SEND_CMD on /dev/tzcom but
 *    cannot open /dev/tzcompriv, and every listener ioctl gives -EPERM.
 *  - Root on /dev/tzcom (the original's single node) may serve its own
 *    services, but never the system services' ids (storage, time).
 *  - No fd but the owner's, or one the owner attached, can read a
 *    service's callbacks: probing every instance id of tzcomd's storage
 *    service from another fd finds nothing to read.
 *  - ATTACH_SERVICE's rules, and tzcomd runs as its own user.
 * On the tree before the split, /dev/tzcompriv is missing and a probe
 * finds tzcomd's instance (READ_NEXT -EAGAIN instead of -EPERM).
 */
#include <dirent.h>
#include <grp.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include <tzcom/hlos_storage.h>

#include "tzt.h"

#define BASE		0x7e9
#define SVC(n)		(0x7e9000u + (n))
#define CB(n)		TZT_CB(BASE, n)
#define TZCOM_GID	100
#define TZCOMD_UID	101
#define NOBODY		65534

/* What the unprivileged child saw, one -errno (or 0) per step. */
enum { U_OPEN, U_OPEN_PRIV, U_SEND, U_SEND_STATUS, U_REGISTER, U_REGISTER_SYS, U_READ,
       U_CONTINUE, U_ATTACH, U_UNREGISTER, U_N };

static void unprivileged_child(int wr, uint32_t owner_inst, int owner_fd)
{
	int r[U_N], fd;
	gid_t g = TZCOM_GID;
	uint32_t inst = 0, cmd, len;
	uint8_t buf[64], rsp[64];
	int32_t st = 1;

	for (int i = 0; i < U_N; i++)
		r[i] = 1;
	if (setgroups(1, &g) || setgid(NOBODY) || setuid(NOBODY))
		_exit(9);
	fd = open(TZT_DEV, O_RDWR | O_CLOEXEC | O_NONBLOCK);
	r[U_OPEN] = fd < 0 ? -errno : 0;
	{
		int pfd = open(TZT_PRIV_DEV, O_RDWR | O_CLOEXEC);

		r[U_OPEN_PRIV] = pfd < 0 ? -errno : 0;
		if (pfd >= 0)
			close(pfd);
	}
	if (fd >= 0) {
		r[U_SEND] = tzt_call(fd, TZ_TEST_ECHO, "abcd", 4, 64, &st, rsp, sizeof(rsp), NULL);
		r[U_SEND_STATUS] = st;
		r[U_REGISTER] = tzt_register(fd, SVC(1), CB(0x10), CB(0x10), &inst);
		r[U_REGISTER_SYS] = tzt_register(fd, TZ_HLOS_STORAGE_SVC_ID, TZ_HLOS_STORAGE_FIRST,
						 TZ_HLOS_STORAGE_LAST, &inst);
		len = sizeof(buf);
		r[U_READ] = tzt_read_next(fd, SVC(0), owner_inst, &cmd, buf, &len);
		r[U_CONTINUE] = tzt_continue(fd, CB(0x1), owner_inst, buf, 4);
		r[U_ATTACH] = tzt_attach(fd, owner_fd, SVC(0), owner_inst);
		r[U_UNREGISTER] = tzt_unregister(fd, SVC(0), owner_inst);
	}
	_exit(write(wr, r, sizeof(r)) == (ssize_t)sizeof(r) ? 0 : 1);
}

static void unprivileged_tests(void)
{
	int owner = tzt_open(), p[2], r[U_N], st;
	uint32_t inst;
	pid_t pid;
	struct stat sb;

	tap_ok(stat(TZT_DEV, &sb) == 0 && sb.st_gid == TZCOM_GID && (sb.st_mode & 0777) == 0660,
	       TZT_DEV " is group tzcom, mode 0660 (tools/60-tzcom.rules)");
	tap_ok(stat(TZT_PRIV_DEV, &sb) == 0 && S_ISCHR(sb.st_mode) && sb.st_gid == TZCOMD_UID &&
	       (sb.st_mode & 0777) == 0660,
	       TZT_PRIV_DEV " exists, group tzcomd, mode 0660");

	tap_err(tzt_register(owner, SVC(0), CB(0x0), CB(0xf), &inst), 0,
		"root registers a service on " TZT_DEV);
	if (pipe(p))
		tap_bail("pipe");
	pid = fork();
	if (pid == 0) {
		close(p[0]);
		unprivileged_child(p[1], inst, owner);
	}
	close(p[1]);
	memset(r, 0x7f, sizeof(r));
	if (read(p[0], r, sizeof(r)) != (ssize_t)sizeof(r))
		tap_diag("the unprivileged child reported nothing");
	close(p[0]);
	waitpid(pid, &st, 0);
	tap_ok(WIFEXITED(st) && WEXITSTATUS(st) == 0, "a child drops to nobody, group tzcom");
	tap_err(r[U_OPEN], 0, "unprivileged, group tzcom: " TZT_DEV " opens");
	tap_err(r[U_OPEN_PRIV], -EACCES, "... " TZT_PRIV_DEV " does not (-EACCES)");
	tap_ok(r[U_SEND] == 0 && r[U_SEND_STATUS] == 0,
	       "... SEND_CMD (ECHO) works (ret %d, status %d)", r[U_SEND], r[U_SEND_STATUS]);
	tap_err(r[U_REGISTER], -EPERM, "... REGISTER: -EPERM");
	tap_err(r[U_REGISTER_SYS], -EPERM, "... REGISTER of the storage service: -EPERM");
	tap_err(r[U_READ], -EPERM, "... READ_NEXT of root's service: -EPERM");
	tap_err(r[U_CONTINUE], -EPERM, "... CONTINUE: -EPERM");
	tap_err(r[U_ATTACH], -EPERM, "... ATTACH even with the owner's fd: -EPERM");
	tap_err(r[U_UNREGISTER], -EPERM, "... UNREGISTER: -EPERM");
	close(owner);
}

static void system_range_tests(void)
{
	int fd = tzt_open(), pfd = tzt_open_listener();
	uint32_t inst;

	tap_err(tzt_register(fd, TZ_HLOS_STORAGE_SVC_ID, TZ_HLOS_STORAGE_FIRST,
			     TZ_HLOS_STORAGE_LAST, &inst), -EPERM,
		"root on " TZT_DEV ": the storage service (0x100, 0x1000..0x10FF): -EPERM");
	tap_err(tzt_register(fd, TZ_HLOS_TIME_SVC_ID, TZ_HLOS_TIME_FIRST, TZ_HLOS_TIME_LAST,
			     &inst), -EPERM, "... the time service: -EPERM");
	tap_err(tzt_register(fd, SVC(2), TZ_HLOS_STORAGE_LAST, TZ_HLOS_STORAGE_LAST, &inst),
		-EPERM, "... one storage callback id under another svc_id: -EPERM");
	tap_err(tzt_register(fd, SVC(2), 0x1f00, 0x2000, &inst), -EPERM,
		"... a range overlapping the reserved 0x1000..0x1FFF: -EPERM");
	tap_err(tzt_register(fd, 0x1ff, CB(0x20), CB(0x20), &inst), -EPERM,
		"... a reserved svc_id (0x1ff) with a test range: -EPERM");
	tap_err(tzt_register(pfd, TZ_HLOS_STORAGE_SVC_ID, TZ_HLOS_STORAGE_FIRST,
			     TZ_HLOS_STORAGE_LAST, &inst), -EBUSY,
		"on " TZT_PRIV_DEV ": the storage service may be registered (-EBUSY: tzcomd has it)");
	tap_err(tzt_register(pfd, SVC(3), CB(0x30), CB(0x30), &inst), 0,
		"... and ordinary services too");
	close(pfd);
	close(fd);
}

/* The probe: another fd scans instance ids for tzcomd's storage. */
static void probe_tests(void)
{
	int fd = tzt_open_listener(), found = 0, perm = 0;
	uint8_t buf[TZCOM_MAX_CB_LEN];
	uint32_t cmd, len;

	fcntl(fd, F_SETFL, O_NONBLOCK);
	for (uint32_t i = 1; i <= 20000; i++) {
		int r;

		len = sizeof(buf);
		r = tzt_read_next(fd, TZ_HLOS_STORAGE_SVC_ID, i, &cmd, buf, &len);
		if (r == -EPERM)
			perm++;
		else if (r != -EINVAL)
			found++;
	}
	tap_ok(perm == 1 && found == 0,
	       "probing instance ids 1..20000 of tzcomd's storage from another listener fd: "
	       "1 exists (-EPERM), none readable (%d readable)", found);
	close(fd);
}

static void attach_tests(void)
{
	int owner = tzt_open_priv(), other = tzt_open_priv(), rfd = tzt_open_priv(), nul;
	uint32_t inst, inst2, cmd, len;
	uint8_t buf[64];
	struct tzcom_attach_svc_req a;

	fcntl(rfd, F_SETFL, O_NONBLOCK);
	tzt_register(owner, SVC(4), CB(0x40), CB(0x4f), &inst);
	tzt_register(other, SVC(5), CB(0x50), CB(0x5f), &inst2);
	len = sizeof(buf);
	tap_err(tzt_read_next(rfd, SVC(4), inst, &cmd, buf, &len), -EPERM,
		"READ_NEXT before ATTACH: -EPERM");
	tap_err(tzt_attach(rfd, other, SVC(4), inst), -EPERM,
		"ATTACH naming an fd that does not own the service: -EPERM");
	nul = open("/dev/null", O_RDWR | O_CLOEXEC);
	tap_err(tzt_attach(rfd, nul, SVC(4), inst), -EBADF, "ATTACH with a non-tzcom fd: -EBADF");
	close(nul);
	tap_err(tzt_attach(rfd, 1000, SVC(4), inst), -EBADF, "ATTACH with a closed fd: -EBADF");
	tap_err(tzt_attach(rfd, owner, SVC(4), inst + 1000), -EINVAL,
		"ATTACH to an unknown instance: -EINVAL");
	a = (struct tzcom_attach_svc_req){ .owner_fd = owner, .svc_id = SVC(4),
					   .instance_id = inst, .flags = 1 };
	tap_err(tzt_ioctl(rfd, TZCOM_IOCTL_ATTACH_SERVICE_REQ, &a), -EINVAL,
		"ATTACH with flags != 0: -EINVAL");
	tap_err(tzt_ioctl(rfd, TZCOM_IOCTL_ATTACH_SERVICE_REQ, NULL), -EFAULT,
		"ATTACH with a bad pointer: -EFAULT");
	tap_err(tzt_attach(rfd, owner, SVC(4), inst), 0, "ATTACH with the owner's fd");
	tap_err(tzt_attach(rfd, owner, SVC(4), inst), 0, "... twice is a no-op");
	len = sizeof(buf);
	tap_err(tzt_read_next(rfd, SVC(4), inst, &cmd, buf, &len), -EAGAIN,
		"... then READ_NEXT is accepted (-EAGAIN)");
	len = sizeof(buf);
	tap_err(tzt_read_next(rfd, SVC(5), inst2, &cmd, buf, &len), -EPERM,
		"... for that service only (another fd's: -EPERM)");
	{
		int32_t svc, hlos;
		uint8_t ans[16];
		size_t al = 0;
		struct tzt_listener l = { .fd = rfd, .svc = SVC(4), .inst = inst };
		int cfd = tzt_open();

		fcntl(rfd, F_SETFL, 0);
		tzt_listener_start(&l);
		tap_ok(tzt_forward(cfd, CB(0x41), "hello", 5, &svc, &hlos, ans, sizeof(ans), &al) ==
		       0 && hlos == 0 && al == 5, "the attached fd serves a FORWARD (hlos %d)", hlos);
		tzt_abort(rfd);
		tzt_listener_join(&l);
		close(cfd);
	}
	close(rfd);
	rfd = tzt_open_priv();
	tzt_attach(rfd, owner, SVC(4), inst);
	tzt_unregister(owner, SVC(4), inst);
	len = sizeof(buf);
	tap_err(tzt_read_next(rfd, SVC(4), inst, &cmd, buf, &len), -EINVAL,
		"after UNREGISTER the attached fd reads nothing (-EINVAL)");
	close(rfd);
	close(owner);
	close(other);
}

static void tzcomd_user_test(void)
{
	struct dirent *de;
	DIR *d = opendir("/proc");
	int found = 0, ok = 1;

	while (d && (de = readdir(d))) {
		char path[64], line[256];
		FILE *f;
		int is_tzcomd = 0;
		unsigned int uid[4] = { 0 };

		if (atoi(de->d_name) <= 0)
			continue;
		snprintf(path, sizeof(path), "/proc/%d/status", atoi(de->d_name));
		f = fopen(path, "r");
		if (!f)
			continue;
		while (fgets(line, sizeof(line), f)) {
			if (!strcmp(line, "Name:\ttzcomd\n"))
				is_tzcomd = 1;
			sscanf(line, "Uid:\t%u\t%u\t%u\t%u", &uid[0], &uid[1], &uid[2], &uid[3]);
		}
		fclose(f);
		if (is_tzcomd) {
			found++;
			ok &= uid[0] == TZCOMD_UID && uid[1] == TZCOMD_UID && uid[2] == TZCOMD_UID &&
			      uid[3] == TZCOMD_UID;
		}
	}
	if (d)
		closedir(d);
	tap_ok(found == 1 && ok, "the board's tzcomd runs as user tzcomd (uid %d), all ids (%d found)",
	       TZCOMD_UID, found);
}

int main(void)
{
	tap_plan(35);
	tzcomd_user_test();
	probe_tests();
	system_range_tests();
	unprivileged_tests();
	attach_tests();
	return tap_done();
}
