// SPDX-License-Identifier: BSD-3-Clause
/* Transmit-only driver for the secure PL011 (QEMU needs no baud setup). */
#include <stddef.h>

#include <tzbsp/arch.h>
#include <tzbsp/platform.h>

#include "plat_virt.h"

#define UART_DR		0x000
#define UART_FR		0x018
#define UART_CR		0x030
#define UART_FR_TXFF	(1U << 5)
#define UART_CR_UARTEN	(1U << 0)
#define UART_CR_TXE	(1U << 8)

void pl011_init(void)
{
	mmio_write32(PLAT_SEC_UART_BASE + UART_CR, UART_CR_UARTEN | UART_CR_TXE);
}

static void pl011_putc(char c)
{
	while (mmio_read32(PLAT_SEC_UART_BASE + UART_FR) & UART_FR_TXFF)
		;
	mmio_write32(PLAT_SEC_UART_BASE + UART_DR, (unsigned char)c);
}

void pl011_write(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '\n')
			pl011_putc('\r');
		pl011_putc(s[i]);
	}
}
