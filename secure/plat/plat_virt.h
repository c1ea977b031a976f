/* SPDX-License-Identifier: BSD-3-Clause */
/* QEMU virt device drivers behind plat_ops (plat/virt.c). */
#ifndef TZBSP_PLAT_VIRT_H
#define TZBSP_PLAT_VIRT_H

#include <stddef.h>

void pl011_init(void);
void pl011_write(const char *s, size_t len);

#endif /* TZBSP_PLAT_VIRT_H */
