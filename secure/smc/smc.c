// SPDX-License-Identifier: BSD-3-Clause
/*
 * SMC dispatch: the function id's call type and owner (OEN) select one
 * service from a const table; a service whose init failed, or a call no
 * service owns, answers SMC_UNK.  SMC32 arguments are cut to 32 bits here
 * (SMCCC: the upper halves are ignored), so services never see them.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <tzbsp/log.h>
#include <tzbsp/smc.h>

static const struct smc_service *const services[] = {
	&smc_arm_arch_service,
	&psci_std_service,
	&sip_fast_service,
	&sip_yield_service,
};

#define NUM_SERVICES	(sizeof(services) / sizeof(services[0]))

/* Bit i: services[i] is up.  Written once on the boot CPU before release. */
static uint32_t services_up;

_Static_assert(NUM_SERVICES <= 32, "services_up is a 32-bit mask");

void smc_init(void)
{
	for (size_t i = 0; i < NUM_SERVICES; i++) {
		const struct smc_service *s = services[i];
		int ret = s->init ? s->init() : 0;

		if (ret) {
			tz_log("smc: service %s failed to start (%d); its calls answer SMC_UNK",
			       s->name, ret);
			continue;
		}
		services_up |= 1U << i;
	}
}

const struct smc_service *smc_lookup(uint32_t fid)
{
	uint32_t type = fid >> SMC_FID_TYPE_SHIFT;
	uint32_t oen = (fid >> SMC_FID_OEN_SHIFT) & SMC_FID_OEN_MASK;

	/* Fast calls: bits 23:16 must be zero (SMCCC 1.1). */
	if (type == SMC_TYPE_FAST && (fid & SMC_FID_MBZ_MASK))
		return NULL;
	for (size_t i = 0; i < NUM_SERVICES; i++) {
		const struct smc_service *s = services[i];

		if (!(services_up & (1U << i)))
			continue;
		if (s->call_type == type && oen >= s->oen_start && oen <= s->oen_end)
			return s;
	}
	return NULL;
}

void smc_handle(struct smc_frame *f)
{
	struct smc_args args = { .fid = (uint32_t)f->x[0] };
	bool smc64 = args.fid & SMC_FID_CC64;
	const struct smc_service *s;
	struct smc_ret ret;

	for (int i = 1; i < 8; i++)
		args.a[i] = smc64 ? f->x[i] : (uint32_t)f->x[i];
	/* Registers a service does not set come back as the caller left them. */
	for (int i = 0; i < 4; i++)
		ret.x[i] = f->x[i];
	ret.x[0] = (uint64_t)(int64_t)SMC_UNK;

	s = smc_lookup(args.fid);
	if (s)
		s->handle(&args, &ret);
	for (int i = 0; i < 4; i++)
		f->x[i] = ret.x[i];
}
