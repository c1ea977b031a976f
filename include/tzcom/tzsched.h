/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause */
/*
 * tzcom wire protocol: the single source of SMC function ids, command ids,
 * shared-buffer structs and status codes for both worlds.
 *
 * Included by the Linux driver (__KERNEL__), by the Trusted OS (built
 * freestanding but with the cross toolchain's <linux/types.h>), by our
 * SPD inside TF-A's BL31 (TZCOM_TYPES_STDINT: TF-A builds with -nostdinc
 * and has only its own libc headers), by host tests and by userspace.  All structs are little-endian u32 fields with
 * natural alignment, so they need no packing; sizes are pinned below.
 * See docs/protocol.md for the prose version.
 */
#ifndef TZCOM_TZSCHED_H
#define TZCOM_TZSCHED_H

#ifndef __ASSEMBLER__
#ifdef TZCOM_TYPES_STDINT
#include <stdint.h>
typedef uint8_t __u8;
typedef uint32_t __u32;
typedef int32_t __s32;
#else
#include <linux/types.h>
#endif
#endif

#include <tzcom/tz_const.h>

/* ---- SMCCC function ids (docs/protocol.md) --------------------------------- */
#define TZ_SMCCC_VERSION		TZ_U(0x80000000)
#define TZ_SMCCC_VERSION_1_1		TZ_U(0x10001)

#define TZ_SIP_CALL_COUNT		TZ_U(0xC200FF00)
#define TZ_SIP_UID			TZ_U(0xC200FF01)
#define TZ_SIP_REVISION			TZ_U(0xC200FF03)

/* The fixed UID returned in w0..w3 by TZ_SIP_UID ("tzcom_tzbsp_UID1"). */
#define TZ_SIP_UID_W0			TZ_U(0x6f637a74)
#define TZ_SIP_UID_W1			TZ_U(0x7a745f6d)
#define TZ_SIP_UID_W2			TZ_U(0x5f707362)
#define TZ_SIP_UID_W3			TZ_U(0x31444955)

#define TZ_SIP_REVISION_MAJOR		TZ_U(1)
#define TZ_SIP_REVISION_MINOR		TZ_U(0)

/*
 * Null fast call (SMC64, SiP, scheduler service 0xFC, command 0): the
 * Trusted OS answers x0 = 0 at once, nothing else.  The SPD answers the
 * three probe calls above at EL3, so this is the one fast call that
 * crosses into S-EL1 and back: the benchmark's world-switch floor.
 */
#define TZ_SIP_NULL			TZ_U(0xC200FC00)

/*
 * Qualcomm ARMv8 SCM convention: yielding (bit 31 clear), SMC64 (bit 30),
 * owner SiP (2), function = (service << 8) | command.
 */
#define TZ_SCM_SVC_TZSCHEDULER		TZ_U(0xFC)
#define TZ_SCM_CMD_SCHED		TZ_U(1)
#define TZ_SMC_SCHED_CALL		TZ_U(0x4200FC01)
/* arginfo: 4 args; types RO buffer(1), value(0), RW buffer(2), value(0). */
#define TZ_SMC_SCHED_ARGINFO		TZ_U(0x214)

/* x0 on return from the scheduler call (and from any unknown call: -1). */
#define TZ_SMC_OK			0
#define TZ_SMC_NOT_SUPPORTED		(-1)
#define TZ_SMC_INVALID_PARAM		(-3)
#define TZ_SMC_BUSY			(-4)
#define TZ_SMC_UNEXPECTED_RESUME	(-5)
/*
 * NEW for a service that runs one command at a time while another command
 * uses it; nothing changed.  Try again once some command has completed
 * (docs/protocol.md, section 9).
 */
#define TZ_SMC_SERVICE_BUSY		(-6)
/*
 * Not an error: a normal-world interrupt arrived while the command's
 * secure thread ran.  Nothing was written to normal-world memory; x1 is
 * the thread id, to be passed back in x6 of a RESUME once the interrupt
 * has been taken (docs/protocol.md, section 9).
 */
#define TZ_SMC_PREEMPTED		1

/*
 * ---- Trusted OS -> SPD (secure world only) --------------------------------
 * TZBSP runs at S-EL1 below TF-A's BL31.  Our SPD (secure/spd/tzbspd)
 * enters it at one of the entries of the vector table TZBSP hands over
 * in x1 of TZ_TOS_ENTRY_DONE, and TZBSP ends every entry with one of
 * these SMCs.  The SPD accepts them only from the secure world; from the
 * normal world they are unknown calls.  See docs/firmware.md.
 */
