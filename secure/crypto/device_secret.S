/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The per-board device secret, generated at build time (see
 * secure/crypto/crypto.mk) and linked into the firmware image, i.e. into
 * secure flash, which the normal world cannot read.  Layout: struct
 * tz_device_secret_record in tzbsp/crypto.h.  The code copies it to secure
 * RAM at boot (device_secret.c).
 */
#ifndef TZ_DEVICE_SECRET_FILE
#error "TZ_DEVICE_SECRET_FILE must name the 32-byte secret"
#endif

	.section .rodata.tz_device_secret, "a"
	.balign	16
	.global	tz_device_secret_record
	.type	tz_device_secret_record, %object
tz_device_secret_record:
	.ascii	"TZDEVSEC"
	.long	1		/* TZ_DEVICE_SECRET_VER */
	.long	32		/* TZ_DEVICE_SECRET_LEN */
	.incbin	TZ_DEVICE_SECRET_FILE, 0, 32
	.size	tz_device_secret_record, . - tz_device_secret_record

	.section .note.GNU-stack, "", %progbits
