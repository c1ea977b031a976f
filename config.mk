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
