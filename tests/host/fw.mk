# Firmware-core host tests (test_fw_*.c): each links with tap.c and the
# secure/ sources listed here.  LDLIBS_* also carries the -D that tells
# the DTB test where its data lives (cpp options apply to every file).
# The DTB reader with libfdt from TF-A's source (board/setup), the same
# modules the firmware links.
FW_LIBFDT := secure/lib/fdt.c $(patsubst %,$(TFA_SRC)/lib/libfdt/%.c,fdt fdt_ro)
FW_LIBFDT_FLAGS := -I$(TFA_SRC)/include/lib/libfdt
SRCS_test_fw_fdt := $(FW_LIBFDT)
LDLIBS_test_fw_fdt := -DFW_TEST_DATA='"$(CURDIR)/data"' $(FW_LIBFDT_FLAGS)

SRCS_test_fw_printf := secure/lib/printf.c

SRCS_test_fw_calls := secure/entry/calls.c

# The SPD's routing table: plain C, built as BL31 links it.
SRCS_test_fw_spd_calls := secure/spd/tzbspd/tzbspd_calls.c

# libFuzzer target over the DTB reader (the DTB is normal-world memory).
SRCS_fuzz_fdt := $(FW_LIBFDT)
LDLIBS_fuzz_fdt := $(FW_LIBFDT_FLAGS)

# secure/lib/string.c is #included with its functions renamed (fw_memcpy
# ...), so it is a prerequisite rather than a source.
$(O)/test_fw_string: $(TOP)/secure/lib/string.c
LDLIBS_test_fw_string := -fno-tree-loop-distribute-patterns
