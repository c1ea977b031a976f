// SPDX-License-Identifier: BSD-3-Clause
/*
 * Crypto (service 2) and sealed storage (service 3) as the normal world
 * sees them, on the raw ioctl ABI with the payloads of tz_crypto.h and
 * tz_storage.h:
 *  - the caller's FP/SIMD registers survive SMCs that run mbedTLS (SMCCC
 *    requires it; the firmware's crypto code uses the SIMD registers);
 *  - tzcomd's files hold only ciphertext, with a fresh nonce per PUT;
 *  - a blob tampered with, truncated, renamed or swapped on disk gives
 *    -EBADMSG and no data.
 * Needs tzcomd serving TZCOM_STORE_DIR (default /var/lib/tzcom).
 */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include <tzcom/tz_crypto.h>
#include <tzcom/tz_storage.h>

#include "tap.h"
#include "tzt.h"

static const char *store_dir = "/var/lib/tzcom";
static uint8_t cmd[TZCOM_SB_LEN], rsp[TZCOM_SB_LEN];

/* One storage command; returns the ioctl result, *status the service's. */
static int storage(int fd, uint32_t id, const char *name, const void *data,
		   uint32_t len, int32_t *status, uint32_t *rsp_len)
{
	struct tz_storage_req h = {
		.cmd_id = id, .name_len = (uint32_t)strlen(name), .data_len = len,
	};
	uint32_t cmd_len = (uint32_t)sizeof(h) + h.name_len + len;
	int ret;

	memcpy(cmd, &h, sizeof(h));
	memcpy(cmd + sizeof(h), name, h.name_len);
	if (len)
		memcpy(cmd + sizeof(h) + h.name_len, data, len);
	*rsp_len = TZCOM_SB_LEN - cmd_len;
	memset(rsp, 0xee, *rsp_len);
	ret = tzt_send(fd, cmd, cmd_len, rsp, rsp_len);
	*status = ret || *rsp_len < 8 ? 1 : (int32_t)tzt_get32(rsp + 4);
	return ret;
}

static int get_status(int fd, const char *name, uint32_t *rsp_len)
{
	int32_t st;

	if (storage(fd, TZ_STORAGE_GET, name, NULL, 0, &st, rsp_len))
		return 1;
	return st;
}

static ssize_t read_file(const char *name, uint8_t *buf, size_t cap)
{
	char path[256];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", store_dir, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	n = read(fd, buf, cap);
	close(fd);
	return n;
}

static int write_file(const char *name, const uint8_t *buf, size_t len)
{
	char path[256];
	ssize_t n;
	int fd;

	struct stat dir;

	snprintf(path, sizeof(path), "%s/%s", store_dir, name);
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		return -1;
	n = write(fd, buf, len);
	/* tzcomd runs as the store's owner (--user): the file must be its. */
	if (stat(store_dir, &dir) || fchown(fd, dir.st_uid, dir.st_gid))
		n = -1;
	close(fd);
	return n == (ssize_t)len ? 0 : -1;
}

#ifdef __aarch64__
/*
 * SEND_CMD through a raw svc, so that nothing in libc touches the SIMD
 * registers between setting and checking them.
 */
static int fpsimd_survives(int fd, const void *c, uint32_t c_len, uint32_t r_len)
{
	const uint64_t in[4] = {
		0x0123456789abcdefULL, 0xfedcba9876543210ULL,
		0x5555aaaa5555aaaaULL, 0xdeadbeefcafef00dULL,
	};
	uint64_t out[4];
	struct tzcom_send_cmd_op_req r = {
		.cmd_len = c_len, .cmd_buf = (void *)c, .resp_len = r_len, .resp_buf = rsp,
	};
	register long x0 __asm__("x0") = fd;
	register long x1 __asm__("x1") = (long)TZCOM_IOCTL_SEND_CMD_REQ;
	register long x2 __asm__("x2") = (long)&r;
	register long x8 __asm__("x8") = SYS_ioctl;

	__asm__ volatile("fmov d0, %0\n\tfmov d8, %1\n\tfmov d16, %2\n\tfmov d31, %3"
			 :: "r"(in[0]), "r"(in[1]), "r"(in[2]), "r"(in[3])
			 : "v0", "v8", "v16", "v31");
	__asm__ volatile("svc #0" : "+r"(x0) : "r"(x1), "r"(x2), "r"(x8) : "memory");
	__asm__ volatile("fmov %0, d0\n\tfmov %1, d8\n\tfmov %2, d16\n\tfmov %3, d31"
			 : "=r"(out[0]), "=r"(out[1]), "=r"(out[2]), "=r"(out[3]));
	return x0 == 0 && r.resp_len >= 8 && tzt_get32(rsp + 4) == 0 &&
	       !memcmp(in, out, sizeof(in));
}

