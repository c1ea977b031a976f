// SPDX-License-Identifier: BSD-3-Clause
/*
 * board-isolation: the normal world cannot read secure memory: not TF-A's
 * (BL31 in the secure SRAM), not TZBSP's (BL32 in the secure DRAM), nor
 * the secure flash holding BL1 and the FIP.  A child
 * maps the physical page through /dev/mem and loads from it; the access
 * must end in a synchronous external abort, which Linux delivers as
 * SIGBUS.  A normal-world page read the same way is the control that
 * proves the mapping path itself works.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "tap.h"

#define SEC_RAM_BASE	0x0e000000UL	/* TF-A's shared page (CPU mailbox) */
#define BL31_BASE	0x0e0a0000UL	/* TF-A's BL31_BASE for PLAT=qemu */
#define TZBSP_BASE	0x0e100000UL	/* BL32_BASE: TZBSP's first page (its entry) */
#define SEC_RAM_LAST	(0x0e000000UL + 0x01000000UL - 0x1000UL)
#define SEC_FLASH_BASE	0x00000000UL
#define SEC_UART_BASE	0x09040000UL
#define NS_FLASH_BASE	0x04000000UL	/* pflash1: normal-world flash */

#define PROBE_MAP_FAILED	3

/*
 * Load one word from phys in a child.  Returns the signal that killed
 * it, 0 if the load succeeded, or -1 with *why set when the probe itself
 * could not be set up.
 */
static int probe(unsigned long phys, const char **why)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		*why = "fork failed";
		return -1;
	}
	if (pid == 0) {
		volatile uint32_t *p;
		int fd = open("/dev/mem", O_RDONLY | O_SYNC | O_CLOEXEC);

		if (fd < 0)
			_exit(PROBE_MAP_FAILED);
		p = mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, (off_t)phys);
		if (p == MAP_FAILED) {
			fprintf(stderr, "# mmap /dev/mem at 0x%lx: %s\n", phys, strerror(errno));
			_exit(PROBE_MAP_FAILED);
		}
		(void)p[0];
		_exit(0);
	}
	if (waitpid(pid, &status, 0) != pid) {
		*why = "waitpid failed";
		return -1;
	}
	if (WIFSIGNALED(status))
		return WTERMSIG(status);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	*why = "/dev/mem could not map the page";
	return -1;
}

static void expect_abort(unsigned long phys, const char *what)
{
	const char *why = "";
	int sig = probe(phys, &why);

	if (sig < 0)
		tap_diag("%s: %s", what, why);
	else if (sig == 0)
		tap_diag("%s at 0x%08lx was READABLE from the normal world", what, phys);
	else
		tap_diag("%s at 0x%08lx: child killed by signal %d (%s)", what, phys, sig,
			 strsignal(sig));
	tap_ok(sig == SIGBUS, "normal world cannot read %s (0x%08lx): SIGBUS", what, phys);
}

int main(void)
{
	const char *why = "";
	int sig;

	tap_plan(7);
	sig = probe(NS_FLASH_BASE, &why);
	if (sig < 0)
		tap_diag("control: %s", why);
	tap_ok(sig == 0, "control: normal-world flash (0x%08lx) is readable via /dev/mem",
	       NS_FLASH_BASE);

	expect_abort(SEC_RAM_BASE, "secure RAM");
	expect_abort(BL31_BASE, "TF-A's BL31");
	expect_abort(TZBSP_BASE, "TZBSP (BL32)");
	expect_abort(SEC_RAM_LAST, "secure RAM's last page");
	expect_abort(SEC_FLASH_BASE, "secure flash");
	expect_abort(SEC_UART_BASE, "the secure UART");
	return tap_exit();
}
