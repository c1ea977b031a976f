#!/bin/sh
# The TZ debug log (sb_log ring, /sys/kernel/debug/tzcom/log): it starts
# with the secure world's boot record, replayed from before the driver
# set up the ring: TZBSP's first line (it runs at S-EL1, below TF-A) and
# the mbedTLS self-test results; and with the
# trace level at RING each command leaves its lines there.
LOG=/sys/kernel/debug/tzcom/log
PARAM=/sys/module/tzcom/parameters/trace
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }

echo "1..4"
grep -q "Trusted OS (BL32) running at S-EL1," $LOG &&
	ok "the log starts with the boot record (TZBSP at S-EL1)" ||
	notok "the log starts with the boot record (TZBSP at S-EL1)"
grep -q "crypto self-test: PASS" $LOG && ok "the crypto self-test results are in the TZ log" ||
	notok "the crypto self-test results are in the TZ log"
old=$(cat $PARAM)
echo 1 >$PARAM
tzcom ping >/dev/null
echo "$old" >$PARAM
grep -q "sched: NEW cmd 0x00010001" $LOG && ok "at trace level 1 a command's lines reach the ring" ||
	notok "at trace level 1 a command's lines reach the ring"
tzcom log | cmp -s - $LOG && ok "tzcom log prints the same log" || notok "tzcom log prints the same log"
[ $fails = 0 ]