#define TZ_TOS_ENTRY_DONE		TZ_U(0xC200FD00)	/* x1 = vector table or 0 */
#define TZ_TOS_ON_DONE			TZ_U(0xC200FD01)
#define TZ_TOS_OFF_DONE			TZ_U(0xC200FD02)
#define TZ_TOS_SUSPEND_DONE		TZ_U(0xC200FD03)
#define TZ_TOS_RESUME_DONE		TZ_U(0xC200FD04)
#define TZ_TOS_CALL_DONE		TZ_U(0xC200FD05)	/* x1..x4 -> NS x0..x3 */
#define TZ_TOS_SYSTEM_OFF_DONE		TZ_U(0xC200FD06)
#define TZ_TOS_SYSTEM_RESET_DONE	TZ_U(0xC200FD07)

/* Byte offsets of the entries in TZBSP's vector table (one branch each). */
#define TZ_TOS_VEC_STD_CALL		TZ_U(0x00)	/* yielding SiP call */
#define TZ_TOS_VEC_FAST_CALL		TZ_U(0x04)	/* fast SiP call */
#define TZ_TOS_VEC_CPU_ON		TZ_U(0x08)
#define TZ_TOS_VEC_CPU_OFF		TZ_U(0x0c)
#define TZ_TOS_VEC_CPU_SUSPEND		TZ_U(0x10)
#define TZ_TOS_VEC_CPU_RESUME		TZ_U(0x14)
#define TZ_TOS_VEC_SYSTEM_OFF		TZ_U(0x18)
#define TZ_TOS_VEC_SYSTEM_RESET		TZ_U(0x1c)
#define TZ_TOS_VEC_SIZE			TZ_U(0x20)

/* ---- Shared buffers ------------------------------------------------------ */
#define TZCOM_SB_LEN			TZ_U(20480)	/* each of sb_in, sb_out, sb_log */

/* tzcom_command.cmd_type */
#define TZ_SCHED_CMD_NEW		TZ_U(1)
#define TZ_SCHED_CMD_PENDING		TZ_U(2)
/* Continue a thread that returned TZ_SMC_PREEMPTED; x6 = its thread id. */
#define TZ_SCHED_CMD_RESUME		TZ_U(3)

/* tzcom_response.cmd_status */
#define TZ_SCHED_STATUS_INCOMPLETE	TZ_U(0)
#define TZ_SCHED_STATUS_COMPLETE	TZ_U(1)

/* ---- Command ids: bits 31..16 name the trusted service ------------------- */
#define TZ_CMD_SVC(id)			((__u32)(id) >> 16)
#define TZ_CMD_ID(svc, cmd)		((((__u32)(svc)) << 16) | ((__u32)(cmd) & 0xffffU))

#define TZ_SVC_CORE			TZ_U(0)
#define TZ_SVC_TEST			TZ_U(1)
#define TZ_SVC_CRYPTO			TZ_U(2)
#define TZ_SVC_STORAGE			TZ_U(3)

/* Scheduler core (service 0). */
#define TZ_CORE_INIT_SB_OUT		TZ_CMD_ID(TZ_SVC_CORE, 1)
#define TZ_CORE_INIT_SB_LOG		TZ_CMD_ID(TZ_SVC_CORE, 2)
#define TZ_CORE_GET_INFO		TZ_CMD_ID(TZ_SVC_CORE, 3)
/* Our extension: forget sb_out and sb_log before the driver frees them. */
#define TZ_CORE_RELEASE_SB		TZ_CMD_ID(TZ_SVC_CORE, 4)
/*
 * Our extension: per-command trace level.  Payload {u32 id, u32 level}:
 * 0 = no per-command lines, 1 = lines into the sb_log ring only,
 * 2 = ring and secure UART (the live demo).  Errors are always logged.
 */
#define TZ_CORE_SET_TRACE		TZ_CMD_ID(TZ_SVC_CORE, 5)
#define TZ_TRACE_OFF			TZ_U(0)
#define TZ_TRACE_RING			TZ_U(1)
#define TZ_TRACE_UART			TZ_U(2)
/*
 * Sessions (docs/protocol.md, section 10), driver-only like the other core
 * commands.  OPEN: req {id, u32 svc} -> rsp {hdr, u32 session}; session is
 * an opaque nonzero id, -EOPNOTSUPP if the service keeps no sessions,
 * -ENOSYS no such service, -ENOSPC the service's TZ_SESSIONS_PER_SVC
 * sessions are all open.  CLOSE: req {id, u32 session} -> rsp {hdr};
 * -EBADF no such open session, -EBUSY a command runs in it.  CLOSE wipes
 * the session's state in the service before it answers.
 */
