// SPDX-License-Identifier: LGPL-2.1-or-later
/* Names of MMC profiles, as MMC-5 lists them. */
#include "lib.h"

static const struct {
	uint16_t profile;
	const char *name;
} ms_profiles[] = {
	{ 0x0000, "no medium" },
	{ 0x0008, "CD-ROM" },
	{ 0x0009, "CD-R" },
	{ 0x000a, "CD-RW" },
	{ 0x0010, "DVD-ROM" },
	{ 0x0011, "DVD-R sequential" },
	{ 0x0012, "DVD-RAM" },
	{ 0x0013, "DVD-RW restricted overwrite" },
	{ 0x0014, "DVD-RW sequential" },
	{ 0x0015, "DVD-R DL sequential" },
	{ 0x0016, "DVD-R DL layer jump" },
	{ 0x001a, "DVD+RW" },
	{ 0x001b, "DVD+R" },
	{ 0x002a, "DVD+RW DL" },
	{ 0x002b, "DVD+R DL" },
	{ 0x0040, "BD-ROM" },
	{ 0x0041, "BD-R sequential" },
	{ 0x0042, "BD-R random" },
	{ 0x0043, "BD-RE" },
};

MS_EXPORT const char *ms_profile_name(uint16_t profile)
{
	unsigned int i;

	for (i = 0; i < sizeof(ms_profiles) / sizeof(ms_profiles[0]); i++)
		if (ms_profiles[i].profile == profile)
			return ms_profiles[i].name;
	return "unknown profile";
}
