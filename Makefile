# tzcom top level.  Each part has its own Makefile; this file only orders
# them.  See README.md for the two commands a newcomer needs.
include config.mk

.PHONY: all deps firmware driver userspace guest-tests kmods host-tests \
	run shell check check-fresh check-debug lint bench fuzz clean distclean

all: firmware driver userspace guest-tests kmods

deps:
	@board/setup

firmware: deps
	$(MAKE) -C secure

driver: deps
	$(MAKE) -C driver

userspace: deps
	$(MAKE) -C lib
	$(MAKE) -C tools

guest-tests: userspace
	$(MAKE) -C tests/guest

# Test-only kernel modules (raw SMC access for tests and benchmarks).
kmods: deps
	$(MAKE) -C tests/kmod

host-tests:
	$(MAKE) -C tests/host check

# The demo's sealed objects land in $(RUN_STORE) on the host (virtio-9p),
# so the host can show that tzcomd only ever holds ciphertext.
RUN_STORE := $(BUILD)/run-store
run: all
	@mkdir -p $(RUN_STORE)
	board/run --persist $(RUN_STORE) -- /usr/share/tzcom/demo
	@echo "== host view of $(RUN_STORE)/demo-secret: ciphertext only =="
	@if command -v xxd >/dev/null; then xxd $(RUN_STORE)/demo-secret | head -8; \
	else od -A x -t x1z $(RUN_STORE)/demo-secret | head -8; fi
	@if grep -q swordfish $(RUN_STORE)/demo-secret; then \
		echo "host: the plaintext is visible in the stored file"; exit 1; fi
	@echo "host: the secret's text is nowhere in the file"

shell: all
	board/run

check: deps
	tests/check

# The README's two commands in a new minimal Debian 12 root (debootstrap
# minbase with git and make), on the committed tree: proves the install
# steps are complete.  Needs root; what CI runs.
check-fresh:
	tests/check-fresh

# The guest suite on a debug kernel (KASAN, UBSAN, lockdep, kmemleak, ...)
# built from Debian's linux-source-6.1, after a canary module has shown
# that every detector fires.  The kernel build is cached outside the tree.
check-debug: deps
	tests/check-debug

lint: deps
	$(MAKE) -C driver lint

bench: all
	bench/run

fuzz: deps
	$(MAKE) -C tests/host fuzz FUZZ_SECONDS=$${FUZZ_SECONDS:-600}

clean:
	rm -rf $(BUILD)
	-$(MAKE) -C driver clean

distclean: clean
	rm -rf $(CACHE)
