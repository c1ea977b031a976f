# Large sealed objects (test_storage_large.c): the storage service with
# tzcomd's real storage handler behind its callbacks.
SRCS_test_storage_large := $(SRCS_test_crypto_storage) tools/tzcomd_svc.c
LDLIBS_test_storage_large := -lmbedcrypto
