// SPDX-License-Identifier: BSD-3-Clause
/*
 * The secure PL061 drives QEMU's gpio-pwr device: a rising edge on pin 0
 * powers the machine off (QEMU exits with status 0), on pin 1 resets it.
 */
#include <stdint.h>

#include <tzbsp/arch.h>
#include <tzbsp/platform.h>

#include "plat_virt.h"

#define GPIO_DATA(mask)	((uint64_t)(mask) << 2)	/* address-masked data */
#define GPIO_DIR	0x400

static void pl061_pulse(unsigned int pin)
{
	uint32_t bit = 1U << pin;

	mmio_write32(PLAT_SEC_GPIO_BASE + GPIO_DATA(bit), 0);
	mmio_write32(PLAT_SEC_GPIO_BASE + GPIO_DIR,
		     mmio_read32(PLAT_SEC_GPIO_BASE + GPIO_DIR) | bit);
	mmio_write32(PLAT_SEC_GPIO_BASE + GPIO_DATA(bit), bit);
	dsb_sy();
}

void pl061_power_off(void)
{
	pl061_pulse(VIRT_GPIO_PIN_POWEROFF);
}

void pl061_reset(void)
{
	pl061_pulse(VIRT_GPIO_PIN_RESET);
}
