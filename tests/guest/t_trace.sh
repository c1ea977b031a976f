#!/bin/sh
# The driver's tracepoints (docs/driver.md, "Tracepoints"): with the tzcom
# events enabled in tracefs, one sealed-storage PUT (a command whose
# service calls back into tzcomd) leaves every step of the seed's
# sequence: NEW in, INCOMPLETE out, the callback routed to the storage
# service, delivered to tzcomd and answered, PENDING in, COMPLETE out.
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { # description, grep -E pattern
	if grep -Eq "$2" /tmp/t_trace.txt; then ok "$1"; else notok "$1"; fi
}

T=/sys/kernel/tracing
[ -d $T/events ] || mount -t tracefs nodev $T 2>/dev/null
[ -d $T/events ] || T=/sys/kernel/debug/tracing
echo "1..8"
if [ ! -d $T/events/tzcom ]; then
	# A kernel without tracing (the debug kernel's minimal config).
	i=0
	while [ $i -lt 8 ]; do ok "# SKIP no tzcom events in tracefs on this kernel"; i=$((i + 1)); done
	exit 0
fi
ok "tracefs lists the tzcom events ($(ls $T/events/tzcom | grep -c '^tzcom_'))"

echo 0 >$T/tracing_on
echo >$T/trace
echo 1 >$T/events/tzcom/enable
echo 1 >$T/tracing_on
echo "traced" >/tmp/t_trace.in
tzcom store put t-trace /tmp/t_trace.in >/dev/null
rc=$?
tzcom store rm t-trace >/dev/null 2>&1
echo 0 >$T/tracing_on
echo 0 >$T/events/tzcom/enable
cat $T/trace >/tmp/t_trace.txt
echo >$T/trace
echo 1 >$T/tracing_on

[ $rc = 0 ] && ok "tzcom store put succeeds with the events on" ||
	notok "tzcom store put succeeds with the events on (exit $rc)"
check "tzcom_smc_enter: NEW" 'tzcom_smc_enter: NEW cmd_len='
# A service runs with interrupts unmasked: a step may end PREEMPTED and its
# result come with the RESUME that follows.
check "tzcom_smc_exit: NEW returns INCOMPLETE (a callback)" 'tzcom_smc_exit: (NEW|RESUME) ret=0 status=INCOMPLETE'
check "tzcom_cb_route: the callback reaches the storage service 0x100" 'tzcom_cb_route: cmd_id=0x0000100[0-9a-f] len=[0-9]+ svc_id=0x100 instance=[0-9]+ ret=0'
check "tzcom_cb_deliver: READ_NEXT hands it to tzcomd" 'tzcomd.*tzcom_cb_deliver: cmd_id=0x0000100'
check "tzcom_cb_answer: tzcomd's CONTINUE answers it" 'tzcomd.*tzcom_cb_answer: cmd_id=0x0000100'
check "tzcom_smc_exit: PENDING returns COMPLETE" 'tzcom_smc_exit: (PENDING|RESUME) ret=0 status=COMPLETE'
[ $fails = 0 ]
