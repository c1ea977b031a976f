/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * A simulated counter area for host tests: tzbsp/flash.h over RAM, with
 * NOR semantics (program only clears bits; programming a word that is not
 * erased is counted as a misuse) and power cuts: after a set number of
 * word programs or erases the flash "loses power" mid-operation, leaving a
 * torn word or a half-erased block, and fails every call until power_on.
 */
#ifndef TESTS_HOST_SIM_FLASH_H
#define TESTS_HOST_SIM_FLASH_H

#include <stddef.h>
#include <stdint.h>

#include <tzbsp/flash.h>

extern uint8_t sim_flash_mem[TZ_FLASH_RB_SIZE];
/* Programs of words that were not erased (the store must never do this). */
extern unsigned long sim_flash_misuse;
/* Word programs and block erases done since the last reset of the counter. */
extern unsigned long sim_flash_ops;

/* All erased, power on, no cut planned. */
void sim_flash_wipe(void);
/* Lose power during the n-th next word program or erase (n >= 1; 0: never). */
void sim_flash_cut_after(unsigned long n);
/* Whether the planned cut happened. */
int sim_flash_cut_done(void);
/* Power back on (what a reboot does to the flash). */
void sim_flash_power_on(void);

#endif /* TESTS_HOST_SIM_FLASH_H */
