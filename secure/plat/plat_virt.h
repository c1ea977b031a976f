/* SPDX-License-Identifier: BSD-3-Clause */
/* QEMU virt device drivers behind plat_ops (plat/virt.c). */
#ifndef TZBSP_PLAT_VIRT_H
#define TZBSP_PLAT_VIRT_H

#include <stddef.h>

/* Secure PL061 pins wired to QEMU's gpio-pwr (see the DTB's gpio-poweroff). */
#define VIRT_GPIO_PIN_POWEROFF	0
#define VIRT_GPIO_PIN_RESET	1

void pl011_init(void);
void pl011_write(const char *s, size_t len);
void gic_dist_init(void);
void gic_cpu_init(void);
void pl061_power_off(void);
void pl061_reset(void);

#endif /* TZBSP_PLAT_VIRT_H */
