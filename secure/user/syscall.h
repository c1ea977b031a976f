/* SPDX-License-Identifier: BSD-3-Clause */
/* The one way an S-EL0 service enters TZBSP (tzbsp/el0_abi.h). */
#ifndef TZBSP_USER_SYSCALL_H
#define TZBSP_USER_SYSCALL_H

#include <stdint.h>

static inline int64_t tz_syscall(uint64_t nr, uint64_t a0, uint64_t a1,
				 uint64_t a2, uint64_t a3, uint64_t a4,
				 uint64_t a5)
{
	register uint64_t x0 __asm__("x0") = a0;
	register uint64_t x1 __asm__("x1") = a1;
	register uint64_t x2 __asm__("x2") = a2;
	register uint64_t x3 __asm__("x3") = a3;
	register uint64_t x4 __asm__("x4") = a4;
	register uint64_t x5 __asm__("x5") = a5;
	register uint64_t x8 __asm__("x8") = nr;

	__asm__ volatile("svc #0"
			 : "+r"(x0)
			 : "r"(x1), "r"(x2), "r"(x3), "r"(x4), "r"(x5), "r"(x8)
			 : "memory");
	return (int64_t)x0;
}

#endif /* TZBSP_USER_SYSCALL_H */
