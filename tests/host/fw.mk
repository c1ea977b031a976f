# Firmware-core host tests (test_fw_*.c): each links with tap.c and the
# secure/ sources listed here.  LDLIBS_* also carries the -D that tells
# the DTB test where its data lives (cpp options apply to every file).
SRCS_test_fw_fdt := secure/lib/fdt.c
LDLIBS_test_fw_fdt := -DFW_TEST_DATA='"$(CURDIR)/data"'

SRCS_test_fw_printf := secure/lib/printf.c

SRCS_test_fw_calls := secure/entry/calls.c

# The SPD's routing table: plain C, built as BL31 links it.
SRCS_test_fw_spd_calls := secure/spd/tzbspd/tzbspd_calls.c

# libFuzzer target over the DTB reader (the DTB is normal-world memory).
SRCS_fuzz_fdt := secure/lib/fdt.c

# secure/lib/string.c is #included with its functions renamed (fw_memcpy
# ...), so it is a prerequisite rather than a source.
$(O)/test_fw_string: $(TOP)/secure/lib/string.c
LDLIBS_test_fw_string := -fno-tree-loop-distribute-patterns