static void test_fpsimd(int fd)
{
	struct tz_crypto_req h = { .cmd_id = TZ_CRYPTO_SHA256, .data_len = 4096 };
	struct tz_storage_req s = { .cmd_id = TZ_STORAGE_PUT, .name_len = 9,
				    .data_len = 2048 };
	int ok = 1;

	for (int i = 0; i < 20; i++) {
		h.cmd_id = (i & 1) ? TZ_CRYPTO_HMAC_SHA256 : TZ_CRYPTO_SHA256;
		memcpy(cmd, &h, sizeof(h));
		ok &= fpsimd_survives(fd, cmd, 8 + 4096, TZ_CRYPTO_RSP_LEN);
	}
	tap_ok(ok, "SIMD registers survive 20 SHA-256/HMAC commands");
	ok = 1;
	for (int i = 0; i < 5; i++) {
		memcpy(cmd, &s, sizeof(s));
		memcpy(cmd + sizeof(s), "t_crypto.", 9);
		ok &= fpsimd_survives(fd, cmd, sizeof(s) + 9 + 2048, 8);
	}
	tap_ok(ok, "SIMD registers survive sealed PUTs (with a callback to tzcomd)");
}
#else
static void test_fpsimd(int fd)
{
	(void)fd;
	tap_skip(2, "SIMD register check is aarch64 only");
}
#endif

static void test_disk(int fd)
{
	static const char secret[] = "t_crypto: nobody outside the secure world reads this";
	static uint8_t blob1[512], blob2[512], other[512];
	uint32_t rl;
	int32_t st;
	ssize_t n1, n2, n3;
	int found = 0;

	tap_err(storage(fd, TZ_STORAGE_PUT, "t_crypto.a", secret, sizeof(secret), &st, &rl)
		|| st, 0, "PUT t_crypto.a");
	n1 = read_file("t_crypto.a", blob1, sizeof(blob1));
	tap_is(n1, (long long)sizeof(secret) + TZ_STORAGE_BLOB_OVERHEAD,
	       "tzcomd's file is the blob: object + 56 bytes");
	for (ssize_t i = 0; i + 8 <= n1; i++)
		found |= !memcmp(blob1 + i, "nobody o", 8);
	tap_ok(!found, "the file does not contain the plaintext");
	tap_is(n1 >= 4 ? tzt_get32(blob1) : 0, TZ_STORAGE_BLOB_MAGIC, "blob magic \"TZSB\"");

	tap_err(storage(fd, TZ_STORAGE_PUT, "t_crypto.a", secret, sizeof(secret), &st, &rl)
		|| st, 0, "PUT the same object again");
	n2 = read_file("t_crypto.a", blob2, sizeof(blob2));
	tap_ok(n2 == n1 && memcmp(blob1 + 8, blob2 + 8, TZ_STORAGE_NONCE_LEN) &&
	       memcmp(blob1, blob2, (size_t)n1), "a fresh nonce and ciphertext each time");

	tap_err(get_status(fd, "t_crypto.a", &rl), 0, "GET reads it back");
	tap_ok(rl == 8 + 4 + sizeof(secret) && !memcmp(rsp + 12, secret, sizeof(secret)),
	       "... the same bytes");

	/* On-disk attacks, each restored afterwards. */
	blob2[40] ^= 0x10;
	write_file("t_crypto.a", blob2, (size_t)n2);
	tap_err(get_status(fd, "t_crypto.a", &rl), -EBADMSG, "flipped ciphertext bit: -EBADMSG");
	tap_is(rl, 8, "... and the response is the bare header");
	blob2[40] ^= 0x10;
	blob2[5] ^= 0x01;
	write_file("t_crypto.a", blob2, (size_t)n2);
	tap_err(get_status(fd, "t_crypto.a", &rl), -EBADMSG, "changed header: -EBADMSG");
	blob2[5] ^= 0x01;
	write_file("t_crypto.a", blob2, (size_t)n2 - 1);
	tap_err(get_status(fd, "t_crypto.a", &rl), -EBADMSG, "truncated blob: -EBADMSG");
	write_file("t_crypto.a", blob2, (size_t)n2);
	write_file("t_crypto.b", blob2, (size_t)n2);
	tap_err(get_status(fd, "t_crypto.b", &rl), -EBADMSG,
		"the blob copied under another name: -EBADMSG");
	tap_err(storage(fd, TZ_STORAGE_PUT, "t_crypto.b", "other", 5, &st, &rl) || st, 0,
		"PUT t_crypto.b");
	n3 = read_file("t_crypto.b", other, sizeof(other));
	write_file("t_crypto.a", other, (size_t)n3);
	tap_err(get_status(fd, "t_crypto.a", &rl), -EBADMSG, "two blobs swapped: -EBADMSG");
	write_file("t_crypto.a", blob2, (size_t)n2);
	tap_err(get_status(fd, "t_crypto.a", &rl), 0, "the untouched blob still opens");

	storage(fd, TZ_STORAGE_RM, "t_crypto.a", NULL, 0, &st, &rl);
	storage(fd, TZ_STORAGE_RM, "t_crypto.b", NULL, 0, &st, &rl);
	storage(fd, TZ_STORAGE_RM, "t_crypto.", NULL, 0, &st, &rl);
}

int main(void)
{
	const char *dir = getenv("TZCOM_STORE_DIR");
	struct stat sb;
	int fd;

	if (dir)
		store_dir = dir;
	tap_plan(18);
	fd = tzt_open();
	test_fpsimd(fd);
	if (stat(store_dir, &sb) || !S_ISDIR(sb.st_mode))
		tap_bail("no tzcomd store at %s", store_dir);
	test_disk(fd);
	close(fd);
	return tap_done();
}
