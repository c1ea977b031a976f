#!/bin/sh
# Autoload from the device tree (docs/driver.md, "Device tree binding"):
# the board's DTB has /firmware/tzcom (compatible "tzcom,tzbsp"), the
# kernel makes a platform device for it, and that device's modalias -
# what udev hands to modprobe - matches an alias tzcom.ko declares, so
# the module loads for it on a system with udev (the board's busybox has
# none and insmods it).
n=0
fails=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
notok() { n=$((n + 1)); fails=$((fails + 1)); echo "not ok $n - $1"; }

echo "1..3"
node=/sys/firmware/devicetree/base/firmware/tzcom
compat=$(tr '\0' ' ' <$node/compatible 2>/dev/null)
[ "$compat" = "tzcom,tzbsp " ] && ok "the DTB has /firmware/tzcom, compatible tzcom,tzbsp" ||
	notok "the DTB has /firmware/tzcom, compatible tzcom,tzbsp (got '$compat')"

modalias=""
for d in /sys/bus/platform/devices/*; do
	[ -f "$d/of_node/compatible" ] || continue
	[ "$(tr '\0' ' ' <"$d/of_node/compatible")" = "tzcom,tzbsp " ] || continue
	modalias=$(cat "$d/modalias")
	dev=${d##*/}
done
[ -n "$modalias" ] && ok "the kernel made platform device $dev for it (modalias $modalias)" ||
	notok "the kernel made a platform device for it"

# modprobe matches a modalias against each alias= pattern of .modinfo
# with fnmatch: so does this case statement.
matched=""
for pat in $(tr '\0' '\n' </lib/tzcom/tzcom.ko | sed -n 's/^alias=\(of:.*\)/\1/p'); do
	# shellcheck disable=SC2254
	case "$modalias" in $pat) matched=$pat ;; esac
done
[ -n "$matched" ] && ok "tzcom.ko's alias $matched matches that modalias, so udev loads it" ||
	notok "tzcom.ko declares an alias matching '$modalias'"
[ $fails = 0 ]
