/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints of tzcom.ko (docs/driver.md, "Tracepoints"): every
 * scheduler SMC in and out, and each callback's routing, delivery to a
 * listener and answer.  They cost nothing until enabled in tracefs
 * (events/tzcom/) or with trace-cmd, unlike the 'trace' parameter's
 * printk lines.
 */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM tzcom

#if !defined(_TZCOM_TRACE_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TZCOM_TRACE_H

#include <linux/tracepoint.h>
#include <tzcom/tzsched.h>

#define tzcom_trace_cmd_type(t)					\
	__print_symbolic(t, { TZ_SCHED_CMD_NEW, "NEW" },		\
			 { TZ_SCHED_CMD_PENDING, "PENDING" },		\
			 { TZ_SCHED_CMD_RESUME, "RESUME" })

/* slot: the call slot the command runs in (docs/driver.md). */
TRACE_EVENT(tzcom_smc_enter,
	    TP_PROTO(u32 cmd_type, u32 cmd_len, u32 slot),
	    TP_ARGS(cmd_type, cmd_len, slot),
	    TP_STRUCT__entry(__field(u32, cmd_type)
			     __field(u32, cmd_len)
			     __field(u32, slot)),
	    TP_fast_assign(__entry->cmd_type = cmd_type;
			   __entry->cmd_len = cmd_len;
			   __entry->slot = slot;),
	    TP_printk("%s cmd_len=%u slot=%u",
		      tzcom_trace_cmd_type(__entry->cmd_type),
		      __entry->cmd_len, __entry->slot)
);

/*
 * ret is the transport's -errno (1: preempted); cmd_status is valid only
 * when ret is 0; thread is the secure thread id the firmware returned in
 * x1 (INCOMPLETE and PREEMPTED; docs/protocol.md, section 9).
 */
TRACE_EVENT(tzcom_smc_exit,
	    TP_PROTO(u32 cmd_type, int ret, u32 cmd_status, u32 slot,
		     u32 thread),
	    TP_ARGS(cmd_type, ret, cmd_status, slot, thread),
	    TP_STRUCT__entry(__field(u32, cmd_type)
			     __field(int, ret)
			     __field(u32, cmd_status)
			     __field(u32, slot)
			     __field(u32, thread)),
	    TP_fast_assign(__entry->cmd_type = cmd_type;
			   __entry->ret = ret;
			   __entry->cmd_status = cmd_status;
			   __entry->slot = slot;
			   __entry->thread = thread;),
	    TP_printk("%s ret=%d status=%s slot=%u thread=0x%x",
		      tzcom_trace_cmd_type(__entry->cmd_type),
		      __entry->ret,
		      __entry->ret ? "-" :
		      __entry->cmd_status == TZ_SCHED_STATUS_COMPLETE ? "COMPLETE" :
		      __entry->cmd_status == TZ_SCHED_STATUS_INCOMPLETE ? "INCOMPLETE" :
		      "invalid", __entry->slot, __entry->thread)
);

/* A callback from the secure world, queued for a service or refused. */
TRACE_EVENT(tzcom_cb_route,
	    TP_PROTO(u32 cmd_id, u32 len, u32 svc_id, u32 instance_id, int ret),
	    TP_ARGS(cmd_id, len, svc_id, instance_id, ret),
	    TP_STRUCT__entry(__field(u32, cmd_id)
			     __field(u32, len)
			     __field(u32, svc_id)
			     __field(u32, instance_id)
			     __field(int, ret)),
	    TP_fast_assign(__entry->cmd_id = cmd_id;
			   __entry->len = len;
			   __entry->svc_id = svc_id;
			   __entry->instance_id = instance_id;
			   __entry->ret = ret;),
	    TP_printk("cmd_id=0x%08x len=%u svc_id=0x%x instance=%u ret=%d",
		      __entry->cmd_id, __entry->len, __entry->svc_id,
		      __entry->instance_id, __entry->ret)
);

DECLARE_EVENT_CLASS(tzcom_cb_listener,
		    TP_PROTO(u32 cmd_id, u32 len),
		    TP_ARGS(cmd_id, len),
		    TP_STRUCT__entry(__field(u32, cmd_id)
				     __field(u32, len)),
		    TP_fast_assign(__entry->cmd_id = cmd_id;
				   __entry->len = len;),
		    TP_printk("cmd_id=0x%08x len=%u", __entry->cmd_id, __entry->len)
);

/* READ_NEXT handed the callback to the calling listener. */
DEFINE_EVENT(tzcom_cb_listener, tzcom_cb_deliver,
	     TP_PROTO(u32 cmd_id, u32 len),
	     TP_ARGS(cmd_id, len)
);

/* CONTINUE answered it. */
DEFINE_EVENT(tzcom_cb_listener, tzcom_cb_answer,
	     TP_PROTO(u32 cmd_id, u32 len),
	     TP_ARGS(cmd_id, len)
);

#endif /* _TZCOM_TRACE_H */

/* Out of tree: define_trace.h finds this file through -I$(src). */
#undef TRACE_INCLUDE_PATH
#define TRACE_INCLUDE_PATH .
#undef TRACE_INCLUDE_FILE
#define TRACE_INCLUDE_FILE tzcom_trace
#include <trace/define_trace.h>