#define TZ_CORE_SESSION_OPEN		TZ_CMD_ID(TZ_SVC_CORE, 6)
#define TZ_CORE_SESSION_CLOSE		TZ_CMD_ID(TZ_SVC_CORE, 7)
#define TZ_SESSIONS_PER_SVC		TZ_U(32)

/*
 * Test service (service 1); payloads are described in docs/protocol.md.
 * All fields are little-endian u32 (s32 where noted); "data" is the rest.
 *
 * ECHO       req {id, data[n]}  -> rsp data[n] (the same bytes)
 * TRANSFORM  req {id, data[n]}  -> rsp out[i] = data[n-1-i] ^ TZ_TEST_TRANSFORM_XOR
 * CHAIN      req {id, count, count x {cb_cmd_id, len}}, count <= TZ_TEST_CHAIN_MAX
 *            For i = 0..count-1 the service calls back cb_cmd_id with
 *            len bytes p[j] = TZ_TEST_CHAIN_BYTE(i, j); the listener must
 *            answer len bytes p[j] ^ TZ_TEST_CHAIN_ANSWER_XOR.  Status
 *            -EBADMSG on the first wrong answer, the callback's error if
 *            one fails, else rsp {count, fnv1a32 over all answers in order}.
 * FORWARD    req {id, cb_cmd_id, data[n]} -> one callback cb_cmd_id with
 *            data; status 0 and rsp {s32 hlos_status, answer bytes}.
 */
#define TZ_TEST_ECHO			TZ_CMD_ID(TZ_SVC_TEST, 1)
#define TZ_TEST_TRANSFORM		TZ_CMD_ID(TZ_SVC_TEST, 2)
#define TZ_TEST_CHAIN			TZ_CMD_ID(TZ_SVC_TEST, 3)
#define TZ_TEST_FORWARD			TZ_CMD_ID(TZ_SVC_TEST, 4)
/*
 * SPIN   req {id, u32 ms}, ms <= TZ_TEST_SPIN_MAX_MS: busy-wait ms
 *        milliseconds of the generic timer inside the service (preemptible),
 *        rsp {u32 ms}.
 * FAULT  req {id, u32 kind}: fault on purpose (TZ_TEST_FAULT_*); the
 *        command ends with status -EFAULT, the service lives on.
 * PEEK   req {id, u32 addr_lo, u32 addr_hi}: read 8 bytes at a virtual
 *        address; rsp the 8 bytes if the service may read it, else the
 *        command ends with -EFAULT (an address outside its address space).
 */
#define TZ_TEST_SPIN			TZ_CMD_ID(TZ_SVC_TEST, 5)
#define TZ_TEST_FAULT			TZ_CMD_ID(TZ_SVC_TEST, 6)
#define TZ_TEST_PEEK			TZ_CMD_ID(TZ_SVC_TEST, 7)
/*
 * MEM_XOR      req {id, u32 xor, u32 len_lo, u32 len_hi}: memory argument 0
 *              (IN) and 1 (OUT), each at least len bytes; the service reads
 *              in[0..len) and writes out[i] = in[i] ^ (xor & 0xff) in
 *              pieces through its own buffer; rsp {u32 len_lo, u32 len_hi}.
 *              -EINVAL a memory argument is missing, too small or of the
 *              wrong direction.
 * SESSION_ADD  req {id, u32 add} in a session: the session's u64 counter
 *              += add (it starts at 0 when the session opens); rsp {u32
 *              lo, u32 hi} of the new value.  -EBADF without a session.
 */
#define TZ_TEST_MEM_XOR			TZ_CMD_ID(TZ_SVC_TEST, 8)
#define TZ_TEST_SESSION_ADD		TZ_CMD_ID(TZ_SVC_TEST, 9)
#define TZ_TEST_SPIN_MAX_MS		TZ_U(10000)
#define TZ_TEST_FAULT_UNMAPPED_STORE	TZ_U(0)	/* store to an unmapped address */
#define TZ_TEST_FAULT_UNDEF		TZ_U(1)	/* undefined instruction */
#define TZ_TEST_FAULT_EXEC_DATA		TZ_U(2)	/* jump into non-executable data */

