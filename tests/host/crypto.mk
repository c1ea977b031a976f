# Crypto (service 2) and sealed storage (service 3) host tests: the real
# service sources against the host's mbedTLS (libmbedtls-dev, installed by
# board/setup).  TZBSP_HOST enables the test-only hooks in those sources.
CRYPTO_FW := secure/crypto/device_secret.c secure/crypto/hmac.c secure/crypto/selftest.c
# The anti-rollback counter store on a simulated flash (sim_flash.h).
RB_FW := secure/rollback/rb_store.c tests/host/sim_flash.c
# The crypto service: its commands and its resumable digests.
CRYPTO_SVC := secure/apps/crypto/crypto_svc.c secure/apps/crypto/digest.c

SRCS_test_crypto_svc := $(CRYPTO_SVC) $(CRYPTO_FW)
LDLIBS_test_crypto_svc := -lmbedcrypto

SRCS_test_crypto_storage := secure/apps/storage/storage_svc.c \
	secure/apps/storage/seal.c secure/apps/storage/stream.c $(CRYPTO_FW) $(RB_FW)
LDLIBS_test_crypto_storage := -lmbedcrypto

# End to end through the scheduler and the fake driver (harness test).
SRCS_test_svc_crypto_storage := $(CRYPTO_SVC) \
	secure/apps/storage/storage_svc.c secure/apps/storage/seal.c \
	secure/apps/storage/stream.c $(CRYPTO_FW) $(RB_FW)
LDLIBS_test_svc_crypto_storage := -lmbedcrypto

# libFuzzer target over the storage service's command and callback answers.
SRCS_fuzz_storage := $(SRCS_test_svc_crypto_storage)
LDLIBS_fuzz_storage := -lmbedcrypto

# libFuzzer target over the crypto service's command (tests/host/fuzz_crypto.c).
SRCS_fuzz_crypto := $(CRYPTO_SVC) $(CRYPTO_FW)
LDLIBS_fuzz_crypto := -lmbedcrypto

# The counter store alone, with power cuts and wipes (test_storage_rollback.c).
SRCS_test_storage_rollback := $(RB_FW) $(CRYPTO_FW)
LDLIBS_test_storage_rollback := -lmbedcrypto

# libFuzzer target over the counter store's flash parser.
SRCS_fuzz_rollback := $(RB_FW) $(CRYPTO_FW)
LDLIBS_fuzz_rollback := -lmbedcrypto

# The secure heap, included by the test under other names.
SRCS_test_crypto_heap :=
