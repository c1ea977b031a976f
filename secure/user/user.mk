# The trusted services that run at S-EL0 (docs/firmware.md, "Services at
# S-EL0"), included by secure/Makefile after its flags.  Each is its own
# program: the service's sources, the user runtime (start.S, runtime.c,
# syscall.c) and its own copy of what it uses (string functions, the
# printf subset, for crypto and storage the heap and mbedTLS, which is
# archived once from the modules secure/Makefile builds), linked at its
# own window by its own script, user/<name>.ld, and flattened to
# $(U_O)/<name>.bin, which el0/el0_images.S embeds in TZBSP.
U_O := $(O)/user
EL0_SERVICES := test crypto storage

U_RT_OBJS := $(patsubst %,$(O)/%.o,user/start.S user/runtime.c user/syscall.c \
	lib/string.c lib/printf.c)
# The heap is built apart for S-EL0 (TZBSP_EL0): no lock there (heap.c).
U_CRYPTO_OBJS := $(O)/crypto/hmac.c.o $(U_O)/crypto/heap.c.o
U_OBJS_test := $(O)/apps/test/test_svc.c.o
U_OBJS_crypto := $(O)/apps/crypto/crypto_svc.c.o $(O)/apps/crypto/digest.c.o \
	$(U_CRYPTO_OBJS)
U_OBJS_storage := $(O)/apps/storage/storage_svc.c.o $(O)/apps/storage/seal.c.o \
	$(O)/apps/storage/stream.c.o \
	$(U_CRYPTO_OBJS)
U_MBEDTLS := $(U_O)/libmbedcrypto.a

U_LDFLAGS := -nostdlib -static -no-pie -Wl,--gc-sections -Wl,-L,$(CURDIR)/user \
	-Wl,--build-id=none -Wl,-z,noexecstack -Wl,--no-warn-rwx-segments

$(U_O)/crypto/heap.c.o: crypto/heap.c
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) -DTZBSP_EL0 -c -o $@ $<

$(U_MBEDTLS): $(MBEDTLS_OBJS)
	@mkdir -p $(dir $@)
	rm -f $@
	$(CROSS_COMPILE)ar rcs $@ $^

$(U_O)/%.elf: user/%.ld user/user.ld $(U_RT_OBJS) $(U_MBEDTLS)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(U_LDFLAGS) -Wl,-T,user/$*.ld -Wl,-Map,$(U_O)/$*.map -o $@ \
		$(U_RT_OBJS) $(U_OBJS_$*) $(U_MBEDTLS) $(LIBS)

$(U_O)/test.elf: $(U_OBJS_test)
$(U_O)/crypto.elf: $(U_OBJS_crypto)
$(U_O)/storage.elf: $(U_OBJS_storage)

$(U_O)/%.bin: $(U_O)/%.elf
	$(OBJCOPY) -O binary $< $@
	@echo "  $*.bin (S-EL0): $$(stat -c %s $@) bytes"

EL0_BINS := $(EL0_SERVICES:%=$(U_O)/%.bin)
EL0_BIN_FLAGS := -DTZ_EL0_TEST_BIN='"$(U_O)/test.bin"' \
	-DTZ_EL0_CRYPTO_BIN='"$(U_O)/crypto.bin"' \
	-DTZ_EL0_STORAGE_BIN='"$(U_O)/storage.bin"'
$(O)/el0/el0_images.S.o: el0/el0_images.S $(EL0_BINS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(EL0_BIN_FLAGS) $(ASFLAGS) -c -o $@ $<

.SECONDARY: $(U_RT_OBJS) $(U_OBJS_test) $(U_OBJS_crypto) $(U_OBJS_storage) \
	$(EL0_SERVICES:%=$(U_O)/%.elf)

DEPS += $(patsubst %.o,%.d,$(filter %.c.o,$(U_RT_OBJS) $(U_OBJS_test) \
	$(U_OBJS_crypto) $(U_OBJS_storage)))
