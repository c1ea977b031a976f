// SPDX-License-Identifier: BSD-3-Clause
#include <stdarg.h>

#include <tzbsp/arch.h>
#include <tzbsp/log.h>
#include <tzbsp/panic.h>

void panic(const char *fmt, ...)
{
	char msg[160];
	va_list ap;

	va_start(ap, fmt);
	tz_vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	tz_log("PANIC on cpu %u: %s", (unsigned int)(read_mpidr() & MPIDR_AFF0_MASK), msg);
	__asm__ volatile("msr daifset, #0xf" ::: "memory");
	for (;;)
		__asm__ volatile("wfi");
}

/* An exception taken to EL3 that is not an SMC (boot/vectors.S). */
void tz_el3_unexpected(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far);
void tz_el3_unexpected(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	static const char *const kinds[] = {
		"SP0 sync", "SP0 irq", "SP0 fiq", "SP0 serror",
		"EL3 sync", "EL3 irq", "EL3 fiq", "EL3 serror",
		"lower A64 sync (not SMC)", "lower A64 irq", "lower A64 fiq",
		"lower A64 serror", "lower A32 sync", "lower A32 irq",
		"lower A32 fiq", "lower A32 serror",
	};

	panic("unexpected exception %s: ESR %#llx ELR %#llx FAR %#llx",
	      kind < 16 ? kinds[kind] : "?", (unsigned long long)esr,
	      (unsigned long long)elr, (unsigned long long)far);
}
