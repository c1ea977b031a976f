# tzcom top level.  Each part has its own Makefile; this file only orders
# them.  See README.md for the two commands a newcomer needs.
include config.mk

.PHONY: all deps firmware driver userspace guest-tests kmods host-tests \
	run shell check check-fresh check-debug lint bench fuzz clean distclean \
	install uninstall modules_install dkms-install check-man check-model deb diagram

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

# The protocol's Promela model checked with spin (driver/model/README).
check-model: deps
	tests/model/run

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

# docs/sequence.svg: the seed's sequence diagram drawn from a live trace
# of the driver's tracepoints (one sealed PUT on the board).
diagram: all
	board/trace-diagram

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

# --- installing (README.md, "Install") -------------------------------------
# make install [PREFIX=/usr/local] [DESTDIR=] [LIBDIR=...]: libtzcom, its
# headers and .pc, tzcom, tzcomd, the systemd unit, the udev rule and the
# man pages.  Builds with the cross compiler only: no board/setup here, so
# a packaging build (debian/rules) never downloads the board's cache.
MAN_PAGES := man/tzcom.1 man/tzcomd.8 man/libtzcom.3
install:
	$(MAKE) -C lib install
	$(MAKE) -C tools install
	install -d $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man3 $(DESTDIR)$(MANDIR)/man8
	install -m 644 man/tzcom.1 $(DESTDIR)$(MANDIR)/man1/
	install -m 644 man/libtzcom.3 $(DESTDIR)$(MANDIR)/man3/
	install -m 644 man/tzcomd.8 $(DESTDIR)$(MANDIR)/man8/

uninstall:
	$(MAKE) -C lib uninstall
	$(MAKE) -C tools uninstall
	rm -f $(DESTDIR)$(MANDIR)/man1/tzcom.1 $(DESTDIR)$(MANDIR)/man3/libtzcom.3 \
		$(DESTDIR)$(MANDIR)/man8/tzcomd.8
	rm -rf $(DESTDIR)/usr/src/tzcom-$(TZCOM_VERSION)

# tzcom.ko into $(DESTDIR)/lib/modules/<kver>/updates (KDIR, KVER: the
# board's kernel unless given).
modules_install: driver
	$(MAKE) -C driver modules_install

# The driver's source as DKMS wants it, /usr/src/tzcom-<version>/
# (dkms.conf says why this layout).
DKMS_SRC := $(DESTDIR)/usr/src/tzcom-$(TZCOM_VERSION)
DKMS_FILES := VERSION driver/Kbuild $(wildcard driver/tzcom_*.c driver/tzcom_*.h) \
	include/tzcom/tzsched.h include/tzcom/tz_const.h include/uapi/linux/tzcom.h
dkms-install:
	for f in $(DKMS_FILES); do install -D -m 644 $$f $(DKMS_SRC)/$$f || exit; done
	sed 's/#MODULE_VERSION#/$(TZCOM_VERSION)/' dkms.conf >$(DKMS_SRC)/dkms.conf

# Every man page renders without a groff warning.
check-man:
	@for m in $(MAN_PAGES); do \
		out=$$(LC_ALL=C.UTF-8 groff -ww -man -z $$m 2>&1); \
		if [ -n "$$out" ]; then echo "$$m:"; echo "$$out"; exit 1; fi; \
	done; echo "man pages: $(words $(MAN_PAGES)) clean"

# The Debian packages, built and checked as make check does (tests/pkg/run);
# the check boots the board, hence all.
deb: all
	tests/pkg/run

clean:
	rm -rf $(BUILD)
	-$(MAKE) -C driver clean

distclean: clean
	rm -rf $(CACHE)
