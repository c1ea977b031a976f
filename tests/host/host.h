/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host test harness: fake NS DRAM and a scripted fake normal world that
 * drives tzsched_smc() the way the Linux driver does (in the spirit of
 * Zephyr's OP-TEE tests against a fake SMC).
 */
#ifndef TZ_HOST_HOST_H
#define TZ_HOST_HOST_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tzcom/tzsched.h>

/* Fake NS DRAM: 1 MiB at the real board's NS DRAM base. */
#define HOST_DRAM_BASE	0x40000000ULL
#define HOST_DRAM_SIZE	0x100000ULL

/* Where the fake driver keeps its structs and shared buffers. */
#define NW_REQ_PA	(HOST_DRAM_BASE + 0x0000)	/* struct tzcom_command */
#define NW_RSP_PA	(HOST_DRAM_BASE + 0x0100)	/* struct tzcom_response */
#define NW_SB_IN_PA	(HOST_DRAM_BASE + 0x1000)
#define NW_SB_OUT_PA	(HOST_DRAM_BASE + 0x7000)
#define NW_SB_LOG_PA	(HOST_DRAM_BASE + 0xd000)
#define NW_FREE_PA	(HOST_DRAM_BASE + 0x20000)	/* tests' own use */

/* host_shim.c */
void host_dram_init(void);
void host_log_clear(void);
bool host_log_has(const char *needle);
const char *host_log_get(void);

/* fake_nw.c */
void *nw_ptr(uint64_t pa);

/* Fresh DRAM, scheduler init (once per process), INIT_SB_OUT, INIT_SB_LOG. */
void nw_boot(void);

/*
 * Raw scheduler SMC (x1..x5); x6/x7 are nw_x6/nw_x7 for a NEW, and nw_tid
 * for anything else, as the driver passes them.
 */
int64_t nw_smc(uint64_t arginfo, uint64_t req_pa, uint64_t req_len,
	       uint64_t rsp_pa, uint64_t rsp_len);

/*
 * NEW with cmd copied to sb_in and the response area offered at
 * sb_in + cmd_len, resp_len bytes; the structs at NW_REQ_PA/NW_RSP_PA.
 */
int64_t nw_new(const void *cmd, uint32_t cmd_len, uint32_t resp_len);
/*
 * x6/x7 of the next NEW (0/0: sb_out), and the thread id of the latest
 * INCOMPLETE or PREEMPTED return, which nw_pending()/nw_resume() pass.
 */
extern uint64_t nw_x6, nw_x7;
extern uint64_t nw_tid;

/*
 * If set, every NEW goes as this struct tzcom_command_ext (its session
 * and memory arguments; the first three fields are filled in), x3 =
 * its size; NULL: the 12-byte struct tzcom_command.
 */
extern const struct tzcom_command_ext *nw_ext;

/* PENDING (RESUME) for nw_tid with the structs at NW_REQ_PA/NW_RSP_PA. */
int64_t nw_pending(void);
int64_t nw_resume(void);
/* The tzcom_response the secure world wrote at NW_RSP_PA. */
struct tzcom_response nw_response(void);
/* The callback header at sb_out. */
struct tzcom_callback nw_callback(void);
/* Write the driver's answer at sb_out: header, data at sb_out + 16. */
void nw_answer(uint32_t cmd_id, int32_t status, const void *data, uint32_t len);

/*
 * A listener: answers callback cmd_id/req with status (returned) and
 * *ans_len bytes in ans (room for TZCOM_CB_RSP_MAX_DATA).
 */
typedef int32_t (*nw_listener_fn)(void *arg, uint32_t cmd_id, const uint8_t *req,
				  uint32_t req_len, uint8_t *ans, uint32_t *ans_len);

struct nw_result {
	int64_t x0;		/* first non-zero transport status, or 0 */
	int32_t status;		/* service status from tzcom_svc_rsp_hdr */
	uint32_t cmd_id;	/* echoed id */
	uint32_t len;		/* response data bytes after the header */
	unsigned int callbacks;
	bool malformed;		/* the secure world broke the protocol */
	uint8_t data[TZCOM_SB_LEN];
};

/*
 * The driver's loop: NEW, then route callbacks to fn and PENDING until
 * COMPLETE, checking every header the secure world writes as the driver
 * would.  resp_len is the response area offered.
 */
void nw_call(const void *cmd, uint32_t cmd_len, uint32_t resp_len,
	     nw_listener_fn fn, void *arg, struct nw_result *res);

/* Convenience: build {id, data} and nw_call() it with the full sb_in. */
void nw_call_id(uint32_t id, const void *data, uint32_t len, nw_listener_fn fn,
		void *arg, struct nw_result *res);

/* The standard test listener: every byte XOR 0xFF (CHAIN's rule). */
int32_t nw_listener_xor(void *arg, uint32_t cmd_id, const uint8_t *req,
			uint32_t req_len, uint8_t *ans, uint32_t *ans_len);

uint32_t nw_get_u32(const void *p);
void nw_put_u32(void *p, uint32_t v);

#endif
