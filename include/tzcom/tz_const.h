/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Integer literals for headers shared between C and assembly.  The one
 * convention for such headers in this tree: the compiler's own
 * __ASSEMBLER__ (defined for every .S, by gcc and clang, in our build, in
 * TF-A's and in Kbuild alike; no -D needed), around everything that is
 * not a #define, and numbers through TZ_U()/TZ_ULL(), since a U suffix is
 * an error to the assembler.
 */
#ifndef TZCOM_TZ_CONST_H
#define TZCOM_TZ_CONST_H

#ifdef __ASSEMBLER__
#define TZ_U(x)		x
#define TZ_ULL(x)	x
#else
#define TZ_U(x)		(x##U)
#define TZ_ULL(x)	(x##ULL)
#endif

#endif /* TZCOM_TZ_CONST_H */