#define TZ_TEST_TRANSFORM_XOR		TZ_U(0xA5)
#define TZ_TEST_CHAIN_MAX		TZ_U(64)
#define TZ_TEST_CHAIN_BYTE(i, j)	((__u8)((i) * 31U + (j) * 7U + 1U))
#define TZ_TEST_CHAIN_ANSWER_XOR	TZ_U(0xFF)
/* FNV-1a, 32 bit: h = INIT; for each byte b: h = (h ^ b) * PRIME. */
#define TZ_FNV1A32_INIT			TZ_U(0x811c9dc5)
#define TZ_FNV1A32_PRIME		TZ_U(0x01000193)

/* Crypto (service 2) and sealed storage (service 3). */
#define TZ_CRYPTO_SHA256		TZ_CMD_ID(TZ_SVC_CRYPTO, 1)
#define TZ_CRYPTO_HMAC_SHA256		TZ_CMD_ID(TZ_SVC_CRYPTO, 2)
#define TZ_STORAGE_PUT			TZ_CMD_ID(TZ_SVC_STORAGE, 1)
#define TZ_STORAGE_GET			TZ_CMD_ID(TZ_SVC_STORAGE, 2)
#define TZ_STORAGE_RM			TZ_CMD_ID(TZ_SVC_STORAGE, 3)
#define TZ_STORAGE_LIST			TZ_CMD_ID(TZ_SVC_STORAGE, 4)
/* Streaming commands in a session (tz_crypto.h, tz_storage.h). */
#define TZ_CRYPTO_INIT			TZ_CMD_ID(TZ_SVC_CRYPTO, 3)
#define TZ_CRYPTO_UPDATE		TZ_CMD_ID(TZ_SVC_CRYPTO, 4)
#define TZ_CRYPTO_FINAL			TZ_CMD_ID(TZ_SVC_CRYPTO, 5)
#define TZ_STORAGE_PUT_BEGIN		TZ_CMD_ID(TZ_SVC_STORAGE, 5)
#define TZ_STORAGE_PUT_DATA		TZ_CMD_ID(TZ_SVC_STORAGE, 6)
#define TZ_STORAGE_GET_BEGIN		TZ_CMD_ID(TZ_SVC_STORAGE, 7)
#define TZ_STORAGE_GET_DATA		TZ_CMD_ID(TZ_SVC_STORAGE, 8)

/*
 * Callback (secure -> normal world) command ids served by tzcomd.  Test
 * listeners use ids at or above TZ_HLOS_TEST_BASE.  svc_ids
 * TZ_HLOS_SYSTEM_SVC_FIRST..LAST and callback ids TZ_HLOS_SYSTEM_FIRST..LAST
 * belong to the system services: the driver lets only an fd of the
 * listener node (/dev/tzcompriv) register them (docs/driver.md,
 * "Privileges and memory").
 */
#define TZ_HLOS_SYSTEM_SVC_FIRST	TZ_U(0x100)
#define TZ_HLOS_SYSTEM_SVC_LAST		TZ_U(0x1FF)
#define TZ_HLOS_SYSTEM_FIRST		TZ_U(0x1000)
#define TZ_HLOS_SYSTEM_LAST		TZ_U(0x1FFF)
#define TZ_HLOS_STORAGE_SVC_ID		TZ_U(0x100)
#define TZ_HLOS_STORAGE_FIRST		TZ_U(0x1000)
#define TZ_HLOS_STORAGE_WRITE		TZ_U(0x1001)
#define TZ_HLOS_STORAGE_READ		TZ_U(0x1002)
#define TZ_HLOS_STORAGE_REMOVE		TZ_U(0x1003)
#define TZ_HLOS_STORAGE_LIST		TZ_U(0x1004)
/* A large object's staging file and ranged reads (hlos_storage.h). */
#define TZ_HLOS_STORAGE_WRITE_AT	TZ_U(0x1005)
#define TZ_HLOS_STORAGE_COMMIT		TZ_U(0x1006)
#define TZ_HLOS_STORAGE_READ_AT		TZ_U(0x1007)
#define TZ_HLOS_STORAGE_DISCARD		TZ_U(0x1008)
#define TZ_HLOS_STORAGE_LAST		TZ_U(0x10FF)
#define TZ_HLOS_TIME_SVC_ID		TZ_U(0x101)
#define TZ_HLOS_TIME_FIRST		TZ_U(0x1100)
#define TZ_HLOS_TIME_GET		TZ_U(0x1101)
#define TZ_HLOS_TIME_LAST		TZ_U(0x11FF)
#define TZ_HLOS_TEST_BASE		TZ_U(0x80000000)

