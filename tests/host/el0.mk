# The S-EL0 services' syscalls (secure/el0/el0_syscall.c), against fakes
# of what they call (tests/host/test_fw_el0_syscall.c).
SRCS_test_fw_el0_syscall := secure/el0/el0_syscall.c
