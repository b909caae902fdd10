// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * The public header builds as C99 beside the system headers that own the
 * bare MS_* names (mount flags, msync flags), and the version check works.
 */
#include <stddef.h>
#include <sys/mman.h>
#include <sys/mount.h>

#include <multisession.h>

#include "t.h"

#if !MS_CHECK_VERSION(1, 0) || MS_CHECK_VERSION(99, 0)
#error MS_CHECK_VERSION is wrong
#endif

int main(void)
{
	EXPECT(ms_version_major() == MS_VERSION_MAJOR);
	EXPECT(ms_version_minor() == MS_VERSION_MINOR);
	EXPECT(MS_RDONLY != 0 && MS_SYNC != 0);	/* still the system's */
	EXPECT(MS_KIND_SEQUENTIAL != MS_KIND_RANDOM_WRITE);
	/* both structs the list hands out say how much of them was filled */
	EXPECT(offsetof(struct ms_interface, size) == 0);
	EXPECT(offsetof(struct ms_track, struct_size) == 0);
	return t_totals();
}
