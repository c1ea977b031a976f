# Crypto for the firmware image, included by secure/Makefile (after
# config.mk).  It provides:
#   CRYPTO_SRCS      sources relative to secure/ (the shim, the device secret
#                    and the crypto and storage services)
#   CRYPTO_CPPFLAGS  flags for those sources: mbedTLS headers, secret path
#   CRYPTO_LIBS      Debian's libmbedcrypto.a, to link after all objects
#   DEVICE_SECRET    the board's secret; device_secret.S .incbin's it, so
#                    its object must depend on it (see docs/crypto-storage.md)
# mbedTLS's headers want the cross toolchain's libc headers (limits.h,
# time.h), so these sources must not be built with -nostdinc.

DEVICE_SECRET ?= $(CACHE)/device-secret.bin

CRYPTO_SRCS := crypto/heap.c crypto/libc_shim.c crypto/device_secret.c \
	crypto/selftest.c crypto/fpsimd.S crypto/device_secret.S \
	apps/crypto/crypto_svc.c apps/storage/storage_svc.c apps/storage/seal.c
CRYPTO_CPPFLAGS := -isystem $(MBEDTLS_INC) \
	-DTZ_DEVICE_SECRET_FILE='"$(DEVICE_SECRET)"'
CRYPTO_LIBS := $(MBEDTLS_LIB)

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
