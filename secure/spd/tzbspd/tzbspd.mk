#
# SPDX-License-Identifier: BSD-3-Clause
#
# tzbspd: TF-A Secure Payload Dispatcher for the tzcom Trusted OS (TZBSP).
# secure/Makefile copies this directory into TF-A's services/spd/ and
# builds with SPD=tzbspd; TZCOM_INCLUDE is our include/ (for
# tzcom/tzsched.h, the single source of SMC function ids).

SPD_INCLUDES		:=	-I$(TZCOM_INCLUDE)

SPD_SOURCES		:=	services/spd/tzbspd/tzbspd_main.c	\
				services/spd/tzbspd/tzbspd_calls.c	\
				services/spd/tzbspd/tzbspd_context.c	\
				services/spd/tzbspd/tzbspd_switch.S	\
				services/spd/tzbspd/tzbspd_pm.c

# tzsched.h takes its __u32 & co. from <stdint.h> inside TF-A.
$(eval $(call add_define_val,TZCOM_TYPES_STDINT,1))

NEED_BL32		:=	yes
