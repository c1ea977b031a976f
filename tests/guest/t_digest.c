// SPDX-License-Identifier: BSD-3-Clause
/*
 * Streaming SHA-256 and HMAC-SHA256 of any length (docs/crypto-storage.md,
 * "Streaming"), through libtzcom (tzcom_digest_*) and the tzcom CLI:
 *  - SHA-256 of files from 0 B to 64 MiB equals the guest's own sha256sum;
 *  - HMAC-SHA256 under a known key equals an HMAC computed here by a
 *    reference SHA-256 (FIPS 180-4) and HMAC (RFC 2104), itself checked
 *    first against the FIPS and RFC 4231 vectors;
 *  - under the device key, streaming equals the one-shot
 *    tzcom_hmac_sha256() where that fits;
 *  - a 64 MiB file through stdin; updates of every size class (inline and
 *    registered); the secure side's state errors on the raw INVOKE.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <libtzcom.h>
#include <tzcom/tz_crypto.h>

#include "tap.h"

#define TZCOM	"/usr/bin/tzcom"
#define DIR	"/tmp/t_digest"

/* ---- Reference SHA-256 (FIPS 180-4) and HMAC (RFC 2104) ---- */

struct ref_sha {
	uint32_t h[8];
	uint64_t len;
	uint8_t blk[64];
	size_t fill;
};

static const uint32_t K[64] = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
	0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
	0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
	0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
	0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
	0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
	0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
	0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
	0xc67178f2,
};

static uint32_t ror(uint32_t x, unsigned int n)
{
	return x >> n | x << (32 - n);
}

static void ref_block(struct ref_sha *s, const uint8_t *p)
{
	uint32_t w[64], a, b, c, d, e, f, g, h, t1, t2;
	int i;

	for (i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (i = 16; i < 64; i++)
		w[i] = (ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10)) + w[i - 7] +
		       (ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3)) + w[i - 16];
	a = s->h[0]; b = s->h[1]; c = s->h[2]; d = s->h[3];
	e = s->h[4]; f = s->h[5]; g = s->h[6]; h = s->h[7];
	for (i = 0; i < 64; i++) {
		t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
		t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
		h = g; g = f; f = e; e = d + t1;
		d = c; c = b; b = a; a = t1 + t2;
	}
	s->h[0] += a; s->h[1] += b; s->h[2] += c; s->h[3] += d;
	s->h[4] += e; s->h[5] += f; s->h[6] += g; s->h[7] += h;
}

static void ref_init(struct ref_sha *s)
{
	static const uint32_t iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};

	memcpy(s->h, iv, sizeof(iv));
	s->len = 0;
	s->fill = 0;
}

static void ref_update(struct ref_sha *s, const void *data, size_t n)
{
	const uint8_t *p = data;

	s->len += n;
	while (n) {
		size_t k = 64 - s->fill < n ? 64 - s->fill : n;

		memcpy(s->blk + s->fill, p, k);
		s->fill += k;
		p += k;
		n -= k;
		if (s->fill == 64) {
			ref_block(s, s->blk);
			s->fill = 0;
		}
	}
}

static void ref_final(struct ref_sha *s, uint8_t out[32])
{
	uint64_t bits = s->len * 8;
	uint8_t pad = 0x80, z = 0, l[8];
	int i;

	ref_update(s, &pad, 1);
	while (s->fill != 56)
		ref_update(s, &z, 1);
	for (i = 0; i < 8; i++)
		l[i] = (uint8_t)(bits >> (56 - 8 * i));
	ref_update(s, l, 8);
	for (i = 0; i < 32; i++)
		out[i] = (uint8_t)(s->h[i / 4] >> (24 - 8 * (i % 4)));
}

struct ref_hmac {
	struct ref_sha in, out;
};

static void ref_hmac_init(struct ref_hmac *m, const uint8_t *key, size_t key_len)
{
	uint8_t k[64] = { 0 }, pad[64];
	int i;

	if (key_len > 64) {
		ref_init(&m->in);
		ref_update(&m->in, key, key_len);
		ref_final(&m->in, k);
	} else {
		memcpy(k, key, key_len);
	}
	ref_init(&m->in);
	ref_init(&m->out);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x36;
	ref_update(&m->in, pad, 64);
	for (i = 0; i < 64; i++)
		pad[i] = k[i] ^ 0x5c;
	ref_update(&m->out, pad, 64);
}

static void ref_hmac_final(struct ref_hmac *m, uint8_t out[32])
{
	uint8_t ih[32];

	ref_final(&m->in, ih);
	ref_update(&m->out, ih, 32);
	ref_final(&m->out, out);
}

