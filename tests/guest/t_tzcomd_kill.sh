#!/bin/sh
# tzcomd killed in the middle of a sealed-storage request: the client gets a
# clean error naming the object, the secure world is left idle (the driver's
# counters return to zero and the next command works at once), and a new
# tzcomd serves storage again.  Runs in the guest after t_tzcomd.
STATS=/sys/kernel/debug/tzcom/stats
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
stat_of() { awk -v k="$1" '$1 == k { print $2 }' "$STATS"; }
daemon() { tzcomd -f /var/lib/tzcom -d -p /run/tzcomd/tzcomd.pid --user tzcomd </dev/null; }

echo "1..7"
# The process that owns storage 0x100, from the driver's registry: pidof
# alone may also name a tzcomd that is still starting or exiting.
owner() { awk '$1 == "100" || $1 == "0x100" { print $4 }' /sys/class/misc/tzcom/services; }
pidof tzcomd >/dev/null || daemon
pid=$(owner)
[ -n "$pid" ] && [ "$(cat /proc/$pid/comm 2>/dev/null)" = tzcomd ] &&
	ok "tzcomd is running and owns storage ($pid)" || notok "tzcomd is running and owns storage ($pid)"

head -c 4000 /dev/urandom >/tmp/kill-obj.in
kill -STOP $pid
tzcom store put kill-obj /tmp/kill-obj.in 2>/tmp/kill-obj.err &
client=$!
# Up to 20 s (times TAP_TIME_SCALE): on a loaded host, starting the client
# alone can take seconds under TCG.
i=0
steps=$((200 * ${TAP_TIME_SCALE:-1}))
while [ "$(stat_of queued_callbacks)" != 1 ] && [ $i -lt $steps ]; do sleep 0.1; i=$((i + 1)); done
[ "$(stat_of queued_callbacks)" = 1 ] && [ "$(stat_of inflight_cmds)" = 1 ] &&
	ok "the put waits in the secure world on a callback queued for the stopped daemon" ||
	notok "the put waits on a queued callback ($(tr '\n' ' ' <$STATS))"

kill -KILL $pid
wait $client
rc=$?
[ $rc = 1 ] && grep -q "kill-obj" /tmp/kill-obj.err &&
	ok "the client fails cleanly, naming the object: $(cat /tmp/kill-obj.err)" ||
	notok "the client fails cleanly (exit $rc: $(cat /tmp/kill-obj.err))"

idle="$(stat_of inflight_cmds) $(stat_of queued_callbacks) $(stat_of delivered_callbacks)"
[ "$idle" = "0 0 0" ] && ok "the driver and the secure world are idle (0 0 0)" ||
	notok "the driver and the secure world are idle (got $idle)"
tzcom ping >/dev/null && ok "the next command works at once" || notok "the next command works at once"

daemon && ok "a new tzcomd starts" || notok "a new tzcomd starts"
tzcom store put kill-obj /tmp/kill-obj.in && tzcom store get kill-obj | cmp -s - /tmp/kill-obj.in &&
	tzcom store rm kill-obj && ok "the new tzcomd serves storage (put, get, rm)" ||
	notok "the new tzcomd serves storage"
[ $fails = 0 ]
