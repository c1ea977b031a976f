#!/bin/sh
# Large sealed objects through the CLI (docs/crypto-storage.md, "Large
# objects"): round trips from 0 B to 16 MiB compared with sha256sum; the
# stored file in /var/lib/tzcom tampered with (two chunks swapped, cut
# short, a chunk repeated, a chunk of another object spliced in) makes get
# fail with "Bad message"; a put killed halfway (SIGKILL during a 16 MiB
# put from a pipe) leaves the old object readable and intact, and the
# next put works.  Needs the board's tzcomd (started at boot).
STORE=/var/lib/tzcom
T=/tmp/t_store_large
HDR=72			# TZ_STORAGE_OBJ_HDR_LEN
BLOB=16400		# TZ_STORAGE_CHUNK_BLOB: 16 KiB of ciphertext and its tag
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }
check() { if [ "$1" = 0 ]; then ok "$2"; else notok "$2"; fi; }
sum() { sha256sum "$1" | cut -d' ' -f1; }
now() { cut -d' ' -f1 /proc/uptime; }
secs() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", b - a }'; }

echo "1..33"
mkdir -p $T
rm -f $T/*
pidof tzcomd >/dev/null || tzcomd -f $STORE -d -p /run/tzcomd/tzcomd.pid --user tzcomd </dev/null

# Round trips: blobs up to 20332 B, chunked streams above (20333 is one
# whole chunk and a rest, 32768 two whole chunks and an empty last one).
for size in 0 1 16383 16384 16385 20332 20333 32768 32769 1048576 16777216; do
	head -c $size /dev/urandom >$T/in
	t0=$(now)
	tzcom store put big-$size $T/in 2>$T/err
	rc=$?
	t1=$(now)
	tzcom store get big-$size $T/out 2>>$T/err
	rc2=$?
	t2=$(now)
	[ $rc = 0 ] && [ $rc2 = 0 ] && [ "$(sum $T/in)" = "$(sum $T/out)" ]
	check $? "$size B: put ($(secs $t0 $t1) s) and get ($(secs $t1 $t2) s) give the same sha256 $(cat $T/err)"
done
# stdin and stdout with '-', through a pipe.
head -c 100000 /dev/urandom >$T/in
cat $T/in | tzcom store put big-pipe - && tzcom store get big-pipe - | cmp -s - $T/in
check $? "put from stdin and get to stdout ('-'), 100000 B"
tzcom store get big-pipe | cmp -s - $T/in
check $? "get without FILE writes stdout"
# Ciphertext only in the store; a large object is not one READ blob.
size=$(wc -c <$STORE/big-1048576)
[ "$size" = $((HDR + 64 * BLOB + 16)) ]
check $? "1 MiB is stored as header + 64 whole chunks + an empty last chunk ($size B)"
! cmp -s $STORE/big-pipe $T/in && [ "$(tail -c 4096 $T/in | sha256sum | cut -d" " -f1)" != "$(tail -c 4112 $STORE/big-pipe | head -c 4096 | sha256sum | cut -d" " -f1)" ]
check $? "the stored file is not the plaintext"

# ---- tampering with the stored file -----------------------------------------
# Object "tam": 6 whole chunks and a rest; "oth": another object of the same size.
head -c 100000 /dev/urandom >$T/tam
head -c 100000 /dev/urandom >$T/oth
tzcom store put tam $T/tam && tzcom store put oth $T/oth
check $? "two 100000 B objects stored"
cp $STORE/tam $T/tam.orig
cp $STORE/oth $T/oth.orig
tail -c +$((HDR + 1)) $T/tam.orig >$T/tam.body
tail -c +$((HDR + 1)) $T/oth.orig >$T/oth.body
head -c $HDR $T/tam.orig >$T/tam.hdr
chunk() { dd if="$1" bs=$BLOB skip="$2" count=1 2>/dev/null; }
rest() { dd if="$1" bs=$BLOB skip="$2" 2>/dev/null; }
# Write in place: the file keeps its owner and mode, only the bytes change.
plant() { cat "$1" >$STORE/tam; }
refused() {
	tzcom store get tam $T/out 2>$T/err
	rc=$?
	[ $rc = 1 ] && grep -q "Bad message" $T/err && [ ! -e $T/out ]
	check $? "$1: get fails with Bad message, no output file (exit $rc: $(cat $T/err))"
}
{ cat $T/tam.hdr; chunk $T/tam.body 1; chunk $T/tam.body 0; rest $T/tam.body 2; } >$T/f
plant $T/f
refused "chunks 0 and 1 swapped"
head -c $(($(wc -c <$T/tam.orig) - 100)) $T/tam.orig >$T/f
plant $T/f
refused "the last chunk cut by 100 bytes"
head -c $((HDR + 6 * BLOB)) $T/tam.orig >$T/f
plant $T/f
refused "the last chunk dropped"
{ cat $T/tam.hdr; chunk $T/tam.body 0; chunk $T/tam.body 1; chunk $T/tam.body 1; rest $T/tam.body 2; } >$T/f
plant $T/f
refused "chunk 1 repeated"
{ cat $T/tam.hdr; chunk $T/tam.body 0; chunk $T/oth.body 1; rest $T/tam.body 2; } >$T/f
plant $T/f
refused "chunk 1 of another object spliced in"
{ cat $T/tam.orig; chunk $T/tam.body 3; } >$T/f
plant $T/f
refused "a chunk appended"
plant $T/tam.orig
tzcom store get tam $T/out && cmp -s $T/out $T/tam
check $? "the original file put back reads again"

# ---- a put killed halfway -----------------------------------------------------
head -c 1048576 /dev/urandom >$T/old
tzcom store put kp $T/old
check $? "the old 1 MiB version of kp is stored"
# A 16 MiB put from a pipe whose writer stops after 8 MiB: fd 3 keeps the
# FIFO open, so the put waits in mid-stream for the rest.
mkfifo $T/fifo
exec 3<>$T/fifo
tzcom store put kp - <$T/fifo 2>$T/err &
client=$!
head -c 8388608 /dev/urandom >$T/fifo &
feeder=$!
staged() { if [ -e $STORE/.kp.staging ]; then wc -c <$STORE/.kp.staging; else echo 0; fi; }
i=0
steps=$((600 * ${TAP_TIME_SCALE:-1}))
while [ "$(staged)" -lt 4194304 ] && [ $i -lt $steps ]; do
	sleep 0.1
	i=$((i + 1))
done
staged=$(staged)
[ "$staged" -ge 4194304 ]
check $? "a 16 MiB put is staging the new version ($staged B staged)"
tzcom store get kp $T/out && cmp -s $T/out $T/old
check $? "the old version reads while the new one is staged"
tzcom store ls | grep -q staging
check $((! $?)) "ls does not show the staging file"
kill -KILL $client
wait $client 2>/dev/null
kill $feeder 2>/dev/null
wait $feeder 2>/dev/null
exec 3>&-
tzcom store get kp $T/out && cmp -s $T/out $T/old
check $? "after SIGKILL the old version is intact"
head -c 2097152 /dev/urandom >$T/in
tzcom store put kp $T/in && tzcom store get kp $T/out && cmp -s $T/out $T/in
check $? "the next put (2 MiB, another session) works and reads back"
[ ! -e $STORE/.kp.staging ]
check $? "its commit left no staging file"

# Without a registration (a user without CAP_IPC_LOCK under RLIMIT_MEMLOCK
# 0) libtzcom streams inline, one chunk per command.
mode=$(stat -c %a /dev/tzcom)
mkdir -p $T/nb && chmod 777 $T/nb
head -c 100000 /dev/urandom >$T/nb/in
chmod 644 $T/nb/in
chmod 666 /dev/tzcom
(ulimit -l 0 && su -s /bin/sh nobody \
	-c "tzcom store put big-nb $T/nb/in && tzcom store get big-nb $T/nb/out") 2>$T/err
rc=$?
chmod $mode /dev/tzcom
[ $rc = 0 ] && cmp -s $T/nb/in $T/nb/out
check $? "inline streaming (no memlock, no CAP_IPC_LOCK): 100000 B put and get $(cat $T/err)"
tzcom store get big-nb $T/out && cmp -s $T/out $T/nb/in
check $? "and root reads the same object through its registered buffer"

for s in nb 0 1 16383 16384 16385 20332 20333 32768 32769 1048576 16777216 pipe; do
	tzcom store rm big-$s
done
tzcom store rm tam && tzcom store rm oth && tzcom store rm kp
check $? "rm of the large objects"
rm -rf $T
[ $fails = 0 ]
