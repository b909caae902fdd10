// SPDX-License-Identifier: LGPL-2.1-or-later
/* Names of MMC profiles, as MMC-5 lists them. */
#include "lib.h"
#include "../../kernel/mmc_defs.h"

static const struct {
	uint16_t profile;
	const char *name;
} ms_profiles[] = {
#define MMC_PROFILE(profile, family, unit, kind, name) { profile, name },
#include "../../kernel/mmc_profiles.h"
#undef MMC_PROFILE
};

MS_EXPORT const char *ms_profile_name(uint16_t profile)
{
	unsigned int i;

	for (i = 0; i < sizeof(ms_profiles) / sizeof(ms_profiles[0]); i++)
		if (ms_profiles[i].profile == profile)
			return ms_profiles[i].name;
	return "unknown profile";
}
