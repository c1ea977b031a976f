# Shared build settings, included by the top-level Makefile and by every
# part's Makefile.  Paths under $(CACHE) are stable names that board/setup
# creates, whatever Debian kernel version it resolved.
TOP      ?= $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD    ?= $(TOP)/build
CACHE    ?= $(TOP)/board/cache

CROSS_COMPILE ?= aarch64-linux-gnu-
CROSS32       ?= arm-linux-gnueabihf-

# Produced by board/setup (see board/README or README.md):
# fixed linux-headers-*-arm64 tree
KDIR        := $(CACHE)/kernel/headers
# vmlinuz (uncompressed EFI-stub Image)
KIMAGE      := $(CACHE)/kernel/Image
# lib/modules/<kver> of the image package
KMODULES    := $(CACHE)/kernel/modules
KVER_FILE   := $(CACHE)/kernel/version
# Debian's mbedtls source tree (2.28), unpacked; the firmware builds
# the modules it uses from it (secure/crypto/crypto.mk)
MBEDTLS_SRC := $(CACHE)/mbedtls-src
BUSYBOX     := $(CACHE)/busybox/busybox
CHECKPATCH  := $(CACHE)/checkpatch/checkpatch.pl
# Debian's arm-trusted-firmware source tree (TF-A 2.8), unpacked
TFA_SRC     := $(CACHE)/tfa

# Outputs each part's Makefile promises:
# The secure flash for -bios: TF-A BL1 + FIP (BL2, BL31 with tzbspd, TZBSP)
FW_BIN        := $(BUILD)/secure/flash.bin
TZBSP_BIN     := $(BUILD)/secure/tzbsp.bin
DRIVER_KO     := $(BUILD)/driver/tzcom.ko
USER_BIN_DIR  := $(BUILD)/user/bin
USER_LIB_DIR  := $(BUILD)/user/lib
GUEST_TEST_DIR := $(BUILD)/guest-tests
BENCH_DIR     := $(BUILD)/bench
DTB           := $(BUILD)/board/virt.dtb

USER_CFLAGS ?= -std=c11 -O2 -g -Wall -Wextra -Werror -D_GNU_SOURCE

# One version for every part (tzcom --version, tzcomd --version, the
# module's MODULE_VERSION, libtzcom.pc); the shared library's soname has
# its own ABI number (lib/Makefile).
TZCOM_VERSION := $(shell cat $(TOP)/VERSION)

# Install layout (make install; debian/rules passes PREFIX=/usr and the
# Debian paths).  The userspace is cross-built for arm64, so the default
# multiarch triplet is the target's, not the build machine's.
DEB_HOST_MULTIARCH ?= aarch64-linux-gnu
PREFIX        ?= /usr/local
BINDIR        ?= $(PREFIX)/bin
SBINDIR       ?= $(PREFIX)/sbin
LIBDIR        ?= $(PREFIX)/lib/$(DEB_HOST_MULTIARCH)
INCLUDEDIR    ?= $(PREFIX)/include
MANDIR        ?= $(PREFIX)/share/man
DOCDIR        ?= $(PREFIX)/share/doc/tzcom
UDEVRULESDIR  ?= $(PREFIX)/lib/udev/rules.d
SYSTEMDUNITDIR ?= $(PREFIX)/lib/systemd/system
# What the daemon's unit and the man pages name as its store.
LOCALSTATEDIR ?= /var/lib

# Tools link libtzcom statically by default (the board's image has no
# ld.so cache); TOOLS_LINK=shared links libtzcom.so.1, as the packages do.
TOOLS_LINK    ?= static
USER_LDFLAGS  ?=