/*
 * Service status codes travel as negative Linux errno values in both
 * directions, so both worlds agree on these numbers.
 */
#define TZ_EPERM			1
#define TZ_ENOENT			2
#define TZ_EIO				5
#define TZ_EBADF			9
#define TZ_ENOMEM			12
#define TZ_EFAULT			14
#define TZ_EBUSY			16
#define TZ_EINVAL			22
#define TZ_EFBIG			27
#define TZ_ENOSPC			28
#define TZ_EPIPE			32
#define TZ_ERANGE			34
#define TZ_ENAMETOOLONG			36
#define TZ_ENOSYS			38
#define TZ_EBADMSG			74
#define TZ_EMSGSIZE			90
#define TZ_EOPNOTSUPP			95
#define TZ_ECANCELED			125
#define TZ_ETIMEDOUT			110
/* Sealed storage's anti-rollback refusals (docs/crypto-storage.md). */
#define TZ_EINPROGRESS			115
#define TZ_ESTALE			116
#define TZ_EKEYEXPIRED			127

#ifndef __ASSEMBLER__

/* Request of the scheduler SMC (x2/x3), from the original tzcomi.h. */
struct tzcom_command {
	__u32 cmd_type;		/* TZ_SCHED_CMD_NEW or _PENDING */
	__u32 sb_in_cmd_addr;	/* NEW: phys of the command in sb_in */
	__u32 sb_in_cmd_len;	/* NEW: its length; PENDING: ignored */
};

/*
 * Memory argument of a NEW given with struct tzcom_command_ext: a range of
 * normal-world pages named by a page list (docs/protocol.md, section 10).
 * The page list is a chain of 4 KiB NS pages, each holding
 * TZ_PAGE_LIST_ENTRIES u64 physical addresses of data pages in order,
 * then in its last u64 the physical address of the next list page (0 at
 * the end).  The argument is bytes [offset, offset + size) of the
 * concatenated npages data pages.  Every list and data page must be a
 * 4 KiB-aligned page of NS DRAM; the secure world checks each one when it
 * uses it.
 */
#define TZ_PAGE_SIZE			TZ_U(4096)
#define TZ_PAGE_LIST_ENTRIES		TZ_U(511)
#define TZ_MEM_IN			TZ_U(0x1)	/* the service may read */
#define TZ_MEM_OUT			TZ_U(0x2)	/* the service may write */
#define TZ_MEM_MAX_ARGS			TZ_U(4)
#define TZ_MEM_MAX_PAGES		TZ_U(16384)	/* 64 MiB */

struct tzcom_mem_desc {
	__u32 flags;		/* TZ_MEM_IN | TZ_MEM_OUT; 0 = no argument */
	__u32 npages;		/* 1..TZ_MEM_MAX_PAGES */
	__u32 list_pa_lo;	/* first page-list page */
	__u32 list_pa_hi;
	__u32 offset_lo;	/* into the data pages */
	__u32 offset_hi;
	__u32 size_lo;		/* >= 1, offset + size <= npages * 4096 */
	__u32 size_hi;
};

/*
 * A NEW with a session or memory arguments: x2 points at this struct and
 * x3 = sizeof(struct tzcom_command_ext); cmd_type is TZ_SCHED_CMD_NEW and
 * the first three fields are those of struct tzcom_command.  session is 0
 * or an id from TZ_CORE_SESSION_OPEN of the command's service; mem[i]
 * with flags 0 is absent, and mem[num_mem..] must all be absent.
 */
struct tzcom_command_ext {
	__u32 cmd_type;
	__u32 sb_in_cmd_addr;
	__u32 sb_in_cmd_len;
	__u32 session;
	__u32 num_mem;		/* 0..TZ_MEM_MAX_ARGS */
	__u32 reserved;		/* 0 */
	struct tzcom_mem_desc mem[TZ_MEM_MAX_ARGS];
};

/*
 * Response of the scheduler SMC (x4/x5).  The driver fills
 * sb_in_rsp_addr/len with the space it offers (sb_in + cmd_len, caller's
 * resp_len); on COMPLETE the secure world rewrites them with the real
 * address and length of the response it wrote.
 */
struct tzcom_response {
	__u32 cmd_status;	/* TZ_SCHED_STATUS_* */
	__u32 sb_in_rsp_addr;
	__u32 sb_in_rsp_len;
};