static void unhex(const char *hex, uint8_t *out)
{
	for (size_t i = 0; hex[2 * i]; i++) {
		unsigned int v;

		if (sscanf(hex + 2 * i, "%2x", &v) != 1)
			abort();
		out[i] = (uint8_t)v;
	}
}

static void tohex(const uint8_t d[32], char out[65])
{
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

static void check_ref(void)
{
	static const char d7[] =
		"This is a test using a larger than block-size key and a larger "
		"than block-size data. The key needs to be hashed before being "
		"used by the HMAC algorithm.";
	struct ref_sha s;
	struct ref_hmac m;
	uint8_t d[32], e[32], key[131];

	ref_init(&s);
	ref_update(&s, "abc", 3);
	ref_final(&s, d);
	unhex("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", e);
	tap_ok(!memcmp(d, e, 32), "reference SHA-256: FIPS 180-4 \"abc\"");
	ref_init(&s);
	ref_final(&s, d);
	unhex("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", e);
	tap_ok(!memcmp(d, e, 32), "reference SHA-256: empty message");
	memset(key, 0x0b, 20);
	ref_hmac_init(&m, key, 20);
	ref_update(&m.in, "Hi There", 8);
	ref_hmac_final(&m, d);
	unhex("b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7", e);
	tap_ok(!memcmp(d, e, 32), "reference HMAC: RFC 4231 case 1");
	ref_hmac_init(&m, (const uint8_t *)"Jefe", 4);
	ref_update(&m.in, "what do ya want for nothing?", 28);
	ref_hmac_final(&m, d);
	unhex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", e);
	tap_ok(!memcmp(d, e, 32), "reference HMAC: RFC 4231 case 2");
	memset(key, 0xaa, sizeof(key));
	ref_hmac_init(&m, key, 131);
	ref_update(&m.in, d7, sizeof(d7) - 1);
	ref_hmac_final(&m, d);
	unhex("9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2", e);
	tap_ok(!memcmp(d, e, 32), "reference HMAC: RFC 4231 case 7 (131-byte key)");
}

/* ---- Files and commands ---- */

static uint32_t rng = 0x2545f491;

static void gen(uint8_t *p, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		rng ^= rng << 13;
		rng ^= rng >> 17;
		rng ^= rng << 5;
		p[i] = (uint8_t)rng;
	}
}

static const uint8_t hkey[] = "t_digest known key, 37 bytes long!!!";
#define HKEY_LEN	(sizeof(hkey) - 1)
#define HKEY_HEX_LEN	(2 * HKEY_LEN)

/* Write a file of len pseudo-random bytes; ref gets its known-key HMAC. */
static int make_file(const char *path, size_t len, uint8_t hmac[32])
{
	static uint8_t buf[1 << 16];
	struct ref_hmac m;
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0)
		return -errno;
	ref_hmac_init(&m, hkey, HKEY_LEN);
	while (len) {
		size_t n = len < sizeof(buf) ? len : sizeof(buf);

		gen(buf, n);
		ref_update(&m.in, buf, n);
		if (write(fd, buf, n) != (ssize_t)n) {
			close(fd);
			return -EIO;
		}
		len -= n;
	}
	ref_hmac_final(&m, hmac);
	return close(fd) ? -errno : 0;
}

/* Run sh -c cmd; the first 64 hex digits of its stdout go to hex. */
static int sh_hex(const char *cmd, char hex[65])
{
	char out[256];
	size_t got = 0;
	FILE *f = popen(cmd, "r");
	int st;

	hex[0] = '\0';
	if (!f)
		return -1;
	got = fread(out, 1, sizeof(out) - 1, f);
	out[got] = '\0';
	st = pclose(f);
	if (got < 64 || !WIFEXITED(st) || WEXITSTATUS(st))
		return -1;
	memcpy(hex, out, 64);
	hex[64] = '\0';
	return 0;
}

