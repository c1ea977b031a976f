# tzcom top level.  Each part has its own Makefile; this file only orders
# them.  See README.md for the two commands a newcomer needs.
include config.mk

.PHONY: all deps firmware driver userspace guest-tests kmods host-tests \
	run shell check lint bench fuzz clean distclean

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

run: all
	board/run -- /usr/share/tzcom/demo

shell: all
	board/run

check: deps
	tests/check

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
