// SPDX-License-Identifier: BSD-3-Clause
/*
 * What a service calls of TZBSP, as syscalls (tzbsp/el0_abi.h): the
 * callback to the normal world, the log, key derivation and the
 * anti-rollback store keep the names and signatures of tzbsp/service.h,
 * tzbsp/log.h, tzbsp/crypto.h and tzbsp/rollback.h, so
 * the service sources build unchanged for S-EL0 and for the host tests.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <tzbsp/crypto.h>
#include <tzbsp/el0_abi.h>
#include <tzbsp/log.h>
#include <tzbsp/rollback.h>
#include <tzbsp/service.h>

#include "syscall.h"

int tz_hlos_call(uint32_t cmd_id, const void *req, size_t req_len,
		 void *rsp, size_t rsp_cap, size_t *rsp_len)
{
	return (int)tz_syscall(TZ_SYS_HLOS_CALL, cmd_id, (uintptr_t)req, req_len,
			       (uintptr_t)rsp, rsp_cap, (uintptr_t)rsp_len);
}

int tz_device_key_derive(const char *info, size_t info_len,
			 uint8_t *out, size_t out_len)
{
	return (int)tz_syscall(TZ_SYS_DERIVE_KEY, (uintptr_t)info, info_len,
			       (uintptr_t)out, out_len, 0, 0);
}

int tz_rb_epoch(uint64_t *epoch)
{
	return (int)tz_syscall(TZ_SYS_RB_EPOCH, (uintptr_t)epoch, 0, 0, 0, 0, 0);
}

int tz_session_index(void)
{
	return (int)tz_syscall(TZ_SYS_SESSION, 0, 0, 0, 0, 0, 0);
}

int tz_memref_info(unsigned int idx, struct tz_memref_info *info)
{
	return (int)tz_syscall(TZ_SYS_MEM_INFO, idx, (uintptr_t)info, 0, 0, 0, 0);
}

int tz_memref_read(unsigned int idx, uint64_t off, void *buf, size_t len)
{
	return (int)tz_syscall(TZ_SYS_MEM_READ, idx, off, (uintptr_t)buf, len, 0, 0);
}

int tz_memref_write(unsigned int idx, uint64_t off, const void *buf, size_t len)
{
	return (int)tz_syscall(TZ_SYS_MEM_WRITE, idx, off, (uintptr_t)buf, len, 0, 0);
}

/* By pointer: the syscall copies them in, the value out after success. */
int tz_rb_get(struct tz_rb_id id, struct tz_rb_val *val)
{
	return (int)tz_syscall(TZ_SYS_RB_GET, (uintptr_t)&id, (uintptr_t)val, 0, 0, 0, 0);
}

int tz_rb_set(struct tz_rb_id id, struct tz_rb_val val)
{
	return (int)tz_syscall(TZ_SYS_RB_SET, (uintptr_t)&id, (uintptr_t)&val, 0, 0, 0, 0);
}

static void user_vlog(const char *fmt, va_list ap)
{
	char line[TZ_SYS_LOG_MAX];
	int n = tz_vsnprintf(line, sizeof(line), fmt, ap);

	if (n < 0)
		return;
	if ((size_t)n >= sizeof(line))
		n = sizeof(line) - 1;
	tz_syscall(TZ_SYS_LOG, (uintptr_t)line, (uint64_t)n, 0, 0, 0, 0);
}

void tz_log(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	user_vlog(fmt, ap);
	va_end(ap);
}

/* A service has no ring of its own: its lines go where TZBSP's go. */
void tz_log_ring(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	user_vlog(fmt, ap);
	va_end(ap);
}

/*
 * The self-tests and the device secret are TZBSP's: its descriptor of a
 * crypto service runs them before the service is loaded, and leaves the
 * service out if they fail (el0/el0_services.c).  By the time a service's
 * own init asks, they have passed.
 */
int tz_crypto_selftest(void)
{
	return 0;
}

int tz_device_secret_init(void)
{
	return 0;
}
