# Crypto for the firmware image, included by secure/Makefile (after
# config.mk).  It provides:
#   CRYPTO_SRCS      sources relative to secure/ (the shim, the device secret
#                    and the crypto and storage services)
#   CRYPTO_CPPFLAGS  flags for every firmware source: mbedTLS headers and
#                    our config (mbedtls_config.h), the secret's path
#   MBEDTLS_MODULES  the modules of Debian's mbedtls source ($(MBEDTLS_SRC),
#                    board/setup) that secure/Makefile builds into the image
#   DEVICE_SECRET    the board's secret; device_secret.S .incbin's it, so
#                    its object must depend on it (see docs/crypto-storage.md)
# mbedTLS's sources include <string.h> and <limits.h>: the cross
# toolchain's headers, declarations only (nothing of glibc is linked), so
# these sources must not be built with -nostdinc.

DEVICE_SECRET ?= $(CACHE)/device-secret.bin

CRYPTO_SRCS := crypto/heap.c crypto/mbedtls_printf.c crypto/device_secret.c \
	crypto/selftest.c crypto/stack_guard.c crypto/device_secret.S \
	apps/crypto/crypto_svc.c apps/crypto/digest.c apps/storage/storage_svc.c \
	apps/storage/seal.c
CRYPTO_CPPFLAGS := -isystem $(MBEDTLS_SRC)/include -I$(TOP)/secure/crypto \
	-DMBEDTLS_CONFIG_FILE='"mbedtls_config.h"' \
	-DTZ_DEVICE_SECRET_FILE='"$(DEVICE_SECRET)"'

# What the services and selftest.c call (SHA-256, HMAC through md, HKDF,
# ChaCha20-Poly1305) and what those need: md for HMAC and HKDF,
# platform_util for mbedtls_platform_zeroize.  The config turns on the
# same set; a module missing here is an undefined symbol at link time.
MBEDTLS_MODULES := sha256 md hkdf chacha20 poly1305 chachapoly platform_util

# Generated once per board; `make distclean` (rm -rf board/cache) makes a
# new board.  Never rebuilt otherwise, so sealed objects stay readable.
# The rule must not become the including Makefile's default goal.
crypto_saved_goal := $(.DEFAULT_GOAL)
$(DEVICE_SECRET):
	@mkdir -p $(dir $@)
	head -c 32 /dev/urandom > $@.tmp
	chmod 600 $@.tmp
	mv $@.tmp $@
.DEFAULT_GOAL := $(crypto_saved_goal)