static int lib_fd(struct tzcom *h, uint32_t alg, const void *key, size_t key_len,
		  const char *path, char hex[65])
{
	uint8_t d[32];
	int fd = open(path, O_RDONLY), ret;

	if (fd < 0)
		return -errno;
	ret = tzcom_digest_fd(h, alg, key, key_len, fd, d);
	close(fd);
	if (!ret)
		tohex(d, hex);
	return ret;
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

static char key_hex[HKEY_HEX_LEN + 1];

/* SHA-256 and the known-key HMAC of one file, each three ways. */
static void check_file(struct tzcom *h, size_t len)
{
	char path[64], cmd[256], want[65], got[65], ref_hex[65];
	uint8_t ref[32];
	double t0 = now();
	int ret;

	snprintf(path, sizeof(path), DIR "/f%zu", len);
	if (make_file(path, len, ref)) {
		tap_bail("cannot write %s", path);
		return;
	}
	tohex(ref, ref_hex);
	snprintf(cmd, sizeof(cmd), "sha256sum %s", path);
	if (sh_hex(cmd, want))
		tap_bail("sha256sum %s failed", path);

	ret = lib_fd(h, TZCOM_DIGEST_SHA256, NULL, 0, path, got);
	tap_ok(!ret && !strcmp(got, want), "%zu B: tzcom_digest_fd SHA-256 == sha256sum (%d)",
	       len, ret);
	snprintf(cmd, sizeof(cmd), TZCOM " sha256 %s", path);
	tap_ok(!sh_hex(cmd, got) && !strcmp(got, want), "%zu B: tzcom sha256 FILE == sha256sum",
	       len);

	ret = lib_fd(h, TZCOM_DIGEST_HMAC_KEY, hkey, HKEY_LEN, path, got);
	tap_ok(!ret && !strcmp(got, ref_hex), "%zu B: tzcom_digest_fd HMAC == reference (%d)",
	       len, ret);
	snprintf(cmd, sizeof(cmd), TZCOM " hmac --key-hex %s %s", key_hex, path);
	tap_ok(!sh_hex(cmd, got) && !strcmp(got, ref_hex),
	       "%zu B: tzcom hmac --key-hex FILE == reference", len);
	if (len >= (64u << 20)) {
		/* The largest only once more: through a pipe, as stdin. */
		snprintf(cmd, sizeof(cmd), "cat %s | " TZCOM " sha256", path);
		tap_ok(!sh_hex(cmd, got) && !strcmp(got, want),
		       "%zu B: cat FILE | tzcom sha256 == sha256sum", len);
	}
	tap_diag("%zu B: %.1f s", len, now() - t0);
	unlink(path);
}

/* tzcom_digest_update in pieces of every size class equals one pass. */
static void check_pieces(struct tzcom *h)
{
	static const size_t cuts[] = { 1, 20463, 20464, 20465, 1 << 20, (1 << 20) + 1, 3 };
	size_t total = 0, off = 0;
	struct tzcom_digest *d;
	struct ref_hmac m;
	uint8_t *buf, got[32], ref[32];
	int ret = 0;

	for (size_t i = 0; i < sizeof(cuts) / sizeof(cuts[0]); i++)
		total += cuts[i];
	buf = malloc(total);
	if (!buf)
		tap_bail("malloc");
	gen(buf, total);
	ref_hmac_init(&m, (const uint8_t *)"k", 1);
	ref_update(&m.in, buf, total);
	ref_hmac_final(&m, ref);
	ret = tzcom_digest_init(h, TZCOM_DIGEST_HMAC_KEY, "k", 1, &d);
	for (size_t i = 0; !ret && i < sizeof(cuts) / sizeof(cuts[0]); i++) {
		ret = tzcom_digest_update(d, buf + off, cuts[i]);
		off += cuts[i];
	}
	if (!ret)
		ret = tzcom_digest_final(d, got);
	else
		tzcom_digest_free(d);
	tap_ok(!ret && !memcmp(got, ref, 32),
	       "updates of 1, 20463..20465, 1 MiB, 1 MiB + 1, 3 B == reference HMAC (%d)", ret);
	free(buf);
}

/* Under the device key: streaming == one-shot where one-shot fits. */
static void check_device(struct tzcom *h)
{
	static const size_t lens[] = { 0, 1, 64, 20431, TZCOM_CRYPTO_MAX_INPUT };
	static uint8_t buf[TZCOM_CRYPTO_MAX_INPUT];
	uint8_t one[32], got[32];
	char path[] = DIR "/dev", cmd[128], hex[65], one_hex[65];

	gen(buf, sizeof(buf));
	for (size_t i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		struct tzcom_digest *d;
		int ret = tzcom_hmac_sha256(h, buf, lens[i], one);

		if (!ret)
			ret = tzcom_digest_init(h, TZCOM_DIGEST_HMAC_DEVICE, NULL, 0, &d);
		if (!ret && lens[i])
			ret = tzcom_digest_update(d, buf, 1);
		if (!ret && lens[i] > 1)
			ret = tzcom_digest_update(d, buf + 1, lens[i] - 1);
		if (!ret)
			ret = tzcom_digest_final(d, got);
		tap_ok(!ret && !memcmp(one, got, 32),
		       "device key, %zu B: streamed == tzcom_hmac_sha256() (%d)", lens[i], ret);
	}
	/* And through the CLI (no key option: the device key). */
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	if (fd < 0 || write(fd, buf, sizeof(buf)) != (ssize_t)sizeof(buf) || close(fd))
		tap_bail("cannot write %s", path);
	tohex(one, one_hex);
	snprintf(cmd, sizeof(cmd), TZCOM " hmac %s", path);
	tap_ok(!sh_hex(cmd, hex) && !strcmp(hex, one_hex),
	       "tzcom hmac FILE (device key) == tzcom_hmac_sha256()");
	unlink(path);
}

/* The secure side's rules, on the raw INVOKE and libtzcom's checks. */
static void check_errors(struct tzcom *h)
{
	uint8_t cmd[8 + 4], rsp[64], key[TZCOM_DIGEST_KEY_MAX + 1];
	struct tz_crypto_req req = { .cmd_id = TZ_CRYPTO_UPDATE, .data_len = 4 };
	struct tzcom_digest *d = NULL;
	uint32_t session = 0, id = TZ_CRYPTO_FINAL;
	int32_t status;
	size_t len = 0;
	int ret;

	memcpy(cmd, &req, sizeof(req));
	memcpy(cmd + sizeof(req), "data", 4);
	ret = tzcom_invoke(h, 0, cmd, sizeof(cmd), rsp, sizeof(rsp), &len, NULL, 0);
	memcpy(&status, rsp + 4, 4);
	tap_ok(!ret && len >= 8 && status == -EBADF, "UPDATE without a session: -EBADF (%d, %d)",
	       ret, status);
	ret = tzcom_session_open(h, TZ_SVC_CRYPTO, &session);
	tap_err(ret, 0, "crypto session opens");
	ret = tzcom_invoke(h, session, cmd, sizeof(cmd), rsp, sizeof(rsp), &len, NULL, 0);
	memcpy(&status, rsp + 4, 4);
	tap_ok(!ret && status == -EINVAL, "UPDATE with no digest running: -EINVAL (%d, %d)",
	       ret, status);
	ret = tzcom_invoke(h, session, &id, sizeof(id), rsp, sizeof(rsp), &len, NULL, 0);
	memcpy(&status, rsp + 4, 4);
	tap_ok(!ret && status == -EINVAL, "FINAL with no digest running: -EINVAL (%d, %d)",
	       ret, status);
	tap_err(tzcom_session_close(h, session), 0, "crypto session closes");

	tap_err(tzcom_digest_init(h, 9, NULL, 0, &d), -EINVAL, "unknown algorithm: -EINVAL");
	tap_err(tzcom_digest_init(h, TZCOM_DIGEST_HMAC_KEY, "k", 0, &d), -EINVAL,
		"empty key: -EINVAL");
	memset(key, 0x61, sizeof(key));
	tap_err(tzcom_digest_init(h, TZCOM_DIGEST_HMAC_KEY, key, TZCOM_DIGEST_KEY_MAX + 1, &d),
		-EINVAL, "key above TZCOM_DIGEST_KEY_MAX: -EINVAL");
	tap_err(tzcom_digest_init(h, TZCOM_DIGEST_SHA256, "k", 1, &d), -EINVAL,
		"a key for SHA-256: -EINVAL");
	ret = tzcom_digest_init(h, TZCOM_DIGEST_HMAC_KEY, key, TZCOM_DIGEST_KEY_MAX, &d);
	if (!ret)
		tzcom_digest_free(d);
	tap_err(ret, 0, "a key of TZCOM_DIGEST_KEY_MAX bytes starts a digest");
}

int main(void)
{
	static const size_t sizes[] = { 0, 1, 20479, 20480, 20481, 1u << 20, 64u << 20 };
	struct tzcom *h;
	double t0 = now();
	int ret;

	tap_plan(5 + 7 * 4 + 1 + 1 + 5 + 1 + 10);
	check_ref();
	for (size_t i = 0; i < HKEY_LEN; i++)
		snprintf(key_hex + 2 * i, 3, "%02x", hkey[i]);
	ret = tzcom_open(&h);
	if (ret)
		tap_bail("tzcom_open: %s", strerror(-ret));
	mkdir(DIR, 0700);
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		check_file(h, sizes[i]);
	check_pieces(h);
	check_device(h);
	check_errors(h);
	tzcom_close(h);
	rmdir(DIR);
	tap_diag("total %.1f s", now() - t0);
	return tap_done();
}