/* INIT_SB_OUT / INIT_SB_LOG payload in sb_in, and its response. */
struct tz_pr_init_sb_req_s {
	__u32 pr_cmd;		/* TZ_CORE_INIT_SB_OUT, _INIT_SB_LOG or _RELEASE_SB */
	__u32 sb_ptr;		/* phys, NS DRAM */
	__u32 sb_len;		/* TZCOM_SB_LEN */
};

struct tz_pr_init_sb_rsp_s {
	__u32 pr_cmd;
	__s32 ret;		/* 0 or -errno */
};

/*
 * Every command payload starts with its command id, and every response
 * payload starts with this header: the id echoed back and the service's
 * own status (0 or -errno), kept apart from the transport status in x0.
 * tz_pr_init_sb_rsp_s has the same shape.
 */
struct tzcom_svc_rsp_hdr {
	__u32 cmd_id;
	__s32 status;
};

/* Callback written by the secure world at sb_out + 0. */
struct tzcom_callback {
	__u32 cmd_id;
	__u32 sb_out_cb_data_len;
	__u32 sb_out_cb_data_off;	/* from sb_out start, >= 12 */
};

/* The driver's answer, written at sb_out + 0 before resuming (PENDING). */
struct tzcom_callback_rsp {
	__u32 cmd_id;		/* echoes tzcom_callback.cmd_id */
	__s32 status;		/* 0 if a listener answered, else -errno */
	__u32 data_len;
	__u32 data_off;		/* from sb_out start, >= 16 */
};

#define TZCOM_CB_DATA_OFF	TZ_U(12)	/* where the secure world puts data */
#define TZCOM_CB_RSP_DATA_OFF	TZ_U(16)	/* where the driver puts answers */
#define TZCOM_CB_MAX_DATA	(TZCOM_SB_LEN - TZCOM_CB_DATA_OFF)
#define TZCOM_CB_RSP_MAX_DATA	(TZCOM_SB_LEN - TZCOM_CB_RSP_DATA_OFF)

/* GET_INFO response (after the tzcom_svc_rsp_hdr). */
struct tzcom_core_info {
	__u32 version_major;
	__u32 version_minor;
	__u32 services;		/* bitmap: bit n set if service n is up */
	__u32 commands_done;	/* NEW commands completed since boot */
	__u32 callbacks_done;	/* callbacks answered since boot */
	__u32 sb_out_ready;	/* 1 once INIT_SB_OUT succeeded */
	__u32 sb_log_ready;
	__u32 ns_dram_base_lo;	/* NS DRAM the firmware accepts */
	__u32 ns_dram_base_hi;
	__u32 ns_dram_size_lo;
	__u32 ns_dram_size_hi;
	__u32 threads;		/* secure thread contexts (TZ_THREADS) */
};

/*
 * TZ debug log ring in sb_log.  The secure world appends bytes at
 * data[head % size] and then advances head (free-running, wraps at 2^32).
 * A reader shows the last min(head, size) bytes.
 */
#define TZCOM_LOG_MAGIC		TZ_U(0x474c5a54)	/* "TZLG" */
struct tzcom_log_ring {
	__u32 magic;
	__u32 size;		/* bytes of data[] */
	__u32 head;
	__u32 reserved;
	/* __u8 data[size] follows */
};

_Static_assert(sizeof(struct tzcom_command) == 12, "tzcom_command layout");
_Static_assert(sizeof(struct tzcom_response) == 12, "tzcom_response layout");
_Static_assert(sizeof(struct tzcom_mem_desc) == 32, "tzcom_mem_desc layout");
_Static_assert(sizeof(struct tzcom_command_ext) == 24 + 4 * 32, "tzcom_command_ext layout");
_Static_assert(sizeof(struct tz_pr_init_sb_req_s) == 12, "init_sb_req layout");
_Static_assert(sizeof(struct tz_pr_init_sb_rsp_s) == 8, "init_sb_rsp layout");
_Static_assert(sizeof(struct tzcom_svc_rsp_hdr) == 8, "svc_rsp_hdr layout");
_Static_assert(sizeof(struct tzcom_callback) == TZCOM_CB_DATA_OFF, "callback layout");
_Static_assert(sizeof(struct tzcom_callback_rsp) == TZCOM_CB_RSP_DATA_OFF,
	       "callback_rsp layout");
_Static_assert(sizeof(struct tzcom_core_info) == 48, "core_info layout");
_Static_assert(sizeof(struct tzcom_log_ring) == 16, "log ring layout");

#endif /* __ASSEMBLER__ */
#endif /* TZCOM_TZSCHED_H */
