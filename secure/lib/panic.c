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

/* Any exception taken to S-EL1 (boot/exceptions.S): a TZBSP fault. */
void tz_sel1_unexpected(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far);
void tz_sel1_unexpected(uint64_t kind, uint64_t esr, uint64_t elr, uint64_t far)
{
	static const char *const kinds[] = {
		"SP0 sync", "SP0 irq", "SP0 fiq", "SP0 serror",
		"S-EL1 sync", "S-EL1 irq", "S-EL1 fiq", "S-EL1 serror",
		"S-EL0 A64 sync", "S-EL0 A64 irq", "S-EL0 A64 fiq",
		"S-EL0 A64 serror", "S-EL0 A32 sync", "S-EL0 A32 irq",
		"S-EL0 A32 fiq", "S-EL0 A32 serror",
	};

	panic("unexpected exception %s: ESR %#llx ELR %#llx FAR %#llx",
	      kind < 16 ? kinds[kind] : "?", (unsigned long long)esr,
	      (unsigned long long)elr, (unsigned long long)far);
}
