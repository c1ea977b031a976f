/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The S-EL0 services' flat binaries (secure/user), in TZBSP's read-only
 * data; el0_load.c copies each into pages of its own.  The paths come from
 * secure/user/user.mk.
 */
	.section .rodata.el0_images, "a"
	.global	tz_el0_test_image, tz_el0_test_image_end
	.global	tz_el0_crypto_image, tz_el0_crypto_image_end
	.global	tz_el0_storage_image, tz_el0_storage_image_end

	.balign	16
tz_el0_test_image:
	.incbin	TZ_EL0_TEST_BIN
tz_el0_test_image_end:

	.balign	16
tz_el0_crypto_image:
	.incbin	TZ_EL0_CRYPTO_BIN
tz_el0_crypto_image_end:

	.balign	16
tz_el0_storage_image:
	.incbin	TZ_EL0_STORAGE_BIN
tz_el0_storage_image_end:

	.section .note.GNU-stack, "", %progbits
