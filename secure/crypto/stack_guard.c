// SPDX-License-Identifier: BSD-3-Clause
/*
 * The stack protector's canary (-fstack-protector-strong, the firmware's
 * and our mbedTLS build's), chosen once per boot on the boot CPU before
 * anything but the early boot has run (boot/entry.S).
 *
 * S-EL1 on this board has no entropy source: QEMU's cortex-a57 has no
 * RNDR, no TRNG is wired to the secure world, and TF-A hands BL32 nothing
 * random.  The canary is therefore HKDF(device secret, label || counter):
 * unpredictable to the normal world as long as the secret is secret, and
 * different from boot to boot by as much as the generic counter's value at
 * this point varies (boot-time jitter; a few bits on silicon that boots
 * deterministically).  A canary learnt in one boot gives away neither the
 * secret nor, unless the counter repeats, the next boot's canary.
 * docs/decisions.md says what this does not protect against.
 */
#include <stdint.h>
#include <string.h>

#include <tzbsp/arch.h>
#include <tzbsp/crypto.h>
#include <tzbsp/log.h>
#include <tzbsp/panic.h>

/*
 * Until it is seeded: a non-zero value with a zero low byte, which stops
 * string overruns from writing a matching canary.
 */
uintptr_t __stack_chk_guard = 0x7a93c5e1d42b6f00UL;

void __stack_chk_fail(void);
void __stack_chk_fail(void)
{
	panic("stack smashing detected");
}

/* A fallback mix of the counter alone (splitmix64's finaliser). */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/*
 * Frames live when the guard changes would fail their check on return
 * with the new value, so this function has no canary of its own, every
 * callee has returned before the store, and boot/entry.S calls it from
 * assembly, with no C frame below it.
 */
__attribute__((no_stack_protector))
void tz_stack_guard_init(void)
{
	static const char label[] = "tzbsp stack guard v1";
	uint8_t info[sizeof(label) - 1 + sizeof(uint64_t)];
	uint64_t cnt = read_sysreg(cntpct_el0);
	uintptr_t guard;

	memcpy(info, label, sizeof(label) - 1);
	memcpy(info + sizeof(label) - 1, &cnt, sizeof(cnt));
	if (tz_device_secret_init() ||
	    tz_device_key_derive((const char *)info, sizeof(info),
				 (uint8_t *)&guard, sizeof(guard))) {
		tz_log("stack guard from the counter only (no device secret)");
		guard = mix64(cnt ^ __stack_chk_guard);
	}
	guard &= ~(uintptr_t)0xff;
	if (!guard)
		guard = (uintptr_t)0x100;
	__stack_chk_guard = guard;
	tz_crypto_zeroize(&guard, sizeof(guard));
}
